// Renders each screen of the app with sample data into PNG files (scripts/screenshots).
// Usage: ncb-screenshots <output-dir>. A tool for docs, not shipped.
#include "AppController.h"
#include "ChangePasswordDialog.h"
#include "FakeWizardBackend.h"
#include "InstanceListModel.h"
#include "JobStatusWidget.h"
#include "MainWindow.h"
#include "MemoryCatalog.h"
#include "RestoreDialog.h"
#include "RpFileModel.h"
#include "RpFileTreeView.h"
#include "SampleData.h"
#include "SettingsDialog.h"
#include "TimelineWidget.h"
#include "VersionsDialog.h"
#include "wizard/SetupWizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTest>
#include <QThread>
#include <QTranslator>
#include <QTreeView>

using namespace ncb;
using namespace ncb::ui;

static QString outDir;

static void save(QWidget* w, const QString& name)
{
    QTest::qWait(150);
    const QString file = QDir(outDir).filePath(name + QStringLiteral(".png"));
    if (!w->window()->grab().save(file))
        qFatal("cannot write %s", qPrintable(file));
    qInfo("wrote %s", qPrintable(file));
}

static void expandPath(QTreeView* tree, RpFileModel* m, const QStringList& names)
{
    QModelIndex parent;
    for (const QString& n : names) {
        QTRY_VERIFY_WITH_TIMEOUT(m->rowCount(parent) > 0, 3000);
        QModelIndex found;
        for (int r = 0; r < m->rowCount(parent); ++r)
            if (m->index(r, 0, parent).data().toString() == n)
                found = m->index(r, 0, parent);
        if (!found.isValid())
            return;
        tree->expand(found);
        parent = found;
    }
    QTest::qWait(200);
}

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ncbackup-screenshots"));
    outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(outDir);
    QTranslator appTr, qtTr;
    if (qtTr.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTr);
    if (appTr.load(QLocale(), QStringLiteral("ncbackup"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(&appTr);
    const QDateTime now = QDateTime::currentDateTime();
    auto catalog = SampleData::catalog();

    {
        MainWindow w;
        w.show();
        save(&w, QStringLiteral("01-main-empty"));
    }
    {
        MainWindow w;
        w.instances()->setInstances(SampleData::instances(now));
        w.timeline()->setEntries(SampleData::timeline(now));
        const auto entries = w.timeline()->entries();
        w.timeline()->selectId(entries[entries.size() - 3].id);
        w.show();
        auto* job = new Job(
            QStringLiteral("Incremental backup of cloud.example.org"),
            [](const JobContext& ctx) -> Status {
                Progress p;
                p.phase = QStringLiteral("files");
                p.filesTotal = 18412;
                p.bytesTotal = 2400LL * 1024 * 1024;
                for (int i = 0; i < 400 && !ctx.isCancelled(); ++i) {
                    p.filesDone = i * 20;
                    p.bytesDone = i * 3LL * 1024 * 1024;
                    p.current = QStringLiteral("/data/alice/files/Photos/IMG_%1.jpg").arg(2000 + i);
                    ctx.report(p);
                    QThread::msleep(10);
                }
                return {};
            },
            &w);
        w.trackJob(job);
        w.appendLog(QStringLiteral("Full backup of cloud.example.org: done"));
        job->start();
        QTest::qWait(1500);
        save(&w, QStringLiteral("02-main-timeline"));
        w.files()->setSource(catalog, QStringLiteral("rp058"),
                             QObject::tr("Restoring Point of %1")
                                 .arg(QLocale().toString(now.addDays(-2), QLocale::ShortFormat)));
        w.showView(MainWindow::View::Files);
        expandPath(w.files()->treeView(), w.files()->model(),
                   {QStringLiteral("data"), QStringLiteral("alice"), QStringLiteral("files"),
                    QStringLiteral("Documents")});
        expandPath(w.files()->treeView(), w.files()->model(),
                   {QStringLiteral("data"), QStringLiteral("alice"), QStringLiteral("files"),
                    QStringLiteral("Photos")});
        save(&w, QStringLiteral("03-main-files"));
        job->cancel();
        job->waitForFinished();
    }
    {
        TimelineWidget t;
        t.setEntries(SampleData::timeline(now));
        t.resize(900, 380);
        t.setZoom(TimelineWidget::Zoom::Year);
        t.show();
        save(&t, QStringLiteral("04-timeline-year"));
        t.setZoom(TimelineWidget::Zoom::Day);
        t.selectId(t.entries().last().id);
        t.showPeriodOf(t.entries().last().time);
        save(&t, QStringLiteral("05-timeline-day"));
        // A burst of Restoring Points on one day: one marker with its count at month zoom.
        QList<TimelineEntry> crowded = SampleData::timeline(now);
        const QDateTime burst(now.date().addDays(-5), QTime(14, 0));
        for (int i = 0; i < 9; ++i) {
            TimelineEntry e;
            e.id = QStringLiteral("burst%1").arg(i);
            e.time = burst.addSecs(i * 240);
            e.addedBytes = (20 + i * 7) * 1024LL * 1024;
            e.repoBytes = crowded.last().repoBytes;
            e.maintenanceSeconds = 2.5;
            crowded << e;
        }
        t.setEntries(crowded);
        t.setZoom(TimelineWidget::Zoom::Month);
        t.selectId(QStringLiteral("rp050"));
        t.showPeriodOf(burst);
        save(&t, QStringLiteral("07-timeline-crowded"));
        t.setZoom(TimelineWidget::Zoom::Day);
        t.selectId(QStringLiteral("burst4"));
        t.showPeriodOf(burst);
        save(&t, QStringLiteral("08-timeline-crowded-day"));
    }
    {
        VersionsDialog d(catalog, QStringLiteral("/data/alice/files/Documents/Budget 2026.ods"));
        d.show();
        QTest::qWait(300);
        save(&d, QStringLiteral("06-versions"));
    }
    {
        FakeWizardBackend backend;
        backend.backupSteps = 4000;
        SetupWizard w(&backend);
        w.show();
        auto page = [&] { return w.currentPage(); };
        page()->findChild<QRadioButton*>(QStringLiteral("sshRadio"))->click();
        page()
            ->findChild<QLineEdit*>(QStringLiteral("sshHost"))
            ->setText(QStringLiteral("cloud.example.org"));
        page()->findChild<QLineEdit*>(QStringLiteral("sshUser"))->setText(QStringLiteral("backup"));
        save(&w, QStringLiteral("10-wizard-host"));
        w.next();
        QTest::qWait(300);
        save(&w, QStringLiteral("11-wizard-connect"));
        page()->findChild<QCheckBox*>(QStringLiteral("acceptHostKey"))->setChecked(true);
        w.next();
        QTest::qWait(300);
        save(&w, QStringLiteral("12-wizard-discovery"));
        w.next();
        page()
            ->findChild<QLineEdit*>(QStringLiteral("repositoryLocation"))
            ->setText(QStringLiteral("/media/backup/cloud.example.org"));
        page()
            ->findChild<QLineEdit*>(QStringLiteral("repositoryPassword"))
            ->setText(QStringLiteral("tulip anchor gravel sonnet"));
        page()
            ->findChild<QLineEdit*>(QStringLiteral("repositoryPasswordConfirm"))
            ->setText(QStringLiteral("tulip anchor gravel sonnet"));
        save(&w, QStringLiteral("13-wizard-repository"));
        w.next();
        QTest::qWait(300);
        save(&w, QStringLiteral("14-wizard-recovery-key"));
        page()->findChild<QCheckBox*>(QStringLiteral("savedRecoveryKey"))->setChecked(true);
        w.next();
        save(&w, QStringLiteral("15-wizard-schedule"));
        w.next();
        QTest::qWait(2500);
        save(&w, QStringLiteral("16-wizard-first-backup"));
        QElapsedTimer waited;
        waited.start();
        while (!w.button(QWizard::FinishButton)->isEnabled() && waited.elapsed() < 60000)
            QTest::qWait(50);
        save(&w, QStringLiteral("17-wizard-done"));
    }
    {
        RestoreDialog d(QStringLiteral("cloud.example.org"), QStringLiteral("rp058"), now.addDays(-2));
        d.setUsers({QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")});
        d.setSelection(
            {QStringLiteral("/data/alice/files/Documents"), QStringLiteral("/data/alice/files/Readme.md")},
            {QStringLiteral("/data/alice/files/Documents")});
        d.setStarter([](const RestoreRequest&) {
            return new Job(QStringLiteral("Restore"), [](const JobContext&) -> Status { return {}; });
        });
        d.show();
        save(&d, QStringLiteral("20-restore-what"));
        d.nextButton()->click();
        save(&d, QStringLiteral("21-restore-where"));
        d.nextButton()->click();
        save(&d, QStringLiteral("22-restore-conflicts"));
        d.nextButton()->click();
        save(&d, QStringLiteral("23-restore-summary"));
        d.backButton()->click();
        d.backButton()->click();
        d.backButton()->click();
        d.selectWhat(RestoreRequest::What::Database);
        d.nextButton()->click();
        d.confirmEdit()->setText(QStringLiteral("cloud.exa"));
        save(&d, QStringLiteral("24-restore-database-confirm"));
    }
    {
        InstanceSettings s;
        s.id = QStringLiteral("cloud");
        s.name = QStringLiteral("cloud.example.org");
        s.connection.local = false;
        s.connection.host = QStringLiteral("cloud.example.org");
        s.connection.user = QStringLiteral("backup");
        s.connection.keyFile = QStringLiteral("/home/me/.ssh/id_ed25519");
        s.connection.serverRoot = QStringLiteral("/var/www/nextcloud");
        s.repositoryLocation = QStringLiteral("/media/backup/cloud.example.org");
        SettingsDialog d(s);
        d.show();
        save(&d, QStringLiteral("30-settings-connection"));
        d.tabs()->setCurrentIndex(2);
        save(&d, QStringLiteral("31-settings-schedule"));
        d.tabs()->setCurrentIndex(3);
        save(&d, QStringLiteral("32-settings-exclusions"));
        d.tabs()->setCurrentIndex(4);
        save(&d, QStringLiteral("33-settings-general"));
    }
    {
        ChangePasswordDialog d(QStringLiteral("cloud.example.org"));
        d.currentEdit()->setText(QStringLiteral("tulip anchor gravel sonnet"));
        d.newEdit()->setText(QStringLiteral("seven otters juggle quietly"));
        d.confirmEdit()->setText(QStringLiteral("seven otters juggle quietly"));
        d.show();
        save(&d, QStringLiteral("34-settings-change-password"));
    }
    // The app on a real repository: scripts/screenshots prepares a fixture instance with several
    // Restoring Points (made by ncbackup-cli) in NCBACKUP_CONFIG_DIR and sets NCB_SCREENSHOTS_REAL.
    if (qEnvironmentVariableIsSet("NCB_SCREENSHOTS_REAL")) {
        MainWindow w;
        AppController app(&w);
        QSignalSpy refreshed(&app, &AppController::instanceRefreshed);
        w.show();
        app.start();
        if (!QTest::qWaitFor([&] { return !refreshed.isEmpty(); }, 60000))
            qFatal("the instance was not read");
        QTest::qWait(500);
        w.showView(MainWindow::View::Timeline);
        save(&w, QStringLiteral("40-app-timeline"));
        // The Restoring Points of that run were made seconds apart: the day view spreads them out.
        w.timeline()->setZoom(TimelineWidget::Zoom::Day);
        save(&w, QStringLiteral("44-app-timeline-day"));
        w.timeline()->setZoom(TimelineWidget::Zoom::Month);
        w.showView(MainWindow::View::Files);
        expandPath(w.files()->treeView(), w.files()->model(),
                   {QStringLiteral("data"), QStringLiteral("alice"), QStringLiteral("files"),
                    QStringLiteral("Documents")});
        save(&w, QStringLiteral("41-app-files"));
        w.showView(MainWindow::View::Log);
        save(&w, QStringLiteral("42-app-log"));
        app.check(w.currentInstanceId());
        if (!QTest::qWaitFor([&] { return w.findChild<QWidget*>(QStringLiteral("checkResult")) != nullptr; }, 60000))
            qFatal("the check did not finish");
        save(w.findChild<QWidget*>(QStringLiteral("checkResult")), QStringLiteral("43-app-check"));
    }
    return 0;
}
