// JobRecord and JobHistory: a record written is the record read back (status, times, message, step,
// counts); lines written by earlier versions (string keys, "started" without "finished", seconds without
// milliseconds, the counts as top-level keys) still read; damaged lines and lines that are no job are
// skipped, the rest of the history is kept.
#include "backup/JobHistory.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace ncb;
using backup::JobHistory;
using backup::JobRecord;

class TestJobRecord : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("ok") << int(JobRecord::Status::Ok);
        QTest::newRow("failed") << int(JobRecord::Status::Failed);
        QTest::newRow("incomplete") << int(JobRecord::Status::Incomplete);
        QTest::newRow("cancelled") << int(JobRecord::Status::Cancelled);
    }
    void roundTrip()
    {
        QFETCH(int, status);
        QTemporaryDir dir;
        JobRecord r;
        r.job = QStringLiteral("restore files");
        r.instance = QStringLiteral("nc");
        r.rp = QStringLiteral("0123456789abcdef0123");
        r.started = QDateTime(QDate(2026, 3, 29), QTime(0, 59, 58, 123), Qt::UTC);
        r.finished = r.started.addSecs(3661);
        r.status = JobRecord::Status(status);
        r.message = QStringLiteral("Restoring Point 0123456789ab written.");
        r.step = QStringLiteral("files");
        r.counts = QJsonObject{{QStringLiteral("files"), 3}, {QStringLiteral("bytes"), 4096},
                               {QStringLiteral("leftOut"), QJsonArray{QStringLiteral("data/a/..")}}};
        JobHistory h(QStringLiteral("nc"), dir.path());
        QVERIFY(h.append(r).ok());
        auto back = h.records();
        QVERIFY(back.ok());
        QCOMPARE(back->size(), 1);
        const JobRecord& b = back->first();
        QCOMPARE(b.job, r.job);
        QCOMPARE(b.instance, r.instance);
        QCOMPARE(b.rp, r.rp);
        QCOMPARE(b.started, r.started);
        QCOMPARE(b.finished, r.finished);
        QCOMPARE(int(b.status), status);
        QCOMPARE(b.message, r.message);
        QCOMPARE(b.step, r.step);
        QCOMPARE(b.counts, r.counts);
        // On disk the status is its name and the counts are top-level keys, as earlier versions wrote.
        auto raw = h.read();
        QVERIFY(raw.ok());
        QCOMPARE(raw->first().value(QStringLiteral("status")).toString(), JobRecord::statusName(JobRecord::Status(status)));
        QCOMPARE(raw->first().value(QStringLiteral("files")).toInt(), 3);
        QVERIFY(!raw->first().contains(QStringLiteral("counts")));
    }

    void readsOldLines()
    {
        QTemporaryDir dir;
        JobHistory h(QStringLiteral("nc"), dir.path());
        QDir().mkpath(dir.path() + QStringLiteral("/history"));
        QFile f(h.filePath());
        QVERIFY(f.open(QIODevice::WriteOnly));
        // A connect failure as the CLI wrote it (no rp), an old backup line, a damaged line, a line that is
        // no job, a restore with its counts, a line with an unknown status.
        f.write(R"({"job":"backup","instance":"nc","status":"failed","message":"The backup of nc failed while connecting: refused","started":"2025-11-02T01:30:00.000Z","finished":"2025-11-02T01:30:01.000Z","step":"connect"})" "\n");
        f.write(R"({"job":"backup","status":"incomplete","started":"2025-11-03T01:30:00Z","rp":"abc","kind":"full","leftOut":[{"path":"data/x","reason":"unreadable"}]})" "\n");
        f.write("{\"job\":\"backup\",\"sta\n");
        f.write(R"({"hello":"world"})" "\n");
        f.write(R"({"job":"restore files","instance":"nc","rp":"def","started":"2025-11-04T10:00:00.000Z","finished":"2025-11-04T10:00:05.500Z","status":"ok","files":2,"bytes":10})" "\n");
        f.write(R"({"job":"backup","status":"maybe","started":"2025-11-05T01:30:00.000Z"})" "\n");
        f.close();
        auto back = h.records();
        QVERIFY(back.ok());
        QCOMPARE(back->size(), 3);
        const JobRecord& fail = back->at(0);
        QVERIFY(fail.failed());
        QCOMPARE(fail.step, QStringLiteral("connect"));
        QVERIFY(fail.rp.isEmpty());
        QCOMPARE(fail.started, QDateTime(QDate(2025, 11, 2), QTime(1, 30), Qt::UTC));
        const JobRecord& inc = back->at(1);
        QCOMPARE(inc.status, JobRecord::Status::Incomplete);
        QCOMPARE(inc.started, QDateTime(QDate(2025, 11, 3), QTime(1, 30), Qt::UTC)); // seconds only
        QVERIFY(!inc.finished.isValid());
        QCOMPARE(inc.counts.value(QStringLiteral("kind")).toString(), QStringLiteral("full"));
        QCOMPARE(inc.counts.value(QStringLiteral("leftOut")).toArray().size(), 1);
        const JobRecord& res = back->at(2);
        QVERIFY(res.ok());
        QCOMPARE(res.job, QStringLiteral("restore files"));
        QCOMPARE(res.finished.time().msec(), 500);
        QCOMPARE(res.counts, (QJsonObject{{QStringLiteral("files"), 2}, {QStringLiteral("bytes"), 10}}));
    }

    void ofOutcome()
    {
        const QDateTime t = QDateTime::currentDateTimeUtc();
        JobRecord ok = JobRecord::of(QStringLiteral("restore db"), QStringLiteral("nc"), QStringLiteral("r"), t, Status(),
                                     QJsonObject{{QStringLiteral("files"), 1}});
        QVERIFY(ok.ok());
        QVERIFY(ok.message.isEmpty());
        QCOMPARE(ok.counts.value(QStringLiteral("files")).toInt(), 1);
        QVERIFY(ok.finished >= t);
        JobRecord bad = JobRecord::of(QStringLiteral("restore db"), QStringLiteral("nc"), QStringLiteral("r"), t,
                                      Status(Error::make(Error::Locked, QStringLiteral("In use."))));
        QVERIFY(bad.failed());
        QCOMPARE(bad.message, QStringLiteral("In use."));
        JobRecord stopped = JobRecord::of(QStringLiteral("backup"), QStringLiteral("nc"), {}, t,
                                          Status(Error::make(Error::Cancelled, QStringLiteral("Stopped."))));
        QCOMPARE(stopped.status, JobRecord::Status::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestJobRecord)
#include "tst_jobrecord.moc"
