// The snapshot commands as a user runs them: JSON that parses and says the right thing, exit codes,
// one clear sentence on bad input, forget + prune shrinking the repository.
#include "repository/Repository.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace ncb;

class TestSnapshotCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_repoPath, m_src, m_pwFile;

    struct Run
    {
        int rc;
        QByteArray out, err;
    };
    Run run(const QStringList& args)
    {
        QProcess p;
        p.start(QStringLiteral(NCB_BINARY_DIR "/app/ncbackup-cli"),
                args + QStringList{"--repo", m_repoPath, "--password-file", m_pwFile});
        p.waitForFinished(120000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    QJsonDocument json(const Run& r)
    {
        QJsonParseError e;
        QJsonDocument d = QJsonDocument::fromJson(r.out, &e);
        if (e.error != QJsonParseError::NoError)
            qWarning("not JSON: %s / %s", r.out.constData(), r.err.constData());
        return d;
    }
    void write(const QString& rel, const QByteArray& data)
    {
        QDir().mkpath(QFileInfo(m_src + "/" + rel).absolutePath());
        QFile f(m_src + "/" + rel);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    }
    qint64 repoSize()
    {
        qint64 n = 0;
        QDirIterator it(m_repoPath + "/data", QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            n += QFileInfo(it.next()).size();
        return n;
    }

private slots:
    void initTestCase()
    {
        m_repoPath = m_tmp.path() + "/repo";
        m_src = m_tmp.path() + "/src";
        m_pwFile = m_tmp.path() + "/pw";
        QFile pw(m_pwFile);
        QVERIFY(pw.open(QIODevice::WriteOnly));
        pw.write("cli-pw\n");
        pw.close();
        qputenv("NCBACKUP_CACHE_DIR", QFile::encodeName(m_tmp.path() + "/cache"));
        QVERIFY(repo::Repository::init(m_repoPath, "cli-pw").ok());
    }

    void fullWorkflow()
    {
        QByteArray big(2 * 1024 * 1024, Qt::Uninitialized);
        QRandomGenerator(7).fillRange(reinterpret_cast<quint32*>(big.data()), big.size() / 4);
        write("docs/report.txt", "v1");
        write("docs/big.bin", big);
        write("notes.md", "hello");
        Run a = run({"snapshot", "create", m_src, "--json"});
        QCOMPARE(a.rc, 0);
        const QJsonObject ja = json(a).object();
        const QString id1 = ja.value("id").toString();
        QCOMPARE(id1.size(), 64);
        QCOMPARE(ja.value("stats").toObject().value("files").toInt(), 3);
        QCOMPARE(ja.value("kind").toString(), QStringLiteral("full"));

        write("docs/report.txt", "v2 longer");
        QVERIFY(QFile::remove(m_src + "/notes.md"));
        QVERIFY(QFile::remove(m_src + "/docs/big.bin"));
        Run b = run({"snapshot", "create", m_src, "--json"});
        QCOMPARE(b.rc, 0);
        const QString id2 = json(b).object().value("id").toString();
        QCOMPARE(json(b).object().value("kind").toString(), QStringLiteral("incremental"));

        Run l = run({"snapshot", "list", "--json"});
        QCOMPARE(l.rc, 0);
        QCOMPARE(json(l).array().size(), 2);
        QCOMPARE(json(l).array().at(1).toObject().value("short_id").toString(), id2.left(8));

        Run ls = run({"snapshot", "ls", id1.left(8), "docs", "--json"});
        QCOMPARE(ls.rc, 0);
        QStringList names;
        for (const QJsonValue& v : json(ls).array())
            names << v.toObject().value("name").toString();
        QCOMPARE(names, (QStringList{"big.bin", "report.txt"}));
        Run lsText = run({"snapshot", "ls", "latest", "/docs/"});
        QCOMPARE(lsText.rc, 0);
        QVERIFY(lsText.out.contains("report.txt"));
        QVERIFY(!lsText.out.contains("big.bin"));

        Run d = run({"snapshot", "diff", id1.left(8), "latest", "--json"});
        QCOMPARE(d.rc, 0);
        QStringList changes;
        for (const QJsonValue& v : json(d).array())
            changes << v.toObject().value("change").toString() + " " + v.toObject().value("path").toString();
        QCOMPARE(changes, (QStringList{"removed docs/big.bin", "modified docs/report.txt", "removed notes.md"}));

        Run h = run({"snapshot", "history", "docs/report.txt", "--json"});
        QCOMPARE(h.rc, 0);
        QCOMPARE(json(h).array().size(), 2);
        QCOMPARE(json(h).array().at(1).toObject().value("size").toInt(), 9);

        Run r = run({"snapshot", "restore", id1.left(8), "docs/big.bin", "--to-dir", m_tmp.path() + "/out", "--json"});
        QCOMPARE(r.rc, 0);
        QCOMPARE(json(r).object().value("files").toInt(), 1);
        QFile f(m_tmp.path() + "/out/docs/big.bin");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll() == big);

        Run bad = run({"snapshot", "restore", "latest", "../../etc/passwd", "--to-dir", m_tmp.path() + "/out2"});
        QCOMPARE(bad.rc, int(Error::Unsafe));
        QVERIFY(bad.err.contains("../../etc/passwd"));
        QCOMPARE(bad.err.count("ncbackup-cli:"), 1); // one sentence (other lines are keychain logging)
        QVERIFY(!QFile::exists(m_tmp.path() + "/out2/etc"));

        Run unknown = run({"snapshot", "ls", "ffffffffff"});
        QCOMPARE(unknown.rc, int(Error::NotFound));
        Run noRule = run({"snapshot", "forget"});
        QCOMPARE(noRule.rc, int(Error::Usage));

        Run dry = run({"snapshot", "forget", "--keep-last", "1", "--dry-run", "--json"});
        QCOMPARE(dry.rc, 0);
        QCOMPARE(json(dry).object().value("remove").toArray().size(), 1);
        QCOMPARE(json(run({"snapshot", "list", "--json"})).array().size(), 2);

        const qint64 before = repoSize();
        QCOMPARE(run({"snapshot", "forget", "--keep-last", "1"}).rc, 0);
        Run pr = run({"repo", "prune"});
        QVERIFY2(pr.rc == 0, pr.err.constData());
        const qint64 after = repoSize();
        QVERIFY2(after < before - 1024 * 1024, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        Run check = run({"repo", "check", "--read-data", "--json"});
        QCOMPARE(check.rc, 0);
        QVERIFY(json(check).object().value("ok").toBool());
        Run restoreLatest = run({"snapshot", "restore", "latest", "--to-dir", m_tmp.path() + "/out3"});
        QCOMPARE(restoreLatest.rc, 0);
        QFile rep(m_tmp.path() + "/out3/docs/report.txt");
        QVERIFY(rep.open(QIODevice::ReadOnly));
        QCOMPARE(rep.readAll(), QByteArray("v2 longer"));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotCli)
#include "test_snapshot_cli.moc"
