#pragma once
// RecoveryKeyPage (wizard step 3b): creates the repository, then shows its recovery key once. The
// wizard goes on only after "I saved it" is ticked: without the key a forgotten password loses
// every backup.

#include "wizard/WizardBackend.h"

#include <QPointer>
#include <QWizardPage>

class QCheckBox;
class QLabel;
class QPushButton;

namespace ncb::ui {

class SetupWizard;

class RecoveryKeyPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit RecoveryKeyPage(SetupWizard* wizard);
    void initializePage() override;
    bool isComplete() const override;

private:
    void create();
    SetupWizard* m_wizard;
    QPointer<ResultJob<RepositoryCreated>> m_job;
    bool m_created = false;
    QLabel* m_status;
    QLabel* m_key;
    QPushButton* m_copy;
    QPushButton* m_save;
    QPushButton* m_retry;
    QCheckBox* m_saved;
};

} // namespace ncb::ui
