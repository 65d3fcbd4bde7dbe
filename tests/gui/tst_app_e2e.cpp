// The desktop app end to end, as a user drives it: the REAL main window and AppController against a
// fixture Nextcloud instance reached over the real sshd, with the real OS keychain (gnome-keyring from
// tests/env/with-keyring.sh). The setup wizard over SSH ends with the first Restoring Point on the
// timeline; "Back up now" makes an incremental one; a folder opens in the file tree and comes back onto
// the host through the restore dialog byte for byte; a backup whose database dump fails shows as failed
// with a readable sentence and leaves maintenance mode off; and no settings file holds a secret.
// Missing services fail the test; nothing is skipped.
#include "AppController.h"
#include "ChangePasswordDialog.h"
#include "InstanceListModel.h"
#include "JobStatusWidget.h"
#include "MainWindow.h"
#include "RestoreDialog.h"
#include "RpFileModel.h"
#include "RpFileTreeView.h"
#include "TimelineWidget.h"
#include "TrayIcon.h"
#include "nextcloud/InstanceSetup.h"
#include "settings/Keychain.h"
#include "settings/InstanceStore.h"
#include "wizard/SetupWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace ncb::ui;

namespace {

void clickIndicator(QAbstractButton* b)
{
    QVERIFY(b);
    QTest::mouseClick(b, Qt::LeftButton, {}, QPoint(6, b->height() / 2));
}

QString sh(const QString& script, int* rc = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), script});
    p.waitForFinished(120000);
    if (rc)
        *rc = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError()).trimmed();
}

} // namespace

class TestAppEndToEnd : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp{QStringLiteral("/tmp/ncb-gui-e2e.XXXXXX")};
    QString m_root, m_data, m_repo;
    const QString m_password = QStringLiteral("Correct horse, battery staple 42!");
    const QString m_newPassword = QStringLiteral("Seven otters juggle quietly at noon");
    QString m_firstRp;
    QString m_recoveryKey;
    QString m_name;
    MainWindow* m_window = nullptr;
    AppController* m_app = nullptr;

    QString env(const char* name)
    {
        const QString v = qEnvironmentVariable(name);
        if (v.isEmpty())
            qFatal("%s is not set: start the services (tests/env/services.sh) and run under "
                   "tests/env/with-keyring.sh, or use scripts/test",
                   name);
        return v;
    }

    static QAbstractButton* next(QWizard& w) { return w.button(QWizard::NextButton); }
    template <typename T> static T* child(QWidget* w, const char* name)
    {
        auto* c = w->findChild<T*>(QString::fromLatin1(name));
        if (!c)
            qFatal("no child %s", name);
        return c;
    }

    bool waitJob(QSignalSpy& spy, int timeoutMs, ncb::Status* status)
    {
        if (spy.isEmpty() && !spy.wait(timeoutMs))
            return false;
        *status = spy.takeFirst().at(1).value<ncb::Status>();
        return true;
    }

    QString maintenance()
    {
        return sh(QStringLiteral("php -r '$CONFIG = []; include $argv[1]; echo empty($CONFIG[\"maintenance\"]) ? "
                                 "\"off\" : \"on\";' %1/config/config.php")
                      .arg(m_root));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        for (const char* v : {"NCB_SSH_HOST", "NCB_SSH_PORT", "NCB_SSH_USER", "NCB_SSH_KEY", "NCB_SSH_HOST_KEY_FP",
                              "DBUS_SESSION_BUS_ADDRESS"})
            env(v);
        QVERIFY2(ncb::settings::Keychain::available(),
                 "no keychain on the session bus: run under tests/env/with-keyring.sh");
        const QString w = m_tmp.path();
        QFile::setPermissions(w, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                     QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                     QFileDevice::ExeOther);
        // A fresh user: no known_hosts, no settings, no instances.
        qputenv("HOME", (w + QStringLiteral("/home")).toUtf8());
        qputenv("XDG_CONFIG_HOME", (w + QStringLiteral("/xdg")).toUtf8());
        qputenv("NCBACKUP_CONFIG_DIR", (w + QStringLiteral("/cfg")).toUtf8());
        qputenv("NCBACKUP_DATA_DIR", (w + QStringLiteral("/share")).toUtf8());
        qputenv("NCBACKUP_CACHE_DIR", (w + QStringLiteral("/cache")).toUtf8());
        QDir().mkpath(w + QStringLiteral("/home"));
        QCoreApplication::setOrganizationName(QStringLiteral("ncbackup"));
        QCoreApplication::setApplicationName(QStringLiteral("ncbackup"));
        m_root = w + QStringLiteral("/nc/root");
        m_data = w + QStringLiteral("/nc/data");
        m_repo = w + QStringLiteral("/repo");
        int rc = 0;
        const QString out = sh(QStringLiteral("mkdir -p %1/nc && chown %2 %1/nc && %3/tests/env/fixture/make-nextcloud.sh "
                                              "--root %4 --data %5 --db sqlite --size tiny --owner %2")
                                   .arg(w, env("NCB_SSH_USER"), QStringLiteral(NCB_SOURCE_DIR), m_root, m_data),
                               &rc);
        QVERIFY2(rc == 0, qPrintable(out));
        m_window = new MainWindow;
        m_app = new AppController(m_window);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
    }

    void cleanupTestCase()
    {
        delete m_app;
        delete m_window;
    }

    // First start: the wizard opens by itself; over SSH, with the host key shown and accepted.
    void wizardOverSsh()
    {
        m_app->start();
        QPointer<SetupWizard> wz = m_app->wizard();
        QVERIFY2(wz, "the wizard did not open at first start");
        QVERIFY(QTest::qWaitForWindowExposed(wz));
        SetupWizard& w = *wz;

        clickIndicator(child<QRadioButton>(&w, "sshRadio"));
        child<QLineEdit>(&w, "sshHost")->setText(env("NCB_SSH_HOST"));
        child<QSpinBox>(&w, "sshPort")->setValue(env("NCB_SSH_PORT").toInt());
        child<QLineEdit>(&w, "sshUser")->setText(env("NCB_SSH_USER"));
        child<QLineEdit>(&w, "sshKeyFile")->setText(env("NCB_SSH_KEY"));
        child<QLineEdit>(&w, "sshServerRoot")->setText(m_root);
        QVERIFY(next(w)->isEnabled());
        QTest::mouseClick(next(w), Qt::LeftButton);

        QCOMPARE(w.currentId(), int(SetupWizard::ConnectPageId));
        auto* fp = child<QLabel>(w.currentPage(), "fingerprint");
        QTRY_VERIFY_WITH_TIMEOUT(fp->isVisible(), 20000);
        QCOMPARE(fp->text(), env("NCB_SSH_HOST_KEY_FP"));
        QVERIFY(!next(w)->isEnabled()); // not before the user accepted the key
        clickIndicator(child<QCheckBox>(w.currentPage(), "acceptHostKey"));
        QVERIFY(next(w)->isEnabled());
        QTest::mouseClick(next(w), Qt::LeftButton);

        QCOMPARE(w.currentId(), int(SetupWizard::DiscoveryPageId));
        QTRY_VERIFY_WITH_TIMEOUT(next(w)->isEnabled(), 60000);
        QVERIFY2(w.instance.version.startsWith(QLatin1String("32.0.1")), qPrintable(w.instance.version));
        QCOMPARE(w.instance.dataDir, m_data);
        QCOMPARE(w.instance.dbType, QStringLiteral("SQLite"));
        QVERIFY(w.instance.users >= 2);
        m_name = w.instance.name;
        QVERIFY(!m_name.isEmpty());
        // the accepted key is now trusted for this user
        QVERIFY(QFile(QDir::homePath() + QStringLiteral("/.ssh/known_hosts")).size() > 0);
        QTest::mouseClick(next(w), Qt::LeftButton);

        QCOMPARE(w.currentId(), int(SetupWizard::RepositoryPageId));
        auto* location = child<QLineEdit>(w.currentPage(), "repositoryLocation");
        // the name is the user's to change; the location offered is the one instance add takes
        auto* name = child<QLineEdit>(w.currentPage(), "instanceName");
        QCOMPARE(name->text(), m_name);
        QCOMPARE(location->text(), ncb::nextcloud::InstanceSetup::defaultRepository(m_name));
        name->setText(QStringLiteral("wizard-made"));
        QCOMPARE(location->text(), ncb::nextcloud::InstanceSetup::defaultRepository(QStringLiteral("wizard-made")));
        m_name = QStringLiteral("wizard-made");
        location->setText(m_repo);
        QTest::keyClicks(child<QLineEdit>(w.currentPage(), "repositoryPassword"), m_password);
        QTest::keyClicks(child<QLineEdit>(w.currentPage(), "repositoryPasswordConfirm"), m_password);
        QVERIFY(next(w)->isEnabled());
        QTest::mouseClick(next(w), Qt::LeftButton);

        QCOMPARE(w.currentId(), int(SetupWizard::RecoveryKeyPageId));
        auto* key = child<QLabel>(w.currentPage(), "recoveryKey");
        QTRY_VERIFY_WITH_TIMEOUT(key->isVisible(), 60000);
        m_recoveryKey = key->text();
        QVERIFY(m_recoveryKey.size() > 20);
        clickIndicator(child<QCheckBox>(w.currentPage(), "savedRecoveryKey"));
        QTest::mouseClick(next(w), Qt::LeftButton);

        QCOMPARE(w.currentId(), int(SetupWizard::SchedulePageId));
        QTest::mouseClick(next(w), Qt::LeftButton);

        QCOMPARE(w.currentId(), int(SetupWizard::FirstBackupPageId));
        QAbstractButton* finish = w.button(QWizard::FinishButton);
        QTRY_VERIFY_WITH_TIMEOUT(finish->isVisible() && finish->isEnabled(), 180000);
        QVERIFY(!w.firstRp.id.isEmpty());
        QVERIFY(w.firstRp.full);
        QTest::mouseClick(finish, Qt::LeftButton);

        // The main window: the instance in the sidebar, its first RP on the timeline.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->instances()->rowCount(), 1, 10000);
        QCOMPARE(m_window->currentInstanceId(), m_name);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->timeline()->entries().size(), 1, 60000);
        const TimelineEntry e = m_window->timeline()->entries().first();
        QVERIFY(e.full);
        QVERIFY(!e.failed);
        QVERIFY(e.addedBytes > 0);
        QVERIFY(e.maintenanceSeconds > 0);
        m_firstRp = e.id;
        const InstanceSummary s = m_window->instances()->instances().first();
        QCOMPARE(s.lastState, InstanceSummary::State::Ok);
        QVERIFY(s.nextcloudVersion.startsWith(QLatin1String("32.0.1")));
        QVERIFY(s.nextDue.isValid());
        QCOMPARE(maintenance(), QStringLiteral("off"));
        // the key is in the keychain, not in a file
        auto cfg = ncb::settings::InstanceStore().get(m_name);
        QVERIFY(cfg.ok());
        QCOMPARE(cfg->repository, m_repo);
        QCOMPARE(cfg->knownHostsFile, QString());
        QCOMPARE(cfg->exclusions, ncb::nextcloud::InstanceSetup::defaultExclusions());
    }

    // `ncbackup-cli instance add` for the same instance makes the same profile as the wizard: every field
    // but the name and the repository (each at its own place; the CLI's at the default one).
    void cliMakesTheSameProfile()
    {
        QFile pw(m_tmp.path() + QStringLiteral("/cli.pw"));
        QVERIFY(pw.open(QIODevice::WriteOnly));
        pw.write(m_password.toUtf8() + "\n");
        pw.close();
        QProcess p;
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(QStringLiteral(NCB_CLI),
                {QStringLiteral("instance"), QStringLiteral("add"), QStringLiteral("cli-made"), QStringLiteral("--ssh"),
                 QStringLiteral("%1@%2:%3").arg(env("NCB_SSH_USER"), env("NCB_SSH_HOST"), env("NCB_SSH_PORT")),
                 QStringLiteral("--root"), m_root, QStringLiteral("--identity"), env("NCB_SSH_KEY"),
                 QStringLiteral("--password-file"), pw.fileName(), QStringLiteral("--no-keychain")});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        auto wizard = ncb::settings::InstanceStore().get(m_name);
        auto cli = ncb::settings::InstanceStore().get(QStringLiteral("cli-made"));
        QVERIFY(wizard.ok());
        QVERIFY(cli.ok());
        QCOMPARE(cli->repository, ncb::nextcloud::InstanceSetup::defaultRepository(QStringLiteral("cli-made")));
        QJsonObject a = wizard->toJson(), b = cli->toJson();
        for (const char* k : {"name", "repository"}) {
            a.remove(QLatin1String(k));
            b.remove(QLatin1String(k));
        }
        for (auto it = a.begin(); it != a.end(); ++it)
            QVERIFY2(b.value(it.key()) == it.value(),
                     qPrintable(QStringLiteral("%1: wizard %2, instance add %3")
                                    .arg(it.key(), QString::fromUtf8(QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact)),
                                         QString::fromUtf8(QJsonDocument(QJsonArray{b.value(it.key())}).toJson(QJsonDocument::Compact)))));
        QCOMPARE(a, b);
        QVERIFY(a.contains(QStringLiteral("exclusions")));
        // the rest of this test knows one instance
        QProcess r;
        r.start(QStringLiteral(NCB_CLI), {QStringLiteral("instance"), QStringLiteral("remove"), QStringLiteral("cli-made")});
        QVERIFY(r.waitForFinished(30000));
        QCOMPARE(r.exitCode(), 0);
    }

    void incrementalBackup()
    {
        QFile f(m_data + QStringLiteral("/alice/files/Readme.md"));
        QVERIFY(f.open(QIODevice::Append));
        f.write("\nChanged before the incremental backup.\n");
        f.close();
        // A new user since the first RP: the restore dialog offers carol for this RP only.
        int rc = 0;
        const QString out = sh(QStringLiteral("mkdir -p '%1/carol/files' && echo hello > '%1/carol/files/hello.txt' && "
                                              "chown -R %2 '%1/carol'")
                                   .arg(m_data, env("NCB_SSH_USER")),
                               &rc);
        QVERIFY2(rc == 0, qPrintable(out));
        QSignalSpy done(m_app, &AppController::jobCompleted);
        emit m_window->backupRequested(m_name, false);
        ncb::Status st;
        QVERIFY(waitJob(done, 120000, &st));
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->timeline()->entries().size(), 2, 60000);
        int incremental = 0;
        for (const TimelineEntry& e : m_window->timeline()->entries())
            incremental += !e.full && !e.failed;
        QCOMPARE(incremental, 1);
        QVERIFY(m_window->findChild<QPlainTextEdit*>()->toPlainText().contains(QStringLiteral("Restoring Point")));
    }

    // The newest RP's files: open data/alice/files/Documents, then bring that folder back onto the host.
    void browseAndRestoreFolder()
    {
        // The timeline keeps the RP the user had selected (the first one); pick the newest, as a user
        // would with a click.
        QString newestId;
        QDateTime newestTime;
        for (const TimelineEntry& e : m_window->timeline()->entries())
            if (!e.failed && (!newestTime.isValid() || e.time > newestTime)) {
                newestTime = e.time;
                newestId = e.id;
            }
        QVERIFY(newestId != m_firstRp);
        m_window->showView(MainWindow::View::Timeline);
        QTRY_VERIFY(!m_window->timeline()->pointOf(newestId).isNull());
        QTest::mouseClick(m_window->timeline(), Qt::LeftButton, {}, m_window->timeline()->pointOf(newestId));
        QCOMPARE(m_window->timeline()->selectedId(), newestId);
        QTRY_COMPARE(m_window->files()->model()->snapshotId(), newestId);
        m_window->showView(MainWindow::View::Files);
        RpFileModel* model = m_window->files()->model();
        QSignalSpy failures(model, &RpFileModel::loadFailed);
        QTreeView* tree = m_window->files()->treeView();
        QVERIFY(!model->snapshotId().isEmpty());
        auto find = [&](const QModelIndex& parent, const QString& name) -> QModelIndex {
            for (int r = 0; r < model->rowCount(parent); ++r) {
                const QModelIndex i = model->index(r, 0, parent);
                if (i.data().toString() == name)
                    return i;
            }
            return {};
        };
        QModelIndex at;
        for (const QString& part : {QStringLiteral("data"), QStringLiteral("alice"), QStringLiteral("files"),
                                    QStringLiteral("Documents")}) {
            QModelIndex parent = at;
            if (parent.isValid())
                tree->expand(parent);
            if (model->canFetchMore(parent))
                model->fetchMore(parent);
            (void)QTest::qWaitFor([&] { return (at = find(parent, part)).isValid(); }, 20000);
            if (!at.isValid()) {
                for (int r = 0; r < model->rowCount(parent); ++r)
                    qWarning() << "  have" << model->index(r, 0, parent).data().toString();
                for (const auto& f : failures)
                    qWarning() << "  load failed" << f;
                QFAIL(qPrintable(QStringLiteral("no %1 in the file tree (%2 rows)").arg(part).arg(model->rowCount(parent))));
            }
        }
        QVERIFY(model->isDir(at));
        QCOMPARE(model->pathOf(at), QStringLiteral("/data/alice/files/Documents"));
        tree->expand(at);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount(at) > 0, 20000);
        tree->selectionModel()->select(at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

        // What the RP holds, then the folder is lost on the host.
        const QString folder = m_data + QStringLiteral("/alice/files/Documents");
        const QString saved = m_tmp.path() + QStringLiteral("/Documents.saved");
        int rc = 0;
        QString out = sh(QStringLiteral("cp -a '%1' '%2' && rm -rf '%1'").arg(folder, saved), &rc);
        QVERIFY2(rc == 0, qPrintable(out));

        m_app->openRestoreDialog(m_name);
        auto* dialog = m_window->findChild<RestoreDialog*>(QStringLiteral("restoreDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->request().paths, QStringList{QStringLiteral("/data/alice/files/Documents")});
        QCOMPARE(dialog->currentPage(), int(RestoreDialog::WhatPage));
        auto* users = child<QComboBox>(dialog, "userCombo");
        // The users of the RP being restored (read on the job runner): the newest one has carol.
        QTRY_VERIFY2_WITH_TIMEOUT(users->findText(QStringLiteral("alice")) >= 0 &&
                                      users->findText(QStringLiteral("bob")) >= 0 &&
                                      users->findText(QStringLiteral("carol")) >= 0,
                                  "the restore dialog does not offer the users of the newest RP", 20000);
        while (dialog->currentPage() != RestoreDialog::SummaryPage) {
            QVERIFY(dialog->nextButton()->isEnabled());
            QTest::mouseClick(dialog->nextButton(), Qt::LeftButton);
        }
        QCOMPARE(dialog->request().where, RestoreRequest::Where::Original);
        QTest::mouseClick(dialog->nextButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->currentPage(), int(RestoreDialog::ResultPage), 120000);
        const QString result = child<QLabel>(dialog, "restoreResult")->text();
        QVERIFY2(result.contains(QStringLiteral("files:scan")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("original place")), qPrintable(result));
        out = sh(QStringLiteral("diff -r --no-dereference '%1' '%2' && [ \"$(stat -c %U '%2')\" = '%3' ]")
                     .arg(saved, folder, env("NCB_SSH_USER")),
                 &rc);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("restored folder differs: ") + out));
        QPointer<RestoreDialog> closing = dialog;
        QTest::mouseClick(dialog->nextButton(), Qt::LeftButton); // Close
        QTRY_VERIFY(!closing);

        // Again, with one file of the folder deleted and the default choice (keep both): exactly that
        // file comes back; the others keep their inode and mtime, and no "(restored" copy appears.
        const QString snap = QStringLiteral("cd '%1' && find . -type f -printf '%P %i %T@\\n' | sort").arg(folder);
        const QString lost = sh(QStringLiteral("cd '%1' && find . -type f | sort | head -1").arg(folder)).mid(2);
        QVERIFY(!lost.isEmpty());
        out = sh(QStringLiteral("rm '%1/%2'").arg(folder, lost), &rc);
        QVERIFY2(rc == 0, qPrintable(out));
        const QString before = sh(snap);
        m_app->openRestoreDialog(m_name);
        QPointer<RestoreDialog> again = m_window->findChild<RestoreDialog*>(QStringLiteral("restoreDialog"));
        QTRY_VERIFY(again && again->isVisible());
        while (again->currentPage() != RestoreDialog::SummaryPage)
            QTest::mouseClick(again->nextButton(), Qt::LeftButton);
        QCOMPARE(again->request().conflict, RestoreRequest::Conflict::KeepBoth);
        QVERIFY(child<QLabel>(again, "summary")->text().contains(QStringLiteral("already the same are left alone")));
        QTest::mouseClick(again->nextButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(again->currentPage(), int(RestoreDialog::ResultPage), 120000);
        const QString result2 = child<QLabel>(again, "restoreResult")->text();
        QVERIFY2(result2.startsWith(QStringLiteral("1 file(s)")) || result2.startsWith(QStringLiteral("1 file ")),
                 qPrintable(result2));
        QVERIFY2(result2.contains(QStringLiteral("already up to date")), qPrintable(result2));
        const QString after = sh(snap);
        QStringList afterLines = after.split(QLatin1Char('\n'));
        afterLines.removeIf([&](const QString& l) { return l.startsWith(lost + QLatin1Char(' ')); });
        QCOMPARE(afterLines.join(QLatin1Char('\n')), before);
        out = sh(QStringLiteral("cmp '%1/%2' '%3/%2' && [ -z \"$(find '%1' -name '*(restored*')\" ]").arg(folder, lost, saved), &rc);
        QVERIFY2(rc == 0, qPrintable(QStringLiteral("the deleted file did not come back alone: ") + out));
        QTest::mouseClick(again->nextButton(), Qt::LeftButton); // Close
        QTRY_VERIFY(!again);

        // Restoring from the first RP: its users, not the newest RP's (carol came later).
        const QString newest = m_window->timeline()->selectedId();
        QVERIFY(m_window->timeline()->selectId(m_firstRp));
        m_app->openRestoreDialog(m_name);
        QPointer<RestoreDialog> first = m_window->findChild<RestoreDialog*>(QStringLiteral("restoreDialog"));
        QTRY_VERIFY(first && first->isVisible());
        QCOMPARE(first->request().snapshotId, m_firstRp);
        auto* firstUsers = child<QComboBox>(first, "userCombo");
        QTRY_VERIFY_WITH_TIMEOUT(firstUsers->findText(QStringLiteral("alice")) >= 0, 20000);
        QVERIFY(firstUsers->findText(QStringLiteral("bob")) >= 0);
        QVERIFY2(firstUsers->findText(QStringLiteral("carol")) < 0,
                 "the restore dialog of the first RP offers a user that only the newest RP has");
        first->reject();
        QTRY_VERIFY(!first);
        QVERIFY(m_window->timeline()->selectId(newest));

        // "Show versions" on a file, then a version picked: the restore dialog for that RP and that file.
        emit m_window->files()->restoreVersionRequested(m_firstRp, QStringLiteral("/data/alice/files/Readme.md"));
        QPointer<RestoreDialog> version = m_window->findChild<RestoreDialog*>(QStringLiteral("restoreDialog"));
        QTRY_VERIFY(version && version->isVisible());
        QCOMPARE(version->request().snapshotId, m_firstRp);
        QCOMPARE(version->request().paths, QStringList{QStringLiteral("/data/alice/files/Readme.md")});
        QCOMPARE(version->request().what, RestoreRequest::What::File);
        version->reject();
        QTRY_VERIFY(!version);
    }

    // Toolbar -> Check repository: runs on the job runner and says the repository is healthy.
    void checkRepository()
    {
        QSignalSpy checked(m_app, &AppController::checkCompleted);
        emit m_window->checkRequested(m_name);
        QVERIFY(checked.wait(120000));
        QCOMPARE(checked.first().at(0).toString(), m_name);
        QVERIFY2(checked.first().at(1).toBool(), qPrintable(checked.first().at(2).toString()));
        QVERIFY(checked.first().at(2).toString().contains(QStringLiteral("healthy")));
        QPointer<QMessageBox> box = m_window->findChild<QMessageBox*>(QStringLiteral("checkResult"));
        QTRY_VERIFY(box && box->isVisible());
        box->close();
        QTRY_VERIFY(!box);
    }

    // Cancel from the status area: the job ends as cancelled, maintenance is off, no Restoring Point and
    // no failure on the timeline, and the next backup runs normally.
    void cancelBackup()
    {
        const int before = m_window->timeline()->entries().size();
        QSignalSpy done(m_app, &AppController::jobCompleted);
        // Cancel the moment the job starts (the status area shows it from then on).
        QMetaObject::Connection c = connect(m_app->queue(), &ncb::JobQueue::jobStarted, this, [this](ncb::Job* job) {
            if (!job->title().startsWith(QLatin1String("Incremental backup")))
                return;
            QTimer::singleShot(0, this, [this, job] {
                QCOMPARE(m_window->jobStatus()->job(), job);
                QTest::mouseClick(m_window->jobStatus()->cancelButton(), Qt::LeftButton);
            });
        });
        emit m_window->backupRequested(m_name, false);
        ncb::Status st;
        QVERIFY(waitJob(done, 120000, &st));
        disconnect(c);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, ncb::Error::Cancelled);
        QCOMPARE(maintenance(), QStringLiteral("off"));
        QTest::qWait(1000); // the refresh after the job
        for (const TimelineEntry& e : m_window->timeline()->entries())
            QVERIFY2(!e.failed, qPrintable(QStringLiteral("a cancelled backup shows as failed: ") + e.message));
        QTRY_COMPARE(m_window->instances()->instances().first().lastState, InstanceSummary::State::Ok);
        QCOMPARE(m_window->timeline()->entries().size(), before);
    }

    // The database dump fails: the attempt shows as failed with a readable sentence, maintenance is off.
    void failedBackupShown()
    {
        const int before = m_window->timeline()->entries().size();
        const QString db = m_data + QStringLiteral("/owncloud.db");
        int rc = 0;
        QString out = sh(QStringLiteral("chmod 000 '%1'").arg(db), &rc);
        QVERIFY2(rc == 0, qPrintable(out));
        QSignalSpy done(m_app, &AppController::jobCompleted);
        QSignalSpy notified(m_window->tray(), &TrayIcon::notified);
        emit m_window->backupRequested(m_name, true);
        ncb::Status st;
        QVERIFY(waitJob(done, 120000, &st));
        sh(QStringLiteral("chmod 644 '%1'").arg(db));
        QVERIFY2(!st.ok(), "a backup without a readable database succeeded");
        QTRY_COMPARE_WITH_TIMEOUT(m_window->timeline()->entries().size(), before + 1, 60000);
        TimelineEntry failed;
        for (const TimelineEntry& e : m_window->timeline()->entries())
            if (e.failed)
                failed = e;
        QVERIFY(failed.failed);
        QVERIFY(failed.id.isEmpty());
        QVERIFY2(failed.message.contains(QStringLiteral("database")), qPrintable(failed.message));
        QVERIFY2(!failed.message.contains(QLatin1Char('\n')), qPrintable(failed.message));
        QCOMPARE(maintenance(), QStringLiteral("off"));
        QTRY_COMPARE(m_window->instances()->instances().first().lastState, InstanceSummary::State::Failed);
        const QString log = m_window->findChild<QPlainTextEdit*>()->toPlainText();
        QVERIFY2(log.contains(failed.message.left(40)), qPrintable(log));
        QVERIFY(log.contains(QStringLiteral("maintenance mode is off again")));
        // The tray turns red and a desktop notification says what failed.
        QCOMPARE(m_window->tray()->state(), TrayIcon::State::Failed);
        QTRY_VERIFY(!notified.isEmpty());
        QVERIFY(notified.first().at(0).toString().contains(QStringLiteral("backup")));
        QVERIFY2(notified.first().at(1).toString().contains(QStringLiteral("database")),
                 qPrintable(notified.first().at(1).toString()));
        QVERIFY(notified.first().at(2).toBool());
    }

    // A host that sends other things than files (the hostile-host test fixture's tar-types trick, through the
    // wrappers first on the SSH user's PATH): the RP is written, but the timeline shows it incomplete, the log
    // names what it lacks and a desktop notification says so.
    void incompleteBackupNotified()
    {
        const QString ctl = m_tmp.path() + QStringLiteral("/.hostile-host");
        {
            QFile f(ctl);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("tar-types\n");
        }
        QSignalSpy done(m_app, &AppController::jobCompleted);
        QSignalSpy notified(m_window->tray(), &TrayIcon::notified);
        emit m_window->backupRequested(m_name, true);
        ncb::Status st;
        const bool finished = waitJob(done, 120000, &st);
        QFile::remove(ctl);
        QVERIFY(finished);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message)); // an RP was written
        TimelineEntry rp;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     for (const TimelineEntry& e : m_window->timeline()->entries())
                                         if (e.incomplete)
                                             rp = e;
                                     return rp.incomplete;
                                 }()),
                                 60000);
        QVERIFY(!rp.id.isEmpty());
        QVERIFY(rp.leftOut.size() > 10);
        QVERIFY2(rp.message.startsWith(QStringLiteral("Incomplete")), qPrintable(rp.message));
        QTRY_COMPARE(m_window->instances()->instances().first().lastState, InstanceSummary::State::Incomplete);
        const QString log = m_window->findChild<QPlainTextEdit*>()->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("not backed up: ") + rp.leftOut.first()), qPrintable(log.right(400)));
        QTRY_VERIFY(!notified.isEmpty());
        QVERIFY2(notified.first().at(0).toString().contains(QStringLiteral("incomplete")),
                 qPrintable(notified.first().at(0).toString()));
        QVERIFY(notified.first().at(2).toBool());
    }

    // The schedule: nothing runs before the next due time; at a due time inside the window a backup
    // (full or incremental as the schedule says) runs by itself and lands on the timeline.
    void scheduledBackupRunsWhenDue()
    {
        const int before = m_window->timeline()->entries().size();
        const InstanceSummary s = m_window->instances()->instances().first();
        QVERIFY(s.nextDue.isValid());
        QVERIFY(s.nextDue > QDateTime::currentDateTime());
        QSignalSpy done(m_app, &AppController::jobCompleted);
        m_app->runDueBackups(QDateTime::currentDateTime());
        QTest::qWait(500);
        QVERIFY2(done.isEmpty(), "a backup ran before it was due");
        m_app->runDueBackups(s.nextDue.addSecs(60));
        ncb::Status st;
        QVERIFY(waitJob(done, 120000, &st));
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->timeline()->entries().size(), before + 1, 60000);
        QTRY_COMPARE(m_window->instances()->instances().first().lastState, InstanceSummary::State::Ok);
    }

    // Three days later with no backup (the app's clock moved forward): the sidebar says overdue, the log
    // and a desktop notification say a scheduled backup was missed — once, not at every refresh.
    void missedBackupNotified()
    {
        QSignalSpy notified(m_window->tray(), &TrayIcon::notified);
        QSignalSpy refreshed(m_app, &AppController::instanceRefreshed);
        m_app->setClock([] { return QDateTime::currentDateTime().addDays(3); });
        m_app->refresh(m_name);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->instances()->instances().first().lastState,
                                  InstanceSummary::State::Overdue, 60000);
        QTRY_COMPARE(notified.size(), 1);
        QVERIFY2(notified.first().at(0).toString().contains(QStringLiteral("overdue")),
                 qPrintable(notified.first().at(0).toString()));
        QVERIFY(m_window->findChild<QPlainTextEdit*>()->toPlainText().contains(QStringLiteral("was missed")));
        refreshed.clear();
        m_app->refresh(m_name);
        QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), 60000);
        QCOMPARE(notified.size(), 1);
        m_app->setClock({});
        m_app->refresh(m_name);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->instances()->instances().first().lastState, InstanceSummary::State::Ok,
                                  60000);
    }

    // `ncbackup --add-local ROOT`: the wizard opens with "this computer" and ROOT filled in.
    void addLocalOpensPrefilledWizard()
    {
        m_app->start(m_root);
        QPointer<SetupWizard> wz = m_app->wizard();
        QVERIFY(wz);
        QVERIFY(QTest::qWaitForWindowExposed(wz));
        QVERIFY(child<QRadioButton>(wz, "localRadio")->isChecked());
        QCOMPARE(child<QLineEdit>(wz, "serverRoot")->text(), m_root);
        QCOMPARE(wz->currentId(), int(SetupWizard::HostPageId));
        QVERIFY(wz->button(QWizard::NextButton)->isEnabled());
        wz->reject();
        QTRY_VERIFY(!wz);
        QCOMPARE(m_window->instances()->rowCount(), 1);
    }

    // Settings -> Change password: a wrong current password changes nothing; the right one re-wraps the
    // repository key (the old password no longer opens it, the new one and the keychain's key do).
    void changePassword()
    {
        bool opened = false;
        QTimer::singleShot(500, this, [&] {
            auto* d = m_window->findChild<QDialog*>(QStringLiteral("settingsDialog"));
            if (!d)
                return;
            d->findChild<QTabWidget*>()->setCurrentIndex(1);
            if (auto* button = d->findChild<QPushButton*>(QStringLiteral("changePassword")))
                QTest::mouseClick(button, Qt::LeftButton);
            auto* p = d->findChild<ChangePasswordDialog*>(QStringLiteral("changePasswordDialog"));
            opened = p && p->isVisible();
            if (p)
                p->reject();
            d->reject();
        });
        emit m_window->settingsRequested(m_name);
        QVERIFY2(opened, "the settings dialog's Change password button opens no dialog");

        QPointer<ChangePasswordDialog> d = m_app->changePassword(m_name);
        QVERIFY(d);
        QTRY_VERIFY(d->isVisible());
        QVERIFY(!d->changeButton()->isEnabled());
        QTest::keyClicks(d->currentEdit(), QStringLiteral("not the password at all"));
        QTest::keyClicks(d->newEdit(), m_newPassword);
        QTest::keyClicks(d->confirmEdit(), m_newPassword);
        QVERIFY(d->changeButton()->isEnabled());
        QTest::mouseClick(d->changeButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(d->message().contains(QStringLiteral("wrong")), 30000);
        QVERIFY(!d->succeeded());
        auto opens = [this](const QString& password) {
            auto repo = ncb::repo::Repository::open(m_repo);
            return repo.ok() && (*repo)->unlockWithPassword(password.toUtf8()).ok();
        };
        QVERIFY2(opens(m_password), "a wrong current password changed the repository password");

        QTest::keyClicks(d->currentEdit(), m_password);
        QTest::mouseClick(d->changeButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(d->succeeded(), 30000);
        QVERIFY2(d->message().contains(QStringLiteral("keychain")), qPrintable(d->message()));
        QVERIFY(d->currentEdit()->text().isEmpty() && d->newEdit()->text().isEmpty());
        QVERIFY2(!opens(m_password), "the old password still opens the repository");
        QVERIFY2(opens(m_newPassword), "the new password does not open the repository");
        auto repo = ncb::repo::Repository::open(m_repo);
        QVERIFY(repo.ok());
        auto key = ncb::settings::Keychain::read(ncb::settings::Keychain::repositoryEntry((*repo)->id()));
        QVERIFY2(key.ok(), "the repository key is no longer in the keychain");
        QVERIFY((*repo)->unlockWithMasterKey(*key).ok());
        QTest::mouseClick(d->changeButton(), Qt::LeftButton); // Close
        QTRY_VERIFY(!d);
        QVERIFY(m_window->findChild<QPlainTextEdit*>()->toPlainText().contains(QStringLiteral("password is changed")));
    }

    // After all that, and after the settings were saved: no secret in any settings file.
    void noSecretInSettingsFiles()
    {
        // Save the instance's settings through the dialog (writes the instance JSON and QSettings).
        QTimer::singleShot(500, this, [this] {
            auto* d = m_window->findChild<QDialog*>(QStringLiteral("settingsDialog"));
            QVERIFY(d);
            d->accept();
        });
        emit m_window->settingsRequested(m_name);
        QSettings().setValue(QStringLiteral("ui/lastInstance"), m_name);
        QSettings().sync();

        auto cfg = ncb::settings::InstanceStore().get(m_name);
        QVERIFY(cfg.ok());
        auto repo = ncb::repo::Repository::open(m_repo);
        QVERIFY(repo.ok());
        auto key = ncb::settings::Keychain::read(ncb::settings::Keychain::repositoryEntry((*repo)->id()));
        QVERIFY2(key.ok(), "the master key is not in the keychain");
        QVERIFY(!key->isEmpty());
        const QList<QByteArray> secrets{m_password.toUtf8(), m_newPassword.toUtf8(),
                                        key->toHex(),
                                        key->toHex().toUpper(),
                                        key->toBase64(),
                                        key->toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
                                        *key,
                                        m_recoveryKey.toUtf8()};
        QStringList files{QSettings().fileName()};
        QDirIterator it(qEnvironmentVariable("NCBACKUP_CONFIG_DIR"), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        QDirIterator it2(qEnvironmentVariable("NCBACKUP_DATA_DIR"), QDir::Files, QDirIterator::Subdirectories);
        while (it2.hasNext()) {
            const QString f = it2.next();
            if (!f.contains(QLatin1String("/repositories/")))
                files << f;
        }
        QVERIFY2(QFileInfo::exists(QSettings().fileName()), qPrintable(QSettings().fileName()));
        QVERIFY(files.size() >= 3);
        bool sawInstance = false;
        for (const QString& path : files) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray content = f.readAll();
            sawInstance = sawInstance || content.contains(m_name.toUtf8());
            for (const QByteArray& s : secrets)
                QVERIFY2(!content.contains(s), qPrintable(QStringLiteral("a secret is in %1").arg(path)));
        }
        QVERIFY(sawInstance);
    }
};

QTEST_MAIN(TestAppEndToEnd)
#include "tst_app_e2e.moc"
