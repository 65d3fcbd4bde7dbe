#include "HostFileRestorer.h"

#include "host/TarStreamWriter.h"

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

// Which of `paths` (relative to base) pass the shell test `test` on $p, in one round trip over the
// NUL-separated list. A base that does not exist holds none of them.
Result<QSet<QByteArray>> pathsOnHost(host::Host& host, const QByteArray& base, const QList<QByteArray>& paths, const char* test,
                                     const QString& what)
{
    QSet<QByteArray> found;
    if (paths.isEmpty())
        return found;
    host::ExecOptions eo;
    for (const QByteArray& p : paths)
        eo.stdinData += p + '\0';
    auto r = host.exec(QStringLiteral("cd %1 2>/dev/null || exit 0; xargs -0 -r sh -c 'for p; do if %2; "
                                      "then printf \"%s\\0\" \"$p\"; fi; done' sh")
                           .arg(host::Host::quote(QString::fromUtf8(base)), QString::fromLatin1(test)),
                       eo);
    if (!r)
        return r.error();
    if (r->exitCode != 0)
        return Error::make(Error::Remote, QStringLiteral("Cannot check %1 on %2: %3")
                                              .arg(what, host.displayName(), QString::fromUtf8(r->err.trimmed().left(300))));
    for (const QByteArray& p : r->out.split('\0'))
        if (!p.isEmpty())
            found.insert(p);
    return found;
}

} // namespace

HostFileRestorer::HostFileRestorer(backup::InstanceContext& ctx, RpContent& rp) : m_ctx(ctx), m_rp(rp) {}

QByteArray HostFileRestorer::keepBothName(const QByteArray& name, const QDate& date)
{
    const QByteArray tag = " (restored " + date.toString(Qt::ISODate).toLatin1() + ")";
    const int dot = name.lastIndexOf('.');
    if (dot <= 0)
        return name + tag;
    return name.left(dot) + tag + name.mid(dot);
}

QString HostFileRestorer::scanPathFor(const QByteArray& rpPath)
{
    const QList<QByteArray> parts = rpPath.split('/');
    if (parts.size() < 3 || parts[0] != "data" || parts[2] != "files")
        return {};
    return QStringLiteral("/") + QString::fromUtf8(rpPath.mid(5));
}

Result<HostFileRestoreReport> HostFileRestorer::run(const HostFileRestoreOptions& o)
{
    HostFileRestoreReport rep;
    const QDate today = o.today.isValid() ? o.today : QDate::currentDate();
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
    auto entries = m_rp.entriesUnder(o.paths); // refuses hostile paths before anything is written
    if (!entries)
        return entries.error();

    // Where each entry goes: (host base folder, path relative to it).
    struct Item
    {
        const repo::TreeEntry* e;
        QByteArray base;
        QByteArray rel;
    };
    QList<Item> items;
    const QByteArray dataDir = m_ctx.dataDirectory().toUtf8();
    const QByteArray root = m_ctx.serverRoot().toUtf8();
    for (const auto& e : entries.value()) {
        if (e.path == "data" || e.path == "root")
            continue; // the top folders themselves keep their host attributes
        // The requested path this entry belongs to (the longest match).
        QByteArray req;
        for (const QByteArray& p : o.paths)
            if ((e.path == p || e.path.startsWith(p + '/')) && p.size() > req.size())
                req = p;
        Item it{&e, {}, {}};
        if (!target.isEmpty()) {
            it.base = target.toUtf8();
            const QByteArray parent = parentOf(req);
            it.rel = e.path.mid(parent.size() + 1);
        } else {
            const bool isData = e.path.startsWith("data/");
            it.base = isData ? dataDir : root;
            it.rel = e.path.mid(5);
        }
        items << it;
    }

    // Which files exist already: one round trip over the NUL-separated list.
    QHash<QByteArray, QList<qsizetype>> byBase;
    for (qsizetype i = 0; i < items.size(); ++i)
        byBase[items[i].base] << i;
    QSet<qsizetype> existing;
    for (auto it = byBase.begin(); it != byBase.end(); ++it) {
        // tar -x follows a symlink standing where a parent folder should be, so a restore through one
        // could write outside the target: refuse it before anything is written.
        QSet<QByteArray> parents;
        for (qsizetype i : it.value())
            for (QByteArray p = parentOf(items[i].rel); !p.isEmpty() && !parents.contains(p); p = parentOf(p))
                parents.insert(p);
        QList<QByteArray> dirs(parents.begin(), parents.end());
        auto links = pathsOnHost(m_ctx.host(), it.key(), dirs, "[ -L \"$p\" ]", QStringLiteral("the folders to restore into"));
        if (!links)
            return links.error();
        if (!links->isEmpty())
            return Error::make(Error::Unsafe, QStringLiteral("%1 on %2 is a symbolic link where the Restoring Point has a folder; "
                                                             "restoring through it could write outside %3. Nothing was restored.")
                                                  .arg(QString::fromUtf8(it.key() + '/' + *links->begin()), m_ctx.host().displayName(),
                                                       QString::fromUtf8(it.key())));
        QList<QByteArray> files;
        for (qsizetype i : it.value())
            if (items[i].e->type != repo::TreeEntry::Dir)
                files << items[i].rel;
        auto there = pathsOnHost(m_ctx.host(), it.key(), files, "[ -e \"$p\" ] || [ -L \"$p\" ]",
                                 QStringLiteral("for existing files"));
        if (!there)
            return there.error();
        for (qsizetype i : it.value())
            if (there->contains(items[i].rel))
                existing.insert(i);
    }

    // Resolve conflicts before writing anything.
    QSet<qsizetype> skip;
    for (qsizetype i : existing) {
        Conflict c = o.conflict;
        const QString hostPath = QString::fromUtf8(items[i].base + '/' + items[i].rel);
        if (c == Conflict::Ask) {
            c = o.ask ? o.ask(hostPath) : Conflict::Ask;
            if (c == Conflict::Ask)
                return Error::make(Error::Usage, QStringLiteral("%1 already exists; choose --overwrite, --skip-existing or --keep-both.")
                                                     .arg(hostPath));
        }
        if (c == Conflict::Skip) {
            skip.insert(i);
            rep.skipped << hostPath;
        } else if (c == Conflict::KeepBoth) {
            const QByteArray parent = parentOf(items[i].rel);
            const QByteArray name = items[i].rel.mid(parent.isEmpty() ? 0 : parent.size() + 1);
            items[i].rel = (parent.isEmpty() ? QByteArray() : parent + '/') + keepBothName(name, today);
            rep.renamed << QString::fromUtf8(items[i].base + '/' + items[i].rel);
        }
    }

    // One tar stream per host folder.
    qint64 total = 0;
    for (const Item& it : items)
        total += it.e->type == repo::TreeEntry::File ? it.e->size : 0;
    for (auto it = byBase.begin(); it != byBase.end(); ++it) {
        host::TarStreamWriter w(m_ctx.host());
        NCB_TRY(w.open(it.key()));
        for (qsizetype i : it.value()) {
            if (skip.contains(i))
                continue;
            const Item& item = items[i];
            NCB_TRY(w.add(tarEntry(*item.e, item.rel)));
            if (item.e->type == repo::TreeEntry::File) {
                NCB_TRY(m_rp.readFile(*item.e, [&](const char* d, qint64 n) -> Status {
                    rep.bytes += n;
                    return w.write(d, n);
                }));
                ++rep.files;
                if (o.progress) {
                    Progress p;
                    p.phase = QStringLiteral("restore");
                    p.filesDone = rep.files;
                    p.bytesDone = rep.bytes;
                    p.bytesTotal = total;
                    p.current = QString::fromUtf8(item.e->path);
                    o.progress(p);
                }
            } else if (item.e->type == repo::TreeEntry::Dir) {
                ++rep.dirs;
            }
        }
        auto done = w.close();
        if (!done)
            return done.error();
    }

    // Tell Nextcloud about the files it got back.
    QStringList scans;
    if (!o.target.isEmpty()) {
        // A target inside a user's files (DATADIR/<uid>/files/...): scan that folder.
        const QByteArray t = target.toUtf8();
        if (t.startsWith(dataDir + '/')) {
            const QString s = scanPathFor("data/" + t.mid(dataDir.size() + 1));
            if (!s.isEmpty())
                scans << s;
        }
    } else {
        for (QByteArray p : o.paths) {
            for (const auto& e : entries.value())
                if (e.path == p && e.type != repo::TreeEntry::Dir)
                    p = parentOf(p); // files:scan works on folders
            QString s = scanPathFor(p);
            if (s.isEmpty() && p.startsWith("data/") && p.count('/') == 1)
                s = QStringLiteral("/") + QString::fromUtf8(p.mid(5)) + QStringLiteral("/files");
            if (!s.isEmpty() && !scans.contains(s))
                scans << s;
        }
    }
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
