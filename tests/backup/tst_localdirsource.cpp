// LocalDirSource: a local folder as a snapshot source under a top folder of the RP tree — entries in
// tree order with the prefix, contents streamed in the order asked, a vanished file reported missing.
#include "backup/LocalDirSource.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace ncb;
using namespace ncb::backup;

class TestLocalDirSource : public QObject
{
    Q_OBJECT
private slots:
    void scanAndRead()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](const QString& rel, const QByteArray& data) {
            QDir().mkpath(QFileInfo(dir.filePath(rel)).absolutePath());
            QFile f(dir.filePath(rel));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        };
        write(QStringLiteral("b/c.txt"), "cee");
        write(QStringLiteral("a b"), "space");
        write(QStringLiteral("a"), QByteArray(3 * 1024 * 1024, 'x'));
        write(QStringLiteral("gone"), "vanishes");
        write(QStringLiteral("skip/.nobackup"), "");
        write(QStringLiteral("skip/secret"), "no");
        QVERIFY(QFile::link(QStringLiteral("a"), dir.filePath(QStringLiteral("l"))));

        LocalDirSource src(dir.path(), "root");
        std::vector<repo::TreeEntry> entries;
        std::vector<repo::SkippedPath> skipped;
        QVERIFY(src.scan(entries, skipped, {}).ok());
        QList<QByteArray> paths;
        for (const auto& e : entries)
            paths << e.path;
        QCOMPARE(paths, (QList<QByteArray>{"root", "root/a", "root/a b", "root/b", "root/b/c.txt", "root/gone", "root/l"}));
        QCOMPARE(entries[6].type, repo::TreeEntry::Symlink);
        QCOMPARE(entries[6].linkTarget, QByteArray("a"));
        QCOMPARE(skipped.size(), std::size_t(1));
        QCOMPARE(skipped[0].path, QByteArray("root/skip"));

        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("gone"))));
        QMap<QByteArray, QByteArray> got;
        QList<QByteArray> order, missing;
        QByteArray current;
        SourceReader r;
        r.begin = [&](const QByteArray& p) { current = p; order << p; return Status{}; };
        r.data = [&](const char* d, qint64 n) { got[current].append(d, n); return Status{}; };
        r.end = [&] { return Status{}; };
        r.missing = [&](const QByteArray& p, const QString&) { missing << p; };
        QVERIFY(src.read({"root/b/c.txt", "root/gone", "root/a"}, r, {}).ok());
        QCOMPARE(order, (QList<QByteArray>{"root/b/c.txt", "root/a"}));
        QCOMPARE(got.value("root/b/c.txt"), QByteArray("cee"));
        QCOMPARE(got.value("root/a"), QByteArray(3 * 1024 * 1024, 'x'));
        QCOMPARE(missing, (QList<QByteArray>{"root/gone"}));

        // Cancel stops the read with Error::Cancelled.
        auto st = src.read({"root/a"}, r, [] { return true; });
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Cancelled);
    }
};

QTEST_GUILESS_MAIN(TestLocalDirSource)
#include "tst_localdirsource.moc"
