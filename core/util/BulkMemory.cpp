#include "BulkMemory.h"

#include <atomic>
#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace ncb {

namespace {
std::mutex g_mutex;
int g_scopes = 0;
} // namespace

BulkMemory::BulkMemory()
{
#if defined(__GLIBC__)
    std::lock_guard g(g_mutex);
    if (g_scopes++ == 0) {
        mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
        mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    }
#endif
}

BulkMemory::~BulkMemory()
{
#if defined(__GLIBC__)
    std::lock_guard g(g_mutex);
    if (--g_scopes == 0) {
        // Back to glibc's defaults (dynamic threshold from 128 KiB, trim at 128 KiB), and the memory the
        // run held returned at once: the desktop app stays small between backups.
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
        mallopt(M_TRIM_THRESHOLD, 128 * 1024);
        malloc_trim(0);
    }
#endif
}

} // namespace ncb
