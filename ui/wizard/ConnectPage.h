#pragma once
// ConnectPage (wizard step 1b, SSH only): connects and shows the host key fingerprint. The user must
// compare it with the server's and tick "I checked it" before ncbackup trusts that host.

#include "wizard/WizardBackend.h"

#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QPushButton;

namespace ncb::ui {

class SetupWizard;

class ConnectPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ConnectPage(SetupWizard* wizard);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void probe();
    SetupWizard* m_wizard;
    QPointer<ResultJob<HostKeyInfo>> m_job;
    bool m_probed = false;
    QLabel* m_status;
    QLabel* m_fingerprint;
    QLabel* m_explain;
    QCheckBox* m_accept;
    QPushButton* m_retry;
};

} // namespace ncb::ui
