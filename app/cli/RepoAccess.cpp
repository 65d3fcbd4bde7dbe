#include "RepoAccess.h"

#include "Command.h"
#include "settings/InstanceStore.h"
#include "settings/RepositoryUnlock.h"

#include <QJsonArray>

namespace ncb::cli {

void addRepoOptions(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("repo"), QStringLiteral("The repository folder."), QStringLiteral("PATH")});
    p.addOption({QStringLiteral("instance"), QStringLiteral("The repository of this Nextcloud instance (instead of --repo)."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("password-file"), QStringLiteral("Read the repository password from FILE."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("no-keychain"),
                 QStringLiteral("Do not read or store the repository key in the OS keychain.")});
}

Result<RepoOptions> repoOptions(const QCommandLineParser& p)
{
    RepoOptions o;
    o.repo = p.value(QStringLiteral("repo"));
    if (p.isSet(QStringLiteral("instance"))) {
        if (!o.repo.isEmpty())
            return Error::make(Error::Usage, QStringLiteral("Give either --repo PATH or --instance NAME, not both."));
        auto inst = settings::InstanceStore().get(p.value(QStringLiteral("instance")));
        if (!inst)
            return inst.error();
        o.repo = inst->repository;
    }
    o.passwordFile = p.value(QStringLiteral("password-file"));
    o.noKeychain = p.isSet(QStringLiteral("no-keychain"));
    if (o.repo.isEmpty())
        return Error::make(Error::Usage, QStringLiteral("Give the repository with --repo PATH or --instance NAME."));
    return o;
}

Result<std::unique_ptr<repo::Repository>> openRepository(const RepoOptions& o) { return repo::Repository::open(o.repo); }

Result<std::unique_ptr<repo::Repository>> openAndUnlock(const QCommandLineParser& p)
{
    auto o = repoOptions(p);
    if (!o)
        return o.error();
    return openAndUnlock(*o);
}

void rememberKey(const repo::Repository& r, const RepoOptions& o)
{
    (void)settings::RepositoryUnlock::rememberKey(r, !o.noKeychain);
}

Result<std::unique_ptr<repo::Repository>> openAndUnlock(const RepoOptions& o)
{
    settings::UnlockSources sources;
    sources.passwordFile = o.passwordFile;
    sources.useKeychain = !o.noKeychain;
    sources.allowPrompt = true;
    auto u = settings::RepositoryUnlock::open(o.repo, sources);
    if (!u)
        return u.error();
    return std::move(u->repo);
}

static QList<CheckExtension>& extensions()
{
    static QList<CheckExtension> list;
    return list;
}

void registerCheckExtension(CheckExtension e) { extensions().append(std::move(e)); }
const QList<CheckExtension>& checkExtensions() { return extensions(); }

QString damageKindName(repo::Damage::Kind k)
{
    switch (k) {
    case repo::Damage::Pack:
        return QStringLiteral("pack");
    case repo::Damage::Index:
        return QStringLiteral("index");
    case repo::Damage::Manifest:
        return QStringLiteral("manifest");
    case repo::Damage::Blob:
        return QStringLiteral("blob");
    case repo::Damage::Config:
        return QStringLiteral("config");
    case repo::Damage::Key:
        return QStringLiteral("key");
    }
    return QStringLiteral("unknown");
}

QJsonObject damageToJson(const repo::Damage& d)
{
    QJsonArray blobs;
    for (const repo::BlobId& id : d.blobs)
        blobs.append(repo::toHex(id));
    return QJsonObject{{QStringLiteral("kind"), damageKindName(d.kind)},
                       {QStringLiteral("object"), d.object},
                       {QStringLiteral("message"), d.message},
                       {QStringLiteral("blobs"), blobs}};
}

} // namespace ncb::cli
