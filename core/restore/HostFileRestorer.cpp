#include "HostFileRestorer.h"

#include "host/TarStreamWriter.h"
#include "restore/RestoreTargets.h"

#include <QDir>
#include <QHash>
#include <QSet>

namespace ncb::restore {

namespace {

host::TarEntry tarEntry(const repo::TreeEntry& e, const QByteArray& path)
{
    host::TarEntry t;
    t.path = path;
    t.type = e.type == repo::TreeEntry::Dir       ? host::TarEntry::Dir
             : e.type == repo::TreeEntry::Symlink ? host::TarEntry::Symlink
                                                  : host::TarEntry::File;
    t.size = e.type == repo::TreeEntry::File ? e.size : 0;
    t.mtimeNs = e.mtimeNs;
    t.mode = e.mode;
    t.uid = e.uid;
    t.gid = e.gid;
    t.owner = QString::fromUtf8(e.owner);
    t.group = QString::fromUtf8(e.group);
    t.linkTarget = e.linkTarget;
    return t;
}

QByteArray parentOf(const QByteArray& p)
{
    const int i = p.lastIndexOf('/');
    return i < 0 ? QByteArray() : p.left(i);
}

bool under(const QByteArray& path, const QByteArray& prefix)
{
    return path == prefix || (path.startsWith(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

} // namespace

HostFileRestorer::HostFileRestorer(backup::InstanceContext& ctx, RpContent& rp) : m_ctx(ctx), m_rp(rp) {}

QString HostFileRestorer::scanPathFor(const QByteArray& rpPath)
{
    const QList<QByteArray> parts = rpPath.split('/');
    if (parts.size() < 3 || parts[0] != "data" || parts[2] != "files")
        return {};
    return QStringLiteral("/") + QString::fromUtf8(rpPath.mid(5));
}

Result<FileRestoreReport> HostFileRestorer::run(const FileRestoreOptions& o)
{
    if (o.paths.isEmpty())
        return Error::make(Error::Usage, QStringLiteral("Name at least one path of the Restoring Point to restore."));
    for (const QByteArray& p : o.paths)
        if (!p.startsWith("data/") && !p.startsWith("root/") && p != "data" && p != "root")
            return Error::make(Error::Usage, QStringLiteral("%1 cannot be restored onto the host: only paths under data/ and root/ can "
                                                            "(the database is restored with `restore db`).")
                                                 .arg(QString::fromUtf8(p)));
    const QString target = o.target.isEmpty() ? QString() : QDir::cleanPath(o.target);
    if (!target.isEmpty() && !target.startsWith(QLatin1Char('/')))
        return Error::make(Error::Usage, QStringLiteral("The target %1 must be an absolute path on the host.").arg(o.target));
    Placement pl;
    pl.folder = target.toUtf8();
    const QByteArray dataDir = m_ctx.dataDirectory().toUtf8();
    pl.dataDir = dataDir;
    pl.rootDir = m_ctx.serverRoot().toUtf8();
    HostRestoreTarget host(m_ctx.host());
    FileRestoreReport rep;
    auto plan = planRestore(m_rp, host, pl, o, &rep);
    if (!plan)
        return plan.error();

    // Which user folders Nextcloud rescans: those something was written into.
    QStringList scans;
    if (!target.isEmpty()) {
        // A target inside a user's files (DATADIR/<uid>/files/...): scan that folder.
        bool wrote = false;
        for (const PlanItem& it : plan->items)
            wrote = wrote || it.writes();
        const QByteArray t = pl.folder;
        if (wrote && t.startsWith(dataDir + '/')) {
            const QString s = scanPathFor("data/" + t.mid(dataDir.size() + 1));
            if (!s.isEmpty())
                scans << s;
        }
    } else {
        for (const QByteArray& req : o.paths) {
            bool wrote = false;
            QByteArray p = req;
            for (const PlanItem& it : plan->items) {
                wrote = wrote || (it.writes() && under(it.entry.path, req));
                if (it.entry.path == req && it.entry.type != repo::TreeEntry::Dir)
                    p = parentOf(req); // files:scan works on folders
            }
            if (!wrote)
                continue;
            QString s = scanPathFor(p);
            if (s.isEmpty() && p.startsWith("data/") && p.count('/') == 1)
                s = QStringLiteral("/") + QString::fromUtf8(p.mid(5)) + QStringLiteral("/files");
            if (!s.isEmpty() && !scans.contains(s))
                scans << s;
        }
    }
    if (o.dryRun) {
        rep.scannedPaths = scans;
        return rep;
    }

    // One tar stream per host folder.
    QList<QByteArray> bases;
    for (const PlanItem& it : plan->items)
        if (it.writes() && !bases.contains(it.base))
            bases << it.base;
    qint64 done = 0, bytes = 0;
    for (const QByteArray& base : bases) {
        host::TarStreamWriter w(m_ctx.host());
        NCB_TRY(w.open(base));
        for (const PlanItem& item : plan->items) {
            if (item.base != base || !item.writes())
                continue;
            NCB_TRY(w.add(tarEntry(item.entry, item.rel)));
            if (item.entry.type != repo::TreeEntry::File)
                continue;
            NCB_TRY(m_rp.readFile(item.entry, [&](const char* d, qint64 n) -> Status {
                bytes += n;
                return w.write(d, n);
            }));
            ++done;
            if (o.progress) {
                Progress p;
                p.phase = QStringLiteral("restore");
                p.filesDone = done;
                p.bytesDone = bytes;
                p.bytesTotal = rep.bytes;
                p.current = QString::fromUtf8(item.entry.path);
                o.progress(p);
            }
        }
        auto closed = w.close();
        if (!closed)
            return closed.error();
    }

    // Tell Nextcloud about the files it got back.
    for (const QString& s : scans) {
        auto r = m_ctx.occChecked({QStringLiteral("files:scan"), QStringLiteral("--path=") + s});
        if (!r)
            return Error::make(r.error().code, QStringLiteral("The files were restored, but Nextcloud could not rescan them: %1")
                                                   .arg(r.error().message));
        rep.scannedPaths << s;
    }
    return rep;
}

} // namespace ncb::restore
