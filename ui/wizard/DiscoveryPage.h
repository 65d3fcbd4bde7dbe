#pragma once
// DiscoveryPage (wizard step 2): what ncbackup found on the host: Nextcloud version, data folder,
// database, size, users, and any problem in plain words.

#include "wizard/WizardBackend.h"

#include <QPointer>
#include <QWizardPage>

class QFormLayout;
class QLabel;
class QPushButton;

namespace ncb::ui {

class SetupWizard;

class DiscoveryPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DiscoveryPage(SetupWizard* wizard);
    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

private:
    void discover();
    SetupWizard* m_wizard;
    QPointer<ResultJob<DiscoveredInstance>> m_job;
    bool m_found = false;
    QLabel* m_status;
    QWidget* m_details;
    QLabel* m_version;
    QLabel* m_name;
    QLabel* m_root;
    QLabel* m_dataDir;
    QLabel* m_db;
    QLabel* m_size;
    QLabel* m_users;
    QLabel* m_warnings;
    QPushButton* m_retry;
};

} // namespace ncb::ui
