// The main window: the welcome page while no instance exists, the instance toolbar, and the status
// bar following a running job until Cancel stops it.
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
