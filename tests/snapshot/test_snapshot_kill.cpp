// Kill -9 robustness: `snapshot create` and `repo prune` are killed at 20 seeded points spread over
// their run time; each time the repository must check clean (with --read-data semantics) and the next
// run must succeed. No test hook in the product: only timing.
#include "repository/SnapshotChecker.h"
#include "repository/SnapshotPruner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace ncb;
using namespace ncb::repo;

class TestSnapshotKill : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_repoPath, m_src, m_pwFile;
    QString cli() const { return QStringLiteral(NCB_BINARY_DIR "/app/ncbackup-cli"); }

    void writeTree(quint32 seed, int files)
    {
        QRandomGenerator r(seed);
        for (int i = 0; i < files; ++i) {
            QByteArray b(qsizetype(r.bounded(4096, 60000)), Qt::Uninitialized);
            r.fillRange(reinterpret_cast<quint32*>(b.data()), b.size() / 4);
            const QString dir = m_src + QStringLiteral("/d%1").arg(i % 7);
            QDir().mkpath(dir);
            QFile f(dir + QStringLiteral("/f%1.bin").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(b);
        }
    }

    QProcess* start(const QStringList& args)
    {
        auto* p = new QProcess(this);
        p->setProgram(cli());
        p->setArguments(args + QStringList{"--repo", m_repoPath, "--password-file", m_pwFile});
        p->start();
        return p;
    }

    // Full check in-process: storage with data, every snapshot's tree and blobs.
    void verifyRepository(const QString& when)
    {
        auto repo = Repository::open(m_repoPath);
        QVERIFY(repo.ok());
        QVERIFY(repo.value()->unlockWithPassword("kill-pw").ok());
        const SnapshotCheckReport r = SnapshotChecker::check(*repo.value(), true);
        QString why;
        for (const Damage& d : r.storage.damages)
            why += d.object + ": " + d.message + "; ";
        for (const SnapshotDamage& d : r.snapshots)
            why += d.snapshotId.left(8) + ": " + d.message + "; ";
        QVERIFY2(r.ok(), qPrintable(when + ": " + why));
    }

    // SIGKILL only a running child (a pid of 0 would signal our own process group).
    static bool killNow(QProcess* p)
    {
        const qint64 pid = p->processId();
        if (p->state() == QProcess::NotRunning || pid <= 0)
            return false;
        ::kill(pid_t(pid), SIGKILL);
        p->waitForFinished();
        return p->exitStatus() == QProcess::CrashExit;
    }

    // Wall time of a whole run, to spread the kill points over all of its phases.
    double measure(const QStringList& args)
    {
        QElapsedTimer t;
        t.start();
        const int rc = runToEnd(args);
        return rc == 0 ? double(t.elapsed()) : -1;
    }

    int runToEnd(const QStringList& args, QByteArray* output = nullptr)
    {
        QProcess* p = start(args);
        p->waitForFinished(120000);
        if (output)
            *output = p->readAllStandardOutput() + p->readAllStandardError();
        const int rc = p->exitCode();
        delete p;
        return rc;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(QFile::exists(cli()));
        m_repoPath = m_tmp.path() + "/repo";
        m_src = m_tmp.path() + "/src";
        m_pwFile = m_tmp.path() + "/pw";
        QFile pw(m_pwFile);
        QVERIFY(pw.open(QIODevice::WriteOnly));
        pw.write("kill-pw\n");
        pw.close();
        qputenv("NCBACKUP_CACHE_DIR", QFile::encodeName(m_tmp.path() + "/cache"));
        auto r = Repository::init(m_repoPath, "kill-pw");
        QVERIFY(r.ok());
        writeTree(1, 120);
    }

    void killCreate()
    {
        QRandomGenerator rng(20261126);
        writeTree(99, 40);
        // The fastest of two runs, so kill points fall inside a run even when the machine is less busy.
        const double total = std::min(measure({"snapshot", "create", m_src, "--full"}),
                                      measure({"snapshot", "create", m_src, "--full"}));
        QVERIFY(total > 0);
        int killed = 0;
        for (int round = 0; round < 10; ++round) {
            writeTree(100 + round, 40); // new content each round: there is always something to write
            const double ms = total * (0.05 + 0.8 * rng.bounded(1.0));
            QProcess* p = start({"snapshot", "create", m_src, "--full"});
            QVERIFY(p->waitForStarted());
            QTest::qWait(int(ms));
            killed += killNow(p);
            delete p;
            verifyRepository(QStringLiteral("create killed after %1 ms").arg(ms));
            QByteArray out;
            QCOMPARE(runToEnd({"snapshot", "create", m_src}, &out), 0);
            verifyRepository(QStringLiteral("create rerun after %1 ms").arg(ms));
        }
        QVERIFY2(killed >= 6, qPrintable(QStringLiteral("only %1 of 10 runs were killed mid-way").arg(killed)));
    }

    void killPrune()
    {
        QRandomGenerator rng(4242);
        int killed = 0;
        for (int round = 0; round < 10; ++round) {
            writeTree(500 + round, 60);
            QCOMPARE(runToEnd({"snapshot", "create", m_src}), 0);
            QCOMPARE(runToEnd({"snapshot", "forget", "--keep-last", "2"}), 0);
            // Time a prune on a copy of the repository, then kill the real one within that time.
            const QString copy = m_tmp.path() + "/copy";
            QDir(copy).removeRecursively();
            QVERIFY(QProcess::execute("cp", {"-a", m_repoPath, copy}) == 0);
            const QString real = m_repoPath;
            m_repoPath = copy;
            const double total = measure({"repo", "prune"});
            m_repoPath = real;
            QVERIFY(total > 0);
            const double ms = total * (0.05 + 0.8 * rng.bounded(1.0));
            QProcess* p = start({"repo", "prune"});
            QVERIFY(p->waitForStarted());
            QTest::qWait(int(ms));
            killed += killNow(p);
            delete p;
            verifyRepository(QStringLiteral("prune killed after %1 ms").arg(ms));
            QCOMPARE(runToEnd({"repo", "prune"}), 0);
            verifyRepository(QStringLiteral("prune rerun after %1 ms").arg(ms));
        }
        QVERIFY2(killed >= 6, qPrintable(QStringLiteral("only %1 of 10 prunes were killed mid-way").arg(killed)));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotKill)
#include "test_snapshot_kill.moc"
