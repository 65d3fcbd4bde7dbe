#include "CoreWizardBackend.h"

#include "CoreOps.h"
#include "backup/InstanceContext.h"
#include "host/LocalHost.h"
#include "host/SshHost.h"
#include "nextcloud/InstanceDiscovery.h"
#include "nextcloud/InstanceHost.h"
#include "nextcloud/InstanceOwner.h"
#include "nextcloud/ServerConfig.h"
#include "repository/Repository.h"
#include "settings/InstanceStore.h"
#include "settings/Keychain.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace ncb::ui {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ncb::ui::CoreWizardBackend", text, disambiguation, n);
}

// A valid, unused profile name from the instance's own URL ("cloud.example.org").
QString pickName(const nextcloud::ServerConfig& server, const QString& fallback)
{
    QString base = QUrl(server.values.value(QStringLiteral("overwrite.cli.url")).toString()).host();
    if (base.isEmpty() || base == QLatin1String("localhost")) {
        const QJsonArray domains = server.values.value(QStringLiteral("trusted_domains")).toArray();
        if (!domains.isEmpty())
            base = domains.first().toString();
    }
    if (base.isEmpty() || base == QLatin1String("localhost"))
        base = fallback;
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

QString dbLabel(const nextcloud::DatabaseSettings& db)
{
    switch (db.type) {
    case nextcloud::DatabaseSettings::Sqlite:
        return QStringLiteral("SQLite");
    default:
        break;
    }
    const QString t = db.typeName();
    if (t == QLatin1String("mysql"))
        return QStringLiteral("MySQL/MariaDB (%1)").arg(db.where());
    if (t == QLatin1String("pgsql"))
        return QStringLiteral("PostgreSQL (%1)").arg(db.where());
    return t;
}

} // namespace

settings::InstanceConfig CoreWizardBackend::configFor(const HostTarget& t)
{
    settings::InstanceConfig c;
    c.local = t.local;
    c.serverRoot = t.serverRoot.trimmed();
    c.sudoUser = t.sudoUser.trimmed();
    while (c.serverRoot.size() > 1 && c.serverRoot.endsWith(QLatin1Char('/')))
        c.serverRoot.chop(1);
    if (!t.local) {
        c.sshHost = t.host.trimmed();
        c.sshPort = t.port;
        c.sshUser = t.user.trimmed();
        if (!t.keyFile.trimmed().isEmpty())
            c.identityFile = QFileInfo(t.keyFile.trimmed()).absoluteFilePath();
    }
    return c;
}

ResultJob<HostKeyInfo>* CoreWizardBackend::probeHost(const HostTarget& target)
{
    const settings::InstanceConfig c = configFor(target);
    return new ResultJob<HostKeyInfo>(tr("Connecting to the server"), [c](const JobContext&) -> Result<HostKeyInfo> {
        if (c.local)
            return HostKeyInfo{};
        if (c.sshHost.isEmpty())
            return Error::make(Error::Usage, tr("Enter the name or address of the server."));
        QString offered;
        host::SshHost::Config sc;
        sc.host = c.sshHost;
        sc.port = c.sshPort;
        sc.user = c.sshUser;
        sc.identityFile = c.identityFile;
        sc.confirmHostKey = [&offered](const QString& fp) {
            offered = fp;
            return false; // only shown here; trusted in discoverInstance once the user accepted it
        };
        host::SshHost ssh(sc);
        Status s = ssh.connect();
        HostKeyInfo info;
        info.keyType = QStringLiteral("SSH");
        info.fingerprint = ssh.hostKeyFingerprint();
        if (s) {
            info.alreadyKnown = true;
            return info;
        }
        if (!offered.isEmpty()) {
            info.alreadyKnown = false;
            return info;
        }
        return s.error();
    });
}

ResultJob<DiscoveredInstance>* CoreWizardBackend::discoverInstance(const HostTarget& target,
                                                                   const QString& acceptedFingerprint)
{
    settings::InstanceConfig c = configFor(target);
    auto state = m_state;
    return new ResultJob<DiscoveredInstance>(
        tr("Looking at the Nextcloud instance"),
        [c, acceptedFingerprint, state](const JobContext& ctx) mutable -> Result<DiscoveredInstance> {
            std::unique_ptr<host::Host> host;
            if (c.local) {
                host = std::make_unique<host::LocalHost>();
            } else {
                host::SshHost::Config sc;
                sc.host = c.sshHost;
                sc.port = c.sshPort;
                sc.user = c.sshUser;
                sc.identityFile = c.identityFile;
                sc.confirmHostKey = [acceptedFingerprint](const QString& fp) {
                    return !acceptedFingerprint.isEmpty() && fp == acceptedFingerprint;
                };
                host = std::make_unique<host::SshHost>(sc);
            }
            if (!c.sudoUser.isEmpty())
                host->setRunAs(c.sudoUser);
            if (Status s = host->connect(); !s)
                return s.error();
            ctx.report(Progress{QStringLiteral("discover"), 0, -1, 0, -1, 0, -1, c.serverRoot});
            if (c.serverRoot.isEmpty()) {
                for (const QString& candidate :
                     {QStringLiteral("/var/www/nextcloud"), QStringLiteral("/var/www/html/nextcloud"),
                      QStringLiteral("/var/www/html"), QStringLiteral("/srv/nextcloud"),
                      QStringLiteral("/usr/share/nginx/nextcloud")}) {
                    if (nextcloud::InstanceDiscovery::checkRoot(*host, candidate)) {
                        c.serverRoot = candidate;
                        break;
                    }
                }
                if (c.serverRoot.isEmpty())
                    return Error::make(Error::NotFound,
                                       tr("No Nextcloud was found in the usual folders on %1: enter the folder "
                                          "that holds occ and config/.")
                                           .arg(host->displayName()));
            }
            if (!c.serverRoot.startsWith(QLatin1Char('/')))
                return Error::make(Error::Usage, tr("The Nextcloud folder must be a full path starting with /, "
                                                    "not \"%1\".")
                                                     .arg(c.serverRoot));
            // As root on an instance that belongs to another user: its commands run as that user.
            QString defaulted;
            if (c.sudoUser.isEmpty() && nextcloud::InstanceDiscovery::checkRoot(*host, c.serverRoot)) {
                auto owner = nextcloud::InstanceOwner::probe(*host, c.serverRoot);
                defaulted = owner ? owner->sudoUserToDefault() : QString();
                if (!defaulted.isEmpty()) {
                    c.sudoUser = defaulted;
                    host->setRunAs(defaulted);
                }
            }
            auto info = nextcloud::InstanceDiscovery::discover(*host, c.serverRoot);
            if (!info)
                return info.error();
            if (!info->installed)
                return Error::make(Error::Remote, tr("The Nextcloud at %1 is not installed yet: finish its "
                                                     "installation first.")
                                                      .arg(c.serverRoot));
            if (!info->dbReachable)
                return Error::make(Error::Remote, info->dbError);
            auto server = nextcloud::ServerConfig::read(*host, c.serverRoot);
            if (!server)
                return server.error();
            c.name = pickName(*server, c.local ? QStringLiteral("this-computer") : c.sshHost);

            DiscoveredInstance d;
            d.name = c.name;
            d.version = info->versionString;
            d.serverRoot = c.serverRoot;
            d.dataDir = info->dataDirectory;
            d.dbType = dbLabel(info->database);
            d.dataBytes = info->dataSize;
            d.users = info->usersCount;
            if (!defaulted.isEmpty())
                d.warnings << tr("Its files belong to %1 (the owner of config.php), so ncbackup will run its "
                                 "commands there as %1.")
                                  .arg(defaulted);
            if (info->maintenance)
                d.warnings << tr("Nextcloud is in maintenance mode right now; ncbackup will leave it on.");
            if (info->objectStore)
                d.warnings << info->objectStoreWarning();
            if (!info->externalStorages.isEmpty())
                d.warnings << tr("%n external storage(s) are mounted in this instance; their files are not "
                                 "backed up.",
                                 nullptr, info->externalStorages.size());
            QMutexLocker lock(&state->mutex);
            state->config = c;
            state->description = nextcloud::repositoryDescription(c, *info);
            state->saved = false;
            return d;
        });
}

ResultJob<RepositoryCreated>* CoreWizardBackend::createRepository(const RepositorySetup& setup)
{
    auto state = m_state;
    const QString location = setup.location.trimmed();
    const QByteArray password = setup.password;
    return new ResultJob<RepositoryCreated>(
        tr("Creating the repository"), [state, location, password](const JobContext&) -> Result<RepositoryCreated> {
            if (location.contains(QLatin1String("://")))
                return Error::make(Error::Usage,
                                   tr("The repository must be a folder on this computer (or a mounted disk)."));
            const QString path = QFileInfo(location).absoluteFilePath();
            if (QFileInfo::exists(QDir(path).filePath(QStringLiteral("config"))))
                return Error::make(Error::Usage, tr("%1 already holds a repository: choose an empty folder.").arg(path));
            QJsonObject description;
            QString name;
            {
                QMutexLocker lock(&state->mutex);
                state->config.repository = path;
                description = state->description;
                name = state->config.name;
            }
            description.insert(QStringLiteral("instanceName"), name);
            auto repo = repo::Repository::init(path, password, description);
            if (!repo)
                return repo.error();
            RepositoryCreated out;
            out.repositoryId = (*repo)->id();
            out.recoveryKey = (*repo)->recoveryKey();
            const QByteArray key = (*repo)->masterKey();
            bool stored = false;
            if (settings::Keychain::available()) {
                Status s = settings::Keychain::write(settings::Keychain::repositoryEntry(out.repositoryId), key);
                stored = s.ok();
                if (!s)
                    out.note = tr("The key could not be stored in the keychain (%1): ncbackup will ask for the "
                                  "repository password each time it starts.")
                                   .arg(s.error().message);
            } else {
                out.note = tr("No keychain is available on this desktop, so the password is not stored: ncbackup "
                              "will ask for it each time it starts.");
            }
            QMutexLocker lock(&state->mutex);
            state->masterKey = key;
            state->keyInKeychain = stored;
            return out;
        });
}

ResultJob<TimelineEntry>* CoreWizardBackend::startFirstBackup(const ScheduleSettings& schedule)
{
    auto state = m_state;
    return new ResultJob<TimelineEntry>(
        tr("First full backup"), [state, schedule](const JobContext& ctx) -> Result<TimelineEntry> {
            settings::InstanceConfig c;
            QByteArray key;
            bool saved;
            {
                QMutexLocker lock(&state->mutex);
                c = state->config;
                key = state->masterKey;
                saved = state->saved;
            }
            c.schedule.fullEveryWeeks = schedule.fullEveryWeeks;
            c.schedule.incrementalEveryDays = schedule.incrementalDaily ? 1 : 7;
            c.schedule.windowStartHour = schedule.windowStartHour;
            c.schedule.windowEndHour = schedule.windowEndHour;
            c.schedule.enabled = true;
            c.exclusions = {QStringLiteral("data/appdata_*/preview"), QStringLiteral("data/nextcloud.log")};
            settings::InstanceStore store;
            if (!saved && store.exists(c.name))
                return Error::make(Error::Usage, tr("There is already an instance named %1.").arg(c.name));
            if (Status s = store.save(c); !s)
                return s.error();
            {
                QMutexLocker lock(&state->mutex);
                state->saved = true;
                state->config = c;
            }
            QByteArray used;
            auto repo = coreops::unlock(c.repository, key, {}, &used);
            if (!repo)
                return repo.error();
            auto r = coreops::backup(c, **repo, backup::BackupOptions::Full, ctx);
            if (!r)
                return r.error();
            return r->entry;
        });
}

QString CoreWizardBackend::instanceName() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->saved ? m_state->config.name : QString();
}

QByteArray CoreWizardBackend::masterKey() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->masterKey;
}

bool CoreWizardBackend::keyInKeychain() const
{
    QMutexLocker lock(&m_state->mutex);
    return m_state->keyInKeychain;
}

} // namespace ncb::ui
