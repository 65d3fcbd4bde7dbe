#include "FakeWizardBackend.h"

#include <QThread>

using namespace ncb;
using namespace ncb::ui;

FakeWizardBackend::FakeWizardBackend()
{
    instance.name = QStringLiteral("cloud.example.org");
    instance.version = QStringLiteral("32.0.1");
    instance.serverRoot = QStringLiteral("/var/www/nextcloud");
    instance.dataDir = QStringLiteral("/srv/nextcloud-data");
    instance.dbType = QStringLiteral("MariaDB 10.11");
    instance.dataBytes = 48LL * 1024 * 1024 * 1024;
    instance.users = 37;
    instance.warnings = {QStringLiteral("Previews take 6.2 GB; they are left out of backups by default.")};
    firstRp.id = QStringLiteral("3f9c2a71d04e");
    firstRp.time = QDateTime::currentDateTime();
    firstRp.full = true;
    firstRp.addedBytes = 41LL * 1024 * 1024 * 1024;
    firstRp.repoBytes = firstRp.addedBytes;
    firstRp.maintenanceSeconds = 74;
}

ResultJob<HostKeyInfo>* FakeWizardBackend::probeHost(const HostTarget&)
{
    const HostKeyInfo key = hostKey;
    const QString fail = failProbe;
    return new ResultJob<HostKeyInfo>(QStringLiteral("Connect"),
                                      [key, fail](const JobContext&) -> Result<HostKeyInfo> {
                                          QThread::msleep(20);
                                          if (!fail.isEmpty())
                                              return Error::make(Error::Network, fail);
                                          return key;
                                      });
}

ResultJob<DiscoveredInstance>* FakeWizardBackend::discoverInstance(const HostTarget& target,
                                                                   const QString& fingerprint)
{
    acceptedFingerprint = fingerprint;
    discoveredTarget = target;
    const DiscoveredInstance found = instance;
    const QString fail = failDiscover;
    return new ResultJob<DiscoveredInstance>(QStringLiteral("Discover"),
                                             [found, fail](const JobContext&) -> Result<DiscoveredInstance> {
                                                 QThread::msleep(20);
                                                 if (!fail.isEmpty())
                                                     return Error::make(Error::Remote, fail);
                                                 return found;
                                             });
}

ResultJob<RepositoryCreated>* FakeWizardBackend::createRepository(const RepositorySetup& setup)
{
    createdWith = setup;
    const QString key = recoveryKey;
    const QString fail = failCreate;
    return new ResultJob<RepositoryCreated>(QStringLiteral("Create repository"),
                                            [key, fail](const JobContext&) -> Result<RepositoryCreated> {
                                                QThread::msleep(20);
                                                if (!fail.isEmpty())
                                                    return Error::make(Error::Io, fail);
                                                return RepositoryCreated{QStringLiteral("a1b2c3"), key, QString()};
                                            });
}

ResultJob<TimelineEntry>* FakeWizardBackend::startFirstBackup(const ScheduleSettings&)
{
    const TimelineEntry rp = firstRp;
    const int steps = backupSteps;
    return new ResultJob<TimelineEntry>(
        QStringLiteral("First full backup"), [rp, steps](const JobContext& ctx) -> Result<TimelineEntry> {
            Progress p;
            p.filesTotal = 1000;
            p.bytesTotal = rp.addedBytes;
            for (int i = 1; i <= steps; ++i) {
                if (ctx.isCancelled())
                    return Error::make(Error::Cancelled, QStringLiteral("Cancelled."));
                p.phase = i < steps / 4 ? QStringLiteral("maintenance") : QStringLiteral("files");
                p.filesDone = 1000 * i / steps;
                p.bytesDone = rp.addedBytes / steps * i;
                ctx.report(p);
                QThread::msleep(5);
            }
            return rp;
        });
}
