#include "SnapshotRestorer.h"

#include "SafePath.h"
#include "SnapshotManifest.h"
#include "TreeReader.h"
#include "util/Limits.h"

#include <QDir>
#include <QElapsedTimer>

#include <algorithm>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <mutex>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace ncb::repo {

namespace {

QString shown(const QByteArray& p)
{
    return limits::shownPath(p); // a path of 1,000 folders is not printed whole
}

timespec toTs(std::int64_t ns)
{
    timespec t;
    t.tv_sec = ns / 1000000000;
    t.tv_nsec = ns % 1000000000;
    if (t.tv_nsec < 0) {
        t.tv_nsec += 1000000000;
        --t.tv_sec;
    }
    return t;
}

// The open folder of the entry before, kept while the tree is walked in order: the next entry's parent is
// opened from the deepest folder both share, not from the top, so a restore is linear in the depth of the
// tree (a 1,000-deep chain takes about 1,000 opens, not half a million). Every level keeps its fd while
// half the process's descriptor limit allows (so going up opens nothing); deeper than that, one in
// kStride levels does, and going up re-opens at most kStride folders.
class DirCursor
{
public:
    explicit DirCursor(int rootFd) : m_root(rootFd)
    {
        struct rlimit rl;
        if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
            m_keepAll = std::size_t(rl.rlim_cur / 2); // the rest for files being written (BatchFiles) and others
        else
            m_keepAll = 4096;
    }
    ~DirCursor()
    {
        for (int fd : m_fds)
            if (fd >= 0)
                ::close(fd);
    }
    DirCursor(const DirCursor&) = delete;
    DirCursor& operator=(const DirCursor&) = delete;

    // The fd of folder `rel` ("" = the target), created when missing, owned by the cursor and valid
    // until the next call. Unsafe/Io errors name `entryPath`.
    Result<int> open(const QByteArray& rel, const QByteArray& entryPath)
    {
        // Folders of the current path that `rel` shares: a byte prefix ending at a component's end.
        const qsizetype n = std::min(m_path.size(), rel.size());
        qsizetype p = 0;
        while (p < n && m_path[p] == rel[p])
            ++p;
        std::size_t common = std::size_t(std::upper_bound(m_ends.begin(), m_ends.end(), p) - m_ends.begin());
        if (common > 0 && m_ends[common - 1] == p && p < rel.size() && rel[p] != '/')
            --common;
        truncate(common);
        // From the deepest kept folder at or above, down to `rel`.
        std::size_t base = common;
        while (base > 0 && m_fds[base - 1] < 0)
            --base;
        int cur = base == 0 ? m_root : m_fds[base - 1];
        qsizetype at = base == 0 ? 0 : m_ends[base - 1] + 1;
        for (std::size_t level = base; level < common || at < rel.size(); ++level) {
            qsizetype end = rel.indexOf('/', at);
            if (end < 0)
                end = rel.size();
            auto next = openOrCreate(cur, rel.mid(at, end - at), entryPath);
            const bool kept = cur == m_root || m_fds[level - 1] == cur;
            if (!kept)
                ::close(cur); // re-opened on the way down, between two kept folders
            if (!next) {
                truncate(common);
                return next.error();
            }
            cur = next.value();
            if (level >= common) {
                m_ends.push_back(end);
                m_fds.push_back(cur);
            } else if (level + 1 == common) {
                m_fds[level] = cur; // the deepest shared folder is kept again
            }
            at = end + 1;
        }
        m_path = rel;
        // Past m_keepAll levels only every kStride-th level and the last one keep their fd.
        for (std::size_t i = std::max(m_keepAll, base > 0 ? base - 1 : 0); i + 1 < m_fds.size(); ++i)
            if (m_fds[i] >= 0 && (i + 1) % kStride != 0) {
                ::close(m_fds[i]);
                m_fds[i] = -1;
            }
        return m_fds.empty() ? m_root : m_fds.back();
    }

private:
    static constexpr std::size_t kStride = 16;

    void truncate(std::size_t levels)
    {
        while (m_fds.size() > levels) {
            if (m_fds.back() >= 0)
                ::close(m_fds.back());
            m_fds.pop_back();
            m_ends.pop_back();
        }
        m_path.truncate(levels == 0 ? 0 : m_ends[levels - 1]);
    }

    static Result<int> openOrCreate(int dirFd, const QByteArray& comp, const QByteArray& entryPath)
    {
        int next = ::openat(dirFd, comp.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0 && errno == ENOENT) {
            if (::mkdirat(dirFd, comp.constData(), 0700) != 0 && errno != EEXIST) {
                const int err = errno;
                return Error::make(Error::Io, QStringLiteral("Cannot create the folder for '%1': %2.")
                                                  .arg(shown(entryPath), QString::fromLocal8Bit(strerror(err))));
            }
            next = ::openat(dirFd, comp.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (next < 0) {
            const int err = errno;
            if (err == ELOOP || err == ENOTDIR)
                return Error::make(Error::Unsafe, QStringLiteral("Refusing to restore '%1': its parent '%2' is a symlink or a file "
                                                                 "in the restored tree.")
                                                      .arg(shown(entryPath), shown(comp)));
            return Error::make(Error::Io, QStringLiteral("Cannot open the folder for '%1': %2.")
                                              .arg(shown(entryPath), QString::fromLocal8Bit(strerror(err))));
        }
        return next;
    }

    int m_root;
    std::size_t m_keepAll = 0;      // levels that all keep their fd
    QByteArray m_path;              // the current folder, relative to the target
    std::vector<qsizetype> m_ends;  // where each of its components ends in m_path
    std::vector<int> m_fds;         // per component: its fd, or -1 when not kept
};

// A file being restored: its chunks are fetched, decrypted and written (pwrite at their offsets) by
// any worker, so one large file uses every core; the last chunk done finishes the file.
struct FileState
{
    TreeEntry entry;
    int fd = -1;
    int dirFd = -1; // to remove the file when it fails
    QByteArray name;
    std::atomic<std::size_t> remaining{0};
    std::mutex mutex;
    QString failure;
};

// One chunk of a file and where its sealed bytes are.
struct Piece
{
    std::shared_ptr<FileState> file;
    std::size_t index = 0;
    std::int64_t offset = 0; // in the file
    BlobPlace place;
};

// Neighbouring chunks of one pack, read with one pread and then opened one by one.
struct RunJob
{
    BlobId pack{};
    quint64 start = 0, end = 0;
    std::vector<Piece> pieces;
};

// Chunks are collected in batches, sorted by pack and offset, and cut into runs: a run is read with
// one large sequential read. Limits keep memory and open files bounded.
constexpr std::size_t BatchBytes = 64u * 1024 * 1024;
constexpr std::size_t BatchPieces = 8192;
constexpr std::size_t BatchFiles = 128; // each open file holds two descriptors until it is done
constexpr quint64 RunBytes = 8u * 1024 * 1024;
constexpr quint64 RunGap = 256u * 1024; // a hole this small is read through rather than seeked over
constexpr std::size_t QueuedRuns = 8;

} // namespace

SnapshotRestorer::SnapshotRestorer(Repository& repo) : m_repo(repo) {}

Status SnapshotRestorer::run(const SnapshotRestoreOptions& o, SnapshotRestoreReport* reportOut)
{
    for (const QByteArray& p : o.paths)
        NCB_TRY(checkSafeRelativePath(p));
    auto plain = m_repo.readManifest(o.snapshotId);
    if (!plain)
        return plain.error();
    auto man = parseManifest(plain.value());
    if (!man)
        return man.error();
    Repository* repo = &m_repo;
    TreeReader reader(man->treeBlobs, [repo](const BlobId& id) { return repo->getBlob(id); });
    QList<bool> found(o.paths.size(), false);
    const Next next = [&](TreeEntry& e, QByteArray& dest, bool& replace) {
        while (reader.next(e)) {
            if (!o.paths.isEmpty()) {
                bool selected = false;
                for (qsizetype i = 0; i < o.paths.size(); ++i) {
                    const QByteArray& p = o.paths[i];
                    if (e.path == p || (e.path.startsWith(p) && e.path.size() > p.size() && e.path[p.size()] == '/')) {
                        selected = true;
                        found[i] = true;
                    }
                }
                if (!selected)
                    continue;
            }
            dest = e.path;
            replace = true;
            return true;
        }
        return false;
    };
    const auto afterLoop = [&]() -> Status {
        if (reader.failed())
            return reader.error();
        for (qsizetype i = 0; i < o.paths.size(); ++i)
            if (!found[i])
                return Error::make(Error::NotFound, QStringLiteral("The path '%1' is not in the snapshot.").arg(shown(o.paths[i])));
        return {};
    };
    return write(o, next, man->stats.bytes, o.paths.isEmpty(), afterLoop, reportOut);
}

Status SnapshotRestorer::runItems(std::vector<RestoreItem> items, const SnapshotRestoreOptions& o, SnapshotRestoreReport* reportOut)
{
    qint64 total = 0;
    for (const RestoreItem& it : items)
        total += it.entry.type == TreeEntry::File ? it.entry.size : 0;
    std::size_t i = 0;
    const Next next = [&](TreeEntry& e, QByteArray& dest, bool& replace) {
        if (i >= items.size())
            return false;
        e = std::move(items[i].entry);
        dest = std::move(items[i].dest);
        replace = items[i].replace;
        ++i;
        return true;
    };
    return write(o, next, total, true, [] { return Status(); }, reportOut);
}

Status SnapshotRestorer::write(const SnapshotRestoreOptions& o, const Next& next, qint64 bytesTotal, bool eta,
                               const std::function<Status()>& afterLoop, SnapshotRestoreReport* reportOut)
{
    SnapshotRestoreReport rep;
    if (!QDir().mkpath(o.targetDir))
        return Error::make(Error::Io, QStringLiteral("Cannot create the folder %1.").arg(o.targetDir));
    const int rootFd = ::open(QFile::encodeName(o.targetDir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootFd < 0)
        return Error::make(Error::Io, QStringLiteral("Cannot open the folder %1.").arg(o.targetDir));
    const bool asRoot = ::geteuid() == 0 && o.sameOwner;
    const std::uint32_t modeMask = o.keepSpecialBits ? 07777 : 0777;

    // Workers restore file contents; the main thread creates folders and opens files in order.
    std::mutex mu;
    std::condition_variable cv, spaceCv;
    std::deque<RunJob> queue;
    bool stop = false;
    QElapsedTimer timer;
    timer.start();
    qint64 bytesDone = 0, filesDone = 0;
    // Sets metadata, closes; a failed file is removed: never silently wrong bytes.
    auto finishFile = [&](FileState& f) {
        if (f.failure.isEmpty()) {
            if (asRoot && ::fchown(f.fd, f.entry.uid, f.entry.gid) != 0)
                f.failure = QStringLiteral("'%1': cannot set its owner.").arg(shown(f.entry.path));
            ::fchmod(f.fd, f.entry.mode & modeMask);
            const timespec ts[2] = {toTs(f.entry.mtimeNs), toTs(f.entry.mtimeNs)};
            ::futimens(f.fd, ts);
        }
        ::close(f.fd);
        if (!f.failure.isEmpty())
            ::unlinkat(f.dirFd, f.name.constData(), 0);
        ::close(f.dirFd);
        std::lock_guard lk(mu);
        if (!f.failure.isEmpty())
            rep.failures << f.failure;
        else
            ++rep.files;
        ++filesDone;
    };
    auto failFile = [&](FileState& f, const QString& failure) {
        std::lock_guard lk(f.mutex);
        if (f.failure.isEmpty())
            f.failure = failure;
    };
    auto doneWith = [&](FileState& f) {
        if (--f.remaining == 0)
            finishFile(f);
    };
    auto worker = [&] {
        while (true) {
            RunJob job;
            {
                std::unique_lock lk(mu);
                cv.wait(lk, [&] { return stop || !queue.empty(); });
                if (queue.empty())
                    return;
                job = std::move(queue.front());
                queue.pop_front();
                spaceCv.notify_all();
            }
            auto run = m_repo.readPackRange(job.pack, job.start, job.end - job.start);
            for (Piece& pc : job.pieces) {
                const std::shared_ptr<FileState> keep = std::move(pc.file); // alive until finished below
                FileState& f = *keep;
                bool failed;
                {
                    std::lock_guard lk(f.mutex);
                    failed = !f.failure.isEmpty();
                }
                if (failed) {
                    doneWith(f);
                    continue;
                }
                const ChunkRef& c = f.entry.chunks[pc.index];
                Result<QByteArray> data = run ? m_repo.openBlob(c.id, pc.place, run->constData() + (pc.place.offset - job.start),
                                                                pc.place.length)
                                              : Result<QByteArray>(run.error());
                QString failure;
                if (!data || std::uint32_t(data->size()) != c.size) {
                    failure = QStringLiteral("'%1' could not be restored: chunk %2 is damaged or missing (%3)")
                                  .arg(shown(f.entry.path), blobHex(c.id, 16), data ? QStringLiteral("wrong size") : data.error().message);
                } else {
                    const char* p = data->constData();
                    qsizetype left = data->size();
                    off_t off = off_t(pc.offset);
                    while (left > 0) {
                        const ssize_t n = ::pwrite(f.fd, p, size_t(left), off);
                        if (n < 0 && errno == EINTR)
                            continue;
                        if (n <= 0) {
                            failure = QStringLiteral("'%1' could not be written: %2.").arg(shown(f.entry.path), QString::fromLocal8Bit(strerror(errno)));
                            break;
                        }
                        p += n;
                        left -= n;
                        off += n;
                    }
                    std::lock_guard lk(mu);
                    bytesDone += data->size();
                }
                if (!failure.isEmpty())
                    failFile(f, failure);
                doneWith(f);
            }
        }
    };
    // The batch being collected by the main thread; flushBatch sorts it into runs and queues them.
    std::vector<Piece> batch;
    std::size_t batchBytes = 0;
    std::size_t batchFiles = 0;
    auto flushBatch = [&] {
        std::sort(batch.begin(), batch.end(), [](const Piece& a, const Piece& b) {
            return a.place.pack != b.place.pack ? a.place.pack < b.place.pack : a.place.offset < b.place.offset;
        });
        std::size_t i = 0;
        while (i < batch.size()) {
            RunJob run;
            run.pack = batch[i].place.pack;
            run.start = batch[i].place.offset;
            run.end = run.start + batch[i].place.length;
            run.pieces.push_back(std::move(batch[i]));
            ++i;
            while (i < batch.size() && batch[i].place.pack == run.pack && batch[i].place.offset <= run.end + RunGap &&
                   quint64(batch[i].place.offset) + batch[i].place.length - run.start <= RunBytes) {
                run.end = std::max<quint64>(run.end, quint64(batch[i].place.offset) + batch[i].place.length);
                run.pieces.push_back(std::move(batch[i]));
                ++i;
            }
            std::unique_lock lk(mu);
            spaceCv.wait(lk, [&] { return queue.size() < QueuedRuns; });
            queue.push_back(std::move(run));
            cv.notify_one();
        }
        batch.clear();
        batchBytes = 0;
        batchFiles = 0;
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < std::max(1, o.threads); ++i)
        threads.emplace_back(worker);

    struct DirMeta
    {
        QByteArray path;
        TreeEntry entry;
    };
    std::vector<DirMeta> dirs; // metadata applied at the end, deepest first
    Status status;
    QElapsedTimer lastReport;
    lastReport.start();
    DirCursor cursor(rootFd);
    TreeEntry e;
    QByteArray dest;
    bool replace = false;
    while (next(e, dest, replace)) {
        status = checkSafeRelativePath(dest);
        if (!status.ok())
            break;
        const QByteArray current = e.path; // implicitly shared; `e` is moved into a file job below
        const qsizetype slash = dest.lastIndexOf('/');
        const QByteArray parentRel = slash < 0 ? QByteArray() : dest.left(slash);
        const QByteArray name = slash < 0 ? dest : dest.mid(slash + 1);
        auto parentFd = cursor.open(parentRel, e.path); // owned by the cursor
        if (!parentFd) {
            status = parentFd.error();
            break;
        }
        const int dirFd = parentFd.value();
        if (replace) {
            // Planned to replace what is there: a file, symlink or other non-folder goes first (a folder
            // stays: a folder is merged, a file is never written over one).
            struct stat st;
            if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
                ::unlinkat(dirFd, name.constData(), 0);
        }
        if (e.type == TreeEntry::Dir) {
            if (::mkdirat(dirFd, name.constData(), 0700) != 0 && errno != EEXIST) {
                status = Error::make(Error::Io, QStringLiteral("Cannot create the folder '%1': %2.")
                                                    .arg(shown(e.path), QString::fromLocal8Bit(strerror(errno))));
            } else {
                struct stat st;
                if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
                    status = Error::make(Error::Unsafe, QStringLiteral("Refusing to restore the folder '%1': something else is in its place.").arg(shown(e.path)));
                else
                    dirs.push_back({dest, e});
            }
            ++rep.dirs;
        } else if (e.type == TreeEntry::Symlink) {
            if (::symlinkat(e.linkTarget.constData(), dirFd, name.constData()) != 0) {
                struct stat st;
                if (errno == EEXIST && replace && ::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                    !S_ISDIR(st.st_mode) && ::unlinkat(dirFd, name.constData(), 0) == 0 &&
                    ::symlinkat(e.linkTarget.constData(), dirFd, name.constData()) == 0) {
                } else {
                    status = Error::make(Error::Io, QStringLiteral("Cannot create the symlink '%1': %2.")
                                                        .arg(shown(e.path), QString::fromLocal8Bit(strerror(errno))));
                }
            }
            if (status.ok()) {
                if (asRoot && ::fchownat(dirFd, name.constData(), e.uid, e.gid, AT_SYMLINK_NOFOLLOW) != 0) {
                    std::lock_guard lk(mu);
                    rep.failures << QStringLiteral("'%1': cannot set its owner.").arg(shown(e.path));
                }
                const timespec ts[2] = {toTs(e.mtimeNs), toTs(e.mtimeNs)};
                ::utimensat(dirFd, name.constData(), ts, AT_SYMLINK_NOFOLLOW);
                ++rep.symlinks;
            }
        } else {
            const int fd = ::openat(dirFd, name.constData(),
                                    O_WRONLY | O_CREAT | (replace ? O_TRUNC : O_EXCL) | O_NOFOLLOW | O_CLOEXEC, 0600);
            if (fd < 0) {
                const int err = errno;
                if (err == EEXIST) { // appeared since the plan was made: left alone
                    std::lock_guard lk(mu);
                    rep.failures << QStringLiteral("'%1' was not restored: a file of that name appeared meanwhile.").arg(shown(dest));
                    continue;
                }
                if (err == ELOOP) {
                    status = Error::make(Error::Unsafe, QStringLiteral("Refusing to restore '%1': a symlink is in its place.").arg(shown(e.path)));
                    break;
                }
                std::lock_guard lk(mu);
                rep.failures << QStringLiteral("'%1' could not be created: %2.").arg(shown(e.path), QString::fromLocal8Bit(strerror(err)));
                continue;
            }
            rep.bytes += e.size;
            auto file = std::make_shared<FileState>();
            file->entry = std::move(e);
            file->fd = fd;
            file->dirFd = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0); // the file outlives the cursor's position
            file->name = name;
            const std::size_t n = file->entry.chunks.size();
            if (n == 0) {
                finishFile(*file);
            } else {
                file->remaining = n;
                ++batchFiles;
                std::int64_t offset = 0;
                for (std::size_t i = 0; i < n; ++i) {
                    const ChunkRef& c = file->entry.chunks[i];
                    auto place = m_repo.locateBlob(c.id);
                    if (!place) {
                        failFile(*file, QStringLiteral("'%1' could not be restored: chunk %2 is damaged or missing (%3)")
                                            .arg(shown(file->entry.path), blobHex(c.id, 16), place.error().message));
                        doneWith(*file);
                    } else {
                        batchBytes += place->length;
                        batch.push_back(Piece{file, i, offset, place.value()});
                        if (batchBytes >= BatchBytes || batch.size() >= BatchPieces)
                            flushBatch();
                    }
                    offset += c.size;
                }
                if (batchFiles >= BatchFiles)
                    flushBatch();
            }
        }
        if (!status.ok())
            break;
        if (o.progress && lastReport.elapsed() > 200) {
            lastReport.restart();
            Progress p;
            p.phase = QStringLiteral("restore");
            {
                std::lock_guard lk(mu);
                p.filesDone = filesDone;
                p.bytesDone = bytesDone;
            }
            p.bytesTotal = bytesTotal;
            const double secs = timer.elapsed() / 1000.0;
            p.bytesPerSecond = secs > 0 ? p.bytesDone / secs : 0;
            if (p.bytesPerSecond > 0 && eta)
                p.etaSeconds = std::max(0.0, (p.bytesTotal - p.bytesDone) / p.bytesPerSecond);
            p.current = shown(current);
            o.progress(p);
        }
    }
    flushBatch();
    {
        std::lock_guard lk(mu);
        stop = true;
    }
    cv.notify_all();
    for (auto& t : threads)
        t.join();
    if (status.ok())
        status = afterLoop();
    // Folder metadata last (children change a folder's mtime), deepest first.
    {
        DirCursor up(rootFd); // deepest first is a walk up the tree: each folder opened from a near one
        for (auto it = dirs.rbegin(); status.ok() && it != dirs.rend(); ++it) {
            auto fd = up.open(it->path, it->path);
            if (!fd)
                continue;
            if (asRoot)
                ::fchown(fd.value(), it->entry.uid, it->entry.gid);
            ::fchmod(fd.value(), it->entry.mode & modeMask);
            const timespec ts[2] = {toTs(it->entry.mtimeNs), toTs(it->entry.mtimeNs)};
            ::futimens(fd.value(), ts);
        }
    }
    ::close(rootFd);
    if (reportOut)
        *reportOut = rep;
    if (!status.ok())
        return status;
    if (!rep.failures.isEmpty())
        return Error::make(Error::Corrupt, QStringLiteral("%1 file(s) could not be restored; first: %2")
                                               .arg(rep.failures.size())
                                               .arg(rep.failures.first()));
    return {};
}

} // namespace ncb::repo
