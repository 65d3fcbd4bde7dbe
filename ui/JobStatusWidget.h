#pragma once
// JobStatusWidget: the status area of the main window and the wizard's last page: what the running
// job does (phase, current file), a progress bar, files and bytes done, rate and time left, and
// Cancel. It follows one Job at a time through its signals; it never looks inside the work.

#include "util/Job.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ncb::ui {

class JobStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit JobStatusWidget(QWidget* parent = nullptr);

    void track(Job* job); // follows the job until it finishes; nullptr clears
    Job* job() const { return m_job; }
    // Words for a phase name the core reports ("scan", "files", "maintenance", "db", ...).
    static QString phaseText(const QString& phase);

    QProgressBar* progressBar() const { return m_bar; }
    QPushButton* cancelButton() const { return m_cancel; }
    QLabel* phaseLabel() const { return m_phase; }
    QLabel* detailLabel() const { return m_detail; }

signals:
    void jobFinished(const QString& title, const ncb::Status& status);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showProgress(const Progress& p);
    void showFinished(const Status& s);

    QPointer<Job> m_job;
    QLabel* m_phase;
    QLabel* m_detail;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
};

} // namespace ncb::ui
