// The rate and time left the progress bar and the CLI show: steady input gives the true rate and ETA,
// a stall lowers the rate, unknown totals give no ETA.
#include "util/ProgressEstimator.h"

#include <QTest>

using ncb::Progress;
using ncb::ProgressEstimator;

class TestProgressEstimator : public QObject
{
    Q_OBJECT
private slots:
    void steadyRateAndEta()
    {
        ProgressEstimator e(10000);
        // 5 MB/s for 30 s, sampled every 250 ms.
        for (qint64 t = 0; t <= 30000; t += 250)
            e.addSample(t, t * 5000);
        QCOMPARE(qRound(e.bytesPerSecond()), 5000000);
        // 150 MB done of 300 MB: 30 s left.
        QCOMPARE(qRound(e.etaSeconds(150000000, 300000000)), 30);
    }
    void stallLowersRate()
    {
        ProgressEstimator e(10000);
        for (qint64 t = 0; t <= 10000; t += 500)
            e.addSample(t, t * 1000);
        const double before = e.bytesPerSecond();
        for (qint64 t = 10500; t <= 15000; t += 500)
            e.addSample(t, 10000 * 1000);
        QVERIFY(e.bytesPerSecond() < before * 0.6);
        for (qint64 t = 15500; t <= 30000; t += 500)
            e.addSample(t, 10000 * 1000);
        QCOMPARE(e.bytesPerSecond(), 0.0);
        QCOMPARE(e.etaSeconds(10000 * 1000, 20000 * 1000), -1.0);
    }
    void unknownTotalGivesNoEta()
    {
        ProgressEstimator e;
        Progress p;
        p.bytesTotal = -1;
        for (int i = 0; i < 10; ++i) {
            p.bytesDone = i * 1000;
            p = e.update(i * 100, p);
            p.bytesPerSecond = 0; // recompute each time like a fresh report from the job
        }
        p.bytesDone = 10000;
        p = e.update(1000, p);
        QVERIFY(p.bytesPerSecond > 9000 && p.bytesPerSecond < 11000);
        QCOMPARE(p.etaSeconds, -1.0);
    }
    void tooFewSamples()
    {
        ProgressEstimator e;
        QCOMPARE(e.bytesPerSecond(), 0.0);
        e.addSample(0, 100);
        QCOMPARE(e.bytesPerSecond(), 0.0);
        QCOMPARE(e.etaSeconds(100, 1000), -1.0);
        QCOMPARE(e.etaSeconds(1000, 1000), 0.0);
    }
    void newPhaseRestartsWindow()
    {
        ProgressEstimator e;
        for (qint64 t = 0; t <= 5000; t += 500)
            e.addSample(t, t * 1000);
        e.addSample(5500, 0); // the next phase counts from zero again
        e.addSample(6000, 100000);
        QCOMPARE(qRound(e.bytesPerSecond()), 200000);
    }
    void jobValuesWin()
    {
        ProgressEstimator e;
        Progress p;
        p.bytesDone = 10;
        p.bytesTotal = 100;
        p.bytesPerSecond = 42;
        p.etaSeconds = 7;
        p = e.update(0, p);
        QCOMPARE(p.bytesPerSecond, 42.0);
        QCOMPARE(p.etaSeconds, 7.0);
    }
};

QTEST_GUILESS_MAIN(TestProgressEstimator)
#include "tst_progressestimator.moc"
