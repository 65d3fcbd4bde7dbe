// The in-memory index finds every blob it was given, keeps the first location unless told to overwrite,
// and never reports a blob it does not have (a false "have it" would make a backup skip data).
#include "repository/BlobIndex.h"

#include <QRandomGenerator>
#include <QTest>

using namespace ncb::repo;

class TestBlobIndex : public QObject
{
    Q_OBJECT
private slots:
    void manyBlobs()
    {
        BlobIndex idx;
        QRandomGenerator g(11);
        std::vector<BlobId> ids(300000);
        for (BlobId& id : ids)
            g.fillRange(reinterpret_cast<quint32*>(id.data()), 8);
        for (std::size_t i = 0; i < ids.size(); ++i)
            QVERIFY(idx.insert(ids[i], BlobLocation{std::uint32_t(i % 1000), std::uint32_t(i), 100, 200,
                                                    i % 2 ? BlobType::Tree : BlobType::Data, std::uint8_t(i % 2)},
                               false));
        QCOMPARE(idx.size(), ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i) {
            BlobLocation l;
            QVERIFY(idx.find(ids[i], &l));
            QCOMPARE(l.pack, std::uint32_t(i % 1000));
            QCOMPARE(l.offset, std::uint32_t(i));
            QCOMPARE(l.type, i % 2 ? BlobType::Tree : BlobType::Data);
            QCOMPARE(l.flags, std::uint8_t(i % 2));
        }
        for (int i = 0; i < 100000; ++i) {
            BlobId other;
            g.fillRange(reinterpret_cast<quint32*>(other.data()), 8);
            QVERIFY(!idx.contains(other));
        }
        // first location wins unless overwritten (prune moves blobs to new packs)
        QVERIFY(!idx.insert(ids[5], BlobLocation{999, 1, 2, 3, BlobType::Data, 0}, false));
        BlobLocation l;
        QVERIFY(idx.find(ids[5], &l) && l.pack == 5);
        QVERIFY(idx.insert(ids[5], BlobLocation{999, 1, 2, 3, BlobType::Data, 0}, true));
        QVERIFY(idx.find(ids[5], &l) && l.pack == 999 && l.offset == 1);
        QCOMPARE(idx.size(), ids.size());
        std::size_t seen = 0;
        idx.forEach([&](const BlobId&, const BlobLocation&) { ++seen; });
        QCOMPARE(seen, ids.size());
        idx.clear();
        QVERIFY(!idx.contains(ids[0]));
    }
};

QTEST_GUILESS_MAIN(TestBlobIndex)
#include "tst_blobindex.moc"
