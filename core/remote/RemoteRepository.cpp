#include "RemoteRepository.h"

#include "util/Paths.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

namespace ncb::remote {

Result<RemoteListing> listRemote(const WebDavClient& client, const QString& folder, const repo::Repository& local)
{
    if (!local.isUnlocked())
        return Error::make(Error::Auth, QStringLiteral("The repository %1 is locked.").arg(local.path()));
    auto files = remoteMirrorFiles(client, folder);
    if (!files)
        return files.error();
    if (!files->contains(QStringLiteral("config")))
        return Error::make(Error::NotFound, QStringLiteral("%1 holds no repository mirror in %2 yet (run 'remote push').")
                                                .arg(client.base().host(), folder));
    RemoteListing out;
    for (auto k = files->cbegin(); k != files->cend(); ++k) {
        out.bytes += k.value();
        if (k.key().startsWith(QLatin1String("data/")))
            ++out.packs;
    }
    QDir().mkpath(paths::cacheDir());
    QTemporaryDir tmp(paths::cacheDir() + QStringLiteral("/remote-ls-XXXXXX"));
    if (!tmp.isValid())
        return Error::make(Error::Io, QStringLiteral("Cannot create a temporary folder in %1.").arg(paths::cacheDir()));
    auto pulled = pullMirror(client, folder, tmp.path(), [](const QString& rel) {
        return rel == QLatin1String("config") || rel.startsWith(QLatin1String("keys/")) ||
               rel.startsWith(QLatin1String("snapshots/"));
    }, MirrorOptions{});
    if (!pulled)
        return pulled.error();
    QDir().mkpath(tmp.path() + QStringLiteral("/data"));
    QDir().mkpath(tmp.path() + QStringLiteral("/index"));
    auto r = repo::Repository::open(tmp.path());
    if (!r)
        return r.error();
    if ((*r)->id() != local.id())
        return Error::make(Error::Auth, QStringLiteral("The mirror in %1 on %2 belongs to repository %3, not to %4.")
                                            .arg(folder, client.base().host(), (*r)->id(), local.id()));
    if (auto u = (*r)->unlockWithMasterKey(local.masterKey()); !u)
        return Error::make(Error::Auth, QStringLiteral("The repository key does not open the mirror in %1 on %2.")
                                            .arg(folder, client.base().host()));
    for (auto k = files->cbegin(); k != files->cend(); ++k) {
        if (!k.key().startsWith(QLatin1String("snapshots/")))
            continue;
        const QString id = k.key().mid(10);
        auto m = (*r)->readManifest(id);
        if (!m) {
            out.refused.append(id);
            continue;
        }
    }
    auto list = (*r)->listSnapshots();
    if (!list)
        return list.error();
    for (const auto& s : *list)
        if (!out.refused.contains(s.id))
            out.snapshots.append(RemoteSnapshot{s.id, s.time, files->value(QStringLiteral("snapshots/") + s.id)});
    return out;
}

Result<std::unique_ptr<repo::Repository>> recoverRepository(const WebDavClient& client, const QString& folder,
                                                            const QString& target, const MirrorOptions& options,
                                                            PullReport* report)
{
    const QFileInfo fi(target);
    if (fi.exists() && (!fi.isDir() || !QDir(target).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)))
        return Error::make(Error::Unsafe, QStringLiteral("%1 is not empty: give a new or empty folder to rebuild the "
                                                         "repository in (nothing there was touched).")
                                              .arg(target));
    if (!QDir().mkpath(target))
        return Error::make(Error::Io, QStringLiteral("Cannot create the folder %1.").arg(target));
    auto pulled = pullMirror(client, folder, target, {}, options);
    if (!pulled)
        return pulled.error();
    if (report)
        *report = *pulled;
    for (const char* d : {"data", "index", "snapshots", "keys", "locks"})
        QDir().mkpath(target + QLatin1Char('/') + QLatin1String(d));
    return repo::Repository::open(target);
}

} // namespace ncb::remote
