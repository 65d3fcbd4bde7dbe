#include "StreamChunker.h"

#include "repository/Chunker.h"

#include <cstring>

namespace ncb::backup {

StreamChunker::StreamChunker(repo::Repository& repo) : m_repo(repo)
{
    m_buf.resize(std::size_t(m_repo.config().chunker.maxSize) * 2);
}

void StreamChunker::reset()
{
    m_have = 0;
    m_chunks.clear();
    m_total = 0;
}

Status StreamChunker::write(const char* data, qint64 len)
{
    const std::size_t max = m_repo.config().chunker.maxSize;
    while (len > 0) {
        const std::size_t room = m_buf.size() - m_have;
        const std::size_t n = std::min<std::size_t>(room, std::size_t(len));
        std::memcpy(m_buf.data() + m_have, data, n);
        m_have += n;
        data += n;
        len -= qint64(n);
        while (m_have >= max) // every cut with maxSize bytes ahead is final
            NCB_TRY(cutOne());
    }
    return {};
}

Status StreamChunker::cutOne()
{
    // At least maxSize bytes (or the rest of the stream) are buffered: the cut is final, and the same
    // as the snapshot creator's for the same bytes.
    repo::Chunker chunker(m_repo.config().chunker, m_repo.gearTable());
    std::size_t len = chunker.findCut(reinterpret_cast<const char*>(m_buf.data()), m_have);
    if (len == repo::Chunker::npos)
        len = m_have;
    const char* p = reinterpret_cast<const char*>(m_buf.data());
    repo::ChunkRef ref;
    ref.id = m_repo.blobId(p, len);
    ref.size = std::uint32_t(len);
    if (!m_repo.hasBlob(ref.id)) {
        auto put = m_repo.putBlob(repo::BlobType::Data, ref.id, p, len);
        if (!put)
            return put.error();
        if (put.value()) {
            m_newBytes += qint64(len);
            ++m_newBlobs;
        }
    }
    m_chunks.push_back(ref);
    m_total += qint64(len);
    std::memmove(m_buf.data(), m_buf.data() + len, m_have - len);
    m_have -= len;
    return {};
}

Status StreamChunker::finish()
{
    while (m_have > 0)
        NCB_TRY(cutOne());
    return {};
}

} // namespace ncb::backup
