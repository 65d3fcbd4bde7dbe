// HostTreePruner: what an in-place instance restore removes from the server root and the data directory
// — only what the RP does not hold, the topmost path once, never a protected path (what the backup
// skipped) or a folder holding one, never a mount point; and, on this machine for real, a symlink that
// leads out of the folder is removed as a link, what it points to stays.
#include "host/LocalHost.h"
#include "restore/HostTreePruner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace ncb;
using restore::HostTreePruner;
using T = repo::TreeEntry::Type;

class TestHostTreePruner : public QObject
{
    Q_OBJECT

    static QList<HostTreePruner::HostEntry> host(std::initializer_list<std::pair<const char*, char>> l, const QByteArray& mount = {})
    {
        QList<HostTreePruner::HostEntry> out;
        for (const auto& [p, t] : l)
            out << HostTreePruner::HostEntry{p, t, !mount.isEmpty() && QByteArray(p) == mount};
        return out;
    }

private slots:
    void removesOnlyWhatTheRpDoesNotHold()
    {
        const QHash<QByteArray, T> keep{{"a", T::Dir}, {"a/x", T::File}, {"b", T::File}, {"l", T::Symlink}};
        const auto gone = HostTreePruner::toRemove(
            host({{"a", 'd'}, {"a/x", 'f'}, {"a/new", 'f'}, {"b", 'f'}, {"l", 'l'}, {"stray", 'd'}, {"stray/deep", 'd'},
                  {"stray/deep/f", 'f'}, {"sock", 's'}}),
            keep, {});
        QCOMPARE(gone, (QList<QByteArray>{"a/new", "stray", "sock"}));
    }

    void typeChangesAreRemoved()
    {
        // The RP has a folder where the host has a file, and a file where the host has a folder or a symlink.
        const QHash<QByteArray, T> keep{{"docs", T::Dir}, {"f", T::File}, {"g", T::File}};
        const auto gone = HostTreePruner::toRemove(host({{"docs", 'f'}, {"f", 'd'}, {"f/in", 'f'}, {"g", 'l'}}), keep, {});
        QCOMPARE(gone, (QList<QByteArray>{"docs", "f", "g"}));
    }

    void protectedPathsStay()
    {
        // data/alice/files/Private held a .nobackup; Ext is an external storage; both listed as skipped.
        const QHash<QByteArray, T> keep{{"alice", T::Dir}, {"alice/files", T::Dir}};
        const auto gone = HostTreePruner::toRemove(
            host({{"alice", 'd'}, {"alice/files", 'd'}, {"alice/files/Private", 'd'}, {"alice/files/Private/x", 'f'},
                  {"Ext", 'd'}, {"Ext/big", 'f'}, {"owncloud.db", 'f'}, {"stray", 'f'}}),
            keep, {"alice/files/Private", "Ext", "owncloud.db"});
        QCOMPARE(gone, (QList<QByteArray>{"stray"}));
    }

    void foldersHoldingProtectedPathsOrMountsStay()
    {
        // "new" is not in the RP but holds a protected path: only its other contents go. "mnt" is a mount
        // point inside a stray folder: neither it nor the folder goes.
        const auto gone = HostTreePruner::toRemove(
            host({{"new", 'd'}, {"new/keepme", 'd'}, {"new/keepme/f", 'f'}, {"new/other", 'f'}, {"box", 'd'}, {"box/mnt", 'd'},
                  {"box/loose", 'f'}},
                 "box/mnt"),
            {}, {"new/keepme"});
        QCOMPARE(gone, (QList<QByteArray>{"new/other", "box/loose"}));
    }

    void runOnThisMachine()
    {
        QTemporaryDir dir, outside;
        QVERIFY(dir.isValid() && outside.isValid());
        auto write = [](const QString& path) {
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("x");
        };
        write(dir.filePath(QStringLiteral("kept/file")));
        write(dir.filePath(QStringLiteral("kept/-stray with space")));
        write(dir.filePath(QStringLiteral("skipped/inside")));
        write(dir.filePath(QStringLiteral("gone/deep/file")));
        write(outside.filePath(QStringLiteral("precious")));
        QVERIFY(QFile::link(outside.path(), dir.filePath(QStringLiteral("kept/out"))));
        QVERIFY(QFile::link(outside.path(), dir.filePath(QStringLiteral("link-as-dir")))); // the RP has a folder there

        host::LocalHost h;
        const QHash<QByteArray, T> keep{{"kept", T::Dir}, {"kept/file", T::File}, {"link-as-dir", T::Dir}};
        auto n = HostTreePruner(h, dir.path().toUtf8(), keep, {"skipped"}).run();
        QVERIFY2(n.ok(), n.ok() ? "" : qPrintable(n.error().message));
        QCOMPARE(n.value(), qint64(4));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("kept/file"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("skipped/inside"))));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("kept/-stray with space"))));
        QVERIFY(!QFileInfo(dir.filePath(QStringLiteral("kept/out"))).isSymLink());
        QVERIFY(!QFileInfo(dir.filePath(QStringLiteral("link-as-dir"))).isSymLink());
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("gone"))));
        QVERIFY(QFile::exists(outside.filePath(QStringLiteral("precious"))));

        // A folder that does not exist is nothing to prune.
        auto none = HostTreePruner(h, dir.filePath(QStringLiteral("missing")).toUtf8(), keep, {}).run();
        QVERIFY(none.ok());
        QCOMPARE(none.value(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestHostTreePruner)
#include "tst_hosttreepruner.moc"
