#include "StreamChunker.h"

#include <cstring>

namespace ncb::backup {

StreamChunker::StreamChunker(repo::Repository& repo)
    : m_repo(repo), m_cdc(repo.config().chunker, repo.gearTable()),
      m_chunks(std::make_shared<std::vector<repo::ChunkRef>>())
{
    m_cur = takeBuffer();
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
    m_workCv.notify_all();
    for (std::thread& t : m_workers)
        t.join();
}

void StreamChunker::drain(std::unique_lock<std::mutex>& g)
{
    m_writerWaiting = true;
    m_doneCv.wait(g, [this] { return m_inFlight == 0; });
    m_writerWaiting = false;
}

std::vector<char> StreamChunker::takeBuffer()
{
    {
        std::lock_guard g(m_mutex);
        if (!m_pool.empty()) {
            std::vector<char> b = std::move(m_pool.back());
            m_pool.pop_back();
            return b;
        }
    }
    std::vector<char> b;
    b.reserve(m_repo.config().chunker.maxSize);
    return b;
}

void StreamChunker::reset()
{
    std::unique_lock g(m_mutex);
    m_chunks = std::make_shared<std::vector<repo::ChunkRef>>(); // workers may still fill the last one
    m_cur.clear();
    m_cdc.reset();
    m_total = 0;
}

Status StreamChunker::write(const char* data, qint64 len)
{
    // The cut search runs over the bytes as they arrive (the chunker keeps its state between calls), so
    // each byte is copied once, into the buffer of the chunk it belongs to, which then goes to a worker
    // as it is: no buffering ahead, no moving of leftovers.
    while (len > 0) {
        const std::size_t cut = m_cdc.findCut(data, std::size_t(len));
        const std::size_t take = cut == repo::Chunker::npos ? std::size_t(len) : cut;
        m_cur.insert(m_cur.end(), data, data + take);
        data += take;
        len -= qint64(take);
        if (cut != repo::Chunker::npos)
            NCB_TRY(dispatch());
    }
    return {};
}

Status StreamChunker::dispatch()
{
    const std::size_t len = m_cur.size();
    Job job;
    const bool small = len < kSmallChunk;
    if (small) {
        job.data.assign(m_cur.begin(), m_cur.end()); // m_cur keeps its whole-size buffer
        m_cur.clear();
        job.weight = qint64(len);
    } else {
        job.data = std::move(m_cur);
        m_cur = {};
        job.weight = qint64(job.data.capacity());
    }
    bool wake = false;
    {
        std::unique_lock g(m_mutex);
        const auto room = [&] { return m_inFlight == 0 || m_inFlightBytes + job.weight <= kMaxInFlightBytes; };
        if (!room() && !m_error) {
            m_writerWaiting = true;
            m_doneCv.wait(g, [&] { return room() || m_error; });
            m_writerWaiting = false;
        }
        if (m_error) {
            if (!small) {
                m_cur = std::move(job.data);
                m_cur.clear();
            }
            return *m_error;
        }
        repo::ChunkRef ref;
        ref.size = std::uint32_t(len); // the id is filled in by the worker
        job.list = m_chunks;
        job.slot = m_chunks->size();
        m_chunks->push_back(ref);
        m_inFlightBytes += job.weight;
        m_queue.push_back(std::move(job));
        ++m_inFlight;
        wake = m_idleWorkers > 0;
    }
    if (wake)
        m_workCv.notify_one();
    m_total += qint64(len);
    if (!small)
        m_cur = takeBuffer();
    return {};
}

void StreamChunker::work()
{
    std::unique_lock g(m_mutex);
    for (;;) {
        if (m_queue.empty()) {
            ++m_idleWorkers;
            m_workCv.wait(g, [this] { return m_stop || !m_queue.empty(); });
            --m_idleWorkers;
            if (m_queue.empty())
                return; // m_stop, nothing left
        }
        Job job = std::move(m_queue.front());
        m_queue.pop_front();
        g.unlock();
        const char* p = job.data.data();
        const std::size_t len = job.data.size();
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
        job.data.clear(); // a whole-size buffer keeps its capacity for a later chunk
        g.lock();
        (*job.list)[job.slot].id = id;
        if (err && !m_error)
            m_error = std::move(err);
        if (job.weight >= qint64(kSmallChunk)) // not a small chunk's own buffer
            m_pool.push_back(std::move(job.data));
        --m_inFlight;
        m_inFlightBytes -= job.weight;
        if (m_writerWaiting)
            m_doneCv.notify_all(); // only the writer waits on it
    }
}

Status StreamChunker::cutRest()
{
    if (!m_cur.empty())
        NCB_TRY(dispatch());
    m_cdc.reset();
    return {};
}

Status StreamChunker::finish()
{
    NCB_TRY(cutRest());
    return waitAll();
}

Status StreamChunker::finishLater(std::vector<repo::ChunkRef>* dest)
{
    NCB_TRY(cutRest());
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
