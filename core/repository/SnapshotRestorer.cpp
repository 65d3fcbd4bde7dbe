#include "SnapshotRestorer.h"

#include "SafePath.h"
#include "SnapshotManifest.h"
#include "TreeReader.h"

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
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace ncb::repo {

namespace {

QString shown(const QByteArray& p)
{
    return QString::fromUtf8(p);
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

// Opens (creating when missing) the folder `rel` below rootFd, one component at a time, never
// following a symlink. Returns an fd or an Unsafe/Io error naming `entryPath`.
Result<int> openDirChain(int rootFd, const QByteArray& rel, const QByteArray& entryPath)
{
    int cur = ::dup(rootFd);
    if (rel.isEmpty())
        return cur;
    for (const QByteArray& comp : rel.split('/')) {
        int next = ::openat(cur, comp.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0 && errno == ENOENT) {
            if (::mkdirat(cur, comp.constData(), 0700) != 0 && errno != EEXIST) {
                const int err = errno;
                ::close(cur);
                return Error::make(Error::Io, QStringLiteral("Cannot create the folder for '%1': %2.")
                                                  .arg(shown(entryPath), QString::fromLocal8Bit(strerror(err))));
            }
            next = ::openat(cur, comp.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (next < 0) {
            const int err = errno;
            ::close(cur);
            if (err == ELOOP || err == ENOTDIR)
                return Error::make(Error::Unsafe, QStringLiteral("Refusing to restore '%1': its parent '%2' is a symlink or a file "
                                                                 "in the restored tree.")
                                                      .arg(shown(entryPath), shown(comp)));
            return Error::make(Error::Io, QStringLiteral("Cannot open the folder for '%1': %2.")
                                              .arg(shown(entryPath), QString::fromLocal8Bit(strerror(err))));
        }
        ::close(cur);
        cur = next;
    }
    return cur;
}

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
        auto dirFd = openDirChain(rootFd, parentRel, e.path);
        if (!dirFd) {
            status = dirFd.error();
            break;
        }
        if (replace) {
            // Planned to replace what is there: a file, symlink or other non-folder goes first (a folder
            // stays: a folder is merged, a file is never written over one).
            struct stat st;
            if (::fstatat(dirFd.value(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
                ::unlinkat(dirFd.value(), name.constData(), 0);
        }
        if (e.type == TreeEntry::Dir) {
            if (::mkdirat(dirFd.value(), name.constData(), 0700) != 0 && errno != EEXIST) {
                status = Error::make(Error::Io, QStringLiteral("Cannot create the folder '%1': %2.")
                                                    .arg(shown(e.path), QString::fromLocal8Bit(strerror(errno))));
            } else {
                struct stat st;
                if (::fstatat(dirFd.value(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
                    status = Error::make(Error::Unsafe, QStringLiteral("Refusing to restore the folder '%1': something else is in its place.").arg(shown(e.path)));
                else
                    dirs.push_back({dest, e});
            }
            ::close(dirFd.value());
            ++rep.dirs;
        } else if (e.type == TreeEntry::Symlink) {
            if (::symlinkat(e.linkTarget.constData(), dirFd.value(), name.constData()) != 0) {
                struct stat st;
                if (errno == EEXIST && replace && ::fstatat(dirFd.value(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                    !S_ISDIR(st.st_mode) && ::unlinkat(dirFd.value(), name.constData(), 0) == 0 &&
                    ::symlinkat(e.linkTarget.constData(), dirFd.value(), name.constData()) == 0) {
                } else {
                    status = Error::make(Error::Io, QStringLiteral("Cannot create the symlink '%1': %2.")
                                                        .arg(shown(e.path), QString::fromLocal8Bit(strerror(errno))));
                }
            }
            if (status.ok()) {
                if (asRoot && ::fchownat(dirFd.value(), name.constData(), e.uid, e.gid, AT_SYMLINK_NOFOLLOW) != 0) {
                    std::lock_guard lk(mu);
                    rep.failures << QStringLiteral("'%1': cannot set its owner.").arg(shown(e.path));
                }
                const timespec ts[2] = {toTs(e.mtimeNs), toTs(e.mtimeNs)};
                ::utimensat(dirFd.value(), name.constData(), ts, AT_SYMLINK_NOFOLLOW);
                ++rep.symlinks;
            }
            ::close(dirFd.value());
        } else {
            const int fd = ::openat(dirFd.value(), name.constData(),
                                    O_WRONLY | O_CREAT | (replace ? O_TRUNC : O_EXCL) | O_NOFOLLOW | O_CLOEXEC, 0600);
            if (fd < 0) {
                const int err = errno;
                ::close(dirFd.value());
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
            file->dirFd = dirFd.value();
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
    for (auto it = dirs.rbegin(); status.ok() && it != dirs.rend(); ++it) {
        auto fd = openDirChain(rootFd, it->path, it->path);
        if (!fd)
            continue;
        if (asRoot)
            ::fchown(fd.value(), it->entry.uid, it->entry.gid);
        ::fchmod(fd.value(), it->entry.mode & modeMask);
        const timespec ts[2] = {toTs(it->entry.mtimeNs), toTs(it->entry.mtimeNs)};
        ::futimens(fd.value(), ts);
        ::close(fd.value());
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
