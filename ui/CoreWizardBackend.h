#pragma once
// CoreWizardBackend: the setup wizard on the real core — SshHost (the host key shown and accepted through
// its confirmation callback) or LocalHost, InstanceDiscovery, Repository::init with the master key stored
// in the OS keychain (or, without a keychain, kept for this session only and asked again next time),
// InstanceStore for the profile and its schedule, and BackupJob for the first full Restoring Point.
// Each step runs on the job runner.

#include "wizard/WizardBackend.h"

#include "nextcloud/InstanceInfo.h"
#include "settings/InstanceConfig.h"

#include <QMutex>

#include <memory>

namespace ncb::ui {

class CoreWizardBackend : public WizardBackend
{
public:
    CoreWizardBackend() = default;
    ResultJob<HostKeyInfo>* probeHost(const HostTarget& target) override;
    ResultJob<DiscoveredInstance>* discoverInstance(const HostTarget& target,
                                                    const QString& acceptedFingerprint) override;
    ResultJob<RepositoryCreated>* createRepository(const RepositorySetup& setup) override;
    ResultJob<TimelineEntry>* startFirstBackup(const ScheduleSettings& schedule) override;

    // After startFirstBackup succeeded: the instance saved, and the master key (the app keeps it for
    // the session when there is no keychain).
    QString instanceName() const;
    QByteArray masterKey() const;
    bool keyInKeychain() const;

    // Turns a wizard target into a profile (no name, no repository yet).
    static settings::InstanceConfig configFor(const HostTarget& target);

private:
    struct State
    {
        QMutex mutex;
        settings::InstanceConfig config;
        nextcloud::InstanceInfo info; // what discovery found, for the repository description
        QByteArray masterKey;
        bool keyInKeychain = false;
        bool saved = false;
    };
    std::shared_ptr<State> m_state = std::make_shared<State>();
};

} // namespace ncb::ui
