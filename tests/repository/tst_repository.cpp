// Repository: blobs survive a reopen, duplicates are stored once, keys and passwords behave, damage is
// named, locks keep two writers apart, prune keeps exactly what is used.
#include "repository/AtomicFile.h"
#include "repository/IndexFile.h"
#include "repository/PackEntry.h"
#include "repository/RepoLock.h"
#include "repository/Repository.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

using namespace ncb;
using namespace ncb::repo;

template <typename T>
static T val(Result<T> r)
{
    if (!r.ok())
        qFatal("unexpected error: %s", qPrintable(r.error().message));
    return std::move(r).value();
}

static const QByteArray Pw = "correct horse battery staple";

static QByteArray randomData(int size, quint32 seed)
{
    QByteArray b(size, Qt::Uninitialized);
    QRandomGenerator g(seed);
    g.fillRange(reinterpret_cast<quint32*>(b.data()), size / 4);
    for (int i = size / 4 * 4; i < size; ++i)
        b[i] = char(g.generate());
    return b;
}

static qint64 dirSize(const QString& path)
{
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

static QStringList filesUnder(const QString& path)
{
    QStringList out;
    QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

static void flipByte(const QString& file, qint64 pos)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    if (pos < 0)
        pos += f.size();
    f.seek(pos);
    char c;
    QVERIFY(f.getChar(&c));
    f.seek(pos);
    QVERIFY(f.putChar(char(c ^ 0x5a)));
}

class TestRepository : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;
    QString freshPath() { return m_tmp.filePath(QStringLiteral("repo%1").arg(++m_n)); }

    std::unique_ptr<Repository> makeRepo(const QString& path)
    {
        auto r = Repository::init(path, Pw);
        if (!r)
            qFatal("init failed: %s", qPrintable(r.error().message));
        return std::move(r).value();
    }
    std::unique_ptr<Repository> reopen(const QString& path, const QByteArray& pw = Pw)
    {
        auto r = Repository::open(path);
        if (!r)
            qFatal("open failed: %s", qPrintable(r.error().message));
        auto s = (*r)->unlockWithPassword(pw);
        if (!s)
            qFatal("unlock failed: %s", qPrintable(s.error().message));
        return std::move(r).value();
    }

private slots:
    // Packs are written past the page cache (O_DIRECT, aligned 8 MiB writes, the unaligned end written
    // normally): the file holds exactly the bytes given, in pieces of any size, on a disk folder and on
    // tmpfs (where O_DIRECT may be refused and plain writes take over).
    void directWritesKeepEveryByte_data()
    {
        QTest::addColumn<QString>("dir");
        QTest::newRow("disk") << m_tmp.path();
        if (QFileInfo(QStringLiteral("/dev/shm")).isWritable())
            QTest::newRow("tmpfs") << QStringLiteral("/dev/shm");
    }
    void directWritesKeepEveryByte()
    {
        QFETCH(QString, dir);
        QTemporaryDir where(dir + QStringLiteral("/ncb-direct-XXXXXX"));
        QVERIFY(where.isValid());
        for (const qsizetype total : {qsizetype(0), qsizetype(4096), qsizetype(5000),
                                      qsizetype(8 * 1024 * 1024), qsizetype(17 * 1024 * 1024 + 4097)}) {
            const QByteArray data = randomData(int(total), quint32(total));
            AtomicFile f(where.path());
            QVERIFY(f.open(where.path(), AtomicFile::Mode::Direct).ok());
            qsizetype off = 0, piece = 1;
            while (off < total) {
                const qsizetype n = std::min(piece, total - off);
                QVERIFY(f.write(data.constData() + off, std::size_t(n)).ok());
                off += n;
                piece = piece * 7 + 3; // 1, 10, 73, ... up to several MiB
            }
            const QString final = where.filePath(QStringLiteral("f%1").arg(total));
            QVERIFY(f.commit(final).ok());
            QFile in(final);
            QVERIFY(in.open(QIODevice::ReadOnly));
            QVERIFY2(in.readAll() == data, qPrintable(QStringLiteral("%1 bytes").arg(total)));
            QCOMPARE(QDir(where.path()).entryList(QDir::Files | QDir::Hidden).filter(".tmp-").size(), 0);
        }
    }

    // A repository written before pack format 2 (tests/repository/data/pack-v1: made by repo_fixture of
    // commit 3eea870, 1 MiB of seeded random data; password below) still reads, checks clean with
    // --read-data, takes new packs in format 2 next to the old ones, and a damaged old pack is named.
    void packFormat1StillReads()
    {
        const QString path = freshPath();
        QVERIFY(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-r"),
                                                         QStringLiteral(NCB_SOURCE_DIR "/tests/repository/data/pack-v1"),
                                                         path}) == 0);
        const QStringList oldPacks = filesUnder(path + "/data");
        QCOMPARE(oldPacks.size(), 2);
        for (const QString& f : oldPacks) { // format 1: the name is the hash of the whole file
            QFile pf(f);
            QVERIFY(pf.open(QIODevice::ReadOnly));
            const QByteArray all = pf.readAll();
            unsigned char h[32];
            crypto_generichash(h, 32, reinterpret_cast<const unsigned char*>(all.constData()), all.size(), nullptr, 0);
            QCOMPARE(QByteArray(reinterpret_cast<const char*>(h), 32).toHex(), QFileInfo(f).fileName().toLatin1());
        }
        {
            auto r = reopen(path, "pack-v1-fixture-password");
            auto rep = r->checkStorage(true);
            QVERIFY2(rep.ok(), rep.damages.isEmpty() ? "" : qPrintable(rep.damages[0].message));
            QCOMPARE(rep.packsChecked, 2);
            // The stored file is the fixture's seeded random MiB (repo_fixture seed 42).
            QRandomGenerator g(42);
            QByteArray expected(1 << 20, Qt::Uninitialized);
            g.fillRange(reinterpret_cast<quint32*>(expected.data()), expected.size() / 4);
            QVERIFY(r->hasBlob(r->blobId(expected.constData(), expected.size())));
            QCOMPARE(val(r->getBlob(r->blobId(expected.constData(), expected.size()))), expected);
            // New blobs go into a format-2 pack beside the old ones; everything checks.
            auto lock = r->lock(Repository::LockMode::Exclusive);
            QVERIFY(lock.ok());
            const QByteArray b = randomData(300000, 5);
            QVERIFY(val(r->putBlob(BlobType::Data, r->blobId(b.constData(), b.size()), b.constData(), b.size())));
            QVERIFY(r->flush().ok());
            QCOMPARE(filesUnder(path + "/data").size(), 3);
            QVERIFY(r->checkStorage(true).ok());
        }
        // One flipped byte in the old data pack (the larger one): named, with its blob.
        QString big = oldPacks[0];
        if (QFileInfo(oldPacks[1]).size() > QFileInfo(big).size())
            big = oldPacks[1];
        flipByte(big, 5000);
        auto r = reopen(path, "pack-v1-fixture-password");
        auto rep = r->checkStorage(true);
        bool named = false;
        for (const Damage& d : rep.damages)
            named = named || (d.kind == Damage::Pack && d.object == QFileInfo(big).fileName() && d.blobs.size() == 1);
        QVERIFY(named);
    }

    // Format 2: the pack's name is the hash of its tail (sealed header + length), not of the whole
    // file, so storing does not read every byte a second time; a changed byte is still found.
    void packFormat2NamesByTail()
    {
        const QString path = freshPath();
        {
            auto r = makeRepo(path);
            const QByteArray b = randomData(200000, 9);
            QVERIFY(val(r->putBlob(BlobType::Data, r->blobId(b.constData(), b.size()), b.constData(), b.size())));
            QVERIFY(r->flush().ok());
        }
        const QStringList packs = filesUnder(path + "/data");
        QCOMPARE(packs.size(), 1);
        QFile pf(packs[0]);
        QVERIFY(pf.open(QIODevice::ReadOnly));
        const QByteArray all = pf.readAll();
        pf.close();
        const quint32 hlen = quint32(quint8(all[all.size() - 4])) | quint32(quint8(all[all.size() - 3])) << 8 |
                             quint32(quint8(all[all.size() - 2])) << 16 | quint32(quint8(all[all.size() - 1])) << 24;
        const QByteArray tail = all.right(qsizetype(hlen) + 4);
        unsigned char h[32];
        crypto_generichash(h, 32, reinterpret_cast<const unsigned char*>(tail.constData()), tail.size(), nullptr, 0);
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(h), 32).toHex(), QFileInfo(packs[0]).fileName().toLatin1());
        flipByte(packs[0], 100000); // inside the blob, outside the tail
        auto r = reopen(path);
        QVERIFY(r->checkStorage(false).ok()); // structure only: the blob is not read
        auto rep = r->checkStorage(true);
        QVERIFY(!rep.ok());
        QCOMPARE(rep.damages.size(), 1);
        QVERIFY(rep.damages[0].message.contains(QFileInfo(packs[0]).fileName()));
    }

    void roundTripAcrossReopen()
    {
        const QString path = freshPath();
        QList<QByteArray> blobs;
        QList<BlobId> ids;
        {
            auto r = makeRepo(path);
            r->setPackSizeTarget(256 * 1024); // several packs
            for (int i = 0; i < 40; ++i) {
                QByteArray b = (i % 3 == 0) ? QByteArray(100000 + i, char('a' + i % 26)) // compressible
                                            : randomData(1000 + i * 3000, quint32(i));
                const BlobId id = r->blobId(b.constData(), b.size());
                auto put = r->putBlob(i % 5 == 0 ? BlobType::Tree : BlobType::Data, id, b.constData(), b.size());
                QVERIFY2(put.ok(), put.ok() ? "" : qPrintable(put.error().message));
                QVERIFY(*put);
                blobs << b;
                ids << id;
            }
            const QByteArray empty;
            const BlobId eid = r->blobId(empty.constData(), 0);
            QVERIFY(val(r->putBlob(BlobType::Data, eid, empty.constData(), 0)));
            blobs << empty;
            ids << eid;
            QVERIFY(r->flush().ok());
        }
        QVERIFY(QDir(path + "/index").entryList(QDir::Files).size() >= 3);
        auto r = reopen(path);
        for (int i = 0; i < blobs.size(); ++i) {
            QVERIFY(r->hasBlob(ids[i]));
            auto got = r->getBlob(ids[i]);
            QVERIFY2(got.ok(), got.ok() ? "" : qPrintable(got.error().message));
            QCOMPARE(*got, blobs[i]);
        }
        // Compressible blobs are stored smaller than they are.
        QVERIFY(dirSize(path + "/data") < 14 * 100000 + 27 * 60000 + 100000);
        auto rep = r->checkStorage(true);
        QVERIFY(rep.ok());
        QCOMPARE(rep.blobsChecked, qint64(blobs.size()));
    }

    // Already compressed content (media) is stored as it is without zstd going over all of it; content
    // that compresses, even in only part of a blob, is still compressed. Both read back and pass a full
    // check, and damage to a stored blob is still found.
    void incompressibleBlobsAreStoredAsIs()
    {
        const QString path = freshPath();
        const int size = 1 << 20;
        QByteArray text;
        while (text.size() < size)
            text += "Lorem ipsum dolor sit amet, consectetur adipiscing elit " + QByteArray::number(text.size()) + "\n";
        text.truncate(size);
        const QByteArray media = randomData(size, 7);
        QByteArray half = randomData(size / 2, 8);
        half += QByteArray(size / 2, 'z'); // the first sample does not compress, the others do
        // Random where the three samples are taken, zeros everywhere else: looks like media, is not. It
        // still goes through zstd (at its fast level) and is stored compressed: a repository must not
        // grow because the samples guessed wrong.
        QByteArray mixed(size, '\0');
        for (const int at : {0, size / 2 - 8192, size - 16384})
            mixed.replace(at, 16384, randomData(16384, quint32(at)));
        const QList<QByteArray> blobs = {media, text, half, mixed};
        QList<BlobId> ids;
        {
            auto r = makeRepo(path);
            for (const QByteArray& b : blobs) {
                ids << r->blobId(b.constData(), b.size());
                QVERIFY(val(r->putBlob(BlobType::Data, ids.last(), b.constData(), b.size())));
            }
            QVERIFY(r->flush().ok());
        }
        auto r = reopen(path);
        const BlobPlace stored = val(r->locateBlob(ids[0]));
        QCOMPARE(stored.flags & PackEntry::Compressed, 0);
        QCOMPARE(stored.length, quint32(size + 40)); // nonce and tag only
        for (int i = 1; i < 4; ++i) {
            const BlobPlace pl = val(r->locateBlob(ids[i]));
            QVERIFY2(pl.flags & PackEntry::Compressed, qPrintable(QString::number(i)));
            QVERIFY(pl.length < quint32(size * 3 / 4));
        }
        for (int i = 0; i < 4; ++i)
            QCOMPARE(val(r->getBlob(ids[i])), blobs[i]);
        auto rep = r->checkStorage(true);
        QVERIFY(rep.ok());
        QCOMPARE(rep.blobsChecked, qint64(4));
        QVERIFY(rep.damages.isEmpty());
        // One flipped byte inside the stored blob: the full check names its pack and the blob.
        const QString hex = toHex(stored.pack);
        r.reset();
        flipByte(path + "/data/" + hex.left(2) + "/" + hex, qint64(stored.offset) + size / 2);
        r = reopen(path);
        auto bad = r->checkStorage(true);
        bool named = false;
        for (const Damage& d : bad.damages)
            named = named || (d.kind == Damage::Pack && d.object == hex && d.blobs.contains(ids[0]));
        QVERIFY(named);
        QCOMPARE(r->getBlob(ids[0]).error().code, Error::Corrupt);
    }

    void parallelPutsFromTwoThreads()
    {
        const QString path = freshPath();
        auto r = makeRepo(path);
        r->setPackSizeTarget(1024 * 1024);
        QList<QByteArray> data;
        for (int i = 0; i < 64; ++i)
            data << randomData(64 * 1024, quint32(1000 + i));
        auto work = [&](int start) {
            for (int i = start; i < data.size(); i += 2) {
                // both threads also try the other's blobs: dedup must hold under races
                for (int j : {i, (i + 1) % int(data.size())}) {
                    const BlobId id = r->blobId(data[j].constData(), data[j].size());
                    (void)r->putBlob(BlobType::Data, id, data[j].constData(), data[j].size());
                }
            }
        };
        std::thread t1(work, 0), t2(work, 1);
        t1.join();
        t2.join();
        QVERIFY(r->flush().ok());
        auto rep = r->checkStorage(true);
        QVERIFY(rep.ok());
        QCOMPARE(rep.blobsChecked, qint64(data.size())); // each blob exactly once
        for (const QByteArray& b : data)
            QCOMPARE(val(r->getBlob(r->blobId(b.constData(), b.size()))), b);
    }

    void dedupStoresOnce()
    {
        const QString path = freshPath();
        auto r = makeRepo(path);
        const QByteArray b = randomData(300000, 7);
        const BlobId id = r->blobId(b.constData(), b.size());
        QCOMPARE(val(r->putBlob(BlobType::Data, id, b.constData(), b.size())), true);
        QCOMPARE(val(r->putBlob(BlobType::Data, id, b.constData(), b.size())), false);
        QVERIFY(r->flush().ok());
        const qint64 size1 = dirSize(path);
        QCOMPARE(val(r->putBlob(BlobType::Data, id, b.constData(), b.size())), false);
        QVERIFY(r->flush().ok());
        QCOMPARE(dirSize(path), size1);
        r.reset();
        auto r2 = reopen(path);
        QCOMPARE(val(r2->putBlob(BlobType::Data, id, b.constData(), b.size())), false);
        QVERIFY(r2->flush().ok());
        QCOMPARE(dirSize(path), size1);
        // Keyed ids: the same content has another id in another repository.
        auto other = makeRepo(freshPath());
        QVERIFY(other->blobId(b.constData(), b.size()) != id);
    }

    void wrongPasswordAndMissingRepo()
    {
        const QString path = freshPath();
        makeRepo(path);
        auto r = Repository::open(path);
        QVERIFY(r.ok());
        Status s = (*r)->unlockWithPassword("wrong");
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, Error::Auth);
        QCOMPARE(s.error().message, QStringLiteral("Wrong password for repository %1.").arg(path));
        QVERIFY(!(*r)->isUnlocked());
        auto missing = Repository::open(m_tmp.filePath("nothing-here"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, Error::NotFound);
        QCOMPARE(missing.error().message, QStringLiteral("No ncbackup repository at %1.").arg(m_tmp.filePath("nothing-here")));
        // A wrong raw key (keychain entry of another repository) is refused, too.
        QCOMPARE((*r)->unlockWithMasterKey(QByteArray(32, 'x')).error().code, Error::Auth);
        auto again = Repository::init(path, Pw);
        QVERIFY(!again.ok());
    }

    void keyChangeKeepsData()
    {
        const QString path = freshPath();
        const QByteArray b = randomData(5000, 9);
        BlobId id;
        QByteArray master;
        {
            auto r = makeRepo(path);
            id = r->blobId(b.constData(), b.size());
            QVERIFY(val(r->putBlob(BlobType::Data, id, b.constData(), b.size())));
            QVERIFY(r->flush().ok());
            master = r->masterKey();
        }
        const QStringList dataBefore = filesUnder(path + "/data");
        {
            auto r = reopen(path);
            QVERIFY(r->changePassword("new password").ok());
        }
        QCOMPARE(filesUnder(path + "/data"), dataBefore);
        auto r = Repository::open(path);
        QCOMPARE((*r)->unlockWithPassword(Pw).error().code, Error::Auth);
        QVERIFY((*r)->unlockWithPassword("new password").ok());
        QCOMPARE((*r)->masterKey(), master);
        QCOMPARE(val((*r)->getBlob(id)), b);
        QCOMPARE(QDir(path + "/keys").entryList(QDir::Files).size(), 1);
    }

    void recoveryKey()
    {
        const QString path = freshPath();
        QString rk;
        {
            auto r = makeRepo(path);
            rk = r->recoveryKey();
            QVERIFY(!rk.isEmpty());
            QVERIFY(!rk.contains(QString::fromLatin1(r->masterKey().toBase64())));
        }
        // A well-formed key of another repository is refused.
        QString otherKey;
        {
            auto other = makeRepo(freshPath());
            otherKey = other->recoveryKey();
        }
        Status bad = Repository::recover(path, otherKey, "x");
        QCOMPARE(bad.error().code, Error::Auth);
        QVERIFY(bad.error().message.startsWith(QStringLiteral("Wrong recovery key for repository")));
        QCOMPARE(Repository::recover(path, QStringLiteral("garbage"), "x").error().code, Error::Auth);
        QVERIFY(Repository::recover(path, rk, "recovered pw").ok());
        auto r = Repository::open(path);
        QCOMPARE((*r)->unlockWithPassword(Pw).error().code, Error::Auth);
        QVERIFY((*r)->unlockWithPassword("recovered pw").ok());
    }

    // Restore reads many blobs with one read per run of neighbours: locateBlob says where each one is,
    // readPackRange reads the bytes, openBlob decrypts a slice and refuses one that is not that blob.
    void blobLocationsAndRangeReads()
    {
        const QString path = freshPath();
        QList<QByteArray> blobs;
        QList<BlobId> ids;
        {
            auto r = makeRepo(path);
            r->setPackSizeTarget(300 * 1024);
            for (int i = 0; i < 12; ++i) {
                QByteArray b = randomData(20000 + i * 7000, quint32(100 + i));
                ids << r->blobId(b.constData(), b.size());
                blobs << b;
                QVERIFY(val(r->putBlob(BlobType::Data, ids.last(), b.constData(), b.size())));
            }
            QVERIFY(r->flush().ok());
        }
        auto r = reopen(path);
        QList<BlobPlace> places;
        for (int i = 0; i < ids.size(); ++i) {
            const BlobPlace pl = val(r->locateBlob(ids[i]));
            const QString hex = toHex(pl.pack);
            const QFileInfo pack(path + "/data/" + hex.left(2) + "/" + hex);
            QVERIFY2(pack.isFile(), qPrintable(pack.filePath()));
            QVERIFY(qint64(pl.offset) + pl.length <= pack.size());
            QCOMPARE(pl.rawLength, quint32(blobs[i].size()));
            QCOMPARE(pl.type, BlobType::Data);
            places << pl;
        }
        // Two neighbours in one pack, read with one range and opened from their slices.
        int a = -1;
        for (int i = 0; i + 1 < places.size() && a < 0; ++i)
            if (places[i].pack == places[i + 1].pack)
                a = i;
        QVERIFY(a >= 0);
        const BlobPlace& pa = places[a];
        const BlobPlace& pb = places[a + 1];
        const quint64 start = std::min(pa.offset, pb.offset);
        const quint64 end = std::max(quint64(pa.offset) + pa.length, quint64(pb.offset) + pb.length);
        const QByteArray range = val(r->readPackRange(pa.pack, start, end - start));
        QCOMPARE(quint64(range.size()), end - start);
        QCOMPARE(val(r->openBlob(ids[a], pa, range.constData() + (pa.offset - start), pa.length)), blobs[a]);
        QCOMPARE(val(r->openBlob(ids[a + 1], pb, range.constData() + (pb.offset - start), pb.length)), blobs[a + 1]);
        // The wrong slice for an id, or a flipped byte, is refused, never returned.
        auto wrong = r->openBlob(ids[a], pb, range.constData() + (pb.offset - start), pb.length);
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, Error::Corrupt);
        QByteArray bad = range.mid(int(pa.offset - start), int(pa.length));
        bad[bad.size() / 2] = char(bad[bad.size() / 2] ^ 1);
        QCOMPARE(r->openBlob(ids[a], pa, bad.constData(), std::size_t(bad.size())).error().code, Error::Corrupt);
        // Unknown blob, and a range past the end of the pack.
        const QByteArray other = "not stored";
        QCOMPARE(r->locateBlob(r->blobId(other.constData(), other.size())).error().code, Error::NotFound);
        const QString hex = toHex(pa.pack);
        const qint64 packSize = QFileInfo(path + "/data/" + hex.left(2) + "/" + hex).size();
        auto past = r->readPackRange(pa.pack, quint64(packSize) - 10, 20);
        QVERIFY(!past.ok());
        QCOMPARE(past.error().code, Error::Corrupt);
    }

    // Unlocking does not read the index: commands that only list snapshots never pay for it. The index
    // is read by the first call that needs a blob location, once.
    void indexIsLoadedOnFirstUse()
    {
        const QString path = freshPath();
        const QByteArray data = randomData(50000, 7);
        BlobId id;
        QString snap;
        {
            auto r = makeRepo(path);
            id = r->blobId(data.constData(), data.size());
            QVERIFY(val(r->putBlob(BlobType::Data, id, data.constData(), data.size())));
            QVERIFY(r->flush().ok());
            snap = val(r->writeManifest("m"));
        }
        // With the index (and the packs) out of reach, the repository unlocks and its snapshots are
        // listed and read.
        QVERIFY(QDir(path).rename("index", "index.away"));
        QVERIFY(QDir(path).rename("data", "data.away"));
        auto r = reopen(path);
        QCOMPARE(val(r->listSnapshots()).size(), 1);
        QCOMPARE(val(r->readManifest(snap)), QByteArray("m"));
        QVERIFY(QDir(path).rename("index.away", "index"));
        QVERIFY(QDir(path).rename("data.away", "data"));
        // The first blob read loads it (an index read at unlock would have been empty).
        QVERIFY(r->hasBlob(id));
        QCOMPARE(val(r->getBlob(id)), data);
        // Loaded once: taking the index away now changes nothing for this open repository.
        QVERIFY(QDir(path).rename("index", "index.away"));
        QCOMPARE(val(r->locateBlob(id)).rawLength, quint32(data.size()));
        QCOMPARE(val(r->getBlob(id)), data);
        QVERIFY(QDir(path).rename("index.away", "index"));
    }

    void manifests()
    {
        const QString path = freshPath();
        auto r = makeRepo(path);
        auto a = r->writeManifest("first", QDateTime::currentDateTimeUtc().addSecs(-60));
        auto b = r->writeManifest("second");
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->size(), 64);
        QCOMPARE(val(r->readManifest(*a)), QByteArray("first"));
        QCOMPARE(val(r->resolveSnapshotId("latest")), *b);
        QCOMPARE(val(r->resolveSnapshotId(a->left(6))), *a);
        QCOMPARE(val(r->readManifest(b->left(8).toUpper())), QByteArray("second"));
        auto list = r->listSnapshots();
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).id, *a);
        QCOMPARE(r->resolveSnapshotId("abc").error().code, Error::Usage);
        QCOMPARE(r->resolveSnapshotId("zzzz").error().code, Error::Usage);
        // Ambiguous prefix: a second file sharing the first 4 digits.
        const QString twin = a->left(4) + QString(60, QLatin1Char(a->at(4) == QLatin1Char('0') ? '1' : '0'));
        QVERIFY(QFile::copy(path + "/snapshots/" + *a, path + "/snapshots/" + twin));
        auto amb = r->resolveSnapshotId(a->left(4));
        QVERIFY(!amb.ok());
        QVERIFY(amb.error().message.contains(QStringLiteral("ambiguous")));
        QVERIFY(QFile::remove(path + "/snapshots/" + twin));
        // Untrusted signatory: refused with a sentence.
        QVERIFY(r->setTrustedKeys({QByteArray(32, 'k')}).ok());
        auto refused = r->readManifest(*a);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message,
                 QStringLiteral("Restoring Point %1 is signed by a key this repository does not trust.").arg(*a));
        QVERIFY(r->setTrustedKeys({r->config().signatoryPublicKey}).ok());
        QVERIFY(r->deleteManifest(*a).ok());
        QCOMPARE(r->listSnapshots()->size(), 1);
        // Config is authenticated: a tampered trusted-key list is noticed at unlock.
        r.reset();
        QFile cf(path + "/config");
        QVERIFY(cf.open(QIODevice::ReadOnly));
        QJsonObject o = QJsonDocument::fromJson(cf.readAll()).object();
        cf.close();
        o["trustedKeys"] = QJsonArray{QString::fromLatin1(QByteArray(32, 'e').toBase64())};
        QVERIFY(cf.open(QIODevice::WriteOnly | QIODevice::Truncate));
        cf.write(QJsonDocument(o).toJson());
        cf.close();
        auto t = Repository::open(path);
        QCOMPARE((*t)->unlockWithPassword(Pw).error().code, Error::Corrupt);
    }

    void checkNamesDamage()
    {
        const QString path = freshPath();
        QList<BlobId> ids;
        QString snap;
        {
            auto r = makeRepo(path);
            r->setPackSizeTarget(100000);
            for (int i = 0; i < 6; ++i) {
                const QByteArray b = randomData(60000, quint32(50 + i));
                ids << r->blobId(b.constData(), b.size());
                QVERIFY(val(r->putBlob(BlobType::Data, ids.last(), b.constData(), b.size())));
            }
            QVERIFY(r->flush().ok());
            snap = val(r->writeManifest("m"));
            QVERIFY(r->checkStorage(true).ok());
        }
        const QStringList packs = filesUnder(path + "/data");
        const QStringList index = QDir(path + "/index").entryList(QDir::Files, QDir::Name);
        QVERIFY(packs.size() >= 3);
        QCOMPARE(index.size(), packs.size());
        // Damage a blob in the first pack, the index of another pack, and the manifest.
        const QString pack0 = QFileInfo(packs[0]).fileName();
        flipByte(packs[0], 100);
        flipByte(path + "/snapshots/" + snap, 50);
        auto r = reopen(path);
        const QString victim = index.last();
        // structure-only check: blob damage is invisible, manifest damage is not
        auto quick = r->checkStorage(false);
        bool manifestNamed = false;
        for (const Damage& d : quick.damages)
            manifestNamed = manifestNamed || (d.kind == Damage::Manifest && d.object == snap && d.message.contains(snap));
        QVERIFY(manifestNamed);
        auto full = r->checkStorage(true);
        bool packNamed = false;
        for (const Damage& d : full.damages)
            if (d.kind == Damage::Pack && d.object == pack0) {
                packNamed = d.message.contains(pack0) && d.blobs.size() == 1 && ids.contains(d.blobs[0]);
                if (packNamed) {
                    auto lost = r->getBlob(d.blobs[0]);
                    QVERIFY(!lost.ok());
                    QCOMPARE(lost.error().code, Error::Corrupt);
                }
            }
        QVERIFY2(packNamed, qPrintable(full.damages.isEmpty() ? QString() : full.damages[0].message));
        r.reset();
        flipByte(path + "/index/" + victim, 40);
        r = reopen(path);
        auto rep = r->checkStorage(false);
        bool indexNamed = false;
        for (const Damage& d : rep.damages)
            indexNamed = indexNamed || (d.kind == Damage::Index && d.object == victim && d.message.contains(victim));
        QVERIFY(indexNamed);
    }

    void unindexedPackIsRecovered()
    {
        const QString path = freshPath();
        const QByteArray b = randomData(20000, 77);
        BlobId id;
        {
            auto r = makeRepo(path);
            id = r->blobId(b.constData(), b.size());
            QVERIFY(val(r->putBlob(BlobType::Data, id, b.constData(), b.size())));
            QVERIFY(r->flush().ok());
        }
        // Crash between pack and index: the pack is there, its index is not.
        for (const QString& n : QDir(path + "/index").entryList(QDir::Files))
            QVERIFY(QFile::remove(path + "/index/" + n));
        auto r = reopen(path);
        QVERIFY(r->hasBlob(id));
        QCOMPARE(val(r->getBlob(id)), b);
        QCOMPARE(val(r->putBlob(BlobType::Data, id, b.constData(), b.size())), false); // not stored again
        {
            auto l = r->lock(Repository::LockMode::Exclusive);
            QVERIFY(l.ok());
        }
        QCOMPARE(QDir(path + "/index").entryList(QDir::Files).size(), 1);
        QVERIFY(r->checkStorage(true).ok());
    }

    void locks()
    {
        const QString path = freshPath();
        auto r1 = makeRepo(path);
        auto r2 = val(Repository::open(path));
        auto l1 = r1->lock(Repository::LockMode::Exclusive);
        QVERIFY(l1.ok());
        auto l2 = r2->lock(Repository::LockMode::Exclusive);
        QVERIFY(!l2.ok());
        QCOMPARE(l2.error().code, Error::Locked);
        QVERIFY(l2.error().message.startsWith(QStringLiteral("Repository %1 is in use by %2 pid %3 since ")
                                                  .arg(path, QSysInfo::machineHostName())
                                                  .arg(QCoreApplication::applicationPid())));
        QVERIFY(!r2->lock(Repository::LockMode::Shared).ok()); // readers wait for writers too
        l1 = Error::make(Error::Generic, "released");          // drops the lock
        QCOMPARE(QDir(path + "/locks").entryList(QDir::Files).size(), 0);
        {
            auto s1 = r1->lock(Repository::LockMode::Shared);
            auto s2 = r2->lock(Repository::LockMode::Shared);
            QVERIFY(s1.ok() && s2.ok());
            QVERIFY(!r1->lock(Repository::LockMode::Exclusive).ok());
        }
        // Append (a backup): readers go on beside it; a second writer and an exclusive one do not; it
        // does not start beside an exclusive holder.
        {
            auto a1 = r1->lock(Repository::LockMode::Append);
            QVERIFY(a1.ok());
            QVERIFY(r2->lock(Repository::LockMode::Shared).ok());
            auto a2 = r2->lock(Repository::LockMode::Append);
            QVERIFY(!a2.ok());
            QCOMPARE(a2.error().code, Error::Locked);
            QVERIFY(!r2->lock(Repository::LockMode::Exclusive).ok());
        }
        {
            auto e1 = r1->lock(Repository::LockMode::Exclusive);
            QVERIFY(e1.ok());
            QVERIFY(!r2->lock(Repository::LockMode::Append).ok());
        }
        {
            auto s1 = r1->lock(Repository::LockMode::Shared);
            QVERIFY(s1.ok());
            QVERIFY(r2->lock(Repository::LockMode::Append).ok());
        }
        QCOMPARE(QDir(path + "/locks").entryList(QDir::Files).size(), 0);
        // A stale lock of a process that is gone is taken over.
        QProcess p;
        p.start("sleep", {"0"});
        QVERIFY(p.waitForStarted());
        const qint64 deadPid = p.processId();
        QVERIFY(p.waitForFinished());
        QJsonObject o{{"host", QSysInfo::machineHostName()}, {"pid", deadPid},
                      {"time", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                      {"refreshed", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}, {"exclusive", true}};
        QFile f(path + "/locks/deadbeef");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(o).toJson());
        f.close();
        auto taken = r2->lock(Repository::LockMode::Exclusive);
        QVERIFY2(taken.ok(), taken.ok() ? "" : qPrintable(taken.error().message));
        QVERIFY(!QFile::exists(path + "/locks/deadbeef"));
        taken = Error::make(Error::Generic, "released");
        // A lock of another host that has not been refreshed for more than 30 minutes is stale too.
        o["host"] = "elsewhere.example";
        o["pid"] = 1;
        o["refreshed"] = QDateTime::currentDateTimeUtc().addSecs(-31 * 60).toString(Qt::ISODate);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(o).toJson());
        f.close();
        QVERIFY(r2->lock(Repository::LockMode::Exclusive).ok());
        // ... but a fresh one of another host is respected.
        o["refreshed"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(o).toJson());
        f.close();
        auto refused = r2->lock(Repository::LockMode::Exclusive);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains("elsewhere.example pid 1"));
    }

    void lockIsRefreshed()
    {
        const QString path = freshPath();
        auto r = makeRepo(path);
        RepoLock::setRefreshSeconds(1);
        auto l = r->lock(Repository::LockMode::Exclusive);
        QVERIFY(l.ok());
        const QString file = path + "/locks/" + (*l)->fileName();
        auto refreshed = [&] {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                return QDateTime();
            return QDateTime::fromString(QJsonDocument::fromJson(f.readAll()).object().value("refreshed").toString(),
                                         Qt::ISODate);
        };
        const QDateTime first = refreshed();
        QVERIFY(first.isValid());
        QTRY_VERIFY_WITH_TIMEOUT(refreshed() > first, 5000);
        RepoLock::setRefreshSeconds(RepoLock::RefreshSeconds);
        l = Error::make(Error::Generic, "released");
        QVERIFY(!QFile::exists(file));
    }

    void prune()
    {
        const QString path = freshPath();
        auto r = makeRepo(path);
        r->setPackSizeTarget(200000);
        QList<QByteArray> data;
        QList<BlobId> ids;
        for (int i = 0; i < 30; ++i) {
            data << randomData(40000, quint32(300 + i));
            ids << r->blobId(data.last().constData(), data.last().size());
            QVERIFY(val(r->putBlob(BlobType::Data, ids.last(), data.last().constData(), data.last().size())));
        }
        QVERIFY(r->flush().ok());
        const qint64 before = dirSize(path + "/data");
        // keep blobs 0..9 entirely (first two packs), every third of the rest
        auto used = [&](const BlobId& id) {
            const int i = int(ids.indexOf(id));
            return i < 10 || i % 3 == 0;
        };
        {
            auto l = r->lock(Repository::LockMode::Exclusive);
            QVERIFY(l.ok());
            QVERIFY(r->prune(used).ok());
        }
        QVERIFY(dirSize(path + "/data") < before * 6 / 10);
        QCOMPARE(QDir(path + "/index").entryList(QDir::Files).size(), 1);
        r.reset();
        r = reopen(path);
        for (int i = 0; i < ids.size(); ++i) {
            QCOMPARE(r->hasBlob(ids[i]), used(ids[i]));
            if (used(ids[i]))
                QCOMPARE(val(r->getBlob(ids[i])), data[i]);
        }
        auto rep = r->checkStorage(true);
        QVERIFY(rep.ok());
        // prune of everything leaves an empty, valid repository
        QVERIFY(r->prune([](const BlobId&) { return false; }).ok());
        QCOMPARE(filesUnder(path + "/data").size(), 0);
        QVERIFY(r->checkStorage(true).ok());
    }

    // A prune killed after its new packs and index, before it removed the old ones: everything is still
    // readable, check passes, and the next prune finishes the job.
    void interruptedPruneLeavesValidRepository()
    {
        const QString path = freshPath();
        auto r = makeRepo(path);
        r->setPackSizeTarget(100000);
        QList<QByteArray> data;
        QList<BlobId> ids;
        for (int i = 0; i < 12; ++i) {
            data << randomData(30000, quint32(700 + i));
            ids << r->blobId(data.last().constData(), data.last().size());
            QVERIFY(val(r->putBlob(BlobType::Data, ids.last(), data.last().constData(), data.last().size())));
        }
        QVERIFY(r->flush().ok());
        const QString saved = m_tmp.filePath(QStringLiteral("saved%1").arg(m_n));
        QVERIFY(QDir().mkpath(saved));
        QStringList oldFiles;
        for (const QString& f : filesUnder(path + "/data") + filesUnder(path + "/index")) {
            const QString rel = QDir(path).relativeFilePath(f);
            QVERIFY(QDir().mkpath(QFileInfo(saved + "/" + rel).absolutePath()));
            QVERIFY(QFile::copy(f, saved + "/" + rel));
            oldFiles << rel;
        }
        auto used = [&](const BlobId& id) { return ids.indexOf(id) % 2 == 0; };
        QVERIFY(r->prune(used).ok());
        r.reset();
        // Put back what the prune deleted, as if it had been killed before its deletions.
        for (const QString& rel : oldFiles)
            if (!QFile::exists(path + "/" + rel))
                QVERIFY(QFile::copy(saved + "/" + rel, path + "/" + rel));
        r = reopen(path);
        QVERIFY(r->checkStorage(true).ok());
        for (int i = 0; i < ids.size(); ++i)
            QCOMPARE(val(r->getBlob(ids[i])), data[i]);
        const qint64 before = dirSize(path + "/data");
        QVERIFY(r->prune(used).ok());
        QVERIFY(dirSize(path + "/data") < before);
        for (int i = 0; i < ids.size(); i += 2)
            QCOMPARE(val(r->getBlob(ids[i])), data[i]);
        QVERIFY(r->checkStorage(true).ok());
        // Killed after removing the old index files but before the old packs: those are unindexed now.
        for (const QString& rel : oldFiles)
            if (rel.startsWith("data/") && !QFile::exists(path + "/" + rel))
                QVERIFY(QFile::copy(saved + "/" + rel, path + "/" + rel));
        r = reopen(path);
        QVERIFY(r->checkStorage(true).ok());
        QVERIFY(r->prune(used).ok());
        QVERIFY(dirSize(path + "/data") < before);
        QVERIFY(r->checkStorage(true).ok());
    }
};

QTEST_GUILESS_MAIN(TestRepository)
#include "tst_repository.moc"
