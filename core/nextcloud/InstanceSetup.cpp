#include "nextcloud/InstanceSetup.h"

#include "nextcloud/InstanceDiscovery.h"
#include "nextcloud/InstanceHost.h"
#include "nextcloud/InstanceOwner.h"
#include "nextcloud/ServerConfig.h"
#include "repository/Repository.h"
#include "settings/InstanceStore.h"
#include "util/Paths.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace ncb::nextcloud {

QStringList InstanceSetup::rootCandidates()
{
    return {QStringLiteral("/var/www/nextcloud"), QStringLiteral("/var/www/html/nextcloud"), QStringLiteral("/var/www/html"),
            QStringLiteral("/srv/nextcloud"),     QStringLiteral("/srv/www/nextcloud"),      QStringLiteral("/usr/share/nginx/nextcloud"),
            QStringLiteral("/usr/share/webapps/nextcloud"), QStringLiteral("/var/www/localhost/htdocs/nextcloud")};
}

QStringList InstanceSetup::defaultExclusions()
{
    return {QStringLiteral("data/appdata_*/preview"), QStringLiteral("data/nextcloud.log")};
}

QString InstanceSetup::defaultRepository(const QString& name)
{
    return QDir(paths::repositoriesDir()).filePath(name);
}

QString InstanceSetup::normaliseServerRoot(const QString& root)
{
    QString r = root.trimmed();
    while (r.size() > 1 && r.endsWith(QLatin1Char('/')))
        r.chop(1);
    return r;
}

Status InstanceSetup::checkName(const QString& name)
{
    if (!settings::InstanceConfig::isValidName(name))
        return Error::make(Error::Usage,
                           QStringLiteral("'%1' is not a valid instance name: use letters, digits, '.', '_' and '-'.").arg(name));
    if (settings::InstanceStore().exists(name))
        return Error::make(Error::Usage, QStringLiteral("There is already an instance named '%1'.").arg(name));
    return Status();
}

QString InstanceSetup::suggestName(const QString& fallback)
{
    QString base = fallback;
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("-"));
    base = base.left(56);
    if (base.isEmpty())
        base = QStringLiteral("nextcloud");
    settings::InstanceStore store;
    QString name = base;
    for (int i = 2; store.exists(name); ++i)
        name = QStringLiteral("%1-%2").arg(base).arg(i);
    return name;
}

QString InstanceSetup::suggestName(const ServerConfig& server, const QString& fallback)
{
    QString base = QUrl(server.values.value(QStringLiteral("overwrite.cli.url")).toString()).host();
    if (base.isEmpty() || base == QLatin1String("localhost")) {
        const QJsonArray domains = server.values.value(QStringLiteral("trusted_domains")).toArray();
        if (!domains.isEmpty())
            base = domains.first().toString();
    }
    if (base.isEmpty() || base == QLatin1String("localhost"))
        base = fallback;
    return suggestName(base);
}

Result<InstanceSetup::Inspected> InstanceSetup::inspect(host::Host& host, settings::InstanceConfig c)
{
    c.serverRoot = normaliseServerRoot(c.serverRoot);
    if (c.serverRoot.isEmpty()) {
        for (const QString& candidate : rootCandidates()) {
            if (InstanceDiscovery::checkRoot(host, candidate)) {
                c.serverRoot = candidate;
                break;
            }
        }
        if (c.serverRoot.isEmpty())
            return Error::make(Error::NotFound, QStringLiteral("No Nextcloud was found in the usual folders on %1 (%2): "
                                                               "give the folder that holds occ and config/.")
                                                    .arg(host.displayName(), rootCandidates().join(QStringLiteral(", "))));
    }
    if (!c.serverRoot.startsWith(QLatin1Char('/')))
        return Error::make(Error::Usage, QStringLiteral("The server root must be an absolute path, not '%1'.").arg(c.serverRoot));
    Inspected out;
    // As root on an instance that belongs to another user: its commands run as that user (what ncbackup
    // writes there must be the owner's, and occ runs only as the owner).
    if (c.sudoUser.isEmpty()) {
        if (Status s = InstanceDiscovery::checkRoot(host, c.serverRoot); !s)
            return s.error();
        // (when the owner cannot be told, discovery below says what stands in the way)
        auto owner = InstanceOwner::probe(host, c.serverRoot, c.name);
        out.defaultedSudoUser = owner ? owner->sudoUserToDefault() : QString();
        if (!out.defaultedSudoUser.isEmpty()) {
            c.sudoUser = out.defaultedSudoUser;
            host.setRunAs(out.defaultedSudoUser);
        }
    }
    auto info = InstanceDiscovery::discover(host, c.serverRoot, {true, c.name});
    if (!info)
        return info.error();
    if (!info->installed)
        return Error::make(Error::Remote, QStringLiteral("The Nextcloud at %1 is not installed yet: finish its installation "
                                                         "first (occ maintenance:install or its web page).")
                                              .arg(c.serverRoot));
    if (!info->dbReachable)
        return Error::make(Error::Remote, info->dbError);
    auto server = ServerConfig::read(host, c.serverRoot);
    if (!server)
        return server.error();
    out.suggestedName = suggestName(*server, c.local ? QStringLiteral("this-computer") : c.sshHost);
    out.config = c;
    out.info = *info;
    return out;
}

Result<std::unique_ptr<repo::Repository>> InstanceSetup::createRepository(settings::InstanceConfig& c,
                                                                          const InstanceInfo& info,
                                                                          const QByteArray& password)
{
    QString location = c.repository.trimmed();
    if (location.isEmpty())
        location = defaultRepository(c.name);
    if (location.contains(QLatin1String("://")))
        return Error::make(Error::Usage, QStringLiteral("The repository must be a folder on this computer (or a mounted "
                                                        "disk), not '%1'.")
                                             .arg(location));
    const QString path = QFileInfo(location).absoluteFilePath();
    if (QFileInfo::exists(QDir(path).filePath(QStringLiteral("config"))))
        return Error::make(Error::Usage, QStringLiteral("%1 already holds a repository: choose an empty folder, or "
                                                        "attach it (ncbackup-cli instance attach %2 --repo %1).")
                                             .arg(path, c.name));
    c.repository = path;
    return repo::Repository::init(path, password, repositoryDescription(c, info));
}

settings::KeyStorage InstanceSetup::storeKey(const repo::Repository& repository, bool useKeychain, QString* keychainError)
{
    return settings::RepositoryUnlock::rememberKey(repository, useKeychain, keychainError);
}

Status InstanceSetup::saveProfile(settings::InstanceConfig& c, bool overwrite)
{
    if (c.exclusions.isEmpty())
        c.exclusions = defaultExclusions();
    settings::InstanceStore store;
    if (!overwrite && store.exists(c.name))
        return Error::make(Error::Usage, QStringLiteral("There is already an instance named '%1'.").arg(c.name));
    return store.save(c);
}

} // namespace ncb::nextcloud
