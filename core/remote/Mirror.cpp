#include "Mirror.h"

#include "util/Paths.h"
#include "util/ProgressEstimator.h"

#include <QCoreApplication>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

namespace ncb::remote {

namespace {

// Order of sending: config and keys, packs, index files, manifests last.
int rank(const QString& rel)
{
    if (rel.startsWith(QLatin1String("data/")))
        return 1;
    if (rel.startsWith(QLatin1String("index/")))
        return 2;
    if (rel.startsWith(QLatin1String("snapshots/")))
        return 3;
    return 0;
}

bool isMirrored(const QString& rel)
{
    const QString leaf = rel.mid(rel.lastIndexOf(QLatin1Char('/')) + 1);
    if (leaf.startsWith(QLatin1String(".tmp-")))
        return false;
    if (rel == QLatin1String("config"))
        return true;
    return rel.startsWith(QLatin1String("keys/")) || rel.startsWith(QLatin1String("data/")) ||
           rel.startsWith(QLatin1String("index/")) || rel.startsWith(QLatin1String("snapshots/"));
}

QString join(const QString& folder, const QString& rel)
{
    QString f = folder;
    while (f.endsWith(QLatin1Char('/')))
        f.chop(1);
    return f.isEmpty() ? rel : f + QLatin1Char('/') + rel;
}

struct Meter
{
    explicit Meter(const MirrorOptions& o, QString phase, qint64 total, qint64 files)
        : opts(o)
    {
        p.phase = std::move(phase);
        p.bytesTotal = total;
        p.filesTotal = files;
        clock.start();
    }
    void show(qint64 bytesNow, const QString& current)
    {
        if (!opts.progress)
            return;
        fileBytes = std::max(fileBytes, bytesNow); // Qt reports (0, 0) once an upload is finished
        p.bytesDone = base + fileBytes;
        p.current = current;
        if (clock.elapsed() - lastShown < 200 && bytesNow != 0)
            return;
        lastShown = clock.elapsed();
        Progress q = p;
        q.bytesPerSecond = 0;
        q.etaSeconds = -1;
        opts.progress(est.update(clock.elapsed(), q));
    }
    void fileDone(qint64 bytes)
    {
        base += bytes;
        fileBytes = 0;
        ++p.filesDone;
        lastShown = -1000;
        show(0, p.current);
    }
    const MirrorOptions& opts;
    Progress p;
    ProgressEstimator est;
    QElapsedTimer clock;
    qint64 base = 0;
    qint64 fileBytes = 0;
    qint64 lastShown = -1000;
};

Status cancelled()
{
    return Error::make(Error::Cancelled, QStringLiteral("Stopped; what was sent stays on the remote and the next push "
                                                        "goes on from there."));
}

} // namespace

Result<QMap<QString, qint64>> remoteMirrorFiles(const WebDavClient& client, const QString& folder)
{
    QMap<QString, qint64> out;
    QStringList todo{QString()};
    while (!todo.isEmpty()) {
        const QString dir = todo.takeFirst();
        auto entries = client.list(client.filesUrl(join(folder, dir)));
        if (!entries) {
            if (entries.error().code == Error::NotFound && dir.isEmpty())
                return out;
            return entries.error();
        }
        for (const DavEntry& e : *entries) {
            // A name from the server becomes a local path on pull: only plain names, never '/', '.', '..'.
            // Hidden names ('.', '..', .tmp- leftovers) are not part of a mirror.
            static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$"));
            if (e.name.startsWith(QLatin1Char('.')))
                continue;
            if (!plain.match(e.name).hasMatch())
                return Error::make(Error::Unsafe, QStringLiteral("%1 lists a file called '%2' in %3, which no "
                                                                 "repository holds; nothing was read from it.")
                                                      .arg(client.base().host(), e.name, join(folder, dir)));
            const QString rel = dir.isEmpty() ? e.name : dir + QLatin1Char('/') + e.name;
            if (e.isDir) {
                if (dir.isEmpty() || dir == QLatin1String("data"))
                    todo.append(rel);
            } else if (isMirrored(rel)) {
                out.insert(rel, e.size);
            }
        }
    }
    return out;
}

namespace {

Status sendChunked(const WebDavClient& client, const QString& target, const QString& localFile, qint64 size,
                   const QString& uploadId, const MirrorOptions& opts, Meter& meter, PushReport& report)
{
    const QUrl folderUrl = client.uploadsUrl(uploadId);
    QMap<QString, qint64> have;
    auto existing = client.list(folderUrl);
    if (existing) {
        for (const DavEntry& e : *existing)
            if (!e.isDir)
                have.insert(e.name, e.size);
    } else if (existing.error().code == Error::NotFound) {
        NCB_TRY(client.mkcol(folderUrl));
    } else {
        return existing.error();
    }
    const QByteArray total = QByteArray::number(size);
    qint64 done = 0;
    for (int n = 1; done < size; ++n) {
        if (opts.cancel && opts.cancel())
            return cancelled();
        const qint64 len = std::min(opts.chunkSize, size - done);
        const QString name = QStringLiteral("%1").arg(n, 5, 10, QLatin1Char('0'));
        if (have.value(name, -1) == len) {
            ++report.chunksResumed;
        } else {
            const qint64 before = done;
            NCB_TRY(client.put(client.uploadsUrl(uploadId, name), localFile, done, len,
                               [&](qint64 sent) { meter.show(before + sent, target); }));
            ++report.chunksSent;
            report.bytesSent += len;
        }
        done += len;
        meter.show(done, target);
    }
    return client.move(client.uploadsUrl(uploadId, QStringLiteral(".file")), client.filesUrl(target),
                       {{"OC-Total-Length", total}});
}

} // namespace

namespace {

Result<QList<QPair<QString, qint64>>> localMirrorFiles(const QString& repoPath)
{
    QList<QPair<QString, qint64>> local;
    const QDir root(repoPath);
    QDirIterator it(repoPath, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QString rel = root.relativeFilePath(it.filePath());
        if (isMirrored(rel))
            local.append({rel, it.fileInfo().size()});
    }
    if (!local.contains(QPair<QString, qint64>(QStringLiteral("config"), QFileInfo(root.filePath(QStringLiteral("config"))).size())))
        return Error::make(Error::NotFound, QStringLiteral("No ncbackup repository at %1.").arg(repoPath));
    std::stable_sort(local.begin(), local.end(), [](const auto& a, const auto& b) {
        return rank(a.first) < rank(b.first) || (rank(a.first) == rank(b.first) && a.first < b.first);
    });
    return local;
}

} // namespace

Result<MirrorDiff> compareMirror(const WebDavClient& client, const QString& folder, const QString& repoPath)
{
    auto local = localMirrorFiles(repoPath);
    if (!local)
        return local.error();
    auto remote = remoteMirrorFiles(client, folder);
    if (!remote)
        return remote.error();
    MirrorDiff d;
    for (auto k = remote->cbegin(); k != remote->cend(); ++k) {
        ++d.remoteFiles;
        d.remoteBytes += k.value();
    }
    for (const auto& f : *local) {
        if (remote->value(f.first, -1) == f.second)
            continue;
        ++d.missingFiles;
        d.missingBytes += f.second;
        if (rank(f.first) == 3)
            ++d.missingManifests;
    }
    return d;
}

namespace {

bool sameContent(const QString& a, const QString& b)
{
    QFile fa(a), fb(b);
    if (!fa.open(QIODevice::ReadOnly) || !fb.open(QIODevice::ReadOnly) || fa.size() != fb.size())
        return false;
    while (!fa.atEnd()) {
        const QByteArray x = fa.read(1 << 20), y = fb.read(1 << 20);
        if (x != y)
            return false;
    }
    return true;
}

} // namespace

Result<MirrorCheckReport> checkMirror(const WebDavClient& client, const QString& folder, const QString& repoPath,
                                      bool readData, const MirrorOptions& opts)
{
    auto local = localMirrorFiles(repoPath);
    if (!local)
        return local.error();
    auto remote = remoteMirrorFiles(client, folder);
    if (!remote)
        return remote.error();
    MirrorCheckReport rep;
    qint64 total = 0;
    for (const auto& f : *local)
        total += f.second;
    Meter meter(opts, QStringLiteral("check"), readData ? total : -1, local->size());
    const QDir root(repoPath);
    QDir().mkpath(paths::cacheDir());
    const QString tmp = paths::cacheDir() + QStringLiteral("/.tmp-remote-check-%1").arg(QCoreApplication::applicationPid());
    for (const auto& f : *local) {
        if (opts.cancel && opts.cancel())
            return Error::make(Error::Cancelled, QStringLiteral("Check stopped."));
        ++rep.filesChecked;
        const qint64 there = remote->value(f.first, -1);
        if (there < 0) {
            rep.damages.append({f.first, QStringLiteral("%1 is missing on the remote (run 'remote push').").arg(f.first)});
            meter.fileDone(f.second);
            continue;
        }
        if (there != f.second) {
            rep.damages.append({f.first, QStringLiteral("%1 has %2 bytes on the remote instead of %3.")
                                             .arg(f.first)
                                             .arg(there)
                                             .arg(f.second)});
            meter.fileDone(f.second);
            continue;
        }
        if (readData) {
            NCB_TRY(client.get(client.filesUrl(join(folder, f.first)), tmp, [&](qint64 got) { meter.show(got, f.first); }));
            rep.bytesRead += f.second;
            if (!sameContent(tmp, root.filePath(f.first)))
                rep.damages.append({f.first, QStringLiteral("%1 on the remote differs from the local copy: it was damaged "
                                                            "there; delete it on the remote and push again.")
                                                 .arg(f.first)});
            QFile::remove(tmp);
        }
        meter.fileDone(f.second);
    }
    return rep;
}

Result<PushReport> pushMirror(const WebDavClient& client, const QString& folder, const QString& repoPath,
                              const QString& uploadKey, const MirrorOptions& opts)
{
    PushReport report;
    const QDir root(repoPath);
    auto localList = localMirrorFiles(repoPath);
    if (!localList)
        return localList.error();
    const auto& local = *localList;

    // What is there.
    auto remote = remoteMirrorFiles(client, folder);
    if (!remote)
        return remote.error();
    QList<QPair<QString, qint64>> toSend;
    qint64 bytes = 0;
    for (const auto& f : local) {
        // config and key files are small and may change (trusted keys, a new password): always sent.
        const bool mutableFile = rank(f.first) == 0;
        if (!mutableFile && remote->value(f.first, -1) == f.second) {
            ++report.filesAlreadyThere;
            continue;
        }
        toSend.append(f);
        bytes += f.second;
    }

    // Will it fit? Stop before sending a byte, with the sizes.
    auto q = client.quota();
    if (!q)
        return q.error();
    if (q->second >= 0 && q->second < bytes)
        return Error::make(Error::Remote, QStringLiteral("The account %1 on %2 has %3 bytes free but this push needs %4 "
                                                         "bytes; free space there or raise the quota. Nothing was sent.")
                                              .arg(client.user(), client.base().host())
                                              .arg(q->second)
                                              .arg(bytes));

    // Folders.
    QSet<QString> dirs;
    for (const auto& f : toSend) {
        const int slash = f.first.lastIndexOf(QLatin1Char('/'));
        dirs.insert(slash < 0 ? QString() : f.first.left(slash));
    }
    if (!toSend.isEmpty())
        NCB_TRY(client.makePath(folder));
    QStringList sortedDirs(dirs.begin(), dirs.end());
    std::sort(sortedDirs.begin(), sortedDirs.end());
    QSet<QString> made;
    for (const QString& d : sortedDirs) {
        if (d.isEmpty())
            continue;
        QString sofar;
        for (const QString& s : d.split(QLatin1Char('/'))) {
            sofar += (sofar.isEmpty() ? QString() : QStringLiteral("/")) + s;
            if (made.contains(sofar))
                continue;
            bool there = false;
            for (auto k = remote->cbegin(); k != remote->cend(); ++k)
                if (k.key().startsWith(sofar + QLatin1Char('/'))) {
                    there = true;
                    break;
                }
            if (!there)
                NCB_TRY(client.makePath(join(folder, sofar)));
            made.insert(sofar);
        }
    }

    Meter meter(opts, QStringLiteral("push"), bytes, toSend.size());
    for (const auto& f : toSend) {
        if (opts.cancel && opts.cancel())
            return cancelled().error();
        const QString target = join(folder, f.first);
        const QString localFile = root.filePath(f.first);
        if (f.second > opts.chunkSize) {
            const QString id = QStringLiteral("ncbackup-") +
                               QString::fromLatin1(QCryptographicHash::hash((uploadKey + QLatin1Char('/') + f.first).toUtf8(),
                                                                            QCryptographicHash::Sha256)
                                                       .toHex()
                                                       .left(32));
            NCB_TRY(sendChunked(client, target, localFile, f.second, id, opts, meter, report));
        } else {
            NCB_TRY(client.put(client.filesUrl(target), localFile, 0, -1,
                               [&](qint64 sent) { meter.show(sent, f.first); }));
            report.bytesSent += f.second;
        }
        auto size = client.sizeOf(client.filesUrl(target));
        if (!size)
            return size.error();
        if (*size != f.second)
            return Error::make(Error::Remote, QStringLiteral("%1 kept %2 bytes of %3 instead of %4; the push stopped. "
                                                             "Run it again; if it happens again the server is damaging "
                                                             "uploads.")
                                                  .arg(client.base().host(), QString::number(*size), f.first)
                                                  .arg(f.second));
        ++report.filesSent;
        if (rank(f.first) == 3)
            ++report.manifestsSent;
        meter.fileDone(f.second);
    }

    // Proof, since the server does not verify checksums: read back every index file and manifest sent and
    // a sample of the packs, and compare them byte for byte with what is here.
    QList<QPair<QString, qint64>> sample;
    qint64 sampleBytes = 0;
    for (const auto& f : toSend) {
        const int r = rank(f.first);
        const bool pick = r == 2 || r == 3 ||
                          (r == 1 && QRandomGenerator::global()->bounded(100.0) < opts.verifySamplePercent);
        if (pick) {
            sample.append(f);
            sampleBytes += f.second;
        }
    }
    if (!sample.isEmpty()) {
        QDir().mkpath(paths::cacheDir());
        const QString tmp = paths::cacheDir() + QStringLiteral("/.tmp-remote-verify-%1").arg(QCoreApplication::applicationPid());
        Meter verify(opts, QStringLiteral("verify"), sampleBytes, sample.size());
        for (const auto& f : sample) {
            if (opts.cancel && opts.cancel())
                return cancelled().error();
            NCB_TRY(client.get(client.filesUrl(join(folder, f.first)), tmp, [&](qint64 got) { verify.show(got, f.first); }));
            const bool same = sameContent(tmp, root.filePath(f.first));
            QFile::remove(tmp);
            if (!same)
                return Error::make(Error::Corrupt, QStringLiteral("%1 on %2 differs from what was sent: the server "
                                                                  "damaged it. Delete it there and push again.")
                                                       .arg(f.first, client.base().host()));
            ++report.filesVerified;
            verify.fileDone(f.second);
        }
    }
    return report;
}

Result<PullReport> pullMirror(const WebDavClient& client, const QString& folder, const QString& localPath,
                              const std::function<bool(const QString&)>& want, const MirrorOptions& opts)
{
    PullReport report;
    auto remote = remoteMirrorFiles(client, folder);
    if (!remote)
        return remote.error();
    if (!remote->contains(QStringLiteral("config")))
        return Error::make(Error::NotFound, QStringLiteral("%1 holds no repository mirror in %2.")
                                                .arg(client.base().host(), folder));
    QList<QPair<QString, qint64>> todo;
    qint64 bytes = 0;
    const QDir root(localPath);
    for (auto k = remote->cbegin(); k != remote->cend(); ++k) {
        if (want && !want(k.key()))
            continue;
        const QFileInfo fi(root.filePath(k.key()));
        if (fi.exists() && fi.size() == k.value() && rank(k.key()) != 0) {
            ++report.filesAlreadyThere;
            continue;
        }
        todo.append({k.key(), k.value()});
        bytes += k.value();
    }
    std::stable_sort(todo.begin(), todo.end(), [](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
    Meter meter(opts, QStringLiteral("pull"), bytes, todo.size());
    for (const auto& f : todo) {
        if (opts.cancel && opts.cancel())
            return Error::make(Error::Cancelled, QStringLiteral("Stopped; the files received so far stay."));
        const QString finalPath = root.filePath(f.first);
        const QString dir = QFileInfo(finalPath).absolutePath();
        if (!QDir().mkpath(dir))
            return Error::make(Error::Io, QStringLiteral("Cannot create the folder %1.").arg(dir));
        const QString tmp = dir + QStringLiteral("/.tmp-") + QFileInfo(finalPath).fileName();
        NCB_TRY(client.get(client.filesUrl(join(folder, f.first)), tmp, [&](qint64 got) { meter.show(got, f.first); }));
        if (QFileInfo(tmp).size() != f.second) {
            QFile::remove(tmp);
            return Error::make(Error::Network, QStringLiteral("%1 sent %2 short; run the command again.")
                                                   .arg(client.base().host(), f.first));
        }
        QFile::remove(finalPath);
        if (!QFile::rename(tmp, finalPath))
            return Error::make(Error::Io, QStringLiteral("Cannot write %1.").arg(finalPath));
        ++report.filesReceived;
        report.bytesReceived += f.second;
        meter.fileDone(f.second);
    }
    return report;
}

} // namespace ncb::remote
