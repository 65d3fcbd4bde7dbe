#pragma once
// SchedulePage (wizard step 4): when to back up: a full backup every few weeks, an incremental one
// every day, inside a night-time window (Nextcloud goes into maintenance mode for a moment).

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace ncb::ui {

class SetupWizard;

class SchedulePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit SchedulePage(SetupWizard* wizard);
    bool isComplete() const override;
    bool validatePage() override;

private:
    SetupWizard* m_wizard;
    QSpinBox* m_fullWeeks;
    QCheckBox* m_daily;
    QSpinBox* m_from;
    QSpinBox* m_to;
    QLabel* m_summary;
};

} // namespace ncb::ui
