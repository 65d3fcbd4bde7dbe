// StreamChunker: a stream fed in blocks of any size is cut exactly where the snapshot creator's chunker
// cuts the same bytes (so a file read from a host dedups against the same file read locally), every
// chunk is stored and reads back, and per-stream chunk lists handed over with finishLater() belong to
// their own stream even while the next one is being cut.
#include "backup/StreamChunker.h"
#include "repository/Chunker.h"
#include "repository/Repository.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace ncb;
using namespace ncb::repo;

static QByteArray randomData(qsizetype size, quint32 seed)
{
    QByteArray b(size, Qt::Uninitialized);
    QRandomGenerator g(seed);
    g.fillRange(reinterpret_cast<quint32*>(b.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        b[i] = char(g.generate());
    return b;
}

class TestStreamChunker : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;

    // The cuts of the whole buffer at once, as SnapshotCreator makes them.
    static std::vector<ChunkRef> reference(Repository& repo, const QByteArray& data)
    {
        Chunker c(repo.config().chunker, repo.gearTable());
        std::vector<ChunkRef> out;
        std::size_t start = 0;
        while (start < std::size_t(data.size())) {
            std::size_t n = c.findCut(data.constData() + start, std::size_t(data.size()) - start);
            if (n == Chunker::npos)
                n = std::size_t(data.size()) - start;
            out.push_back({repo.blobId(data.constData() + start, n), std::uint32_t(n)});
            start += n;
        }
        return out;
    }

    static bool same(const std::vector<ChunkRef>& a, const std::vector<ChunkRef>& b)
    {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i].id != b[i].id || a[i].size != b[i].size)
                return false;
        return true;
    }

private slots:
    void cutsLikeTheSnapshotCreatorWhateverTheBlocks()
    {
        auto made = Repository::init(m_tmp.filePath(QStringLiteral("repo")), "pw for the chunker test");
        QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
        Repository& repo = **made;
        repo.setPackSizeTarget(4 * 1024 * 1024);
        // Three "files": one of many chunks, one below the minimum chunk size, one empty.
        const QList<QByteArray> files = {randomData(11 * 1024 * 1024 + 333, 1), randomData(1000, 2), {}};
        std::vector<std::vector<ChunkRef>> lists(std::size_t(files.size()));
        QRandomGenerator g(42);
        {
            backup::StreamChunker chunker(repo);
            for (int i = 0; i < files.size(); ++i) {
                chunker.reset();
                qsizetype off = 0;
                // Blocks from 1 byte to 300 KiB, as tar and libarchive hand them over.
                while (off < files[i].size()) {
                    const qsizetype n = qMin<qsizetype>(files[i].size() - off, 1 + g.bounded(300 * 1024));
                    QVERIFY(chunker.write(files[i].constData() + off, n).ok());
                    off += n;
                }
                QVERIFY(chunker.finishLater(&lists[std::size_t(i)]).ok());
                QCOMPARE(chunker.size(), qint64(files[i].size()));
            }
            QVERIFY(chunker.waitAll().ok());
            QVERIFY(chunker.newBlobs() > 5);
        }
        QVERIFY(repo.flush().ok());
        for (int i = 0; i < files.size(); ++i) {
            const std::vector<ChunkRef>& got = lists[std::size_t(i)];
            QVERIFY2(same(got, reference(repo, files[i])), qPrintable(QString::number(i)));
            QByteArray back;
            for (const ChunkRef& c : got) {
                auto blob = repo.getBlob(c.id);
                QVERIFY2(blob.ok(), qPrintable(blob.ok() ? QString() : blob.error().message));
                back += *blob;
            }
            QVERIFY(back == files[i]);
        }
        QVERIFY(lists[2].empty());
        QVERIFY(repo.checkStorage(true).ok());
    }
};

QTEST_GUILESS_MAIN(TestStreamChunker)
#include "tst_streamchunker.moc"
