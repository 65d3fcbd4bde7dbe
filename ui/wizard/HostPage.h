#pragma once
// HostPage (wizard step 1): where Nextcloud runs: this computer (its server folder) or another one
// reached over SSH (host, port, user, key file).

#include <QWizardPage>

class QLineEdit;
class QRadioButton;
class QSpinBox;
class QWidget;

namespace ncb::ui {

class SetupWizard;

class HostPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit HostPage(SetupWizard* wizard);
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

private:
    void updateMode();
    SetupWizard* m_wizard;
    QRadioButton* m_local;
    QRadioButton* m_ssh;
    QWidget* m_localBox;
    QWidget* m_sshBox;
    QLineEdit* m_serverRoot;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_user;
    QLineEdit* m_keyFile;
    QLineEdit* m_remoteRoot;
    QLineEdit* m_sudoUser;
};

} // namespace ncb::ui
