// Tree blobs: round trip, dedup across snapshots, and a parser that refuses garbage without crashing.
#include "repository/SafePath.h"
#include "repository/SnapshotManifest.h"
#include "repository/TreeBlobParser.h"
#include "repository/TreeReader.h"
#include "repository/TreeWriter.h"

#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QTimeZone>
#include <QCryptographicHash>

#include <unordered_map>

using namespace ncb;
using namespace ncb::repo;

static std::array<std::uint64_t, 256> gearTable(quint32 seed)
{
    std::array<std::uint64_t, 256> g;
    QRandomGenerator r(seed);
    for (auto& v : g)
        v = r.generate64();
    return g;
}

static TreeEntry makeEntry(const QByteArray& path, int i)
{
    TreeEntry e;
    e.path = path;
    e.type = TreeEntry::File;
    e.mode = 0644;
    e.uid = 1000;
    e.gid = 1000;
    e.owner = "alice";
    e.group = "staff";
    e.mtimeNs = 1700000000123456789LL + i;
    e.ctimeNs = -5; // negative times survive
    e.inode = 100000 + i;
    e.device = 2049;
    const int n = i % 3;
    for (int c = 0; c < n; ++c) {
        ChunkRef ch;
        ch.id.fill(std::uint8_t(i * 7 + c));
        ch.size = std::uint32_t(1000 + c);
        e.chunks.push_back(ch);
        e.size += ch.size;
    }
    return e;
}

static std::vector<TreeEntry> sampleTree(int files, int changeAt = -1)
{
    std::vector<TreeEntry> v;
    TreeEntry d;
    d.path = "dir é";
    d.type = TreeEntry::Dir;
    d.mode = 0755;
    v.push_back(d);
    for (int i = 0; i < files; ++i) {
        TreeEntry e = makeEntry(QByteArray("dir é/file ") + QByteArray::number(100000 + i), i);
        if (i == changeAt)
            e.mtimeNs += 1;
        v.push_back(e);
    }
    TreeEntry l;
    l.path = "link";
    l.type = TreeEntry::Symlink;
    l.linkTarget = "dir é/file 100000";
    v.push_back(l);
    return v;
}

static QList<QByteArray> writeAll(const std::vector<TreeEntry>& entries, const std::array<std::uint64_t, 256>& gear)
{
    QList<QByteArray> blobs;
    TreeWriter w(gear, [&](const QByteArray& b) -> Status {
        blobs << b;
        return {};
    });
    for (const TreeEntry& e : entries)
        if (!w.add(e).ok())
            qFatal("add failed");
    if (!w.finish().ok())
        qFatal("finish failed");
    return blobs;
}

static BlobId fakeId(const QByteArray& b)
{
    BlobId id{};
    const QByteArray h = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    std::memcpy(id.data(), h.constData(), 32);
    return id;
}

class TestTreeFormat : public QObject
{
    Q_OBJECT
private slots:
    void pathOrderPutsFolderContentsFirst()
    {
        QVERIFY(comparePaths("a", "a/x") < 0);
        QVERIFY(comparePaths("a/x", "a b") < 0);
        QVERIFY(comparePaths("a b", "a/x") > 0);
        QVERIFY(comparePaths("a/z", "a.txt") < 0);
        QCOMPARE(comparePaths("x/y", "x/y"), 0);
    }

    // comparePaths() skips common prefixes eight bytes at a time: it must agree with the rule written out
    // byte by byte ('/' is the smallest byte) wherever the difference falls, before, at or after a word
    // boundary, with bytes above 0x7f, and when one path is a prefix of the other.
    void pathOrderMatchesTheByteRule()
    {
        const auto rule = [](const QByteArray& a, const QByteArray& b) {
            const auto key = [](QByteArray p) {
                p.replace('/', '\0');
                return p;
            };
            const QByteArray ka = key(a), kb = key(b);
            const int c = std::memcmp(ka.constData(), kb.constData(), size_t(std::min(ka.size(), kb.size())));
            if (c != 0)
                return c < 0 ? -1 : 1;
            return ka.size() == kb.size() ? 0 : (ka.size() < kb.size() ? -1 : 1);
        };
        QRandomGenerator r(7);
        const QByteArray alphabet("/ab.- \xc3\xa9\xff", 9);
        int checked = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray common;
            for (int i = int(r.bounded(40)); i > 0; --i)
                common += alphabet[int(r.bounded(alphabet.size()))];
            QByteArray a = common, b = common;
            for (int i = int(r.bounded(4)); i > 0; --i)
                a += alphabet[int(r.bounded(alphabet.size()))];
            for (int i = int(r.bounded(4)); i > 0; --i)
                b += alphabet[int(r.bounded(alphabet.size()))];
            const int want = rule(a, b);
            QVERIFY2(comparePaths(a, b) * want > 0 || (want == 0 && comparePaths(a, b) == 0),
                     (a.toHex() + " vs " + b.toHex()).constData());
            QCOMPARE(comparePaths(b, a), -comparePaths(a, b));
            ++checked;
        }
        QCOMPARE(checked, 20000);
    }

    // sortTreeEntries() has three ways (already sorted; a short unsorted tail merged in; a full sort
    // through a permutation): each must give path order and keep every entry with its own fields.
    void sortTreeEntriesKeepsEveryEntry()
    {
        QRandomGenerator r(11);
        for (const int tailShare : {0, 1, 100}) {
            std::vector<TreeEntry> want;
            for (int i = 0; i < 3000; ++i)
                want.push_back(makeEntry("d" + QByteArray::number(i % 37) + "/sub/f" + QByteArray::number(i), i));
            std::sort(want.begin(), want.end(),
                      [](const TreeEntry& a, const TreeEntry& b) { return comparePaths(a.path, b.path) < 0; });
            std::vector<TreeEntry> got = want;
            const std::size_t tail = got.size() * std::size_t(tailShare) / 100;
            if (tail == got.size()) {
                for (std::size_t i = got.size() - 1; i > 0; --i)
                    std::swap(got[i], got[r.bounded(quint32(i + 1))]);
            } else if (tail > 0) {
                // The last entries moved to the end in reverse, as entries appended to a sorted list.
                std::vector<TreeEntry> moved;
                for (std::size_t i = 0; i < tail; ++i) {
                    const std::size_t at = r.bounded(quint32(got.size()));
                    moved.push_back(got[at]);
                    got.erase(got.begin() + std::ptrdiff_t(at));
                }
                got.insert(got.end(), moved.rbegin(), moved.rend());
            }
            sortTreeEntries(got);
            QCOMPARE(got.size(), want.size());
            for (std::size_t i = 0; i < got.size(); ++i) {
                QCOMPARE(got[i].path, want[i].path);
                QCOMPARE(got[i].mtimeNs, want[i].mtimeNs);
                QCOMPARE(got[i].chunks.size(), want[i].chunks.size());
            }
        }
    }

    void roundTripThroughSeveralBlobs()
    {
        const auto gear = gearTable(1);
        const auto entries = sampleTree(5000);
        const QList<QByteArray> blobs = writeAll(entries, gear);
        QVERIFY2(blobs.size() >= 3, "a 5000-file tree spans several blobs");
        std::unordered_map<BlobId, QByteArray, BlobIdHash> store;
        QList<BlobId> ids;
        for (const QByteArray& b : blobs) {
            QVERIFY(b.size() <= qsizetype(TreeWriter::kMaxBlob) + 4096);
            ids << fakeId(b);
            store[ids.last()] = b;
        }
        TreeReader r(ids, [&](const BlobId& id) -> Result<QByteArray> { return store.at(id); });
        TreeEntry e;
        std::size_t i = 0;
        while (r.next(e)) {
            QVERIFY(i < entries.size());
            const TreeEntry& x = entries[i++];
            QCOMPARE(e.path, x.path);
            QCOMPARE(e.type, x.type);
            QCOMPARE(e.mode, x.mode);
            QCOMPARE(e.owner, x.owner);
            QCOMPARE(e.mtimeNs, x.mtimeNs);
            QCOMPARE(e.ctimeNs, x.ctimeNs);
            QCOMPARE(e.inode, x.inode);
            QCOMPARE(e.size, x.size);
            QCOMPARE(e.linkTarget, x.linkTarget);
            QCOMPARE(e.chunks.size(), x.chunks.size());
            for (std::size_t c = 0; c < e.chunks.size(); ++c) {
                QVERIFY(e.chunks[c].id == x.chunks[c].id);
                QCOMPARE(e.chunks[c].size, x.chunks[c].size);
            }
        }
        QVERIFY(!r.failed());
        QCOMPARE(i, entries.size());
    }

    void oneChangedFileChangesOnlyOneBlob()
    {
        const auto gear = gearTable(2);
        const QList<QByteArray> a = writeAll(sampleTree(20000), gear);
        const QList<QByteArray> b = writeAll(sampleTree(20000, 12345), gear);
        QSet<QByteArray> setA(a.begin(), a.end());
        int fresh = 0;
        for (const QByteArray& x : b)
            fresh += !setA.contains(x);
        QVERIFY2(a.size() > 5, qPrintable(QString::number(a.size())));
        QVERIFY2(fresh <= 2, qPrintable(QStringLiteral("%1 of %2 blobs changed").arg(fresh).arg(b.size())));
    }

    void outOfOrderInputRefused()
    {
        const auto gear = gearTable(3);
        TreeWriter w(gear, [](const QByteArray&) -> Status { return {}; });
        QVERIFY(w.add(makeEntry("b", 1)).ok());
        QVERIFY(!w.add(makeEntry("a", 2)).ok());
    }

    void garbageNeverCrashes()
    {
        const auto gear = gearTable(4);
        const QList<QByteArray> blobs = writeAll(sampleTree(300), gear);
        QVERIFY(!blobs.isEmpty());
        const QByteArray good = blobs.first();
        QVERIFY(parseTreeBlob(good.constData(), std::size_t(good.size())).ok());
        QRandomGenerator r(42);
        int refused = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray b = good;
            const int mode = round % 3;
            if (mode == 0) {
                b.truncate(qsizetype(r.bounded(quint32(b.size()))));
            } else if (mode == 1) {
                for (int k = 0; k < 4; ++k)
                    b[qsizetype(r.bounded(quint32(b.size())))] = char(r.bounded(256));
            } else {
                b = QByteArray(kTreeBlobMagic, 5);
                const int n = int(r.bounded(200));
                for (int k = 0; k < n; ++k)
                    b.append(char(r.bounded(256)));
            }
            auto res = parseTreeBlob(b.constData(), std::size_t(b.size()));
            if (!res.ok()) {
                ++refused;
                QCOMPARE(res.error().code, Error::Corrupt);
            }
        }
        QVERIFY(refused > 5000);
        QVERIFY(!parseTreeBlob("", 0).ok());
        QVERIFY(!parseTreeBlob("NCBT\x02", 5).ok());
    }

    void hugeCountsRefusedWithoutAllocating()
    {
        QByteArray b(kTreeBlobMagic, 5);
        b.append(char(0)).append(char(1)).append('a').append(char(0)); // path "a", file
        b.append(QByteArray(3, 0)).append(char(0)).append(char(0));      // mode uid gid, owner, group
        b.append(char(0)).append(QByteArray(4, 0));                     // size, times, inode, device
        b.append(QByteArray::fromHex("ffffffffffffffff7f"));             // 2^63 chunks
        auto res = parseTreeBlob(b.constData(), std::size_t(b.size()));
        QVERIFY(!res.ok());
        QVERIFY(res.error().message.contains(QLatin1String("'a'")));
    }

    void safePaths_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("safe");
        QTest::newRow("plain") << QByteArray("a/b c/d.txt") << true;
        QTest::newRow("unicode") << QByteArray("dossier é/ü.txt") << true;
        QTest::newRow("dotfile") << QByteArray("a/.hidden/..x") << true;
        QTest::newRow("dotdot") << QByteArray("../x") << false;
        QTest::newRow("inner dotdot") << QByteArray("a/../../x") << false;
        QTest::newRow("absolute") << QByteArray("/etc/passwd") << false;
        QTest::newRow("empty") << QByteArray("") << false;
        QTest::newRow("empty component") << QByteArray("a//b") << false;
        QTest::newRow("trailing slash") << QByteArray("a/") << false;
        QTest::newRow("dot") << QByteArray("./a") << false;
        QTest::newRow("nul") << QByteArray("a\0b", 3) << false;
    }
    void safePaths()
    {
        QFETCH(QByteArray, path);
        QFETCH(bool, safe);
        const Status s = checkSafeRelativePath(path);
        QCOMPARE(s.ok(), safe);
        if (!safe) {
            QCOMPARE(s.error().code, Error::Unsafe);
            QVERIFY(s.error().message.contains(QLatin1String("unsafe path")));
        }
    }

    void manifestRoundTripAndGarbage()
    {
        SnapshotManifest m;
        m.time = QDateTime::fromMSecsSinceEpoch(1700000000123, Qt::UTC);
        m.hostname = QStringLiteral("host");
        m.sourcePaths << QStringLiteral("/srv/nextcloud");
        m.kind = SnapshotManifest::Incremental;
        m.parent = QString(64, u'a');
        BlobId id;
        id.fill(7);
        m.treeBlobs << id;
        m.stats.files = 3;
        m.stats.newBytes = 99;
        m.skipped.push_back({"x/.nobackup-dir", QStringLiteral(".nobackup")});
        m.warnings << QStringLiteral("a changed while read");
        m.extra.insert(QStringLiteral("nextcloud"), QStringLiteral("32.0.1"));
        auto p = parseManifest(m.toJson());
        QVERIFY(p.ok());
        QCOMPARE(p->time, m.time);
        QCOMPARE(p->parent, m.parent);
        QCOMPARE(p->kind, SnapshotManifest::Incremental);
        QVERIFY(p->treeBlobs.value(0) == id);
        QCOMPARE(p->stats.files, 3);
        QCOMPARE(p->stats.newBytes, 99);
        QCOMPARE(p->skipped.size(), std::size_t(1));
        QCOMPARE(p->warnings, m.warnings);
        QCOMPARE(p->extra.value(QStringLiteral("nextcloud")).toString(), QStringLiteral("32.0.1"));
        QVERIFY(!parseManifest("not json").ok());
        QVERIFY(!parseManifest("{\"format\":1}").ok());
        QByteArray bad = m.toJson();
        bad.replace(QByteArray(64, 'a'), "../../etc");
        QVERIFY(!parseManifest(bad).ok());
    }
};

QTEST_GUILESS_MAIN(TestTreeFormat)
#include "test_tree_format.moc"
