#pragma once
// RepositoryPage (wizard step 3): where the encrypted repository goes and its password, with a
// strength meter. The password goes to the OS keychain, never to a file.

#include <QWizardPage>

class QLabel;
class QLineEdit;

namespace ncb::ui {

class PasswordMeter;

class SetupWizard;

class RepositoryPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit RepositoryPage(SetupWizard* wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void updateStrength();
    SetupWizard* m_wizard;
    QLineEdit* m_name;
    QLabel* m_nameProblem;
    QString m_defaultLocation; // the location offered for the current name, while the user kept it
    QLineEdit* m_location;
    QLineEdit* m_password;
    QLineEdit* m_confirm;
    PasswordMeter* m_meter;
    QLabel* m_strength;
    QLabel* m_mismatch;
};

} // namespace ncb::ui
