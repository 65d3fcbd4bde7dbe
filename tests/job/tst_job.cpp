// Jobs run off the calling thread, report progress on it, stop when cancelled, and a queue runs only
// one job per repository at a time.
#include "util/Job.h"
#include "util/JobQueue.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace ncb;

class TestJob : public QObject
{
    Q_OBJECT
private slots:
    void progressArrivesOnOwnerThread()
    {
        QThread* worker = nullptr;
        Job job(QStringLiteral("count"), [&worker](const JobContext& ctx) -> Status {
            worker = QThread::currentThread();
            for (int i = 1; i <= 50; ++i) {
                Progress p;
                p.phase = QStringLiteral("files");
                p.filesDone = i;
                p.filesTotal = 50;
                p.bytesDone = i * 1000;
                p.bytesTotal = 50000;
                ctx.report(p);
                QThread::msleep(2);
            }
            return {};
        });
        bool sameThread = true;
        qint64 lastFiles = 0;
        connect(&job, &Job::progress, this, [&](const Progress& p) {
            sameThread = sameThread && QThread::currentThread() == thread();
            lastFiles = p.filesDone;
        });
        QSignalSpy done(&job, &Job::finished);
        job.start();
        QCOMPARE(job.state(), Job::State::Running);
        QTRY_COMPARE(done.count(), 1);
        QVERIFY(worker && worker != thread());
        QVERIFY(sameThread);
        QCOMPARE(lastFiles, 50); // the final value is never dropped by coalescing
        QVERIFY(job.status().ok());
        QVERIFY(job.lastProgress().bytesPerSecond > 0);
    }
    void cancelStopsTheWork()
    {
        std::atomic_int loops{0};
        Job job(QStringLiteral("endless"), [&](const JobContext& ctx) -> Status {
            while (!ctx.isCancelled()) {
                ++loops;
                QThread::msleep(1);
            }
            return Error::make(Error::Cancelled, QStringLiteral("Stopped."));
        });
        QSignalSpy done(&job, &Job::finished);
        job.start();
        QTRY_VERIFY(loops.load() > 3);
        job.cancel();
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(job.status().error().code, Error::Cancelled);
    }
    void resultJobCarriesValue()
    {
        ResultJob<QString> job(QStringLiteral("key"), [](const JobContext&) -> Result<QString> {
            return QStringLiteral("ABCD-1234");
        });
        job.start();
        job.waitForFinished();
        QVERIFY(job.status().ok());
        QCOMPARE(job.value().value(), QStringLiteral("ABCD-1234"));
        ResultJob<int> bad(QStringLiteral("bad"), [](const JobContext&) -> Result<int> {
            return Error::make(Error::Network, QStringLiteral("The host did not answer."));
        });
        bad.start();
        bad.waitForFinished();
        QCOMPARE(bad.status().error().message, QStringLiteral("The host did not answer."));
        QVERIFY(!bad.value().has_value());
    }
    void deletingARunningResultJobIsSafe()
    {
        std::atomic_bool sawCancel{false};
        {
            ResultJob<QByteArray> job(
                QStringLiteral("slow"), [&](const JobContext& ctx) -> Result<QByteArray> {
                    while (!ctx.isCancelled())
                        QThread::msleep(1);
                    sawCancel = true;
                    return QByteArray(1 << 20, 'x'); // touches the job's members after the cancel
                });
            job.start();
            QThread::msleep(20);
        } // destroyed while running: it must cancel, wait, and only then free its members
        QVERIFY(sawCancel.load());
    }

    void queueRunsOneJobPerRepository()
    {
        JobQueue queue;
        std::atomic_int running{0}, maxRunningA{0}, total{0};
        auto work = [&](const JobContext&) -> Status {
            const int now = ++running;
            int seen = maxRunningA.load();
            while (now > seen && !maxRunningA.compare_exchange_weak(seen, now)) {
            }
            QThread::msleep(30);
            --running;
            ++total;
            return {};
        };
        QStringList order;
        connect(&queue, &JobQueue::jobStarted, this, [&](Job* j) { order << j->title(); });
        for (int i = 0; i < 3; ++i) {
            auto* j = new Job(QStringLiteral("a%1").arg(i), work);
            j->setQueueKey(QStringLiteral("/repo/a"));
            queue.enqueue(j);
        }
        QCOMPARE(queue.pendingCount(QStringLiteral("/repo/a")), 2);
        QVERIFY(queue.runningJob(QStringLiteral("/repo/a")));
        QSignalSpy idle(&queue, &JobQueue::idle);
        QTRY_COMPARE(idle.count(), 1);
        QCOMPARE(total.load(), 3);
        QCOMPARE(maxRunningA.load(), 1);
        QCOMPARE(order, (QStringList{QStringLiteral("a0"), QStringLiteral("a1"), QStringLiteral("a2")}));
    }
    void differentRepositoriesRunTogether()
    {
        JobQueue queue;
        std::atomic_int running{0}, peak{0};
        auto work = [&](const JobContext&) -> Status {
            const int now = ++running;
            int seen = peak.load();
            while (now > seen && !peak.compare_exchange_weak(seen, now)) {
            }
            QThread::msleep(100);
            --running;
            return {};
        };
        auto* a = new Job(QStringLiteral("a"), work);
        a->setQueueKey(QStringLiteral("/repo/a"));
        auto* b = new Job(QStringLiteral("b"), work);
        b->setQueueKey(QStringLiteral("/repo/b"));
        QSignalSpy idle(&queue, &JobQueue::idle);
        queue.enqueue(a);
        queue.enqueue(b);
        QTRY_COMPARE(idle.count(), 1);
        QCOMPARE(peak.load(), 2);
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "tst_job.moc"
