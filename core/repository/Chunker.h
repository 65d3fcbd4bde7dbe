#pragma once
// Content-defined chunking, FastCDC style (normalized chunking, level 2) with a gear table derived from
// the repository key. Streaming: feed buffers of any size, get cut points; a file is never held whole.
// Chunks are at least minSize (except the last one) and at most maxSize bytes.

#include "Repository.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ncb::repo {

class Chunker
{
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    Chunker(const ChunkerParams& params, const std::array<std::uint64_t, 256>& gear);

    // Scans data for the end of the current chunk. Returns the number of bytes of data that complete the
    // chunk (the chunk ends there; state resets for the next chunk), or npos when the whole buffer
    // belongs to the current chunk and it goes on.
    std::size_t findCut(const char* data, std::size_t size);
    // Appends every cut offset inside data (relative to data) to cuts; the bytes after the last cut
    // belong to a chunk that continues in the next buffer (or ends at end of stream).
    void cuts(const char* data, std::size_t size, std::vector<std::size_t>& cuts);
    // Bytes of the current, unfinished chunk seen so far.
    std::size_t pending() const { return m_len; }
    void reset();

    // Deterministic gear table from a 32-byte key (the repository's gear subkey).
    static std::array<std::uint64_t, 256> gearTableFromKey(const QByteArray& key);

private:
    std::size_t m_min, m_normal, m_max;
    std::uint64_t m_maskS, m_maskL;
    const std::array<std::uint64_t, 256>& m_gear;
    std::size_t m_len = 0;
    std::uint64_t m_hash = 0;
};

} // namespace ncb::repo
