#pragma once
// StreamChunker: turns a byte stream that arrives in blocks of any size (a tar member, a database dump)
// into content-defined chunks stored in the repository, with the same FastCDC cut rule as the snapshot
// creator, so a file read from a host dedups against the same file read locally.
//
// The thread that writes only finds the cuts, as the bytes arrive (each byte is copied once, into its
// chunk's buffer); hashing, compressing and sealing each chunk (putBlob) run on two worker threads, so
// reading the stream (SSH, tar) and that CPU work overlap. The chunk list keeps the stream's order.
// finishLater() lets the next stream start while the last chunks of this one are still being stored
// (many small files would otherwise wait for each other). Memory: the chunk being cut plus at most
// kMaxInFlight chunks waiting for or inside a worker (their buffers are reused);
// write() blocks while that many are in flight.

#include "repository/Chunker.h"
#include "repository/Repository.h"
#include "repository/TreeEntry.h"
#include "util/Result.h"

#include <QByteArray>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace ncb::backup {

class StreamChunker
{
public:
    static constexpr int kWorkers = 2;
    static constexpr qint64 kMaxInFlightBytes = 16 * 1024 * 1024;
    static constexpr std::size_t kSmallChunk = 256 * 1024; // travels in an exact-size buffer

    explicit StreamChunker(repo::Repository& repo);
    ~StreamChunker();
    StreamChunker(const StreamChunker&) = delete;
    StreamChunker& operator=(const StreamChunker&) = delete;

    void reset(); // starts a new stream (chunks() emptied)
    Status write(const char* data, qint64 len);
    Status finish(); // stores the last chunk(s) and waits until every chunk is stored
    // Cuts the last chunk(s) and returns at once; *dest receives the stream's chunk list in waitAll(),
    // which must come before *dest is read, moved or freed. Call reset() before the next stream.
    Status finishLater(std::vector<repo::ChunkRef>* dest);
    Status waitAll(); // every chunk stored, every finishLater() list delivered; the first error, if any

    // Complete after finish().
    const std::vector<repo::ChunkRef>& chunks() const { return *m_chunks; }
    std::vector<repo::ChunkRef> takeChunks() { return std::move(*m_chunks); }
    qint64 size() const { return m_total; }
    qint64 newBytes() const { return m_newBytes.load(); } // over the chunker's whole life
    qint64 newBlobs() const { return m_newBlobs.load(); }

private:
    using List = std::shared_ptr<std::vector<repo::ChunkRef>>;
    struct Job
    {
        std::vector<char> data;
        List list;
        std::size_t slot = 0;
        qint64 weight = 0; // what it counts against kMaxInFlightBytes
    };
    Status dispatch(); // m_cur to a worker
    Status cutRest();  // the end of a stream: its last chunk
    std::vector<char> takeBuffer();
    void work();
    void drain(std::unique_lock<std::mutex>& g); // waits until no chunk is in flight

    repo::Repository& m_repo;
    repo::Chunker m_cdc;
    std::vector<char> m_cur; // the chunk being cut
    qint64 m_total = 0;
    std::atomic<qint64> m_newBytes{0};
    std::atomic<qint64> m_newBlobs{0};

    // Shared with the workers, under m_mutex.
    std::mutex m_mutex;
    std::condition_variable m_workCv; // workers wait for jobs
    std::condition_variable m_doneCv; // the writer waits for room, or for every job to be stored
    std::deque<Job> m_queue;
    std::vector<std::vector<char>> m_pool; // buffers of stored chunks, for the next ones
    int m_inFlight = 0;
    qint64 m_inFlightBytes = 0;
    int m_idleWorkers = 0;
    bool m_writerWaiting = false;
    bool m_stop = false;
    std::optional<Error> m_error; // the first putBlob error; sticks
    List m_chunks;                // this stream's chunks (ids filled in by the workers)
    std::vector<std::pair<List, std::vector<repo::ChunkRef>*>> m_later;
    std::vector<std::thread> m_workers;
};

} // namespace ncb::backup
