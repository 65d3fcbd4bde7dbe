// TreeScanner: sorted streaming walk; symlinks not followed; .nobackup and special files skipped.
#include "repository/TreeScanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace ncb::repo;

static void writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

class TestTreeScanner : public QObject
{
    Q_OBJECT
private slots:
    void walksInPathOrder()
    {
        QTemporaryDir t;
        const QString r = t.path();
        writeFile(r + "/a/x", "1");
        writeFile(r + "/a b", "22");
        writeFile(r + "/a.txt", "333");
        writeFile(r + "/é ü/file", "4");
        QDir().mkpath(r + "/empty");
        writeFile(r + "/skip/.nobackup", "");
        writeFile(r + "/skip/secret", "x");
        QVERIFY(QFile::link(r + "/a", r + "/link"));
        QVERIFY(::mkfifo(QFile::encodeName(r + "/fifo").constData(), 0600) == 0);
        ::chmod(QFile::encodeName(r + "/a.txt").constData(), 0600);

        TreeScanner s(r);
        QVERIFY(s.open().ok());
        QList<QByteArray> paths;
        TreeEntry e;
        while (s.next(e)) {
            paths << e.path;
            if (e.path == "a.txt") {
                QCOMPARE(e.type, TreeEntry::File);
                QCOMPARE(e.size, 3);
                QCOMPARE(e.mode, 0600u);
                QVERIFY(e.mtimeNs > 0);
                QVERIFY(e.inode > 0);
                QCOMPARE(e.uid, std::uint32_t(::getuid()));
            }
            if (e.path == "link") {
                QCOMPARE(e.type, TreeEntry::Symlink);
                QCOMPARE(e.linkTarget, QFile::encodeName(r + "/a"));
            }
            if (e.path == "empty")
                QCOMPARE(e.type, TreeEntry::Dir);
        }
        const QList<QByteArray> expected{"a", "a/x", "a b", "a.txt", "empty", "link", "é ü", "é ü/file"};
        QCOMPARE(paths, expected);
        QStringList skipped;
        for (const SkippedPath& p : s.skipped())
            skipped << QString::fromUtf8(p.path) + ": " + p.reason;
        skipped.sort();
        QCOMPARE(skipped, (QStringList{"fifo: fifo", "skip: .nobackup"}));
        QCOMPARE(s.filesSeen(), 4);
        QCOMPARE(s.bytesSeen(), 7);
    }

    void tooDeepIsSkippedNotFatal()
    {
        QTemporaryDir t;
        QString p = t.path();
        for (std::size_t i = 0; i < TreeScanner::kMaxDepth + 5; ++i)
            p += QStringLiteral("/d");
        QVERIFY(QDir().mkpath(p));
        writeFile(t.path() + "/z.txt", "after");
        TreeScanner s(t.path());
        QVERIFY(s.open().ok());
        TreeEntry e;
        int dirs = 0;
        bool sawLast = false;
        while (s.next(e)) {
            dirs += e.type == TreeEntry::Dir;
            sawLast |= e.path == "z.txt";
        }
        QCOMPARE(dirs, int(TreeScanner::kMaxDepth) - 1); // the root takes one level
        QVERIFY(sawLast);
        QCOMPARE(s.skipped().size(), std::size_t(1));
        QCOMPARE(s.skipped().front().reason, QStringLiteral("nested too deep"));
    }

    void missingRootIsNotFound()
    {
        TreeScanner s(QStringLiteral("/nonexistent/ncb-scan"));
        const auto st = s.open();
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, ncb::Error::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestTreeScanner)
#include "test_tree_scanner.moc"
