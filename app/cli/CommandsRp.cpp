// "rp ...": browse the Restoring Points of an instance (list, show, ls, diff, history) through the
// snapshot layer: manifests for list/show, the catalog (SQLite cache) for ls/history, tree streams for diff.
#include "Command.h"
#include "repository/RepoLock.h"
#include "repository/SafePath.h"
#include "InstanceAccess.h"
#include "backup/RpIndex.h"
#include "backup/SnapshotSource.h"
#include "repository/Catalog.h"
#include "repository/SnapshotDiff.h"
#include "repository/TreeReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace ncb::cli {

namespace {

using backup::RpIndex;
using backup::RpInfo;

QJsonObject rpJson(const RpInfo& rp)
{
    const auto& m = rp.manifest;
    QJsonObject o{{QStringLiteral("id"), rp.id},
              {QStringLiteral("time"), m.time.toString(Qt::ISODateWithMs)},
              {QStringLiteral("kind"), rp.kind()},
              {QStringLiteral("parent"), m.parent},
              {QStringLiteral("files"), m.stats.files},
              {QStringLiteral("bytes"), m.stats.bytes},
              {QStringLiteral("newBytes"), m.stats.newBytes},
              {QStringLiteral("nextcloudVersion"), rp.nextcloudVersionString()},
              {QStringLiteral("dbType"), rp.dbType()},
              {QStringLiteral("status"), rp.isIncomplete() ? QStringLiteral("incomplete") : QStringLiteral("ok")}};
    if (!rp.isSafety()) // a database safety snapshot has no maintenance window
        o.insert(QStringLiteral("maintenanceWindowSeconds"), rp.maintenanceWindowSeconds());
    return o;
}

QString typeChar(repo::TreeEntry::Type t)
{
    return t == repo::TreeEntry::Dir ? QStringLiteral("d") : t == repo::TreeEntry::Symlink ? QStringLiteral("l") : QStringLiteral("-");
}

QString perm(quint32 mode)
{
    QString s;
    for (int i = 8; i >= 0; --i)
        s += (mode & (1u << i)) ? QLatin1Char("rwx"[(8 - i) % 3]) : QLatin1Char('-');
    return s;
}

Result<std::unique_ptr<repo::Catalog>> syncedCatalog(repo::Repository& r)
{
    auto c = repo::Catalog::open(r.id());
    if (!c)
        return c.error();
    NCB_TRY(c.value()->sync(r));
    return c;
}

// Every rp command only reads: it holds the repository shared, so a prune or forget in another process
// waits for it (and it refuses to read while one of those runs).
int lockShared(InstanceCommand& x, std::shared_ptr<repo::RepoLock>& lock)
{
    auto l = x.access.repo->lock(repo::Repository::LockMode::Shared);
    if (!l)
        return fail(l.error());
    lock = std::move(l.value());
    return -1;
}

int runList(const QStringList& args)
{
    InstanceCommand x;
    const QString syn = QStringLiteral("rp list NAME [--all] [--json]");
    if (int rc = prepareInstanceCommand(x, args, syn, QStringLiteral("List the Restoring Points of an instance"), 1, 1, [](QCommandLineParser& p) {
            p.addOption({QStringLiteral("all"), QStringLiteral("Also list the database safety snapshots.")});
        });
        rc >= 0)
        return rc;
    std::shared_ptr<repo::RepoLock> lock;
    if (int rc = lockShared(x, lock); rc >= 0)
        return rc;
    const QString name = x.access.config.name;
    auto rps = RpIndex::list(*x.access.repo, name, true);
    if (!rps)
        return fail(rps.error());
    QList<RpInfo> points, safety;
    for (const auto& r : rps.value())
        (r.isSafety() ? safety : points) << r;
    // Manifests that do not open are listed too (never silently left out), and make the exit code 5.
    const auto damaged = RpIndex::damaged(*x.access.repo);
    const int rc = damaged.isEmpty() ? 0 : int(Error::Corrupt);
    if (x.json) {
        QJsonArray a, s, dm;
        for (const auto& r : points)
            a.append(rpJson(r));
        for (const auto& r : safety)
            s.append(rpJson(r));
        for (const auto& d : damaged)
            dm.append(QJsonObject{{QStringLiteral("id"), d.id}, {QStringLiteral("file"), d.file},
                                  {QStringLiteral("status"), QStringLiteral("damaged")}, {QStringLiteral("message"), d.message}});
        QJsonObject o{{QStringLiteral("instance"), name}, {QStringLiteral("restoringPoints"), a}};
        if (x.p.isSet(QStringLiteral("all")))
            o.insert(QStringLiteral("safetySnapshots"), s);
        if (!damaged.isEmpty())
            o.insert(QStringLiteral("damaged"), dm);
        out() << QJsonDocument(o).toJson(QJsonDocument::Indented) << Qt::flush;
        return rc;
    }
    if (points.isEmpty() && damaged.isEmpty())
        out() << "Instance " << name << " has no Restoring Point yet.\n";
    for (const auto& r : points)
        out() << r.id.left(12) << "  " << r.manifest.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
              << r.kind().leftJustified(11) << "  " << r.manifest.stats.files << " files, " << r.manifest.stats.bytes
              << " bytes, maintenance " << QString::number(r.maintenanceWindowSeconds(), 'f', 1)
              << " s"
              << (r.isIncomplete() ? QStringLiteral("  INCOMPLETE: %1 path(s) not backed up")
                                         .arg(r.incomplete().size())
                                   : QString())
              << "\n";
    for (const auto& d : damaged)
        out() << d.id.left(12) << "  DAMAGED: manifest file " << d.file << " cannot be read\n";
    if (x.p.isSet(QStringLiteral("all")) && !safety.isEmpty()) {
        out() << "\nDatabase safety snapshots (taken before a database restore):\n";
        for (const auto& r : safety)
            out() << r.id.left(12) << "  " << r.manifest.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
                  << r.dbType() << "  " << r.dumpSize() << " bytes\n";
    } else if (!safety.isEmpty()) {
        out() << "(" << safety.size() << " database safety snapshot(s): --all lists them)\n";
    }
    out() << Qt::flush;
    if (!damaged.isEmpty())
        err() << damaged.size() << " Restoring Point(s) of this repository are damaged: run repo check --instance " << name
              << " for details.\n"
              << Qt::flush;
    return rc;
}

int runShow(const QStringList& args)
{
    InstanceCommand x;
    const QString syn = QStringLiteral("rp show NAME RP [--json]");
    if (int rc = prepareInstanceCommand(x, args, syn, QStringLiteral("Show one Restoring Point"), 2, 2); rc >= 0)
        return rc;
    std::shared_ptr<repo::RepoLock> lock;
    if (int rc = lockShared(x, lock); rc >= 0)
        return rc;
    auto rp = RpIndex::resolve(*x.access.repo, x.access.config.name, x.p.positionalArguments().at(1));
    if (!rp)
        return fail(rp.error());
    const auto& m = rp->manifest;
    QJsonObject o = m.extra;
    o.insert(QStringLiteral("id"), rp->id);
    o.insert(QStringLiteral("time"), m.time.toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("parent"), m.parent);
    o.insert(QStringLiteral("files"), m.stats.files);
    o.insert(QStringLiteral("dirs"), m.stats.dirs);
    o.insert(QStringLiteral("bytes"), m.stats.bytes);
    o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(m.warnings));
    o.insert(QStringLiteral("status"), rp->isIncomplete() ? QStringLiteral("incomplete") : QStringLiteral("ok"));
    if (x.json) {
        out() << QJsonDocument(o).toJson(QJsonDocument::Indented) << Qt::flush;
        return 0;
    }
    // A symlinked folder with where it led: what the backup read.
    const auto realTo = [](const QString& path, const QString& real) {
        return real.isEmpty() || real == path ? path : QStringLiteral("%1 \u2192 %2").arg(path, real);
    };
    out() << "Restoring Point " << rp->id << "\n"
          << "  instance     " << x.access.config.name << " on " << rp->host() << "\n"
          << "  time         " << m.time.toLocalTime().toString(Qt::ISODate) << "\n"
          << "  kind         " << rp->kind() << (m.parent.isEmpty() ? QString() : QStringLiteral(" (parent %1)").arg(m.parent.left(12))) << "\n"
          << "  Nextcloud    " << rp->nextcloudVersion() << "\n"
          << "  database     " << rp->dbType() << ", dump " << rp->dbDump() << " (" << rp->dumpSize() << " bytes)\n"
          << "  server root  " << realTo(rp->serverRoot(), rp->serverRootRealPath()) << "\n"
          << "  data dir     " << realTo(rp->dataDirectory(), rp->dataDirectoryRealPath()) << "\n"
          << "  content      " << m.stats.files << " files, " << m.stats.dirs << " folders, " << m.stats.bytes << " bytes\n"
          << "  maintenance  " << QString::number(rp->maintenanceWindowSeconds(), 'f', 2) << " s\n"
          << "  occ calls    " << rp->occCalls() << "\n";
    // The phases in the order they ran (the DB dump and the delta pass happen inside the window).
    QJsonObject ph = rp->phases();
    const QList<QPair<QString, QString>> order = {{QStringLiteral("scan"), QStringLiteral("scan")},
                                                  {QStringLiteral("files"), QStringLiteral("files pass")},
                                                  {QStringLiteral("maintenanceWindow"), QStringLiteral("maintenance window")},
                                                  {QStringLiteral("dbDump"), QStringLiteral("  DB dump")},
                                                  {QStringLiteral("delta"), QStringLiteral("  delta pass")},
                                                  {QStringLiteral("manifest"), QStringLiteral("manifest")}};
    auto phaseLine = [&](const QString& label, const QJsonValue& v) {
        out() << "  phase " << label.leftJustified(20) << " " << QString::number(v.toDouble(), 'f', 2) << " s\n";
    };
    for (const auto& [key, label] : order)
        if (ph.contains(key))
            phaseLine(label, ph.take(key));
    for (auto it = ph.begin(); it != ph.end(); ++it)
        phaseLine(it.key(), it.value());
    const auto incomplete = rp->incomplete();
    out() << "  state        "
          << (incomplete.isEmpty() ? QStringLiteral("complete")
                                   : QStringLiteral("INCOMPLETE: %1 path(s) on the server could not be read and are not in it")
                                         .arg(incomplete.size()))
          << "\n";
    for (const auto& s : incomplete)
        out() << "  not backed up " << s.path << " (" << s.reason << ")\n";
    for (const auto& s : rp->skipped())
        if (!backup::leavesIncomplete(s.reason))
            out() << "  skipped      " << s.path << " (" << s.reason << ")\n";
    for (const QString& w : m.warnings)
        out() << "  warning      " << w << "\n";
    out() << Qt::flush;
    return 0;
}

int runLs(const QStringList& args)
{
    InstanceCommand x;
    const QString syn = QStringLiteral("rp ls NAME RP [PATH] [--json]");
    if (int rc = prepareInstanceCommand(x, args, syn, QStringLiteral("List a folder of a Restoring Point"), 2, 3); rc >= 0)
        return rc;
    std::shared_ptr<repo::RepoLock> lock;
    if (int rc = lockShared(x, lock); rc >= 0)
        return rc;
    auto rp = RpIndex::resolve(*x.access.repo, x.access.config.name, x.p.positionalArguments().at(1));
    if (!rp)
        return fail(rp.error());
    const QByteArray folder = x.p.positionalArguments().size() > 2 ? repo::normaliseRpPath(x.p.positionalArguments().at(2)) : QByteArray();
    auto cat = syncedCatalog(*x.access.repo);
    if (!cat)
        return fail(cat.error());
    auto items = cat.value()->list(rp->id, folder);
    if (!items && items.error().code == Error::NotFound) // said in this command's words, not the snapshot layer's
        return fail(Error::make(Error::NotFound, QStringLiteral("The folder %1 is not in Restoring Point %2 of %3.")
                                                     .arg(QString::fromUtf8(folder), rp->id.left(12), x.access.config.name)));
    if (!items)
        return fail(items.error());
    if (x.json) {
        QJsonArray a;
        for (const auto& e : items.value())
            a.append(QJsonObject{{QStringLiteral("name"), QString::fromUtf8(e.name)},
                                 {QStringLiteral("path"), QString::fromUtf8(e.path)},
                                 {QStringLiteral("type"), e.type == repo::TreeEntry::Dir ? QStringLiteral("dir")
                                                          : e.type == repo::TreeEntry::Symlink ? QStringLiteral("symlink")
                                                                                              : QStringLiteral("file")},
                                 {QStringLiteral("size"), e.size},
                                 {QStringLiteral("mtime"), QDateTime::fromMSecsSinceEpoch(e.mtimeNs / 1000000, Qt::UTC).toString(Qt::ISODateWithMs)},
                                 {QStringLiteral("mode"), qint64(e.mode)},
                                 {QStringLiteral("owner"), QString::fromUtf8(e.owner)},
                                 {QStringLiteral("group"), QString::fromUtf8(e.group)}});
        out() << QJsonDocument(a).toJson(QJsonDocument::Indented) << Qt::flush;
        return 0;
    }
    for (const auto& e : items.value())
        out() << typeChar(e.type) << perm(e.mode) << ' ' << QString::fromUtf8(e.owner).leftJustified(9) << ' '
              << QString::number(e.size).rightJustified(10) << ' '
              << QDateTime::fromMSecsSinceEpoch(e.mtimeNs / 1000000).toString(QStringLiteral("yyyy-MM-dd HH:mm")) << ' '
              << QString::fromUtf8(e.path) << (e.type == repo::TreeEntry::Dir ? QStringLiteral("/") : QString()) << '\n';
    out() << Qt::flush;
    return 0;
}

int runDiff(const QStringList& args)
{
    InstanceCommand x;
    const QString syn = QStringLiteral("rp diff NAME RP1 RP2 [--json]");
    if (int rc = prepareInstanceCommand(x, args, syn, QStringLiteral("What changed between two Restoring Points"), 3, 3); rc >= 0)
        return rc;
    std::shared_ptr<repo::RepoLock> lock;
    if (int rc = lockShared(x, lock); rc >= 0)
        return rc;
    repo::Repository& r = *x.access.repo;
    auto a = RpIndex::resolve(r, x.access.config.name, x.p.positionalArguments().at(1));
    if (!a)
        return fail(a.error());
    auto b = RpIndex::resolve(r, x.access.config.name, x.p.positionalArguments().at(2));
    if (!b)
        return fail(b.error());
    auto fetch = [&r](const repo::BlobId& id) { return r.getBlob(id); };
    repo::TreeReader ta(a->manifest.treeBlobs, fetch), tb(b->manifest.treeBlobs, fetch);
    QJsonArray items;
    qint64 added = 0, removed = 0, modified = 0;
    auto st = repo::diffTrees(ta, tb, [&](const repo::DiffItem& d) {
        const char* c = d.change == repo::DiffItem::Added ? "+" : d.change == repo::DiffItem::Removed ? "-" : "M";
        (d.change == repo::DiffItem::Added ? added : d.change == repo::DiffItem::Removed ? removed : modified)++;
        if (x.json)
            items.append(QJsonObject{{QStringLiteral("change"), d.change == repo::DiffItem::Added ? QStringLiteral("added")
                                                                : d.change == repo::DiffItem::Removed ? QStringLiteral("removed")
                                                                                                      : QStringLiteral("modified")},
                                     {QStringLiteral("path"), QString::fromUtf8(d.path)},
                                     {QStringLiteral("type"), typeChar(d.type)},
                                     {QStringLiteral("oldSize"), qint64(d.oldSize)},
                                     {QStringLiteral("newSize"), qint64(d.newSize)}});
        else
            out() << c << ' ' << QString::fromUtf8(d.path) << (d.type == repo::TreeEntry::Dir ? "/" : "") << '\n';
    });
    if (!st)
        return fail(st.error());
    if (x.json)
        out() << QJsonDocument(QJsonObject{{QStringLiteral("from"), a->id}, {QStringLiteral("to"), b->id}, {QStringLiteral("changes"), items}})
                     .toJson(QJsonDocument::Indented);
    else
        out() << added << " added, " << removed << " removed, " << modified << " modified.\n";
    out() << Qt::flush;
    return 0;
}

int runHistory(const QStringList& args)
{
    InstanceCommand x;
    const QString syn = QStringLiteral("rp history NAME PATH [--json]");
    if (int rc = prepareInstanceCommand(x, args, syn, QStringLiteral("Every version of a file across Restoring Points"), 2, 2); rc >= 0)
        return rc;
    std::shared_ptr<repo::RepoLock> lock;
    if (int rc = lockShared(x, lock); rc >= 0)
        return rc;
    auto rps = RpIndex::list(*x.access.repo, x.access.config.name, false);
    if (!rps)
        return fail(rps.error());
    QSet<QString> mine;
    for (const auto& r : rps.value())
        mine.insert(r.id);
    auto cat = syncedCatalog(*x.access.repo);
    if (!cat)
        return fail(cat.error());
    const QByteArray path = repo::normaliseRpPath(x.p.positionalArguments().at(1));
    auto h = cat.value()->history(path);
    if (!h && h.error().code == Error::NotFound)
        return fail(Error::make(Error::NotFound, QStringLiteral("%1 is in no Restoring Point of %2.")
                                                     .arg(QString::fromUtf8(path), x.access.config.name)));
    if (!h)
        return fail(h.error());
    QJsonArray a;
    int n = 0;
    for (const auto& item : h.value()) {
        if (!mine.contains(item.snapshotId))
            continue;
        ++n;
        if (x.json)
            a.append(QJsonObject{{QStringLiteral("rp"), item.snapshotId},
                                 {QStringLiteral("time"), item.time.toString(Qt::ISODateWithMs)},
                                 {QStringLiteral("size"), item.entry.size},
                                 {QStringLiteral("mtime"), QDateTime::fromMSecsSinceEpoch(item.entry.mtimeNs / 1000000, Qt::UTC).toString(Qt::ISODateWithMs)},
                                 {QStringLiteral("contentHash"), QString::fromLatin1(item.entry.contentHash.toHex())}});
        else
            out() << item.snapshotId.left(12) << "  " << item.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
                  << QString::number(item.entry.size).rightJustified(10) << "  modified "
                  << QDateTime::fromMSecsSinceEpoch(item.entry.mtimeNs / 1000000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << '\n';
    }
    if (x.json) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("path"), QString::fromUtf8(path)}, {QStringLiteral("versions"), a}})
                     .toJson(QJsonDocument::Indented)
              << Qt::flush;
        return 0;
    }
    if (n == 0) {
        out() << Qt::flush;
        return fail(Error::make(Error::NotFound, QStringLiteral("%1 is in no Restoring Point of %2.")
                                                     .arg(QString::fromUtf8(path), x.access.config.name)));
    }
    out() << Qt::flush;
    return 0;
}

RegisterCommand c1({QStringLiteral("rp"), QStringLiteral("list")}, QStringLiteral("rp list NAME [--all] [--json]"),
                   QStringLiteral("List the Restoring Points of an instance"), runList);
RegisterCommand c2({QStringLiteral("rp"), QStringLiteral("show")}, QStringLiteral("rp show NAME RP [--json]"),
                   QStringLiteral("Show one Restoring Point"), runShow);
RegisterCommand c3({QStringLiteral("rp"), QStringLiteral("ls")}, QStringLiteral("rp ls NAME RP [PATH] [--json]"),
                   QStringLiteral("List a folder of a Restoring Point"), runLs);
RegisterCommand c4({QStringLiteral("rp"), QStringLiteral("diff")}, QStringLiteral("rp diff NAME RP1 RP2 [--json]"),
                   QStringLiteral("What changed between two Restoring Points"), runDiff);
RegisterCommand c5({QStringLiteral("rp"), QStringLiteral("history")}, QStringLiteral("rp history NAME PATH [--json]"),
                   QStringLiteral("Every version of a file across Restoring Points"), runHistory);

} // namespace
} // namespace ncb::cli
