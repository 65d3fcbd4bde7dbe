// The main window: the welcome page while no instance exists, the instance toolbar, and the status
// bar following a running job until Cancel stops it.
#include "Format.h"
#include "InstanceDelegate.h"
#include "InstanceListModel.h"
#include "JobStatusWidget.h"
#include "MainWindow.h"
#include "SampleData.h"
#include "WelcomePage.h"

#include <QAction>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QToolButton>

using namespace ncb;
using namespace ncb::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    // Each sidebar row says which instance it is, where it runs, its Nextcloud version, the last
    // Restoring Point with its state and when the next backup is due.
    void sidebarShowsEachInstance()
    {
        MainWindow w;
        const QDateTime now = QDateTime::currentDateTime();
        const QList<InstanceSummary> list = SampleData::instances(now);
        w.instances()->setInstances(list);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.instances()->rowCount(), list.size());
        const InstanceSummary& s = list.first();
        const QStringList lines = InstanceDelegate::lines(s);
        QCOMPARE(lines.at(0), s.name);
        QCOMPARE(lines.at(1), s.host);
        QCOMPARE(lines.at(2), QStringLiteral("Nextcloud %1").arg(s.nextcloudVersion));
        QCOMPARE(lines.at(3), QStringLiteral("Last: %1 (OK)").arg(Format::relative(s.lastRp)));
        QCOMPARE(lines.at(4), QStringLiteral("Next: %1").arg(Format::relative(s.nextDue)));
        QVERIFY(lines.at(4).contains(QStringLiteral("in "))); // due in the future
        // The row is tall enough for the five lines.
        QVERIFY(w.instanceView()->sizeHintForRow(0) >= 5 * w.instanceView()->fontMetrics().height());
        InstanceSummary none = s;
        none.nextDue = {};
        none.lastRp = {};
        none.lastState = InstanceSummary::State::NoBackup;
        QCOMPARE(InstanceDelegate::lines(none).mid(3),
                 (QStringList{QStringLiteral("Last: no backup yet"), QStringLiteral("Next: not scheduled")}));
    }

    // The log: each entry with the date in the user's format; errors marked "Error:" (and red), several
    // lines kept as lines, nothing interpreted as markup.
    void logIsReadable()
    {
        MainWindow w;
        const QDateTime when(QDate(2026, 11, 20), QTime(3, 4));
        w.appendLog(QStringLiteral("cloud: backup done, Restoring Point 1234abcd"), false, when);
        w.appendLog(QStringLiteral("cloud: the repository is damaged:\npack 12 <missing>"), true, when);
        const QString text = w.findChild<QPlainTextEdit*>(QStringLiteral("logView"))->toPlainText();
        const QStringList lines = text.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0), Format::dateTime(when) + QStringLiteral("  cloud: backup done, Restoring Point 1234abcd"));
        QVERIFY2(lines.at(1).startsWith(Format::dateTime(when) + QStringLiteral("  Error: cloud: the repository")),
                 qPrintable(lines.at(1)));
        QCOMPARE(lines.at(2), QStringLiteral("pack 12 <missing>"));
    }

    void emptyStateOffersToAddAnInstance()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.welcomePage()->isVisible());
        QVERIFY(!w.instanceView()->isVisible());
        QVERIFY(!w.findChild<QAction*>(QStringLiteral("backupNow"))->isEnabled());
        QSignalSpy add(&w, &MainWindow::addInstanceRequested);
        QTest::mouseClick(w.welcomePage()->addButton(), Qt::LeftButton);
        QCOMPARE(add.count(), 1);

        w.instances()->setInstances(SampleData::instances(QDateTime::currentDateTime()));
        QVERIFY(!w.welcomePage()->isVisible());
        QVERIFY(w.instanceView()->isVisible());
        QCOMPARE(w.currentInstanceId(), QStringLiteral("cloud"));
        QSignalSpy backup(&w, &MainWindow::backupRequested);
        w.findChild<QAction*>(QStringLiteral("backupFull"))->trigger();
        QCOMPARE(backup.count(), 1);
        QCOMPARE(backup.at(0).at(0).toString(), QStringLiteral("cloud"));
        QCOMPARE(backup.at(0).at(1).toBool(), true);
        w.selectInstance(QStringLiteral("family"));
        QTest::mouseClick(w.findChild<QToolButton*>(QStringLiteral("backupButton")), Qt::LeftButton);
        QCOMPARE(backup.count(), 2);
        QCOMPARE(backup.at(1).at(0).toString(), QStringLiteral("family"));
        QCOMPARE(backup.at(1).at(1).toBool(), false);
    }

    void progressReachesTheStatusBarAndCancelStops()
    {
        MainWindow w;
        w.instances()->setInstances(SampleData::instances(QDateTime::currentDateTime()));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto* job = new Job(
            QStringLiteral("Incremental backup"),
            [](const JobContext& ctx) -> Status {
                Progress p;
                p.phase = QStringLiteral("files");
                p.filesTotal = 1000;
                p.bytesTotal = 100LL * 1000 * 1000;
                for (int i = 0; !ctx.isCancelled(); ++i) {
                    p.filesDone = std::min(999, i);
                    p.bytesDone = std::min<qint64>(99LL * 1000 * 1000, i * 100000LL);
                    ctx.report(p);
                    QThread::msleep(5);
                }
                return Error::make(Error::Cancelled, QStringLiteral("The backup was cancelled."));
            },
            &w);
        w.trackJob(job);
        job->start();
        JobStatusWidget* s = w.jobStatus();
        QTRY_VERIFY(s->progressBar()->value() > 0);
        QVERIFY(s->progressBar()->isVisible());
        QTRY_VERIFY(s->detailLabel()->text().contains(QStringLiteral(" of 1,000 files")));
        QVERIFY(s->phaseLabel()->text().contains(QStringLiteral("Saving files")));
        QTRY_VERIFY(s->detailLabel()->text().contains(QStringLiteral("/s")));   // a rate
        QTRY_VERIFY(s->detailLabel()->text().contains(QStringLiteral("left"))); // an ETA
        QVERIFY(s->cancelButton()->isVisible() && s->cancelButton()->isEnabled());
        QTest::mouseClick(s->cancelButton(), Qt::LeftButton);
        QTRY_COMPARE(job->state(), Job::State::Finished);
        QCOMPARE(job->status().error().code, Error::Cancelled);
        QTRY_VERIFY(s->phaseLabel()->text().contains(QStringLiteral("cancelled")));
        QVERIFY(!s->cancelButton()->isVisible());
        QVERIFY(!s->progressBar()->isVisible());
        auto* log = w.findChild<QPlainTextEdit*>(QStringLiteral("logView"));
        QVERIFY(log->toPlainText().contains(QStringLiteral("The backup was cancelled.")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
