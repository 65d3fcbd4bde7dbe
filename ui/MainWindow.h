#pragma once
// MainWindow: the sidebar of Nextcloud instances and, for the selected one, its toolbar (Back up now,
// Restore, Check, Settings) and three views: the timeline of Restoring Points, the files of the
// selected Restoring Point, and the log. The status bar follows the running job; the tray icon
// mirrors its state. The window only shows data and emits requests: the application wires it to
// the core.

#include "util/Job.h"

#include <QMainWindow>

class QAction;
class QListView;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QToolButton;

namespace ncb::ui {

class InstanceListModel;
class JobStatusWidget;
class RpFileTreeView;
class TimelineWidget;
class TrayIcon;
class WelcomePage;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class View { Timeline, Files, Log };
    explicit MainWindow(QWidget* parent = nullptr);

    InstanceListModel* instances() const { return m_instances; }
    TimelineWidget* timeline() const { return m_timeline; }
    RpFileTreeView* files() const { return m_files; }
    JobStatusWidget* jobStatus() const { return m_jobStatus; }
    TrayIcon* tray() const { return m_tray; }
    // Applies the app settings (tray icon, notifications) from QSettings; after the settings dialog.
    void applyAppSettings();
    WelcomePage* welcomePage() const { return m_welcome; }
    QListView* instanceView() const { return m_instanceView; }

    QString currentInstanceId() const;
    void selectInstance(const QString& id);
    void showView(View view);
    void appendLog(const QString& message, bool error = false);
    void appendLog(const QString& message, bool error, const QDateTime& when); // an earlier event
    // Shows the job in the status area and the tray; a failure also raises a desktop notification.
    void trackJob(Job* job);

signals:
    void addInstanceRequested();
    void instanceSelected(const QString& instanceId);
    void backupRequested(const QString& instanceId, bool full);
    void restoreRequested(const QString& instanceId);
    void checkRequested(const QString& instanceId);
    void settingsRequested(const QString& instanceId);
    void rpSelected(const QString& instanceId, const QString& rpId);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void retranslate();
    void updateEmptyState();
    void updateActions();

    InstanceListModel* m_instances;
    QStackedWidget* m_stack;
    WelcomePage* m_welcome;
    QListView* m_instanceView;
    QTabWidget* m_tabs;
    TimelineWidget* m_timeline;
    RpFileTreeView* m_files;
    QPlainTextEdit* m_log;
    JobStatusWidget* m_jobStatus;
    TrayIcon* m_tray = nullptr;
    bool m_quitting = false;

    QAction* m_addAction = nullptr;
    QAction* m_backupAction = nullptr;
    QAction* m_fullAction = nullptr;
    QAction* m_incrementalAction = nullptr;
    QAction* m_restoreAction = nullptr;
    QAction* m_checkAction = nullptr;
    QAction* m_settingsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QToolButton* m_backupButton = nullptr;
};

} // namespace ncb::ui
