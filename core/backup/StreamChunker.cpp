#include "StreamChunker.h"

#include "repository/Chunker.h"

#include <cstring>

namespace ncb::backup {

StreamChunker::StreamChunker(repo::Repository& repo)
    : m_repo(repo), m_chunks(std::make_shared<std::vector<repo::ChunkRef>>())
{
    m_buf.resize(std::size_t(m_repo.config().chunker.maxSize) * 2);
    for (int i = 0; i < kWorkers; ++i)
        m_workers.emplace_back([this] { work(); });
}

StreamChunker::~StreamChunker()
{
    {
        std::unique_lock g(m_mutex);
        drain(g);
        m_stop = true;
    }
    m_cv.notify_all();
    for (std::thread& t : m_workers)
        t.join();
}

void StreamChunker::drain(std::unique_lock<std::mutex>& g)
{
    m_cv.wait(g, [this] { return m_inFlight == 0; });
}

void StreamChunker::reset()
{
    std::unique_lock g(m_mutex);
    m_chunks = std::make_shared<std::vector<repo::ChunkRef>>(); // workers may still fill the last one
    m_have = 0;
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
    Job job;
    job.data = QByteArray(reinterpret_cast<const char*>(m_buf.data()), qsizetype(len));
    {
        std::unique_lock g(m_mutex);
        m_cv.wait(g, [this] { return m_inFlight < kMaxInFlight || m_error; });
        if (m_error)
            return *m_error;
        repo::ChunkRef ref;
        ref.size = std::uint32_t(len); // the id is filled in by the worker
        job.list = m_chunks;
        job.slot = m_chunks->size();
        m_chunks->push_back(ref);
        m_queue.push_back(std::move(job));
        ++m_inFlight;
    }
    m_cv.notify_all();
    m_total += qint64(len);
    std::memmove(m_buf.data(), m_buf.data() + len, m_have - len);
    m_have -= len;
    return {};
}

void StreamChunker::work()
{
    for (;;) {
        Job job;
        {
            std::unique_lock g(m_mutex);
            m_cv.wait(g, [this] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty())
                return; // m_stop, nothing left
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        const char* p = job.data.constData();
        const std::size_t len = std::size_t(job.data.size());
        const repo::BlobId id = m_repo.blobId(p, len);
        std::optional<Error> err;
        if (!m_repo.hasBlob(id)) {
            auto put = m_repo.putBlob(repo::BlobType::Data, id, p, len);
            if (!put) {
                err = put.error();
            } else if (put.value()) {
                m_newBytes += qint64(len);
                ++m_newBlobs;
            }
        }
        {
            std::unique_lock g(m_mutex);
            (*job.list)[job.slot].id = id;
            if (err && !m_error)
                m_error = std::move(err);
            --m_inFlight;
        }
        m_cv.notify_all();
    }
}

Status StreamChunker::finish()
{
    while (m_have > 0)
        NCB_TRY(cutOne());
    return waitAll();
}

Status StreamChunker::finishLater(std::vector<repo::ChunkRef>* dest)
{
    while (m_have > 0)
        NCB_TRY(cutOne());
    std::unique_lock g(m_mutex);
    m_later.emplace_back(m_chunks, dest);
    if (m_error)
        return *m_error;
    return {};
}

Status StreamChunker::waitAll()
{
    std::unique_lock g(m_mutex);
    drain(g);
    for (auto& [list, dest] : m_later)
        *dest = std::move(*list);
    m_later.clear();
    if (m_error)
        return *m_error;
    return {};
}

} // namespace ncb::backup
