#pragma once
// AppController: connects the main window to the core. It fills the sidebar and the timeline from the
// instance profiles (InstanceStore), the repositories' Restoring Points and the job history; turns the
// window's requests (add, back up, restore, check, settings) into core jobs on the JobQueue (one at a
// time per repository, never on the GUI thread) and shows their progress and results. Thin: what a
// backup or a restore does is decided by the core.

#include "CoreOps.h"
#include "RestoreRequest.h"
#include "settings/InstanceConfig.h"
#include "util/JobQueue.h"
#include "wizard/SetupWizard.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>

namespace ncb::ui {

class ChangePasswordDialog;
class CoreWizardBackend;
class MainWindow;
class RestoreDialog;

class AppController : public QObject
{
    Q_OBJECT
public:
    explicit AppController(MainWindow* window, QObject* parent = nullptr);
    ~AppController() override;

    // Loads the instances, cleans up after interrupted runs (MaintenanceGuard) and reads their
    // Restoring Points. Opens the setup wizard when there is no instance yet, or when addLocalRoot is
    // given ("this computer" with that server root filled in).
    void start(const QString& addLocalRoot = {});
    SetupWizard* openWizard(const QString& localRoot = {});
    SetupWizard* wizard() const { return m_wizard; }

    void reloadInstances();
    void refresh(const QString& name); // re-reads RPs and history on the job runner
    void backupNow(const QString& name, bool full);
    // Starts the backups that are due by their schedule (runs every minute while the app is open).
    void runDueBackups(const QDateTime& now);
    void runDueBackups() { runDueBackups(now()); }
    Job* startRestore(const QString& name, const RestoreRequest& request); // for the dialog's starter
    void openRestoreDialog(const QString& name); // the selected RP and the file tree's selection
    // The restore dialog for Restoring Point `rp` with `paths` preselected (`folders`: which are folders).
    RestoreDialog* openRestoreDialog(const QString& name, const QString& rp, const QStringList& paths,
                                     const QSet<QString>& folders);
    void check(const QString& name);
    void editSettings(const QString& name);
    // Opens the dialog that changes the password of the instance's repository (current password checked,
    // master key re-wrapped by the core, keychain entry refreshed); the change runs on the job runner.
    ChangePasswordDialog* changePassword(const QString& name, QWidget* parent = nullptr);

    // The app's idea of "now" for judging missed backups (default: the system clock). Tests move it
    // forward to see a missed backup reported.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTime(); }

    JobQueue* queue() const { return m_queue; }
    const coreops::InstanceState* state(const QString& name) const;
    const settings::InstanceConfig* config(const QString& name) const;

signals:
    void instanceRefreshed(const QString& name);
    void jobCompleted(const QString& title, const ncb::Status& status);
    void checkCompleted(const QString& name, bool ok, const QString& message);

private:
    using RepoWork = std::function<Status(const settings::InstanceConfig&, repo::Repository&, const JobContext&)>;
    using Done = std::function<void(const Status&)>;
    // Runs `work` on the job runner after unlocking the instance's repository (session key, keychain,
    // else the password, asked here and the job run again). `track`: shown in the status area and log.
    void runRepoJob(const QString& name, const QString& title, RepoWork work, Done done, bool track,
                    const QByteArray& password = {});
    void recover(const settings::InstanceConfig& config);
    void showState(const QString& name);
    void showRp(const QString& name, const QString& rpId);
    void wizardDone(SetupWizard* wizard, CoreWizardBackend* backend);
    bool askPassword(const QString& name, QByteArray* password);
    void enqueueTracked(Job* job);
    void startBackup(const QString& name, backup::BackupOptions::Mode mode);

    MainWindow* m_window;
    JobQueue* m_queue;
    QHash<QString, settings::InstanceConfig> m_configs;
    QHash<QString, QByteArray> m_keys; // master keys for this session (never written anywhere)
    QSet<QString> m_unlocking;          // instances whose password is being asked for or tried
    QHash<QString, QList<std::function<void(bool unlocked)>>> m_afterUnlock; // jobs waiting for it
    QHash<QString, coreops::InstanceState> m_states;
    QSet<QString> m_notifiedOverdue;
    QSet<QString> m_backingUp; // instances with a backup queued or running
    QPointer<SetupWizard> m_wizard;
    QTimer* m_scheduler;
    std::function<QDateTime()> m_clock;
};

} // namespace ncb::ui
