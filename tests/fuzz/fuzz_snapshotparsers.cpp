// libFuzzer target for the snapshot parsers that read untrusted bytes: tree blobs and manifests.
// Build: CC=clang CXX=clang++ cmake -DNCB_BUILD_FUZZ=ON ...; run: fuzz_snapshotparsers -max_total_time=60
#include "repository/SnapshotManifest.h"
#include "repository/TreeBlobParser.h"

#include <cstdint>
#include <cstdlib>

using namespace ncb::repo;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    const char* p = reinterpret_cast<const char*>(data + 1);
    if (data[0] & 1) {
        auto r = parseTreeBlob(p, size - 1);
        if (r.ok()) {
            const TreeEntry* prev = nullptr;
            for (const TreeEntry& e : *r) {
                std::int64_t sum = 0;
                for (const ChunkRef& c : e.chunks)
                    sum += c.size;
                if (e.path.isEmpty() || sum != (e.type == TreeEntry::File ? e.size : 0) ||
                    (prev && comparePaths(prev->path, e.path) >= 0))
                    std::abort();
                prev = &e;
            }
        }
    } else {
        auto r = parseManifest(QByteArray::fromRawData(p, qsizetype(size - 1)));
        if (r.ok() && !r->time.isValid())
            std::abort();
    }
    return 0;
}
