#pragma once
// FakeWizardBackend: the setup wizard's backend for GUI tests and screenshots. It answers with fixed
// values after a short delay, or with the error set in `fail*`, so the pages can be driven end to end.

#include "wizard/WizardBackend.h"

class FakeWizardBackend : public ncb::ui::WizardBackend
{
public:
    ncb::ui::HostKeyInfo hostKey{QStringLiteral("ssh-ed25519"),
                                 QStringLiteral("SHA256:p2QAMXNIC1TJYWeIOttrVc98/R1BUFWu3/LiyKgUfQM"), false};
    ncb::ui::DiscoveredInstance instance;
    QString recoveryKey = QStringLiteral("K7QF-2M9X-ZC4D-HH3R-8TWN-5PLA-QE6Y-JB2V");
    ncb::ui::TimelineEntry firstRp;
    QString failProbe, failDiscover, failCreate;
    QString acceptedFingerprint; // what the wizard passed to discoverInstance
    ncb::ui::HostTarget discoveredTarget; // the target it passed with it
    ncb::ui::RepositorySetup createdWith;
    int backupSteps = 20;

    FakeWizardBackend();
    ncb::ResultJob<ncb::ui::HostKeyInfo>* probeHost(const ncb::ui::HostTarget& target) override;
    ncb::ResultJob<ncb::ui::DiscoveredInstance>*
    discoverInstance(const ncb::ui::HostTarget& target, const QString& acceptedFingerprint) override;
    ncb::ResultJob<ncb::ui::RepositoryCreated>*
    createRepository(const ncb::ui::RepositorySetup& setup) override;
    ncb::ResultJob<ncb::ui::TimelineEntry>*
    startFirstBackup(const ncb::ui::ScheduleSettings& schedule) override;
};
