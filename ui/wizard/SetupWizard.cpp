#include "wizard/SetupWizard.h"

#include "wizard/ConnectPage.h"
#include "wizard/DiscoveryPage.h"
#include "wizard/FirstBackupPage.h"
#include "wizard/HostPage.h"
#include "wizard/RecoveryKeyPage.h"
#include "wizard/RepositoryPage.h"
#include "wizard/SchedulePage.h"

namespace ncb::ui {

SetupWizard::SetupWizard(WizardBackend* backend, QWidget* parent) : QWizard(parent), m_backend(backend)
{
    setObjectName(QStringLiteral("setupWizard"));
    setWindowTitle(tr("Add a Nextcloud instance"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setPage(HostPageId, new HostPage(this));
    setPage(ConnectPageId, new ConnectPage(this));
    setPage(DiscoveryPageId, new DiscoveryPage(this));
    setPage(RepositoryPageId, new RepositoryPage(this));
    setPage(RecoveryKeyPageId, new RecoveryKeyPage(this));
    setPage(SchedulePageId, new SchedulePage(this));
    setPage(FirstBackupPageId, new FirstBackupPage(this));
    setStartId(HostPageId);
    resize(720, 560);
}

} // namespace ncb::ui
