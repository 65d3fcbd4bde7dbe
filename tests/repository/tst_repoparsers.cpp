// The index and pack header parsers take bytes from disk: every truncation, bit flip or random input is
// refused with an error, never a crash or an entry pointing outside the pack.
#include "repository/IndexFile.h"
#include "repository/PackHeader.h"

#include <QRandomGenerator>
#include <QTest>

using namespace ncb::repo;

static QList<PackEntry> sampleEntries(int n)
{
    QList<PackEntry> out;
    std::uint32_t off = 0;
    for (int i = 0; i < n; ++i) {
        PackEntry e;
        e.type = i % 2 ? BlobType::Tree : BlobType::Data;
        e.flags = i % 3 ? PackEntry::Compressed : 0;
        e.id.fill(std::uint8_t(i));
        e.offset = off;
        e.length = 100 + i;
        e.rawLength = 1000 + i;
        off += e.length;
        out << e;
    }
    return out;
}

class TestRepoParsers : public QObject
{
    Q_OBJECT
private slots:
    void packHeaderRoundTripAndGarbage()
    {
        const auto entries = sampleEntries(20);
        const QByteArray h = serializePackHeader(entries);
        auto parsed = parsePackHeader(h, 100000);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->size(), 20);
        QCOMPARE(parsed->at(7).id, entries[7].id);
        QCOMPARE(parsed->at(7).offset, entries[7].offset);
        QVERIFY(!parsePackHeader(h, 1000).ok()); // entries beyond the blob area
        for (int cut = 0; cut < h.size(); ++cut)
            QVERIFY(!parsePackHeader(h.left(cut), 100000).ok());
        auto overlapping = entries;
        overlapping[3].offset = overlapping[2].offset + 1;
        QVERIFY(!parsePackHeader(serializePackHeader(overlapping), 100000).ok());
        QRandomGenerator g(5);
        for (int i = 0; i < 20000; ++i) {
            QByteArray m = h;
            m[int(g.bounded(m.size()))] = char(g.generate());
            auto r = parsePackHeader(m, 100000);
            if (r.ok())
                for (const PackEntry& e : *r)
                    QVERIFY(quint64(e.offset) + e.length <= 100000);
        }
    }

    void indexRoundTripAndGarbage()
    {
        IndexPack a{{}, 50000, sampleEntries(5)};
        a.packId.fill(1);
        IndexPack b{{}, 90000, sampleEntries(9)};
        b.packId.fill(2);
        const QByteArray x = serializeIndex({a, b});
        auto parsed = parseIndex(x);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->size(), 2);
        QCOMPARE(parsed->at(1).entries.size(), 9);
        QCOMPARE(parsed->at(1).packSize, quint64(90000));
        for (int cut = 0; cut < x.size(); ++cut)
            QVERIFY(!parseIndex(x.left(cut)).ok());
        QVERIFY(!parseIndex(x + "x").ok());
        QRandomGenerator g(6);
        for (int i = 0; i < 20000; ++i) {
            QByteArray m = x;
            for (int k = 0; k < 3; ++k)
                m[int(g.bounded(m.size()))] = char(g.generate());
            auto r = parseIndex(m);
            if (r.ok())
                for (const IndexPack& p : *r)
                    for (const PackEntry& e : p.entries)
                        QVERIFY(quint64(e.offset) + e.length <= p.packSize);
        }
        // a huge claimed count on a short input
        QByteArray huge("NCBI\x01\xff\xff\xff\xff", 9);
        QVERIFY(!parseIndex(huge).ok());
        QVERIFY(!parseIndex(QByteArray()).ok());
    }
};

QTEST_GUILESS_MAIN(TestRepoParsers)
#include "tst_repoparsers.moc"
