#include "Catalog.h"

#include "util/Paths.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace ncb::repo {

namespace {

Error sqlError(const QString& what, const QSqlError& e)
{
    return Error::make(Error::Io, QStringLiteral("The local catalog cannot %1: %2.").arg(what, e.text()));
}

} // namespace

Catalog::~Catalog()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_conn, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_conn);
}

Result<std::unique_ptr<Catalog>> Catalog::open(const QString& repoId, const QString& dirIn)
{
    const QString dir = dirIn.isEmpty() ? paths::cacheDir() + QStringLiteral("/catalog") : dirIn;
    if (!QDir().mkpath(dir))
        return Error::make(Error::Io, QStringLiteral("Cannot create the catalog folder %1.").arg(dir));
    std::unique_ptr<Catalog> c(new Catalog);
    c->m_conn = QStringLiteral("ncb-catalog-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    c->m_file = dir + QLatin1Char('/') + repoId + QStringLiteral(".sqlite");
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), c->m_conn);
    db.setDatabaseName(c->m_file);
    if (!db.open())
        return sqlError(QStringLiteral("be opened"), db.lastError());
    QSqlQuery q(db);
    const char* schema[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=OFF",
        "PRAGMA foreign_keys=OFF",
        "CREATE TABLE IF NOT EXISTS snapshots(sid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, time INTEGER NOT NULL,"
        " complete INTEGER NOT NULL DEFAULT 0)",
        "CREATE TABLE IF NOT EXISTS paths(id INTEGER PRIMARY KEY, parent INTEGER NOT NULL, name BLOB NOT NULL,"
        " UNIQUE(parent, name))",
        "CREATE TABLE IF NOT EXISTS entries(sid INTEGER NOT NULL, pid INTEGER NOT NULL, type INTEGER, size INTEGER,"
        " mtime INTEGER, mode INTEGER, uid INTEGER, gid INTEGER, owner BLOB, grp BLOB, hash BLOB,"
        " PRIMARY KEY(sid, pid)) WITHOUT ROWID",
        "CREATE INDEX IF NOT EXISTS entries_by_path ON entries(pid)",
    };
    for (const char* s : schema)
        if (!q.exec(QString::fromLatin1(s)))
            return sqlError(QStringLiteral("be prepared"), q.lastError());
    // A snapshot whose indexing was interrupted is dropped and indexed again.
    q.exec(QStringLiteral("DELETE FROM entries WHERE sid IN (SELECT sid FROM snapshots WHERE complete=0)"));
    q.exec(QStringLiteral("DELETE FROM snapshots WHERE complete=0"));
    return c;
}

QStringList Catalog::snapshotIds() const
{
    QStringList ids;
    QSqlQuery q(QSqlDatabase::database(m_conn));
    q.exec(QStringLiteral("SELECT id FROM snapshots WHERE complete=1 ORDER BY time"));
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

QByteArray Catalog::contentHash(const TreeEntry& e)
{
    if (e.type == TreeEntry::Dir)
        return {};
    QCryptographicHash h(QCryptographicHash::Blake2b_160);
    h.addData(QByteArrayView(reinterpret_cast<const char*>(&e.type), 1));
    if (e.type == TreeEntry::Symlink)
        h.addData(e.linkTarget);
    for (const ChunkRef& c : e.chunks)
        h.addData(QByteArrayView(reinterpret_cast<const char*>(c.id.data()), 32));
    return h.result();
}

Status Catalog::addSnapshot(const QString& id, const SnapshotManifest& m, TreeReader& tree)
{
    QSqlDatabase db = QSqlDatabase::database(m_conn);
    if (!db.transaction())
        return sqlError(QStringLiteral("start a transaction"), db.lastError());
    auto rollback = [&](const QString& what, const QSqlError& e) {
        db.rollback();
        return sqlError(what, e);
    };
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO snapshots(id, time, complete) VALUES(?, ?, 0)"));
    q.addBindValue(id);
    q.addBindValue(m.time.toMSecsSinceEpoch());
    if (!q.exec())
        return rollback(QStringLiteral("record a snapshot"), q.lastError());
    const qint64 sid = q.lastInsertId().toLongLong();

    QSqlQuery findPath(db), addPath(db), addEntry(db);
    findPath.prepare(QStringLiteral("SELECT id FROM paths WHERE parent=? AND name=?"));
    addPath.prepare(QStringLiteral("INSERT INTO paths(parent, name) VALUES(?, ?)"));
    addEntry.prepare(QStringLiteral("INSERT OR REPLACE INTO entries(sid, pid, type, size, mtime, mode, uid, gid, owner, grp, hash)"
                                    " VALUES(?,?,?,?,?,?,?,?,?,?,?)"));
    QHash<QByteArray, qint64> dirIds; // folder path -> path id (folders only)
    auto idOf = [&](qint64 parent, const QByteArray& name) -> qint64 {
        findPath.bindValue(0, parent);
        findPath.bindValue(1, name);
        if (findPath.exec() && findPath.next()) {
            const qint64 v = findPath.value(0).toLongLong();
            findPath.finish();
            return v;
        }
        findPath.finish();
        addPath.bindValue(0, parent);
        addPath.bindValue(1, name);
        if (!addPath.exec())
            return -1;
        return addPath.lastInsertId().toLongLong();
    };
    auto parentId = [&](const QByteArray& dirPath) -> qint64 {
        if (dirPath.isEmpty())
            return 0;
        auto it = dirIds.constFind(dirPath);
        if (it != dirIds.constEnd())
            return *it;
        // A folder without its own entry (cannot happen with our scanner): resolve it component-wise.
        qint64 cur = 0;
        for (const QByteArray& c : dirPath.split('/'))
            cur = idOf(cur, c);
        dirIds.insert(dirPath, cur);
        return cur;
    };
    TreeEntry e;
    while (tree.next(e)) {
        const qsizetype slash = e.path.lastIndexOf('/');
        const qint64 parent = parentId(slash < 0 ? QByteArray() : e.path.left(slash));
        const qint64 pid = idOf(parent, slash < 0 ? e.path : e.path.mid(slash + 1));
        if (pid < 0)
            return rollback(QStringLiteral("record a path"), addPath.lastError());
        if (e.type == TreeEntry::Dir)
            dirIds.insert(e.path, pid);
        addEntry.bindValue(0, sid);
        addEntry.bindValue(1, pid);
        addEntry.bindValue(2, int(e.type));
        addEntry.bindValue(3, qint64(e.size));
        addEntry.bindValue(4, qint64(e.mtimeNs));
        addEntry.bindValue(5, e.mode);
        addEntry.bindValue(6, e.uid);
        addEntry.bindValue(7, e.gid);
        addEntry.bindValue(8, e.owner);
        addEntry.bindValue(9, e.group);
        addEntry.bindValue(10, contentHash(e));
        if (!addEntry.exec())
            return rollback(QStringLiteral("record an entry"), addEntry.lastError());
    }
    if (tree.failed()) {
        db.rollback();
        return tree.error();
    }
    q.prepare(QStringLiteral("UPDATE snapshots SET complete=1 WHERE sid=?"));
    q.addBindValue(sid);
    if (!q.exec())
        return rollback(QStringLiteral("record a snapshot"), q.lastError());
    if (!db.commit())
        return rollback(QStringLiteral("save"), db.lastError());
    return {};
}

Status Catalog::removeSnapshot(const QString& id)
{
    QSqlDatabase db = QSqlDatabase::database(m_conn);
    QSqlQuery q(db);
    db.transaction();
    q.prepare(QStringLiteral("DELETE FROM entries WHERE sid=(SELECT sid FROM snapshots WHERE id=?)"));
    q.addBindValue(id);
    if (!q.exec())
        return sqlError(QStringLiteral("forget a snapshot"), q.lastError());
    q.prepare(QStringLiteral("DELETE FROM snapshots WHERE id=?"));
    q.addBindValue(id);
    q.exec();
    db.commit();
    return {};
}

Status Catalog::sync(const Repository& repo, const ProgressCallback& progress)
{
    auto list = repo.listSnapshots();
    if (!list)
        return list.error();
    const QStringList have = snapshotIds();
    QSet<QString> inRepo;
    for (const SnapshotRef& r : list.value())
        inRepo.insert(r.id);
    for (const QString& id : have)
        if (!inRepo.contains(id))
            NCB_TRY(removeSnapshot(id));
    qint64 done = 0;
    for (const SnapshotRef& r : list.value()) {
        ++done;
        if (have.contains(r.id))
            continue;
        if (progress) {
            Progress p;
            p.phase = QStringLiteral("catalog");
            p.filesDone = done - 1;
            p.filesTotal = list->size();
            p.current = r.id.left(8);
            progress(p);
        }
        auto plain = repo.readManifest(r.id);
        if (!plain)
            return plain.error();
        auto m = parseManifest(plain.value());
        if (!m)
            return m.error();
        const Repository* rp = &repo;
        TreeReader tree(m->treeBlobs, [rp](const BlobId& id) { return rp->getBlob(id); });
        NCB_TRY(addSnapshot(r.id, m.value(), tree));
    }
    return {};
}

Result<qint64> Catalog::pathId(const QByteArray& path) const
{
    if (path.isEmpty())
        return qint64(0);
    QSqlQuery q(QSqlDatabase::database(m_conn));
    q.prepare(QStringLiteral("SELECT id FROM paths WHERE parent=? AND name=?"));
    qint64 cur = 0;
    for (const QByteArray& c : path.split('/')) {
        q.bindValue(0, cur);
        q.bindValue(1, c);
        if (!q.exec())
            return sqlError(QStringLiteral("be read"), q.lastError());
        if (!q.next())
            return qint64(-1);
        cur = q.value(0).toLongLong();
        q.finish();
    }
    return cur;
}

static CatalogEntry entryFrom(const QSqlQuery& q, int first)
{
    CatalogEntry e;
    e.type = static_cast<TreeEntry::Type>(q.value(first).toInt());
    e.size = q.value(first + 1).toLongLong();
    e.mtimeNs = q.value(first + 2).toLongLong();
    e.mode = q.value(first + 3).toUInt();
    e.uid = q.value(first + 4).toUInt();
    e.gid = q.value(first + 5).toUInt();
    e.owner = q.value(first + 6).toByteArray();
    e.group = q.value(first + 7).toByteArray();
    e.contentHash = q.value(first + 8).toByteArray();
    return e;
}

Result<QList<CatalogEntry>> Catalog::list(const QString& snapshotId, const QByteArray& folder) const
{
    QSqlDatabase db = QSqlDatabase::database(m_conn);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT sid FROM snapshots WHERE id=? AND complete=1"));
    q.addBindValue(snapshotId);
    if (!q.exec() || !q.next())
        return Error::make(Error::NotFound, QStringLiteral("The snapshot %1 is not in the catalog.").arg(snapshotId.left(8)));
    const qint64 sid = q.value(0).toLongLong();
    auto pid = pathId(folder);
    if (!pid)
        return pid.error();
    auto notFound = Error::make(Error::NotFound, QStringLiteral("The folder '%1' is not in snapshot %2.")
                                                     .arg(QString::fromUtf8(folder), snapshotId.left(8)));
    if (pid.value() < 0)
        return notFound;
    if (pid.value() > 0) {
        q.prepare(QStringLiteral("SELECT type FROM entries WHERE sid=? AND pid=?"));
        q.addBindValue(sid);
        q.addBindValue(pid.value());
        if (!q.exec() || !q.next() || q.value(0).toInt() != TreeEntry::Dir)
            return notFound;
    }
    // Forward only: QSqlQuery otherwise caches every row it has seen (a 100,000-entry folder is read
    // once, front to back).
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT p.name, e.type, e.size, e.mtime, e.mode, e.uid, e.gid, e.owner, e.grp, e.hash"
                             " FROM paths p JOIN entries e ON e.pid = p.id AND e.sid = ? WHERE p.parent = ? ORDER BY p.name"));
    q.addBindValue(sid);
    q.addBindValue(pid.value());
    if (!q.exec())
        return sqlError(QStringLiteral("be read"), q.lastError());
    QList<CatalogEntry> out;
    while (q.next()) {
        CatalogEntry e = entryFrom(q, 1);
        e.name = q.value(0).toByteArray();
        e.path = folder.isEmpty() ? e.name : folder + '/' + e.name;
        out << e;
    }
    return out;
}

Result<QList<CatalogHistoryItem>> Catalog::history(const QByteArray& path) const
{
    auto pid = pathId(path);
    if (!pid)
        return pid.error();
    if (pid.value() <= 0)
        return Error::make(Error::NotFound, QStringLiteral("The path '%1' is in no snapshot.").arg(QString::fromUtf8(path)));
    QSqlQuery q(QSqlDatabase::database(m_conn));
    q.prepare(QStringLiteral("SELECT s.id, s.time, e.type, e.size, e.mtime, e.mode, e.uid, e.gid, e.owner, e.grp, e.hash"
                             " FROM snapshots s LEFT JOIN entries e ON e.sid = s.sid AND e.pid = ?"
                             " WHERE s.complete = 1 ORDER BY s.time, s.id"));
    q.addBindValue(pid.value());
    if (!q.exec())
        return sqlError(QStringLiteral("be read"), q.lastError());
    QList<CatalogHistoryItem> out;
    bool present = false;
    QByteArray lastHash;
    int lastType = -1;
    while (q.next()) {
        if (q.value(2).isNull()) {
            present = false;
            continue;
        }
        CatalogEntry e = entryFrom(q, 2);
        if (!present || e.contentHash != lastHash || int(e.type) != lastType) {
            e.path = path;
            e.name = path.mid(path.lastIndexOf('/') + 1);
            out << CatalogHistoryItem{q.value(0).toString(), QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC), e};
        }
        present = true;
        lastHash = e.contentHash;
        lastType = int(e.type);
    }
    if (out.isEmpty())
        return Error::make(Error::NotFound, QStringLiteral("The path '%1' is in no snapshot.").arg(QString::fromUtf8(path)));
    return out;
}

} // namespace ncb::repo
