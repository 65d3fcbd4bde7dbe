#include "AppController.h"

#include "repository/SafePath.h"
#include "ChangePasswordDialog.h"
#include "CoreWizardBackend.h"
#include "Format.h"
#include "InstanceListModel.h"
#include "InstanceSettings.h"
#include "MainWindow.h"
#include "RepoCatalogBrowser.h"
#include "RestoreDialog.h"
#include "RpFileModel.h"
#include "RpFileTreeView.h"
#include "SettingsDialog.h"
#include "TimelineWidget.h"
#include "TrayIcon.h"
#include "backup/InstanceContext.h"
#include "backup/JobHistory.h"
#include "restore/RestoreRunner.h"
#include "nextcloud/InstanceHost.h"
#include "nextcloud/MaintenanceGuard.h"
#include "nextcloud/Occ.h"
#include "repository/SnapshotChecker.h"
#include "repository/SnapshotRestorer.h"
#include "restore/DatabaseRestoreJob.h"
#include "restore/HostFileRestorer.h"
#include "restore/LocalFileRestorer.h"
#include "restore/InstanceRestoreJob.h"
#include "schedule/SchedulePolicy.h"
#include "settings/InstanceStore.h"
#include "settings/Keychain.h"
#include "settings/RepositoryUnlock.h"
#include "wizard/SetupWizard.h"

#include <QApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QRadioButton>
#include <QThread>

namespace ncb::ui {

namespace {

QByteArray rpPath(QString p)
{
    return repo::normaliseRpPath(p);
}

// Exclusion patterns (RP paths) behind the settings dialog's check boxes.
const QString kPreviews = QStringLiteral("data/appdata_*/preview");
const QString kLog = QStringLiteral("data/nextcloud.log");
const QString kTrash = QStringLiteral("data/*/files_trashbin");
const QString kVersions = QStringLiteral("data/*/files_versions");

} // namespace

AppController::AppController(MainWindow* window, QObject* parent)
    : QObject(parent), m_window(window), m_queue(new JobQueue(this)), m_scheduler(new QTimer(this))
{
    m_scheduler->setInterval(60 * 1000);
    connect(m_scheduler, &QTimer::timeout, this, [this] { runDueBackups(); });
    connect(window, &MainWindow::addInstanceRequested, this, [this] { openWizard(); });
    connect(window, &MainWindow::instanceSelected, this, [this](const QString& id) {
        if (id.isEmpty())
            return;
        showState(id);
        refresh(id);
    });
    connect(window, &MainWindow::backupRequested, this, &AppController::backupNow);
    connect(window, &MainWindow::restoreRequested, this,
            qOverload<const QString&>(&AppController::openRestoreDialog));
    connect(window, &MainWindow::checkRequested, this, &AppController::check);
    connect(window, &MainWindow::settingsRequested, this, &AppController::editSettings);
    connect(window, &MainWindow::rpSelected, this, &AppController::showRp);
    connect(window->files(), &RpFileTreeView::restoreRequested, this, [this](const QString&, const QStringList&) {
        openRestoreDialog(m_window->currentInstanceId());
    });
    // "Show versions" -> a version picked: restore that file as it was in that RP.
    connect(window->files(), &RpFileTreeView::restoreVersionRequested, this,
            [this](const QString& rp, const QString& path) {
                openRestoreDialog(m_window->currentInstanceId(), rp, {path}, {});
            });
}

AppController::~AppController()
{
    m_queue->cancelAll();
}

const coreops::InstanceState* AppController::state(const QString& name) const
{
    auto it = m_states.constFind(name);
    return it == m_states.constEnd() ? nullptr : &it.value();
}

const settings::InstanceConfig* AppController::config(const QString& name) const
{
    auto it = m_configs.constFind(name);
    return it == m_configs.constEnd() ? nullptr : &it.value();
}

void AppController::start(const QString& addLocalRoot)
{
    reloadInstances();
    for (const settings::InstanceConfig& c : std::as_const(m_configs))
        recover(c);
    for (const QString& name : m_configs.keys())
        refresh(name);
    if (!m_configs.isEmpty())
        m_window->selectInstance(m_window->instances()->instances().first().id);
    if (!addLocalRoot.isEmpty() || m_configs.isEmpty())
        openWizard(addLocalRoot);
    m_scheduler->start();
}

void AppController::runDueBackups(const QDateTime& now)
{
    for (auto it = m_configs.constBegin(); it != m_configs.constEnd(); ++it) {
        const QString& name = it.key();
        auto st = m_states.constFind(name);
        if (st == m_states.constEnd() || m_backingUp.contains(name))
            continue;
        if (schedule::SchedulePolicy(it->schedule).decide(st->schedule, now).due)
            startBackup(name, backup::BackupOptions::Auto);
    }
}

void AppController::reloadInstances()
{
    auto list = settings::InstanceStore().list();
    if (!list) {
        m_window->appendLog(list.error().message, true);
        return;
    }
    m_configs.clear();
    QList<InstanceSummary> summaries;
    for (const settings::InstanceConfig& c : *list) {
        m_configs.insert(c.name, c);
        if (auto it = m_states.constFind(c.name); it != m_states.constEnd()) {
            summaries.append(it->summary);
            continue;
        }
        InstanceSummary s;
        s.id = c.name;
        s.name = c.name;
        s.host = Format::host(c);
        summaries.append(s);
    }
    const QString current = m_window->currentInstanceId();
    m_window->instances()->setInstances(summaries);
    if (!current.isEmpty() && m_configs.contains(current))
        m_window->selectInstance(current);
}

void AppController::enqueueTracked(Job* job)
{
    connect(job, &Job::started, m_window, [w = m_window, job] { w->trackJob(job); });
    m_queue->enqueue(job);
}

bool AppController::askPassword(const QString& name, QByteArray* password)
{
    bool ok = false;
    // Without a keychain nothing is stored: the password is asked once per session (the key is kept in
    // memory until the app quits).
    const QString text =
        settings::Keychain::available()
            ? tr("The key of the repository of %1 is not in the keychain. Enter the repository password:").arg(name)
            : tr("No keychain is available on this desktop, so ncbackup does not store the password of the "
                 "repository of %1 and asks for it once each time it starts. Enter the repository password:")
                  .arg(name);
    const QString pw = QInputDialog::getText(m_window, tr("Repository password"), text, QLineEdit::Password,
                                             QString(), &ok);
    if (!ok || pw.isEmpty())
        return false;
    *password = pw.toUtf8();
    return true;
}

void AppController::runRepoJob(const QString& name, const QString& title, RepoWork work, Done done, bool track,
                               const QByteArray& password)
{
    auto it = m_configs.constFind(name);
    if (it == m_configs.constEnd())
        return;
    const settings::InstanceConfig config = it.value();
    const QByteArray key = m_keys.value(name);
    auto keyOut = std::make_shared<QByteArray>();
    auto* job = new Job(title, [config, key, password, keyOut, work](const JobContext& ctx) -> Status {
        auto repo = coreops::unlock(config.repository, key, password, keyOut.get());
        if (!repo)
            return repo.error();
        return work(config, **repo, ctx);
    });
    job->setQueueKey(config.repository);
    connect(job, &Job::finished, this, [=, this](const Status& s) {
        if (!keyOut->isEmpty())
            m_keys.insert(name, *keyOut);
        const bool locked = !s.ok() && s.error().code == Error::Auth && keyOut->isEmpty();
        if (locked) {
            if (m_keys.contains(name)) { // another job got the key meanwhile
                runRepoJob(name, title, work, done, track);
                return;
            }
            if (password.isEmpty() && m_unlocking.contains(name)) {
                // The password is being asked for already (jobs queued at start all fail at once):
                // wait for that answer instead of asking twice.
                m_afterUnlock[name] << [=, this](bool unlocked) {
                    if (unlocked)
                        runRepoJob(name, title, work, done, track);
                    else if (done)
                        done(s);
                };
                return;
            }
            if (!password.isEmpty())
                m_window->appendLog(s.error().message, true);
            m_unlocking.insert(name);
            QByteArray pw;
            if (askPassword(name, &pw)) {
                runRepoJob(name, title, work, done, track, pw); // still unlocking until it finishes
                return;
            }
            m_unlocking.remove(name);
            for (const auto& waiting : m_afterUnlock.take(name))
                waiting(false);
        } else if (!password.isEmpty()) { // the typed password was taken (or the job failed otherwise)
            m_unlocking.remove(name);
            const bool unlocked = m_keys.contains(name);
            for (const auto& waiting : m_afterUnlock.take(name))
                waiting(unlocked);
        }
        if (done)
            done(s);
    });
    if (track)
        enqueueTracked(job);
    else
        m_queue->enqueue(job);
}

void AppController::recover(const settings::InstanceConfig& config)
{
    auto message = std::make_shared<QString>();
    auto held = std::make_shared<bool>(false);
    auto* job = new Job(tr("Checking %1 for an interrupted backup").arg(config.name),
                        [config, message, held](const JobContext&) -> Status {
                            auto host = nextcloud::makeInstanceHost(config);
                            if (Status s = host->connect(); !s)
                                return s;
                            nextcloud::Occ occ(*host, config.serverRoot);
                            nextcloud::HeldMaintenance h;
                            auto r = nextcloud::MaintenanceGuard::recoverIfNeeded(occ, config.repository, nullptr, &h);
                            if (!r)
                                return r.error();
                            *message = *r;
                            *held = h.held;
                            return {};
                        });
    job->setQueueKey(config.repository);
    connect(job, &Job::finished, this, [this, name = config.name, message, held](const Status& s) {
        if (!s.ok())
            m_window->appendLog(tr("%1: could not check for an interrupted backup: %2").arg(name, s.error().message),
                                true);
        else if (!message->isEmpty())
            m_window->appendLog(QStringLiteral("%1: %2").arg(name, *message), *held); // held: the instance is offline
    });
    m_queue->enqueue(job);
}

void AppController::refresh(const QString& name)
{
    auto out = std::make_shared<coreops::InstanceState>();
    runRepoJob(
        name, tr("Reading the Restoring Points of %1").arg(name),
        [out, at = now()](const settings::InstanceConfig& c, repo::Repository& repo, const JobContext& ctx) -> Status {
            auto st = coreops::readState(c, repo, ctx, {}, at);
            if (!st)
                return st.error();
            *out = std::move(st).value();
            return {};
        },
        [this, name, out](const Status& s) {
            if (!s.ok()) {
                m_window->appendLog(tr("%1: %2").arg(name, s.error().message), true);
                emit instanceRefreshed(name);
                return;
            }
            if (!m_states.contains(name)) {
                // What happened before this session, from the job history.
                for (const backup::JobRecord& h : std::as_const(out->history)) {
                    const bool incomplete = h.status == backup::JobRecord::Status::Incomplete;
                    const bool failed = h.status != backup::JobRecord::Status::Ok && !incomplete;
                    const QString rp = h.rp.left(12);
                    QString what = h.job;
                    const QString kind = h.counts.value(QStringLiteral("kind")).toString();
                    if (!kind.isEmpty())
                        what += QStringLiteral(" (%1)").arg(kind);
                    const QString text =
                        failed       ? tr("%1: %2 failed: %3").arg(name, what, h.message)
                        : incomplete ? tr("%1: %2 incomplete: %3").arg(name, what, h.message)
                        : rp.isEmpty() ? tr("%1: %2 done").arg(name, what)
                                       : tr("%1: %2 done, Restoring Point %3").arg(name, what, rp);
                    m_window->appendLog(text, failed || incomplete, h.finished.toLocalTime());
                }
            }
            m_states.insert(name, *out);
            if (m_backingUp.contains(name))
                m_states[name].summary.lastState = InstanceSummary::State::Running;
            m_window->instances()->updateInstance(m_states[name].summary);
            if (out->summary.lastState == InstanceSummary::State::Overdue && !m_notifiedOverdue.contains(name)) {
                m_notifiedOverdue.insert(name);
                m_window->appendLog(tr("%1: a scheduled backup was missed (last Restoring Point %2).")
                                        .arg(name, QLocale().toString(out->summary.lastRp, QLocale::ShortFormat)),
                                    true);
                if (m_window->tray())
                    m_window->tray()->notify(tr("Backup of %1 is overdue").arg(name),
                                             tr("The last Restoring Point is from %1.")
                                                 .arg(QLocale().toString(out->summary.lastRp, QLocale::ShortFormat)),
                                             true);
            }
            if (m_window->currentInstanceId() == name)
                showState(name);
            emit instanceRefreshed(name);
        },
        false);
}

void AppController::showState(const QString& name)
{
    auto it = m_states.constFind(name);
    if (it == m_states.constEnd()) {
        m_window->timeline()->setEntries({});
        return;
    }
    const QString selected = m_window->timeline()->selectedId();
    m_window->timeline()->setEntries(it->timeline);
    QString rp = selected;
    if (rp.isEmpty() || !it->rpFull.contains(rp)) {
        // the newest Restoring Point
        QDateTime newest;
        for (const TimelineEntry& e : it->timeline)
            if (!e.failed && !e.id.isEmpty() && (!newest.isValid() || e.time > newest)) {
                newest = e.time;
                rp = e.id;
            }
    }
    if (!rp.isEmpty()) {
        m_window->timeline()->selectId(rp);
        if (m_window->files()->model()->snapshotId() != rp)
            showRp(name, rp);
    }
}

void AppController::showRp(const QString& name, const QString& rpId)
{
    auto it = m_states.constFind(name);
    if (it == m_states.constEnd() || !it->rpFull.contains(rpId))
        return;
    QDateTime when;
    for (const TimelineEntry& e : it->timeline)
        if (e.id == rpId)
            when = e.time;
    auto browser = std::make_shared<RepoCatalogBrowser>(it->repositoryId, it->rpFull);
    m_window->files()->setSource(
        browser, rpId,
        tr("Restoring Point of %1, %2 (%3)")
            .arg(name, QLocale().toString(when, QLocale::LongFormat),
                 it->rpFull.value(rpId) ? tr("full") : tr("incremental")));
}

void AppController::backupNow(const QString& name, bool full)
{
    startBackup(name, full ? backup::BackupOptions::Full : backup::BackupOptions::Incremental);
}

void AppController::startBackup(const QString& name, backup::BackupOptions::Mode mode)
{
    if (!m_configs.contains(name))
        return;
    auto outcome = std::make_shared<coreops::BackupOutcome>();
    const QString title = mode == backup::BackupOptions::Full          ? tr("Full backup of %1").arg(name)
                          : mode == backup::BackupOptions::Incremental ? tr("Incremental backup of %1").arg(name)
                                                                       : tr("Scheduled backup of %1").arg(name);
    m_backingUp.insert(name);
    if (m_states.contains(name)) {
        m_states[name].summary.lastState = InstanceSummary::State::Running;
        m_window->instances()->updateInstance(m_states[name].summary);
    }
    runRepoJob(
        name, title,
        [mode, outcome](const settings::InstanceConfig& c, repo::Repository& repo, const JobContext& ctx) -> Status {
            auto r = coreops::backup(c, repo, mode, ctx);
            if (!r)
                return r.error();
            *outcome = std::move(r).value();
            return {};
        },
        [this, name, title, outcome](const Status& s) {
            m_backingUp.remove(name);
            if (s.ok()) {
                if (!outcome->recovered.isEmpty())
                    m_window->appendLog(QStringLiteral("%1: %2").arg(name, outcome->recovered));
                const TimelineEntry& e = outcome->entry;
                m_window->appendLog(tr("%1: Restoring Point %2 made (%3 new, Nextcloud in maintenance mode for %4).")
                                        .arg(name, e.id.left(12), Format::bytes(e.addedBytes),
                                             Format::duration(e.maintenanceSeconds)));
                for (const QString& w : outcome->warnings)
                    m_window->appendLog(tr("%1: warning: %2").arg(name, w), true);
                if (e.incomplete) {
                    // Never a plain success: the log names every path left out, and the desktop says so.
                    for (const QString& path : e.leftOut)
                        m_window->appendLog(tr("%1: not backed up: %2").arg(name, path), true);
                    if (m_window->tray())
                        m_window->tray()->notify(tr("Backup of %1 is incomplete").arg(name),
                                                 tr("Restoring Point %1 lacks %n path(s) the server would not let "
                                                    "ncbackup read. The Log tab names them.",
                                                    nullptr, int(e.leftOut.size()))
                                                     .arg(e.id.left(12)),
                                                 true);
                }
            } else if (s.error().code != Error::Cancelled) {
                m_window->appendLog(tr("%1: maintenance mode is off again; no Restoring Point was made.").arg(name),
                                    true);
            }
            emit jobCompleted(title, s);
            refresh(name);
        },
        true);
}

void AppController::openRestoreDialog(const QString& name)
{
    auto it = m_states.constFind(name);
    if (name.isEmpty() || it == m_states.constEnd())
        return;
    QString rp = m_window->timeline()->selectedId();
    if (rp.isEmpty() || !it->rpFull.contains(rp))
        rp = m_window->files()->model()->snapshotId();
    if (rp.isEmpty() || !it->rpFull.contains(rp)) {
        QMessageBox::information(m_window, tr("Restore"), tr("%1 has no Restoring Point yet.").arg(name));
        return;
    }
    QStringList paths;
    QSet<QString> folders;
    if (m_window->files()->model()->snapshotId() == rp) {
        RpFileModel* model = m_window->files()->model();
        const auto rows = m_window->files()->treeView()->selectionModel()->selectedRows(RpFileModel::NameColumn);
        for (const QModelIndex& i : rows) {
            paths << model->pathOf(i);
            if (model->isDir(i))
                folders.insert(model->pathOf(i));
        }
    }
    openRestoreDialog(name, rp, paths, folders);
}

RestoreDialog* AppController::openRestoreDialog(const QString& name, const QString& rp, const QStringList& paths,
                                                const QSet<QString>& folders)
{
    auto it = m_states.constFind(name);
    if (name.isEmpty() || it == m_states.constEnd() || !it->rpFull.contains(rp))
        return nullptr;
    QDateTime when;
    for (const TimelineEntry& e : it->timeline)
        if (e.id == rp)
            when = e.time;
    auto* dialog = new RestoreDialog(name, rp, when, m_window);
    dialog->setObjectName(QStringLiteral("restoreDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!paths.isEmpty())
        dialog->setSelection(paths, folders);
    // The users of the RP being restored (not of the newest one): read from the catalog on the job
    // runner; the user choice is filled in when they arrive.
    dialog->setUsers({});
    QPointer<RestoreDialog> target = dialog;
    auto users = std::make_shared<QStringList>();
    auto* job = new Job(tr("Reading the users of a Restoring Point of %1").arg(name),
                        [repoId = it->repositoryId, rp, users](const JobContext&) -> Status {
                            auto r = coreops::usersIn(repoId, rp);
                            if (!r)
                                return r.error();
                            *users = *r;
                            return {};
                        });
    connect(job, &Job::finished, this, [this, target, users, name](const Status& s) {
        if (!s.ok())
            m_window->appendLog(tr("%1: %2").arg(name, s.error().message), true);
        if (target)
            target->setUsers(*users);
    });
    m_queue->enqueue(job); // no queue key: it only reads the local catalog
    dialog->setStarter([this, name](const RestoreRequest& r) {
        Job* job = startRestore(name, r);
        if (job)
            enqueueTracked(job); // after any backup or check running on the same repository
        return job;
    });
    dialog->open();
    return dialog;
}

Job* AppController::startRestore(const QString& name, const RestoreRequest& req)
{
    auto cit = m_configs.constFind(name);
    if (cit == m_configs.constEnd())
        return nullptr;
    const settings::InstanceConfig config = cit.value();
    const QByteArray key = m_keys.value(name);
    auto result = std::make_shared<QString>();
    QPointer<QWidget> window = m_window;

    // Asked on the GUI thread while the worker waits; "Ask" itself means stop.
    auto ask = [window](const QString& hostPath) -> restore::Conflict {
        restore::Conflict answer = restore::Conflict::Ask;
        QMetaObject::invokeMethod(
            qApp,
            [&] {
                QMessageBox box(QMessageBox::Question, AppController::tr("File exists"),
                                AppController::tr("%1 already exists and differs from the version in the "
                                                  "Restoring Point.")
                                    .arg(hostPath),
                                QMessageBox::NoButton, window);
                auto* overwrite = box.addButton(AppController::tr("Overwrite"), QMessageBox::DestructiveRole);
                auto* keep = box.addButton(AppController::tr("Keep both"), QMessageBox::AcceptRole);
                auto* skip = box.addButton(AppController::tr("Skip"), QMessageBox::RejectRole);
                box.addButton(QMessageBox::Abort);
                box.exec();
                if (box.clickedButton() == overwrite)
                    answer = restore::Conflict::Overwrite;
                else if (box.clickedButton() == keep)
                    answer = restore::Conflict::KeepBoth;
                else if (box.clickedButton() == skip)
                    answer = restore::Conflict::Skip;
            },
            Qt::BlockingQueuedConnection);
        return answer;
    };

    const QString title = tr("Restore from %1").arg(name);
    auto* job = new Job(title, [config, key, req, result, ask](const JobContext& ctx) -> Status {
        QByteArray used;
        auto repo = coreops::unlock(config.repository, key, {}, &used);
        if (!repo)
            return repo.error();
        restore::RestoreRequest run;
        run.rp = req.snapshotId;
        if (req.what == RestoreRequest::What::Database) {
            run.what = restore::RestoreRequest::What::Database;
            run.database.progress = ctx.progressCallback();
            auto out = restore::RestoreRunner(config, **repo).run(run);
            if (!out)
                return out.error();
            const restore::DatabaseRestoreReport* r = &out->database;
            if (r->repairedWithoutOcc && !r->repairedInterrupted)
                *result = AppController::tr("The database of %1 is back as it was at this Restoring Point, and Nextcloud "
                                            "is online again: the database had lost its tables, so Nextcloud could not "
                                            "start. What it held before is kept as safety copy %2.")
                              .arg(config.name, r->safetySnapshotId.left(12));
            else if (!r->repairedInterrupted)
                *result = AppController::tr("The database of %1 is back as it was at this Restoring Point. Nextcloud "
                                            "was in maintenance mode meanwhile and is online again. The database as "
                                            "it was before is kept as safety copy %2.")
                              .arg(config.name, r->safetySnapshotId.left(12));
            else
                *result = AppController::tr("The database of %1 is back as it was at this Restoring Point, and Nextcloud "
                                            "is online again. An interrupted restore had left it incomplete, so no "
                                            "safety copy was made this time; the one from before that restore is %2.")
                              .arg(config.name, r->safetySnapshotId.isEmpty() ? AppController::tr("missing")
                                                                               : r->safetySnapshotId.left(12));
            *result += QLatin1Char(' ')
                     + AppController::tr("Nextcloud has a new data fingerprint, so the desktop and phone apps sync "
                                         "again, and its file list was brought in line with the files on disk.");
            return Status();
        }
        if (req.what == RestoreRequest::What::Instance) {
            run.what = restore::RestoreRequest::What::Instance;
            restore::InstanceRestoreOptions& o = run.instance;
            o.progress = ctx.progressCallback();
            if (req.instanceCopy) {
                o.toRoot = req.copyRoot;
                o.toData = req.copyData;
                o.toDb = req.copyDatabase;
                o.newInstanceId = req.newInstanceId;
            }
            auto out = restore::RestoreRunner(config, **repo).run(run);
            if (!out)
                return out.error();
            const restore::InstanceRestoreReport* r = &out->instance;
            if (r->copy)
                *result = AppController::tr("A copy of %1 is ready: %2 files (%3) in %4 and %5, with its own database %6 "
                                            "at %7 and the instance id %8. %1 itself was not touched. %9")
                              .arg(config.name)
                              .arg(r->files)
                              .arg(Format::bytes(r->bytes), r->root, r->data, r->dbName, r->dbWhere, r->instanceId, r->note);
            else
                *result = AppController::tr("%1 is back: %2 files (%3) in %4 and %5, and its database. occ files:scan "
                                            "ran on all files. %6")
                              .arg(config.name)
                              .arg(r->files)
                              .arg(Format::bytes(r->bytes), r->root, r->data, r->note);
            return Status();
        }
        // Files: the same rule as `restore files` (RestorePlan): files already equal to the RP's are left
        // alone, nothing is replaced unless the user chose so.
        run.what = restore::RestoreRequest::What::Files;
        restore::FileRestoreOptions& o = run.files;
        if (req.what == RestoreRequest::What::User)
            o.paths << QByteArrayLiteral("data/") + req.user.toUtf8();
        else
            for (const QString& p : req.paths)
                o.paths << rpPath(p);
        switch (req.conflict) {
        case RestoreRequest::Conflict::Overwrite: o.conflict = restore::Conflict::Overwrite; break;
        case RestoreRequest::Conflict::KeepBoth: o.conflict = restore::Conflict::KeepBoth; break;
        case RestoreRequest::Conflict::Skip: o.conflict = restore::Conflict::Skip; break;
        case RestoreRequest::Conflict::Ask: o.conflict = restore::Conflict::Ask; o.ask = ask; break;
        }
        o.progress = ctx.progressCallback();
        if (req.where == RestoreRequest::Where::LocalFolder) {
            run.where = restore::RestoreRequest::Where::LocalFolder;
            o.target = req.targetPath;
        } else {
            run.where = restore::RestoreRequest::Where::Host;
            o.target = req.where == RestoreRequest::Where::OtherHostFolder ? req.targetPath : QString();
        }
        auto out = restore::RestoreRunner(config, **repo).run(run);
        if (!out)
            return out.error();
        const restore::FileRestoreReport* rep = &out->files;
        const int n = int(rep->files + rep->symlinks);
        QString text = req.where == RestoreRequest::Where::LocalFolder
                           ? AppController::tr("%n file(s) (%1) restored into %2 on this computer.", nullptr, n)
                                 .arg(Format::bytes(rep->bytes), req.targetPath)
                       : o.target.isEmpty()
                           ? AppController::tr("%n file(s) (%1) restored on %2 to their original place.", nullptr, n)
                                 .arg(Format::bytes(rep->bytes), Format::host(config))
                           : AppController::tr("%n file(s) (%1) restored on %2 into %3.", nullptr, n)
                                 .arg(Format::bytes(rep->bytes), Format::host(config), o.target);
        if (!rep->upToDate.isEmpty())
            text += QLatin1Char(' ') + AppController::tr("%n file(s) already up to date, left alone.", nullptr,
                                                         int(rep->upToDate.size()));
        if (!rep->replaced.isEmpty())
            text += QLatin1Char(' ') + AppController::tr("%n file(s) that differed replaced with the backed-up version.",
                                                         nullptr, int(rep->replaced.size()));
        if (!rep->keptBoth.isEmpty())
            text += QLatin1Char(' ') + AppController::tr("%n file(s) restored next to the existing ones as "
                                                         "\"name (restored DATE)\".",
                                                         nullptr, int(rep->keptBoth.size()));
        if (!rep->skipped.isEmpty())
            text += QLatin1Char(' ') + AppController::tr("%n file(s) that differ kept as they are (skipped).", nullptr,
                                                         int(rep->skipped.size()));
        if (!rep->scannedPaths.isEmpty())
            text += QLatin1Char(' ') + AppController::tr("occ files:scan ran on %1, so Nextcloud shows them now.")
                                           .arg(rep->scannedPaths.join(QStringLiteral(", ")));
        if (!rep->leftOut.isEmpty())
            text += QStringLiteral("\n\n") +
                    AppController::tr("%n item(s) of the Restoring Point could not be restored safely and were left out:",
                                      nullptr, int(rep->leftOut.size())) +
                    QLatin1Char('\n') + rep->leftOut.mid(0, 10).join(QLatin1Char('\n')) +
                    (rep->leftOut.size() > 10 ? QStringLiteral("\n…") : QString());
        *result = text;
        return Status();
    });
    job->setQueueKey(config.repository);
    // Connected before the dialog's own handler: the result text is there when it reads it.
    connect(job, &Job::finished, this, [this, job, result, name, title](const Status& s) {
        job->setProperty("resultText", *result);
        m_window->appendLog(s.ok() ? QStringLiteral("%1: %2").arg(name, *result)
                                   : QStringLiteral("%1: %2").arg(title, s.error().message),
                            !s.ok());
        emit jobCompleted(title, s);
        refresh(name);
    });
    return job;
}

void AppController::check(const QString& name)
{
    if (!m_configs.contains(name))
        return;
    auto message = std::make_shared<QString>();
    auto healthy = std::make_shared<bool>(false);
    const QString title = tr("Check of the repository of %1").arg(name);
    runRepoJob(
        name, title,
        [message, healthy](const settings::InstanceConfig&, repo::Repository& repo, const JobContext& ctx) -> Status {
            auto checked = repo::SnapshotChecker::checkLocked(repo, false, ctx.progressCallback());
            if (!checked)
                return checked.error();
            const repo::SnapshotCheckReport& r = checked.value();
            *healthy = r.ok();
            if (r.ok()) {
                *message = AppController::tr("The repository is healthy: %1 Restoring Points and %2 packs checked.")
                               .arg(r.snapshotsChecked)
                               .arg(r.storage.packsChecked);
                return {};
            }
            QStringList lines;
            for (const repo::Damage& d : r.storage.damages)
                lines << d.message;
            for (const repo::SnapshotDamage& d : r.snapshots)
                lines << AppController::tr("Restoring Point %1: %2").arg(d.snapshotId.left(12), d.message);
            *message = AppController::tr("The repository is damaged:") + QLatin1Char('\n') +
                       lines.mid(0, 20).join(QLatin1Char('\n'));
            return Error::make(Error::Corrupt, AppController::tr("The repository is damaged (%n problem(s)).", nullptr,
                                                                 int(lines.size())));
        },
        [this, name, title, message, healthy](const Status& s) {
            const QString text = message->isEmpty() ? (s.ok() ? QString() : s.error().message) : *message;
            if (s.ok())
                m_window->appendLog(QStringLiteral("%1: %2").arg(name, text));
            else if (!message->isEmpty())
                m_window->appendLog(QStringLiteral("%1: %2").arg(name, text), true);
            auto* box = new QMessageBox(*healthy ? QMessageBox::Information : QMessageBox::Warning, title, text,
                                        QMessageBox::Close, m_window);
            box->setObjectName(QStringLiteral("checkResult"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            emit checkCompleted(name, *healthy, text);
            emit jobCompleted(title, s);
        },
        true);
}

void AppController::editSettings(const QString& name)
{
    std::optional<InstanceSettings> settings;
    auto it = m_configs.constFind(name);
    if (it != m_configs.constEnd()) {
        const settings::InstanceConfig& c = it.value();
        InstanceSettings s;
        s.id = c.name;
        s.name = c.name;
        s.connection.local = c.local;
        s.connection.serverRoot = c.serverRoot;
        s.connection.host = c.sshHost;
        s.connection.port = c.sshPort;
        s.connection.user = c.sshUser;
        s.connection.keyFile = c.identityFile;
        s.repositoryLocation = c.repository;
        s.schedule.fullEveryWeeks = c.schedule.fullEveryWeeks;
        s.schedule.incrementalDaily = c.schedule.incrementalEveryDays <= 1;
        s.schedule.windowStartHour = c.schedule.windowStartHour;
        s.schedule.windowEndHour = c.schedule.windowEndHour;
        s.excludePreviews = c.exclusions.contains(kPreviews);
        s.excludeLog = c.exclusions.contains(kLog);
        s.excludeTrash = c.exclusions.contains(kTrash);
        s.excludeVersions = c.exclusions.contains(kVersions);
        for (const QString& e : c.exclusions)
            if (e != kPreviews && e != kLog && e != kTrash && e != kVersions)
                s.extraExclusions << (e.startsWith(QLatin1String("data/")) ? e.mid(5) : e);
        settings = s;
    }
    SettingsDialog dialog(settings, m_window);
    dialog.setObjectName(QStringLiteral("settingsDialog"));
    connect(&dialog, &SettingsDialog::changePasswordRequested, this,
            [this, &dialog](const QString& id) { changePassword(id, &dialog); });
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_window->applyAppSettings(); // tray icon and notifications take effect at once
    if (!settings)
        return;
    const InstanceSettings s = dialog.instanceSettings();
    settings::InstanceConfig c = it.value();
    c.serverRoot = s.connection.serverRoot;
    if (!c.local) {
        c.sshHost = s.connection.host;
        c.sshPort = s.connection.port;
        c.sshUser = s.connection.user;
        c.identityFile = s.connection.keyFile;
    }
    c.schedule.fullEveryWeeks = s.schedule.fullEveryWeeks;
    c.schedule.incrementalEveryDays = s.schedule.incrementalDaily ? 1 : 7;
    c.schedule.windowStartHour = s.schedule.windowStartHour;
    c.schedule.windowEndHour = s.schedule.windowEndHour;
    c.exclusions.clear();
    if (s.excludePreviews)
        c.exclusions << kPreviews;
    if (s.excludeLog)
        c.exclusions << kLog;
    if (s.excludeTrash)
        c.exclusions << kTrash;
    if (s.excludeVersions)
        c.exclusions << kVersions;
    for (const QString& e : s.extraExclusions)
        c.exclusions << QStringLiteral("data/") + e;
    if (Status st = settings::InstanceStore().save(c); !st) {
        QMessageBox::warning(m_window, tr("Settings"), st.error().message);
        return;
    }
    m_configs.insert(c.name, c);
    m_window->appendLog(tr("%1: settings saved.").arg(c.name));
    refresh(c.name);
}

ChangePasswordDialog* AppController::changePassword(const QString& name, QWidget* parent)
{
    auto it = m_configs.constFind(name);
    if (it == m_configs.constEnd())
        return nullptr;
    auto* dialog = new ChangePasswordDialog(name, parent ? parent : m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString path = it->repository;
    dialog->setStarter([this, name, path](const QByteArray& current, const QByteArray& next) -> Job* {
        auto note = std::make_shared<QString>();
        auto key = std::make_shared<QByteArray>();
        const QString title = tr("Password change of the repository of %1").arg(name);
        auto* job = new Job(title, [path, current, next, note, key](const JobContext&) -> Status {
            auto changed = settings::RepositoryUnlock::changePassword(path, current, next);
            if (!changed) {
                if (changed.error().code == Error::Auth)
                    return Error::make(Error::Auth, AppController::tr("The current password is wrong, so the "
                                                                      "password was not changed."));
                return changed.error();
            }
            *key = changed->masterKey;
            // The keychain holds the master key, which the new password unwraps too: stored again so
            // scheduled backups keep running even if the entry was missing.
            QString where;
            switch (changed->storage) {
            case settings::KeyStorage::NoKeychain:
            case settings::KeyStorage::NotAsked:
                where = AppController::tr("No keychain is available on this desktop, so ncbackup asks for the new "
                                          "password when it needs it.");
                break;
            case settings::KeyStorage::KeychainFailed:
                where = AppController::tr("The key could not be stored in the keychain (%1), so ncbackup asks for "
                                          "the new password when it needs it.")
                            .arg(changed->keychainError);
                break;
            case settings::KeyStorage::Keychain:
                where = AppController::tr("The repository key stays in the system keychain, so scheduled backups "
                                          "keep running.");
                break;
            }
            *note = AppController::tr("The password is changed: from now on only the new password (or the "
                                      "recovery key) opens the repository.") +
                    QLatin1Char(' ') + where;
            return {};
        });
        job->setQueueKey(path);
        connect(job, &Job::finished, this, [this, job, name, note, key](const Status& s) {
            job->setProperty("resultText", *note);
            if (s.ok()) {
                m_keys.insert(name, *key);
                m_window->appendLog(QStringLiteral("%1: %2").arg(name, *note));
            } else {
                m_window->appendLog(QStringLiteral("%1: %2").arg(name, s.error().message), true);
            }
            key->fill('\0');
        });
        m_queue->enqueue(job);
        return job;
    });
    dialog->open();
    return dialog;
}

SetupWizard* AppController::openWizard(const QString& localRoot)
{
    if (m_wizard) {
        m_wizard->raise();
        m_wizard->activateWindow();
        return m_wizard;
    }
    auto* backend = new CoreWizardBackend;
    auto* wizard = new SetupWizard(backend, m_window);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (!localRoot.isEmpty()) {
        if (auto* local = wizard->findChild<QRadioButton*>(QStringLiteral("localRadio")))
            local->setChecked(true);
        if (auto* root = wizard->findChild<QLineEdit*>(QStringLiteral("serverRoot")))
            root->setText(localRoot);
    }
    connect(wizard, &QWizard::finished, this, [this, wizard, backend](int) { wizardDone(wizard, backend); });
    connect(wizard, &QObject::destroyed, this, [backend] { delete backend; });
    m_wizard = wizard;
    wizard->open();
    return wizard;
}

void AppController::wizardDone(SetupWizard*, CoreWizardBackend* backend)
{
    const QString name = backend->instanceName();
    if (name.isEmpty())
        return;
    if (!backend->masterKey().isEmpty())
        m_keys.insert(name, backend->masterKey());
    reloadInstances();
    m_window->appendLog(tr("%1: added.").arg(name));
    m_window->selectInstance(name);
    refresh(name);
}

} // namespace ncb::ui
