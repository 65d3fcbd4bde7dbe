// Snapshots against a real repository: round trip, incremental reuse, partial restore, hostile trees,
// corrupted chunks, diff, history, catalog rebuild, forget + prune, owners and special bits only when asked.
#include "repository/Catalog.h"
#include "repository/SnapshotChecker.h"
#include "repository/SnapshotCreator.h"
#include "repository/SnapshotDiff.h"
#include "repository/SnapshotPruner.h"
#include "repository/SnapshotManifest.h"
#include "repository/SnapshotRestorer.h"
#include "repository/TreeWriter.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace ncb;
using namespace ncb::repo;

namespace {

void writeFile(const QString& path, const QByteArray& data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(data);
}

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator r(seed);
    r.fillRange(reinterpret_cast<quint32*>(b.data()), n / 4);
    return b;
}

// Everything a user sees of a tree: type, mode, mtime, size, content or link target.
QStringList describe(const QString& root)
{
    QStringList out;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString p = it.next();
        struct stat st;
        ::lstat(QFile::encodeName(p).constData(), &st);
        QString line = p.mid(root.size() + 1) + QStringLiteral(" mode=%1").arg(st.st_mode, 0, 8);
        if (!S_ISDIR(st.st_mode))
            line += QStringLiteral(" mtime=%1.%2").arg(st.st_mtim.tv_sec).arg(st.st_mtim.tv_nsec);
        if (S_ISLNK(st.st_mode))
        {
            char buf[4096];
            const ssize_t n = ::readlink(QFile::encodeName(p).constData(), buf, sizeof buf);
            line += QStringLiteral(" -> ") + QString::fromUtf8(buf, n > 0 ? n : 0);
        }
        else if (S_ISREG(st.st_mode)) {
            QFile f(p);
            f.open(QIODevice::ReadOnly);
            line += QStringLiteral(" size=%1 sha=%2").arg(st.st_size).arg(QString::fromLatin1(
                                                                    QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex().left(16)));
        } else if (S_ISDIR(st.st_mode)) {
            line += QStringLiteral(" mtime=%1").arg(st.st_mtim.tv_sec);
        }
        out << line;
    }
    out.sort();
    return out;
}

} // namespace

class TestSnapshotRoundtrip : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<Repository> m_repo;
    QString m_src;

    QString restoreTo(const QString& id, const QList<QByteArray>& paths = {}, Status* status = nullptr,
                      SnapshotRestoreReport* rep = nullptr)
    {
        static int n = 0;
        const QString dir = m_tmp.path() + QStringLiteral("/restore%1").arg(++n);
        SnapshotRestoreOptions o;
        o.snapshotId = id;
        o.paths = paths;
        o.targetDir = dir;
        Status st = SnapshotRestorer(*m_repo).run(o, rep);
        if (status)
            *status = st;
        else if (!st.ok())
            qWarning("restore: %s", qPrintable(st.error().message));
        return dir;
    }

    Result<SnapshotCreateResult> snap(bool full = false)
    {
        SnapshotCreateOptions o;
        o.sourceDir = m_src;
        o.full = full;
        return SnapshotCreator(*m_repo).run(o);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        qputenv("NCBACKUP_CACHE_DIR", QFile::encodeName(m_tmp.path() + "/cache"));
        auto r = Repository::init(m_tmp.path() + "/repo", "pw");
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        m_repo = std::move(r.value());
        m_src = m_tmp.path() + "/src";
        writeFile(m_src + "/big.bin", randomBytes(3 * 1024 * 1024 + 17, 1));
        writeFile(m_src + "/empty.txt", "");
        writeFile(m_src + "/dossier é/ünï cödé.txt", "héllo wörld\n");
        writeFile(m_src + "/with space/a file.txt", randomBytes(70000, 2));
        writeFile(m_src + "/sub/deep/er/leaf.txt", "leaf");
        QDir().mkpath(m_src + "/emptydir");
        QVERIFY(QFile::link("sub/deep", m_src + "/link-to-deep"));
        QVERIFY(QFile::link("/nonexistent/target", m_src + "/dangling"));
        ::chmod(QFile::encodeName(m_src + "/empty.txt").constData(), 0600);
        ::chmod(QFile::encodeName(m_src + "/with space").constData(), 0750);
        ::chmod(QFile::encodeName(m_src + "/sub/deep/er/leaf.txt").constData(), 0755);
    }

    void roundTripIsIdentical()
    {
        auto s = snap();
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->manifest.kind, SnapshotManifest::Full);
        QCOMPARE(s->manifest.stats.files, 5);
        QCOMPARE(s->manifest.stats.symlinks, 2);
        const QString dir = restoreTo(s->snapshotId);
        QCOMPARE(describe(dir), describe(m_src));
    }

    // Restore reads chunks grouped by pack in batches: many files (more than one batch), a file whose
    // chunks repeat, files sharing content, packs of a few blobs each. Every byte must come back.
    void batchedRestoreOfManyFilesIsIdentical()
    {
        QTemporaryDir tmp;
        auto r = Repository::init(tmp.path() + "/repo", "pw");
        QVERIFY(r.ok());
        std::unique_ptr<Repository> repo = std::move(r.value());
        repo->setPackSizeTarget(200 * 1024); // many packs: runs must not cross them
        const QString src = tmp.path() + "/src";
        for (int i = 0; i < 300; ++i)
            writeFile(src + QStringLiteral("/d%1/f%2.txt").arg(i % 7).arg(i), randomBytes(100 + i * 37, quint32(1000 + i)));
        writeFile(src + "/shared-a.bin", randomBytes(300000, 77));
        writeFile(src + "/shared-b.bin", randomBytes(300000, 77));
        const QByteArray block = randomBytes(5 * 1024 * 1024, 78); // chunks of this repeat in the file
        writeFile(src + "/repeated.bin", block + block + block);
        SnapshotCreateOptions co;
        co.sourceDir = src;
        auto snap = SnapshotCreator(*repo).run(co);
        QVERIFY2(snap.ok(), snap.ok() ? "" : qPrintable(snap.error().message));
        const QString dir = tmp.path() + "/restored";
        SnapshotRestoreOptions o;
        o.snapshotId = snap->snapshotId;
        o.targetDir = dir;
        SnapshotRestoreReport rep;
        Status st = SnapshotRestorer(*repo).run(o, &rep);
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
        QCOMPARE(rep.files, qint64(303));
        QCOMPARE(describe(dir), describe(src));

        // Restoring one file reads only its own chunk (and the tree): with every other pack taken
        // away, it still restores. A fresh open, so no pack file is still open from above.
        repo.reset();
        const QString repoPath = tmp.path() + "/repo";
        auto again = Repository::open(repoPath);
        QVERIFY(again.ok());
        repo = std::move(again.value());
        QVERIFY(repo->unlockWithPassword("pw").ok());
        QFile one(src + "/d0/f0.txt");
        QVERIFY(one.open(QIODevice::ReadOnly));
        const QByteArray content = one.readAll();
        QSet<QString> keep;
        auto chunk = repo->locateBlob(repo->blobId(content.constData(), std::size_t(content.size())));
        QVERIFY(chunk.ok());
        keep.insert(toHex(chunk->pack));
        auto man = parseManifest(repo->readManifest(snap->snapshotId).value());
        QVERIFY(man.ok());
        for (const BlobId& t : man->treeBlobs)
            keep.insert(toHex(repo->locateBlob(t).value().pack));
        QDir().mkpath(tmp.path() + "/away");
        int moved = 0;
        QDirIterator packs(repoPath + "/data", QDir::Files, QDirIterator::Subdirectories);
        while (packs.hasNext()) {
            const QString f = packs.next();
            if (!keep.contains(QFileInfo(f).fileName()) && QFile::rename(f, tmp.path() + "/away/" + QFileInfo(f).fileName()))
                ++moved;
        }
        QVERIFY(moved >= 10); // most of the data is gone
        o.targetDir = tmp.path() + "/one";
        o.paths = {QByteArray("d0/f0.txt")};
        st = SnapshotRestorer(*repo).run(o, &rep);
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
        QFile got(o.targetDir + "/d0/f0.txt");
        QVERIFY(got.open(QIODevice::ReadOnly));
        QCOMPARE(got.readAll(), content);
    }

    void incrementalReadsOnlyChanges()
    {
        writeFile(m_src + "/changed.txt", randomBytes(100000, 3));
        auto a = snap();
        QVERIFY(a.ok());
        // No change: nothing read, nothing new but the tree.
        auto b = snap();
        QVERIFY(b.ok());
        QCOMPARE(b->manifest.kind, SnapshotManifest::Incremental);
        QCOMPARE(b->manifest.parent, a->snapshotId);
        QCOMPARE(b->manifest.stats.bytesRead, 0);
        QCOMPARE(b->manifest.stats.newBlobs, 0);
        // One changed, one deleted, one renamed.
        QTest::qWait(10);
        writeFile(m_src + "/changed.txt", randomBytes(100000, 4));
        QVERIFY(QFile::remove(m_src + "/empty.txt"));
        QVERIFY(QFile::rename(m_src + "/with space/a file.txt", m_src + "/with space/renamed.txt"));
        auto c = snap();
        QVERIFY(c.ok());
        QVERIFY2(c->manifest.stats.bytesRead <= 100000 + 70000, qPrintable(QString::number(c->manifest.stats.bytesRead)));
        QVERIFY(c->manifest.stats.newBytes < 100000 + 20000);
        QCOMPARE(describe(restoreTo(c->snapshotId)), describe(m_src));
        // --full reads everything and still stores nothing new.
        auto d = snap(true);
        QVERIFY(d.ok());
        QCOMPARE(d->manifest.kind, SnapshotManifest::Full);
        QCOMPARE(d->manifest.stats.bytesRead, d->manifest.stats.bytes);
        QCOMPARE(d->manifest.stats.newBlobs, 0);

        // diff between a and c
        auto ma = parseManifest(m_repo->readManifest(a->snapshotId).value());
        auto mc = parseManifest(m_repo->readManifest(c->snapshotId).value());
        Repository* r = m_repo.get();
        TreeReader ta(ma->treeBlobs, [r](const BlobId& id) { return r->getBlob(id); });
        TreeReader tc(mc->treeBlobs, [r](const BlobId& id) { return r->getBlob(id); });
        QStringList changes;
        QVERIFY(diffTrees(ta, tc, [&](const DiffItem& d) {
                    changes << QStringLiteral("%1 %2").arg("+-M"[d.change]).arg(QString::fromUtf8(d.path));
                }).ok());
        QCOMPARE(changes, (QStringList{"M changed.txt", "- empty.txt", "- with space/a file.txt", "+ with space/renamed.txt"}));
    }

    void restoreOneFileAndOneFolder()
    {
        auto s = snap();
        QVERIFY(s.ok());
        const QString d1 = restoreTo(s->snapshotId, {"sub/deep/er/leaf.txt"});
        QCOMPARE(describe(d1).filter("leaf.txt").size(), 1);
        QFile f(d1 + "/sub/deep/er/leaf.txt");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("leaf"));
        QVERIFY(!QFile::exists(d1 + "/big.bin"));
        const QString d2 = restoreTo(s->snapshotId, {"dossier é"});
        QVERIFY(QFile::exists(d2 + "/dossier é/ünï cödé.txt"));
        QVERIFY(!QFile::exists(d2 + "/big.bin"));
        Status st;
        restoreTo(s->snapshotId, {"../etc"}, &st);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Unsafe);
        QVERIFY(st.error().message.contains("../etc"));
        restoreTo(s->snapshotId, {"nope"}, &st);
        QCOMPARE(st.error().code, Error::NotFound);
    }

    // Restores the deep tree of deepTreeRestoresAtTheLimit and checks it; fails the test if wrong.
    void restoreDeep(const QString& id, int levels)
    {
        const auto openFds = [] { return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size(); };
        const qsizetype fdsBefore = openFds();
        Status st;
        SnapshotRestoreReport rep;
        QElapsedTimer t;
        t.start();
        const QString out = restoreTo(id, {}, &st, &rep);
        QVERIFY2(st.ok(), qPrintable(st.error().message));
        QCOMPARE(rep.dirs, qint64(levels));
        QCOMPARE(rep.files, qint64(levels));
        // The repository may keep the pack it read open; one fd per level (or per kept level) would be hundreds.
        QVERIFY2(openFds() <= fdsBefore + 2, qPrintable(QStringLiteral("%1 fds open, %2 before").arg(openFds()).arg(fdsBefore)));
        QVERIFY2(t.elapsed() < 20000, qPrintable(QString::number(t.elapsed())));
        // The deepest file and a folder's time, reached through a relative path (the absolute one is
        // longer than PATH_MAX).
        const int top = ::open(QFile::encodeName(out).constData(), O_RDONLY | O_DIRECTORY);
        QVERIFY(top >= 0);
        struct stat stf, std;
        int cur = top;
        bool ok = true;
        for (int i = 0; i < levels && ok; ++i) {
            const int next = ::openat(cur, "d", O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
            ok = next >= 0;
            if (i == 499)
                ok = ok && ::fstat(next, &std) == 0;
            ::close(cur);
            cur = next;
        }
        QVERIFY(ok);
        QCOMPARE(::fstatat(cur, "f", &stf, 0), 0);
        ::close(cur);
        QCOMPARE(qint64(stf.st_size), qint64(4));
        QCOMPARE(stf.st_mode & 07777, 0640u);
        QCOMPARE(std.st_mode & 07777, 0750u);
        QCOMPARE(qint64(std.st_mtim.tv_sec), 1'600'000'000LL + 499);
    }

    // A tree as deep as a backup takes (1,000 folders in a path): every folder and file restored, folder
    // times set, no descriptor left open. (That it takes time linear in the depth is checked with strace
    // in tests/backup/backup_limits.sh.)
    void deepTreeRestoresAtTheLimit()
    {
        SnapshotManifest m;
        m.time = QDateTime::currentDateTimeUtc();
        m.sourcePaths << QStringLiteral("/deep");
        TreeWriter w(m_repo->gearTable(), [&](const QByteArray& blob) -> Status {
            const BlobId id = m_repo->blobId(blob.constData(), std::size_t(blob.size()));
            auto put = m_repo->putBlob(BlobType::Tree, id, blob.constData(), std::size_t(blob.size()));
            if (!put)
                return put.error();
            m.treeBlobs << id;
            return {};
        });
        const QByteArray content = "deep";
        const BlobId cid = m_repo->blobId(content.constData(), 4);
        QVERIFY(m_repo->putBlob(BlobType::Data, cid, content.constData(), 4).ok());
        constexpr int kLevels = 999; // the files in the deepest folder are 1,000 deep
        std::vector<TreeEntry> entries;
        QByteArray dir;
        for (int i = 0; i < kLevels; ++i) {
            dir += dir.isEmpty() ? "d" : "/d";
            TreeEntry d;
            d.path = dir;
            d.type = TreeEntry::Dir;
            d.mode = 0750;
            d.mtimeNs = (1'600'000'000LL + i) * 1'000'000'000LL;
            entries.push_back(d);
            TreeEntry f;
            f.path = dir + "/f";
            f.type = TreeEntry::File;
            f.mode = 0640;
            f.size = 4;
            f.chunks.push_back({cid, 4});
            entries.push_back(f);
        }
        sortTreeEntries(entries); // the deepest file first, then back up: the walk goes down and up
        for (const TreeEntry& e : entries)
            QVERIFY(w.add(e).ok());
        QVERIFY(w.finish().ok());
        QVERIFY(m_repo->flush().ok());
        auto id = m_repo->writeManifest(m.toJson());
        QVERIFY(id.ok());
        const auto forget = qScopeGuard([&] { (void)m_repo->deleteManifest(id.value()); });
        // Twice: with this process's descriptor limit, and with a limit so low that only some levels keep
        // their folder open (the walk re-opens the others from the nearest one kept).
        for (const rlim_t lowLimit : {rlim_t(0), rlim_t(1024)}) { // 1,024: a common desktop default
            struct rlimit saved;
            QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
            if (lowLimit) {
                struct rlimit low = saved;
                low.rlim_cur = lowLimit;
                QCOMPARE(::setrlimit(RLIMIT_NOFILE, &low), 0);
            }
            restoreDeep(id.value(), kLevels);
            QCOMPARE(::setrlimit(RLIMIT_NOFILE, &saved), 0);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void hostileTreesRefused_data()
    {
        QTest::addColumn<QList<QByteArray>>("paths");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("dotdot") << QList<QByteArray>{"../escape"} << QByteArray("../escape");
        QTest::newRow("inner dotdot") << QList<QByteArray>{"a", "a/../../escape"} << QByteArray("a/../../escape");
        QTest::newRow("absolute") << QList<QByteArray>{"/tmp/escape"} << QByteArray("/tmp/escape");
        QTest::newRow("dot") << QList<QByteArray>{"./escape"} << QByteArray("./escape");
        QTest::newRow("symlink parent") << QList<QByteArray>{"evil", "evil/escape"} << QByteArray("evil/escape");
        // Past util/Limits.h (what a backup takes from a host): refused with the limit named.
        QTest::newRow("too deep") << QList<QByteArray>{QByteArray("d/").repeated(1000) + "escape"}
                                  << QByteArray("is 1,001 folders deep (the limit is 1,000)");
        QTest::newRow("too long") << QList<QByteArray>{QByteArray("d/") + QByteArray(4095, 'x')}
                                  << QByteArray("is 4,097 bytes long (the limit is 4,096)");
    }
    void hostileTreesRefused()
    {
        QFETCH(QList<QByteArray>, paths);
        QFETCH(QByteArray, named);
        // A tree written with the real key: what an attacker holding the key could store.
        const QString outside = m_tmp.path() + "/outside";
        QDir().mkpath(outside);
        SnapshotManifest m;
        m.time = QDateTime::currentDateTimeUtc();
        m.sourcePaths << QStringLiteral("/hostile");
        TreeWriter w(m_repo->gearTable(), [&](const QByteArray& blob) -> Status {
            const BlobId id = m_repo->blobId(blob.constData(), std::size_t(blob.size()));
            auto put = m_repo->putBlob(BlobType::Tree, id, blob.constData(), std::size_t(blob.size()));
            if (!put)
                return put.error();
            m.treeBlobs << id;
            return {};
        });
        const QByteArray content = "pwned";
        const BlobId cid = m_repo->blobId(content.constData(), 5);
        QVERIFY(m_repo->putBlob(BlobType::Data, cid, content.constData(), 5).ok());
        for (const QByteArray& p : paths) {
            TreeEntry e;
            e.path = p;
            if (p == "evil") {
                e.type = TreeEntry::Symlink;
                e.linkTarget = QFile::encodeName(outside);
            } else if (p == "a") {
                e.type = TreeEntry::Dir;
                e.mode = 0755;
            } else {
                e.type = TreeEntry::File;
                e.mode = 0644;
                e.size = 5;
                e.chunks.push_back({cid, 5});
            }
            // The writer itself accepts any byte string; the order check may reorder: write raw order.
            QVERIFY(w.add(e).ok());
        }
        QVERIFY(w.finish().ok());
        QVERIFY(m_repo->flush().ok());
        auto id = m_repo->writeManifest(m.toJson());
        QVERIFY(id.ok());
        Status st;
        const QString dir = restoreTo(id.value(), {}, &st);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Unsafe);
        QVERIFY2(st.error().message.contains(QString::fromUtf8(named)), qPrintable(st.error().message));
        QVERIFY(!QFile::exists(outside + "/escape"));
        QVERIFY(!QFile::exists(m_tmp.path() + "/escape"));
        QVERIFY(!QFile::exists("/tmp/escape"));
        QVERIFY(m_repo->deleteManifest(id.value()).ok());
    }

    // A restore into a folder never sets setuid/setgid/sticky bits or hands files to the snapshot's
    // owners unless asked (like tar --no-same-owner --no-same-permissions), even as root.
    void specialBitsAndOwnersOnlyWhenAsked()
    {
        const QString src = m_tmp.path() + QStringLiteral("/suid-src");
        writeFile(src + QStringLiteral("/tool"), "#!/bin/sh\n");
        const QByteArray tool = QFile::encodeName(src + QStringLiteral("/tool"));
        QDir().mkpath(src + QStringLiteral("/shared"));
        const QByteArray shared = QFile::encodeName(src + QStringLiteral("/shared"));
        const bool root = ::geteuid() == 0;
        if (root) {
            QCOMPARE(::chown(tool.constData(), 65534, 65534), 0);
            QCOMPARE(::chown(shared.constData(), 65534, 65534), 0);
        }
        QCOMPARE(::chmod(tool.constData(), 04755), 0);
        QCOMPARE(::chmod(shared.constData(), 01777), 0);
        auto r = Repository::init(m_tmp.path() + "/repo-suid", "pw"); // its own: the other tests count snapshots
        QVERIFY(r.ok());
        Repository& repo = *r.value();
        SnapshotCreateOptions c;
        c.sourceDir = src;
        auto made = SnapshotCreator(repo).run(c);
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.error().message));
        const auto statOf = [](const QString& p) {
            struct stat st{};
            ::lstat(QFile::encodeName(p).constData(), &st);
            return st;
        };
        SnapshotRestoreOptions o;
        o.snapshotId = made->snapshotId;
        o.targetDir = m_tmp.path() + QStringLiteral("/suid-plain");
        QVERIFY(SnapshotRestorer(repo).run(o).ok());
        QCOMPARE(statOf(o.targetDir + QStringLiteral("/tool")).st_mode & 07777, mode_t(0755));
        QCOMPARE(statOf(o.targetDir + QStringLiteral("/shared")).st_mode & 07777, mode_t(0777));
        QCOMPARE(statOf(o.targetDir + QStringLiteral("/tool")).st_uid, ::geteuid());
        o.targetDir = m_tmp.path() + QStringLiteral("/suid-kept");
        o.sameOwner = true;
        o.keepSpecialBits = true;
        QVERIFY(SnapshotRestorer(repo).run(o).ok());
        QCOMPARE(statOf(o.targetDir + QStringLiteral("/tool")).st_mode & 07777, mode_t(04755));
        QCOMPARE(statOf(o.targetDir + QStringLiteral("/shared")).st_mode & 07777, mode_t(01777));
        QCOMPARE(statOf(o.targetDir + QStringLiteral("/tool")).st_uid, root ? uid_t(65534) : ::geteuid());
    }

    void catalogAnswersAndRebuilds()
    {
        auto list = m_repo->listSnapshots();
        QVERIFY(list.ok());
        const QString last = list->last().id;
        QStringList ls1, hist1;
        {
            auto c = Catalog::open(m_repo->id());
            QVERIFY(c.ok());
            QVERIFY(c.value()->sync(*m_repo).ok());
            auto e = c.value()->list(last, "with space");
            QVERIFY(e.ok());
            for (const CatalogEntry& x : e.value())
                ls1 << QString::fromUtf8(x.name) + QString::number(x.size);
            QCOMPARE(ls1, QStringList{"renamed.txt70000"});
            auto h = c.value()->history("changed.txt");
            QVERIFY(h.ok());
            QCOMPARE(h->size(), 2); // written, then changed once; unchanged snapshots do not count
            for (const auto& it : h.value())
                hist1 << it.snapshotId;
            QCOMPARE(c.value()->list(last, "nope").error().code, Error::NotFound);
            QVERIFY(QFile::remove(c.value()->filePath()));
        }
        auto c = Catalog::open(m_repo->id());
        QVERIFY(c.ok());
        QVERIFY(c.value()->snapshotIds().isEmpty());
        QVERIFY(c.value()->sync(*m_repo).ok());
        QStringList ls2, hist2;
        const auto list2 = c.value()->list(last, "with space");
        QVERIFY(list2.ok());
        for (const CatalogEntry& x : list2.value())
            ls2 << QString::fromUtf8(x.name) + QString::number(x.size);
        const auto h2 = c.value()->history("changed.txt");
        QVERIFY(h2.ok());
        for (const auto& it : h2.value())
            hist2 << it.snapshotId;
        QCOMPARE(ls2, ls1);
        QCOMPARE(hist2, hist1);
    }

    void corruptedChunkFailsOnlyThatFile()
    {
        // Damage the pack holding big.bin's chunks: flip bytes in every pack file larger than 1 MiB.
        auto s = snap();
        QVERIFY(s.ok());
        QDirIterator it(m_tmp.path() + "/repo/data", QDir::Files, QDirIterator::Subdirectories);
        int damaged = 0;
        while (it.hasNext()) {
            const QString p = it.next();
            QFile f(p);
            if (f.size() < 1024 * 1024)
                continue;
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() / 2);
            QByteArray b = f.read(64);
            for (auto& ch : b)
                ch = char(~ch);
            f.seek(f.size() / 2);
            f.write(b);
            ++damaged;
        }
        QVERIFY(damaged > 0);
        SnapshotRestoreReport rep;
        Status st;
        const QString dir = restoreTo(s->snapshotId, {}, &st, &rep);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Corrupt);
        QCOMPARE(rep.failures.size(), 1);
        QVERIFY2(rep.failures.first().contains("big.bin"), qPrintable(rep.failures.first()));
        QVERIFY(!QFile::exists(dir + "/big.bin"));
        QVERIFY(QFile::exists(dir + "/sub/deep/er/leaf.txt"));
        auto check = SnapshotChecker::check(*m_repo, true);
        QVERIFY(!check.ok());
        bool named = false;
        for (const SnapshotDamage& d : check.snapshots)
            named |= d.paths.contains("big.bin");
        QVERIFY(named);
    }
};

QTEST_GUILESS_MAIN(TestSnapshotRoundtrip)
#include "test_snapshot_roundtrip.moc"
