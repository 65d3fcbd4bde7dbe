#pragma once
// StreamChunker: turns a byte stream that arrives in blocks of any size (a tar member, a database dump)
// into content-defined chunks stored in the repository, with the same FastCDC cut rule as the snapshot
// creator, so a file read from a host dedups against the same file read locally. Holds at most two
// maximum-size chunks in memory.

#include "repository/Repository.h"
#include "repository/TreeEntry.h"
#include "util/Result.h"

#include <vector>

namespace ncb::backup {

class StreamChunker
{
public:
    explicit StreamChunker(repo::Repository& repo);

    void reset(); // starts a new stream (chunks() emptied)
    Status write(const char* data, qint64 len);
    Status finish(); // stores the last chunk(s)

    const std::vector<repo::ChunkRef>& chunks() const { return m_chunks; }
    std::vector<repo::ChunkRef> takeChunks() { return std::move(m_chunks); }
    qint64 size() const { return m_total; }
    qint64 newBytes() const { return m_newBytes; } // over the chunker's whole life
    qint64 newBlobs() const { return m_newBlobs; }

private:
    Status cutOne();
    repo::Repository& m_repo;
    std::vector<std::uint8_t> m_buf;
    std::size_t m_have = 0;
    std::vector<repo::ChunkRef> m_chunks;
    qint64 m_total = 0;
    qint64 m_newBytes = 0;
    qint64 m_newBlobs = 0;
};

} // namespace ncb::backup
