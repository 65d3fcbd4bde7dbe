#include "SnapshotCreator.h"

#include "util/BulkMemory.h"

#include "Chunker.h"
#include "TreeReader.h"
#include "TreeScanner.h"
#include "TreeWriter.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHostInfo>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace ncb::repo {

namespace {

// One entry on its way to the tree: files that need reading are done by a worker.
struct Slot
{
    TreeEntry entry;
    bool needsRead = false;
    bool drop = false;        // vanished or unreadable: not part of the snapshot
    QString warning;
    qint64 bytesRead = 0;
    qint64 newBytes = 0;
    qint64 newBlobs = 0;
    std::optional<Error> fatal; // repository write failed: the snapshot fails
    bool done = false;
};

struct Shared
{
    std::mutex mutex;
    std::condition_variable workCv;  // workers wait for slots
    std::condition_variable doneCv;  // main waits for the front slot
    std::deque<Slot*> queue;
    bool stop = false;
    std::atomic<qint64> bytesInFlight{0};
};

std::int64_t ns(const timespec& t)
{
    return std::int64_t(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// Reads, chunks and stores one file. Runs on a worker thread.
void processFile(Repository& repo, const QByteArray& root, Slot& s, std::vector<std::uint8_t>& buf)
{
    const QByteArray full = root + '/' + s.entry.path;
    const int fd = ::open(full.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOATIME);
    const int fd2 = fd >= 0 ? fd : ::open(full.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC); // O_NOATIME: owner only
    if (fd2 < 0) {
        s.drop = true;
        s.warning = errno == ENOENT ? QStringLiteral("%1: vanished before it was read").arg(QString::fromUtf8(s.entry.path))
                                    : QStringLiteral("%1: cannot be read: %2")
                                          .arg(QString::fromUtf8(s.entry.path), QString::fromLocal8Bit(strerror(errno)));
        return;
    }
    struct stat st;
    if (::fstat(fd2, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd2);
        s.drop = true;
        s.warning = QStringLiteral("%1: changed into something else than a file while read").arg(QString::fromUtf8(s.entry.path));
        return;
    }
    ::posix_fadvise(fd2, 0, 0, POSIX_FADV_SEQUENTIAL);
    const ChunkerParams& params = repo.config().chunker;
    Chunker chunker(params, repo.gearTable());
    const std::size_t cap = std::size_t(params.maxSize) * 2;
    buf.resize(cap);
    std::size_t have = 0, start = 0;
    bool eof = false;
    std::int64_t total = 0;
    s.entry.chunks.clear();
    while (true) {
        // Keep at least maxSize bytes ahead of `start` so every cut is final.
        if (!eof && have - start < params.maxSize) {
            std::memmove(buf.data(), buf.data() + start, have - start);
            have -= start;
            start = 0;
            while (!eof && have < cap) {
                const ssize_t n = ::read(fd2, buf.data() + have, cap - have);
                if (n < 0) {
                    if (errno == EINTR)
                        continue;
                    ::close(fd2);
                    s.drop = true;
                    s.warning = QStringLiteral("%1: read error: %2").arg(QString::fromUtf8(s.entry.path), QString::fromLocal8Bit(strerror(errno)));
                    return;
                }
                if (n == 0)
                    eof = true;
                have += std::size_t(n);
                s.bytesRead += n;
            }
        }
        if (start >= have)
            break;
        // At least maxSize bytes (or the rest of the file) are buffered: the cut is final.
        chunker.reset();
        std::size_t len = chunker.findCut(reinterpret_cast<const char*>(buf.data() + start), have - start);
        if (len == Chunker::npos)
            len = have - start;
        const char* p = reinterpret_cast<const char*>(buf.data() + start);
        ChunkRef ref;
        ref.id = repo.blobId(p, len);
        ref.size = std::uint32_t(len);
        if (!repo.hasBlob(ref.id)) {
            auto put = repo.putBlob(BlobType::Data, ref.id, p, len);
            if (!put) {
                ::close(fd2);
                s.fatal = put.error();
                return;
            }
            if (put.value()) {
                s.newBytes += qint64(len);
                ++s.newBlobs;
            }
        }
        s.entry.chunks.push_back(ref);
        total += std::int64_t(len);
        start += len;
    }
    struct stat after;
    const bool changed = ::fstat(fd2, &after) != 0 || after.st_size != st.st_size || ns(after.st_mtim) != ns(st.st_mtim) ||
                         total != st.st_size || st.st_size != s.entry.size || ns(st.st_mtim) != s.entry.mtimeNs;
    ::close(fd2);
    if (changed)
        s.warning = QStringLiteral("%1: changed while it was read").arg(QString::fromUtf8(s.entry.path));
    s.entry.size = total;
    s.entry.mtimeNs = ns(st.st_mtim);
    s.entry.ctimeNs = ns(st.st_ctim);
    s.entry.mode = st.st_mode & 07777;
}

bool sameFile(const TreeEntry& a, const TreeEntry& b)
{
    return a.type == TreeEntry::File && b.type == TreeEntry::File && a.size == b.size && a.mtimeNs == b.mtimeNs &&
           a.ctimeNs == b.ctimeNs && a.inode == b.inode;
}

} // namespace

SnapshotCreator::SnapshotCreator(Repository& repo) : m_repo(repo) {}

Result<QString> SnapshotCreator::findParent(const Repository& repo, const QString& sourceDir)
{
    auto list = repo.listSnapshots();
    if (!list)
        return list.error();
    for (qsizetype i = list->size() - 1; i >= 0; --i) {
        auto plain = repo.readManifest(list->at(i).id);
        if (!plain)
            continue; // a damaged manifest is not a parent; check reports it
        auto m = parseManifest(plain.value());
        if (m && m->sourcePaths == QStringList{sourceDir})
            return list->at(i).id;
    }
    return QString();
}

Result<SnapshotCreateResult> SnapshotCreator::run(const SnapshotCreateOptions& o)
{
    const BulkMemory bulk;
    QElapsedTimer timer;
    timer.start();
    const QString source = QDir(o.sourceDir).absolutePath();
    TreeScanner scanner(source);
    NCB_TRY(scanner.open());

    SnapshotManifest m;
    m.time = QDateTime::currentDateTimeUtc();
    m.hostname = QHostInfo::localHostName();
    m.sourcePaths << source;
    m.extra = o.extra;
    m.kind = SnapshotManifest::Full;

    std::unique_ptr<TreeReader> parent;
    qint64 estimatedBytes = -1; // the parent's size: good enough for a bar and an ETA
    if (!o.full) {
        QString parentId = o.parentId;
        if (parentId.isEmpty()) {
            auto p = findParent(m_repo, source);
            if (!p)
                return p.error();
            parentId = p.value();
        }
        if (!parentId.isEmpty()) {
            auto plain = m_repo.readManifest(parentId);
            if (!plain)
                return plain.error();
            auto pm = parseManifest(plain.value());
            if (!pm)
                return pm.error();
            m.parent = parentId;
            estimatedBytes = pm->stats.bytes;
            m.kind = SnapshotManifest::Incremental;
            Repository* repo = &m_repo;
            parent = std::make_unique<TreeReader>(pm->treeBlobs, [repo](const BlobId& id) { return repo->getBlob(id); });
        }
    }

    // Tree output.
    std::optional<Error> treeError;
    TreeWriter tree(m_repo.gearTable(), [&](const QByteArray& blob) -> Status {
        const BlobId id = m_repo.blobId(blob.constData(), std::size_t(blob.size()));
        if (!m_repo.hasBlob(id)) {
            auto put = m_repo.putBlob(BlobType::Tree, id, blob.constData(), std::size_t(blob.size()));
            if (!put)
                return put.error();
            if (put.value()) {
                m.stats.newBytes += blob.size();
                ++m.stats.newBlobs;
            }
        }
        m.treeBlobs << id;
        return {};
    });

    // Workers.
    Shared sh;
    const QByteArray root = QFile::encodeName(source);
    std::vector<std::thread> workers;
    const int nThreads = std::max(1, o.threads);
    for (int i = 0; i < nThreads; ++i) {
        workers.emplace_back([&] {
            std::vector<std::uint8_t> buf;
            std::unique_lock lk(sh.mutex);
            while (true) {
                sh.workCv.wait(lk, [&] { return sh.stop || !sh.queue.empty(); });
                if (sh.queue.empty())
                    return;
                Slot* s = sh.queue.front();
                sh.queue.pop_front();
                lk.unlock();
                processFile(m_repo, root, *s, buf);
                lk.lock();
                s->done = true;
                sh.bytesInFlight -= s->entry.size;
                sh.doneCv.notify_all();
            }
        });
    }
    auto stopWorkers = [&] {
        {
            std::lock_guard lk(sh.mutex);
            sh.stop = true;
            sh.queue.clear();
        }
        sh.workCv.notify_all();
        for (auto& t : workers)
            t.join();
        workers.clear();
    };

    std::deque<std::unique_ptr<Slot>> window;
    qint64 bytesDone = 0, filesDone = 0;
    QElapsedTimer lastReport;
    lastReport.start();
    auto report = [&](const QString& current, bool force) {
        if (!o.progress || (!force && lastReport.elapsed() < 200))
            return;
        lastReport.restart();
        Progress p;
        p.phase = QStringLiteral("files");
        p.filesDone = filesDone;
        p.bytesDone = bytesDone;
        p.bytesTotal = estimatedBytes > 0 ? std::max(estimatedBytes, bytesDone) : -1;
        const double secs = timer.elapsed() / 1000.0;
        p.bytesPerSecond = secs > 0 ? bytesDone / secs : 0;
        if (p.bytesTotal > 0 && p.bytesPerSecond > 0)
            p.etaSeconds = double(p.bytesTotal - bytesDone) / p.bytesPerSecond;
        p.current = current;
        o.progress(p);
    };

    // Moves finished slots from the front of the window into the tree.
    auto drain = [&](bool all) -> Status {
        while (!window.empty()) {
            Slot* s = window.front().get();
            {
                std::unique_lock lk(sh.mutex);
                if (!s->done) {
                    if (!all && window.size() < 512 && sh.bytesInFlight < 256ll * 1024 * 1024)
                        return {};
                    sh.doneCv.wait(lk, [&] { return s->done; });
                }
            }
            if (s->fatal)
                return *s->fatal;
            if (!s->warning.isEmpty())
                m.warnings << s->warning;
            m.stats.bytesRead += s->bytesRead;
            m.stats.newBytes += s->newBytes;
            m.stats.newBlobs += s->newBlobs;
            if (!s->drop) {
                switch (s->entry.type) {
                case TreeEntry::File:
                    ++m.stats.files;
                    m.stats.bytes += s->entry.size;
                    ++filesDone;
                    bytesDone += s->entry.size;
                    break;
                case TreeEntry::Dir:
                    ++m.stats.dirs;
                    break;
                case TreeEntry::Symlink:
                    ++m.stats.symlinks;
                    break;
                }
                NCB_TRY(tree.add(s->entry));
                report(QString::fromUtf8(s->entry.path), false);
            }
            window.pop_front();
        }
        return {};
    };

    Status status;
    TreeEntry e;
    while (scanner.next(e)) {
        if (o.cancel && o.cancel()) {
            status = Error::make(Error::Cancelled, QStringLiteral("The snapshot was cancelled; nothing was recorded."));
            break;
        }
        auto slot = std::make_unique<Slot>();
        slot->entry = std::move(e);
        if (slot->entry.type == TreeEntry::File) {
            bool reused = false;
            if (parent) {
                while (const TreeEntry* pe = parent->peek()) {
                    const int c = comparePaths(pe->path, slot->entry.path);
                    if (c > 0)
                        break;
                    if (c == 0 && sameFile(*pe, slot->entry)) {
                        slot->entry.chunks = pe->chunks;
                        reused = true;
                    }
                    TreeEntry skip;
                    parent->next(skip);
                    if (c == 0)
                        break;
                }
                if (parent->failed()) {
                    status = parent->error();
                    break;
                }
            }
            slot->needsRead = !reused;
        }
        Slot* raw = slot.get();
        if (!raw->needsRead)
            raw->done = true;
        window.push_back(std::move(slot));
        if (raw->needsRead) {
            std::lock_guard lk(sh.mutex);
            sh.bytesInFlight += raw->entry.size;
            sh.queue.push_back(raw);
            sh.workCv.notify_one();
        }
        status = drain(false);
        if (!status.ok())
            break;
    }
    if (status.ok())
        status = drain(true);
    stopWorkers();
    if (!status.ok())
        return status.error(); // the packs written so far stay usable for the next run
    NCB_TRY(tree.finish());
    NCB_TRY(m_repo.flush());

    m.skipped = scanner.skipped();
    m.stats.durationSeconds = timer.elapsed() / 1000.0;
    report(QString(), true);
    auto id = m_repo.writeManifest(m.toJson(), m.time);
    if (!id)
        return id.error();
    return SnapshotCreateResult{id.value(), std::move(m)};
}

} // namespace ncb::repo
