#include "CoreWizardBackend.h"

#include "CoreOps.h"
#include "backup/InstanceContext.h"
#include "host/LocalHost.h"
#include "host/SshHost.h"
#include "nextcloud/InstanceDiscovery.h"
#include "nextcloud/InstanceHost.h"
#include "nextcloud/InstanceSetup.h"
#include "nextcloud/ServerConfig.h"
#include "repository/Repository.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace ncb::ui {

namespace {

QString tr(const char* text, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ncb::ui::CoreWizardBackend", text, disambiguation, n);
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
    c.serverRoot = nextcloud::InstanceSetup::normaliseServerRoot(t.serverRoot);
    c.sudoUser = t.sudoUser.trimmed();
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
            auto found = nextcloud::InstanceSetup::inspect(*host, c);
            if (!found)
                return found.error();
            c = found->config;
            c.name = found->suggestedName;
            const QString defaulted = found->defaultedSudoUser;
            const nextcloud::InstanceInfo* info = &found->info;

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
            state->info = *info;
            state->saved = false;
            return d;
        });
}

ResultJob<RepositoryCreated>* CoreWizardBackend::createRepository(const RepositorySetup& setup)
{
    auto state = m_state;
    const QString location = setup.location.trimmed();
    const QString chosenName = setup.name.trimmed();
    const QByteArray password = setup.password;
    return new ResultJob<RepositoryCreated>(
        tr("Creating the repository"),
        [state, location, chosenName, password](const JobContext&) -> Result<RepositoryCreated> {
            settings::InstanceConfig c;
            nextcloud::InstanceInfo info;
            {
                QMutexLocker lock(&state->mutex);
                c = state->config;
                info = state->info;
            }
            if (!chosenName.isEmpty())
                c.name = chosenName;
            if (Status s = nextcloud::InstanceSetup::checkName(c.name); !s)
                return s.error();
            c.repository = location;
            auto repo = nextcloud::InstanceSetup::createRepository(c, info, password);
            if (!repo)
                return repo.error();
            RepositoryCreated out;
            out.repositoryId = (*repo)->id();
            out.recoveryKey = (*repo)->recoveryKey();
            QString keychainError;
            const auto storage = nextcloud::InstanceSetup::storeKey(**repo, true, &keychainError);
            if (storage == settings::KeyStorage::KeychainFailed)
                out.note = tr("The key could not be stored in the keychain (%1): ncbackup will ask for the "
                              "repository password each time it starts.")
                               .arg(keychainError);
            else if (storage != settings::KeyStorage::Keychain)
                out.note = tr("No keychain is available on this desktop, so the password is not stored: ncbackup "
                              "will ask for it each time it starts.");
            QMutexLocker lock(&state->mutex);
            state->config = c;
            state->masterKey = (*repo)->masterKey();
            state->keyInKeychain = storage == settings::KeyStorage::Keychain;
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
            if (Status s = nextcloud::InstanceSetup::saveProfile(c, saved); !s)
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
