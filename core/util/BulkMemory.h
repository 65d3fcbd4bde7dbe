#pragma once
// While a backup or snapshot runs, blobs of about 1 MiB are sealed, queued and freed thousands of times
// a second. glibc serves allocations above its mmap threshold with fresh mappings (and trims freed heap
// back to the system), so each such blob cost page faults and the kernel zeroing its pages: 148,000
// faults and ~0.7 s of CPU in a 2 GiB full RP (docs/PERFORMANCE.md). A BulkMemory scope keeps those
// allocations in the heap and gives the memory back when the last scope ends.

namespace ncb {

class BulkMemory
{
public:
    BulkMemory();
    ~BulkMemory();
    BulkMemory(const BulkMemory&) = delete;
    BulkMemory& operator=(const BulkMemory&) = delete;
};

} // namespace ncb
