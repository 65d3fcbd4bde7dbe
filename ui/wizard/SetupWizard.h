#pragma once
// SetupWizard: adds a Nextcloud instance in five steps: where it runs (and, over SSH, which host key
// to trust), what was found there, where the encrypted repository goes (with the recovery key shown
// once), when to back up, and the first full backup. Each step is its own page class; the pages call
// the WizardBackend and share what they learn through this class.

#include "wizard/WizardBackend.h"

#include <QWizard>

namespace ncb::ui {

class SetupWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId {
        HostPageId,
        ConnectPageId,
        DiscoveryPageId,
        RepositoryPageId,
        RecoveryKeyPageId,
        SchedulePageId,
        FirstBackupPageId
    };

    explicit SetupWizard(WizardBackend* backend, QWidget* parent = nullptr);

    WizardBackend* backend() const { return m_backend; }
    HostTarget target;
    HostKeyInfo hostKey;
    DiscoveredInstance instance;
    RepositorySetup repository;
    RepositoryCreated created;
    ScheduleSettings schedule;
    TimelineEntry firstRp;

private:
    WizardBackend* m_backend;
};

} // namespace ncb::ui
