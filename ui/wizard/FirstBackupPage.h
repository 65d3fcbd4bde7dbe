#pragma once
// FirstBackupPage (wizard step 5): the first full backup with its progress (phase, files, bytes,
// rate, time left, and how long Nextcloud has been in maintenance mode), ending on the timeline
// with the new Restoring Point.

#include "wizard/WizardBackend.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWizardPage>

class QLabel;
class QPushButton;
class QTimer;

namespace ncb::ui {

class JobStatusWidget;
class SetupWizard;
class TimelineWidget;

class FirstBackupPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit FirstBackupPage(SetupWizard* wizard);
    void initializePage() override;
    bool isComplete() const override;
    JobStatusWidget* status() const { return m_status; }
    TimelineWidget* timeline() const { return m_timeline; }

private:
    void start();
    void showMaintenance();
    SetupWizard* m_wizard;
    QPointer<ResultJob<TimelineEntry>> m_job;
    bool m_done = false;
    QLabel* m_intro;
    JobStatusWidget* m_status;
    QLabel* m_maintenance;
    QTimer* m_maintenanceTick;
    QElapsedTimer m_maintenanceClock;
    TimelineWidget* m_timeline;
    QPushButton* m_retry;
};

} // namespace ncb::ui
