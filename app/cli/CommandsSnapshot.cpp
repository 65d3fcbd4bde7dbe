// "snapshot ..." and "repo prune": create, list, ls, diff, history, restore, forget, check of snapshots.
// Handlers parse options, call one core class, print text or --json.
#include "Command.h"
#include "ProgressPrinter.h"
#include "RepoAccess.h"
#include "repository/Catalog.h"
#include "repository/SafePath.h"
#include "repository/SnapshotChecker.h"
#include "repository/SnapshotCreator.h"
#include "repository/SnapshotDiff.h"
#include "repository/SnapshotManifest.h"
#include "repository/SnapshotPruner.h"
#include "repository/SnapshotRestorer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace ncb::cli {

using namespace ncb::repo;

namespace {

const QCommandLineOption kJson(QStringLiteral("json"), QStringLiteral("Print JSON (progress as JSON lines on stderr)."));

void printJson(const QJsonValue& v)
{
    out() << (v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject())).toJson(QJsonDocument::Compact)
          << Qt::endl;
}

QString typeName(TreeEntry::Type t)
{
    return t == TreeEntry::Dir ? QStringLiteral("dir") : t == TreeEntry::Symlink ? QStringLiteral("symlink") : QStringLiteral("file");
}

QString modeString(TreeEntry::Type t, quint32 mode)
{
    QString s(t == TreeEntry::Dir ? u'd' : t == TreeEntry::Symlink ? u'l' : u'-');
    const char* rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; ++i)
        s += (mode & (0400 >> i)) ? QLatin1Char(rwx[i]) : QLatin1Char('-');
    return s;
}

// Parses, opens and unlocks. Returns -1 to go on, else the exit code.
int prepare(QCommandLineParser& p, const QStringList& args, const QString& synopsis, const QString& summary,
            std::unique_ptr<Repository>& repo, std::shared_ptr<RepoLock>& lock, Repository::LockMode mode)
{
    addRepoOptions(p);
    if (int rc = parseOrExit(p, args, synopsis, summary); rc >= 0)
        return rc;
    auto o = repoOptions(p);
    if (!o)
        return fail(o.error());
    auto r = openAndUnlock(*o);
    if (!r)
        return fail(r.error());
    repo = std::move(r.value());
    auto l = repo->lock(mode);
    if (!l)
        return fail(l.error());
    lock = l.value();
    return -1;
}

Result<SnapshotManifest> loadManifest(const Repository& repo, const QString& id)
{
    auto plain = repo.readManifest(id);
    if (!plain)
        return plain.error();
    return parseManifest(plain.value());
}

Result<std::unique_ptr<Catalog>> syncedCatalog(const Repository& repo, bool json)
{
    auto c = Catalog::open(repo.id());
    if (!c)
        return c.error();
    ProgressPrinter pp(json);
    NCB_TRY(c.value()->sync(repo, pp.callback()));
    return std::move(c.value());
}

// A user-typed path inside a snapshot: "a/b/", "/a/b" and "a/b" are the same; ".." is refused.
Result<QByteArray> snapshotPath(const QString& in)
{
    return repo::checkedRpPath(in);
}

QJsonObject entryJson(const CatalogEntry& e)
{
    return QJsonObject{{QStringLiteral("name"), QString::fromUtf8(e.name)},
                       {QStringLiteral("path"), QString::fromUtf8(e.path)},
                       {QStringLiteral("type"), typeName(e.type)},
                       {QStringLiteral("size"), e.size},
                       {QStringLiteral("mtime"), QDateTime::fromMSecsSinceEpoch(e.mtimeNs / 1000000, Qt::UTC).toString(Qt::ISODate)},
                       {QStringLiteral("mode"), QString::number(e.mode, 8)},
                       {QStringLiteral("uid"), qint64(e.uid)},
                       {QStringLiteral("gid"), qint64(e.gid)},
                       {QStringLiteral("owner"), QString::fromUtf8(e.owner)},
                       {QStringLiteral("group"), QString::fromUtf8(e.group)},
                       {QStringLiteral("content"), QString::fromLatin1(e.contentHash.toHex())}};
}

int runCreate(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(kJson);
    p.addOption({QStringLiteral("full"), QStringLiteral("Read every file again instead of reusing the parent snapshot.")});
    p.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("The folder to snapshot."));
    std::unique_ptr<Repository> repo;
    std::shared_ptr<RepoLock> lock;
    const QString syn = QStringLiteral("snapshot create --repo PATH DIR [--full] [--json]");
    if (int rc = prepare(p, args, syn, QStringLiteral("Create a snapshot of a folder"), repo, lock, Repository::LockMode::Append); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("snapshot create needs exactly one folder (see: ncbackup-cli snapshot create --help)"));
    const bool json = p.isSet(kJson);
    SnapshotCreateOptions o;
    o.sourceDir = p.positionalArguments().first();
    o.full = p.isSet(QStringLiteral("full"));
    ProgressPrinter pp(json);
    o.progress = pp.callback();
    auto r = SnapshotCreator(*repo).run(o);
    if (!r)
        return fail(r.error());
    const SnapshotManifest& m = r->manifest;
    if (json) {
        QJsonObject o2 = QJsonDocument::fromJson(m.toJson()).object();
        o2.insert(QStringLiteral("id"), r->snapshotId);
        printJson(o2);
    } else {
        out() << "snapshot " << r->snapshotId.left(8) << " saved (" << (m.kind == SnapshotManifest::Full ? "full" : "incremental")
              << "): " << m.stats.files << " files, " << m.stats.dirs << " folders, " << m.stats.bytes << " bytes; read "
              << m.stats.bytesRead << ", new " << m.stats.newBytes << " bytes in " << m.stats.newBlobs << " blobs, "
              << QString::number(m.stats.durationSeconds, 'f', 1) << " s\n";
        for (const QString& w : m.warnings)
            out() << "warning: " << w << "\n";
        for (const SkippedPath& s : m.skipped)
            out() << "skipped: " << QString::fromUtf8(s.path) << " (" << s.reason << ")\n";
        out().flush();
    }
    return 0;
}

int runList(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(kJson);
    std::unique_ptr<Repository> repo;
    std::shared_ptr<RepoLock> lock;
    if (int rc = prepare(p, args, QStringLiteral("snapshot list --repo PATH [--json]"), QStringLiteral("List snapshots"), repo, lock,
                         Repository::LockMode::Shared);
        rc >= 0)
        return rc;
    auto list = repo->listSnapshots();
    if (!list)
        return fail(list.error());
    QJsonArray arr;
    for (const SnapshotRef& ref : list.value()) {
        auto m = loadManifest(*repo, ref.id);
        if (!m)
            return fail(m.error());
        if (p.isSet(kJson)) {
            QJsonObject o = QJsonDocument::fromJson(m->toJson()).object();
            o.remove(QStringLiteral("tree"));
            o.insert(QStringLiteral("id"), ref.id);
            o.insert(QStringLiteral("short_id"), ref.id.left(8));
            arr.append(o);
        } else {
            out() << ref.id.left(8) << "  " << m->time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
                  << m->hostname << "  " << (m->kind == SnapshotManifest::Full ? "full       " : "incremental") << "  "
                  << m->stats.files << " files  " << m->stats.bytes << " bytes  " << m->sourcePaths.join(QStringLiteral(", ")) << "\n";
        }
    }
    if (p.isSet(kJson))
        printJson(arr);
    out().flush();
    return 0;
}

int runLs(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(kJson);
    p.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Snapshot id, unique prefix or latest."));
    p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Folder inside the snapshot (default: top)."));
    std::unique_ptr<Repository> repo;
    std::shared_ptr<RepoLock> lock;
    if (int rc = prepare(p, args, QStringLiteral("snapshot ls --repo PATH ID [PATH] [--json]"),
                         QStringLiteral("List a folder of a snapshot"), repo, lock, Repository::LockMode::Shared);
        rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty() || pos.size() > 2)
        return usage(QStringLiteral("snapshot ls needs a snapshot id and at most one path"));
    auto id = repo->resolveSnapshotId(pos[0]);
    if (!id)
        return fail(id.error());
    auto path = snapshotPath(pos.value(1));
    if (!path)
        return fail(path.error());
    auto cat = syncedCatalog(*repo, p.isSet(kJson));
    if (!cat)
        return fail(cat.error());
    auto entries = cat.value()->list(id.value(), path.value());
    if (!entries)
        return fail(entries.error());
    QJsonArray arr;
    for (const CatalogEntry& e : entries.value()) {
        if (p.isSet(kJson))
            arr.append(entryJson(e));
        else
            out() << modeString(e.type, e.mode) << " " << QString::fromUtf8(e.owner).leftJustified(8) << " "
                  << QString::number(e.size).rightJustified(12) << " "
                  << QDateTime::fromMSecsSinceEpoch(e.mtimeNs / 1000000).toString(QStringLiteral("yyyy-MM-dd HH:mm")) << " "
                  << QString::fromUtf8(e.name) << (e.type == TreeEntry::Dir ? "/" : "") << "\n";
    }
    if (p.isSet(kJson))
        printJson(arr);
    out().flush();
    return 0;
}

int runDiff(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(kJson);
    p.addPositionalArgument(QStringLiteral("ID1"), QStringLiteral("Older snapshot."));
    p.addPositionalArgument(QStringLiteral("ID2"), QStringLiteral("Newer snapshot."));
    std::unique_ptr<Repository> repo;
    std::shared_ptr<RepoLock> lock;
    if (int rc = prepare(p, args, QStringLiteral("snapshot diff --repo PATH ID1 ID2 [--json]"),
                         QStringLiteral("Show what changed between two snapshots"), repo, lock, Repository::LockMode::Shared);
        rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return usage(QStringLiteral("snapshot diff needs two snapshot ids"));
    QList<BlobId> trees[2];
    for (int i = 0; i < 2; ++i) {
        auto id = repo->resolveSnapshotId(pos[i]);
        if (!id)
            return fail(id.error());
        auto m = loadManifest(*repo, id.value());
        if (!m)
            return fail(m.error());
        trees[i] = m->treeBlobs;
    }
    Repository* r = repo.get();
    TreeReader a(trees[0], [r](const BlobId& b) { return r->getBlob(b); });
    TreeReader b(trees[1], [r](const BlobId& x) { return r->getBlob(x); });
    QJsonArray arr;
    qint64 counts[3] = {0, 0, 0};
    const char* names[3] = {"added", "removed", "modified"};
    const char signs[3] = {'+', '-', 'M'};
    Status st = diffTrees(a, b, [&](const DiffItem& d) {
        ++counts[d.change];
        if (p.isSet(kJson))
            arr.append(QJsonObject{{QStringLiteral("change"), QLatin1String(names[d.change])},
                                   {QStringLiteral("path"), QString::fromUtf8(d.path)},
                                   {QStringLiteral("type"), typeName(d.type)},
                                   {QStringLiteral("old_size"), qint64(d.oldSize)},
                                   {QStringLiteral("new_size"), qint64(d.newSize)}});
        else
            out() << signs[d.change] << "  " << QString::fromUtf8(d.path) << (d.type == TreeEntry::Dir ? "/" : "")
                  << (d.change == DiffItem::Modified ? QStringLiteral("  (%1 -> %2 bytes)").arg(d.oldSize).arg(d.newSize)
                      : d.type == TreeEntry::File ? QStringLiteral("  (%1 bytes)").arg(d.change == DiffItem::Added ? d.newSize : d.oldSize)
                                                  : QString())
                  << "\n";
    });
    if (!st)
        return fail(st.error());
    if (p.isSet(kJson))
        printJson(arr);
    else
        out() << counts[0] << " added, " << counts[1] << " removed, " << counts[2] << " modified\n";
    out().flush();
    return 0;
}

int runHistory(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(kJson);
    p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Path inside the snapshots."));
    std::unique_ptr<Repository> repo;
    std::shared_ptr<RepoLock> lock;
    if (int rc = prepare(p, args, QStringLiteral("snapshot history --repo PATH PATH [--json]"),
                         QStringLiteral("Show the versions of a path across snapshots"), repo, lock, Repository::LockMode::Shared);
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("snapshot history needs exactly one path"));
    auto path = snapshotPath(p.positionalArguments().first());
    if (!path)
        return fail(path.error());
    if (path->isEmpty())
        return usage(QStringLiteral("snapshot history needs a path inside the snapshots"));
    auto cat = syncedCatalog(*repo, p.isSet(kJson));
    if (!cat)
        return fail(cat.error());
    auto h = cat.value()->history(path.value());
    if (!h)
        return fail(h.error());
    QJsonArray arr;
    for (const CatalogHistoryItem& it : h.value()) {
        if (p.isSet(kJson)) {
            QJsonObject o = entryJson(it.entry);
            o.insert(QStringLiteral("snapshot"), it.snapshotId);
            o.insert(QStringLiteral("time"), it.time.toString(Qt::ISODate));
            arr.append(o);
        } else {
            out() << it.snapshotId.left(8) << "  " << it.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  "
                  << typeName(it.entry.type) << "  " << it.entry.size << " bytes  "
                  << QDateTime::fromMSecsSinceEpoch(it.entry.mtimeNs / 1000000).toString(QStringLiteral("yyyy-MM-dd HH:mm")) << "\n";
        }
    }
    if (p.isSet(kJson))
        printJson(arr);
    out().flush();
    return 0;
}

int runRestore(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(kJson);
    p.addOption({QStringLiteral("to-dir"), QStringLiteral("Folder to restore into."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("same-owner"), QStringLiteral("As root: give the files the snapshot's owners.")});
    p.addOption({QStringLiteral("keep-special-bits"), QStringLiteral("Keep setuid, setgid and sticky bits.")});
    p.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Snapshot id, unique prefix or latest."));
    p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Files or folders to restore (default: everything)."), QStringLiteral("[PATH...]"));
    std::unique_ptr<Repository> repo;
    std::shared_ptr<RepoLock> lock;
    if (int rc = prepare(p, args, QStringLiteral("snapshot restore --repo PATH ID [PATH...] --to-dir DIR [--same-owner] [--keep-special-bits]"),
                         QStringLiteral("Restore a snapshot or some of its paths"), repo, lock, Repository::LockMode::Shared);
        rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty())
        return usage(QStringLiteral("snapshot restore needs a snapshot id"));
    if (p.value(QStringLiteral("to-dir")).isEmpty())
        return usage(QStringLiteral("snapshot restore needs --to-dir DIR"));
    SnapshotRestoreOptions o;
    for (const QString& s : pos.mid(1)) {
        auto path = snapshotPath(s);
        if (!path)
            return fail(path.error());
        if (path->isEmpty()) {
            o.paths.clear();
            break;
        }
        o.paths << path.value();
    }
    auto id = repo->resolveSnapshotId(pos[0]);
    if (!id)
        return fail(id.error());
    o.snapshotId = id.value();
    o.targetDir = p.value(QStringLiteral("to-dir"));
    o.sameOwner = p.isSet(QStringLiteral("same-owner"));
    o.keepSpecialBits = p.isSet(QStringLiteral("keep-special-bits"));
    SnapshotRestoreReport rep;
    Status st;
    {
        ProgressPrinter pp(p.isSet(kJson));
        o.progress = pp.callback();
        st = SnapshotRestorer(*repo).run(o, &rep);
    }
    if (p.isSet(kJson))
        printJson(QJsonObject{{QStringLiteral("snapshot"), o.snapshotId},
                              {QStringLiteral("files"), rep.files},
                              {QStringLiteral("dirs"), rep.dirs},
                              {QStringLiteral("symlinks"), rep.symlinks},
                              {QStringLiteral("bytes"), rep.bytes},
                              {QStringLiteral("failures"), QJsonArray::fromStringList(rep.failures)}});
    else {
        for (const QString& f : rep.failures)
            err() << "error: " << f << "\n";
        if (st.ok())
            out() << "restored " << rep.files << " files, " << rep.dirs << " folders, " << rep.symlinks << " symlinks ("
                  << rep.bytes << " bytes) to " << o.targetDir << "\n";
    }
    out().flush();
    err().flush();
    return st.ok() ? 0 : fail(st.error());
}

int runForget(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(kJson);
    p.addOption({QStringLiteral("dry-run"), QStringLiteral("Only show what would be forgotten.")});
    const char* keeps[] = {"keep-last", "keep-hourly", "keep-daily", "keep-weekly", "keep-monthly", "keep-yearly"};
    for (const char* k : keeps)
        p.addOption({QString::fromLatin1(k), QStringLiteral("Keep N snapshots of this kind."), QStringLiteral("N")});
    std::unique_ptr<Repository> repo;
    std::shared_ptr<RepoLock> lock;
    if (int rc = prepare(p, args,
                         QStringLiteral("snapshot forget --repo PATH --keep-last N --keep-daily N --keep-weekly N --keep-monthly N "
                                        "[--dry-run] [--json]"),
                         QStringLiteral("Forget snapshots by a retention policy"), repo, lock, Repository::LockMode::Exclusive);
        rc >= 0)
        return rc;
    ForgetRules r;
    int* fields[] = {&r.last, &r.hourly, &r.daily, &r.weekly, &r.monthly, &r.yearly};
    for (int i = 0; i < 6; ++i) {
        const QString v = p.value(QString::fromLatin1(keeps[i]));
        if (v.isEmpty())
            continue;
        bool ok = false;
        *fields[i] = v.toInt(&ok);
        if (!ok || *fields[i] < 0)
            return usage(QStringLiteral("--%1 needs a number of 0 or more").arg(QLatin1String(keeps[i])));
    }
    if (r.empty())
        return usage(QStringLiteral("snapshot forget needs at least one --keep-* rule; nothing was forgotten"));
    auto d = SnapshotPruner::forget(*repo, r, p.isSet(QStringLiteral("dry-run")));
    if (!d)
        return fail(d.error());
    QJsonArray keep, remove;
    for (const ForgetDecision& x : d.value()) {
        QJsonObject o{{QStringLiteral("id"), x.id}, {QStringLiteral("time"), x.time.toUTC().toString(Qt::ISODate)},
                      {QStringLiteral("reasons"), QJsonArray::fromStringList(x.reasons)}};
        (x.keep ? keep : remove).append(o);
        if (!p.isSet(kJson))
            out() << (x.keep ? "keep    " : (p.isSet(QStringLiteral("dry-run")) ? "would forget " : "forget  ")) << x.id.left(8) << "  "
                  << x.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) << "  " << x.reasons.join(QStringLiteral(", "))
                  << "\n";
    }
    if (p.isSet(kJson))
        printJson(QJsonObject{{QStringLiteral("keep"), keep}, {QStringLiteral("remove"), remove},
                              {QStringLiteral("dry_run"), p.isSet(QStringLiteral("dry-run"))}});
    out().flush();
    return 0;
}

int runPrune(const QStringList& args)
{
    QCommandLineParser p;
    p.addOption(kJson);
    std::unique_ptr<Repository> repo;
    std::shared_ptr<RepoLock> lock;
    if (int rc = prepare(p, args, QStringLiteral("repo prune --repo PATH [--json]"),
                         QStringLiteral("Delete data no snapshot uses any more"), repo, lock, Repository::LockMode::Exclusive);
        rc >= 0)
        return rc;
    Status st;
    {
        ProgressPrinter pp(p.isSet(kJson));
        st = SnapshotPruner::prune(*repo, pp.callback());
    }
    if (!st)
        return fail(st.error());
    if (p.isSet(kJson))
        printJson(QJsonObject{{QStringLiteral("pruned"), true}});
    else
        out() << "prune done\n";
    out().flush();
    return 0;
}

RegisterCommand regCreate({QStringLiteral("snapshot"), QStringLiteral("create")}, QStringLiteral("snapshot create --repo PATH DIR [--full]"),
                          QStringLiteral("Create a snapshot of a folder"), runCreate);
RegisterCommand regList({QStringLiteral("snapshot"), QStringLiteral("list")}, QStringLiteral("snapshot list --repo PATH [--json]"),
                        QStringLiteral("List snapshots"), runList);
RegisterCommand regLs({QStringLiteral("snapshot"), QStringLiteral("ls")}, QStringLiteral("snapshot ls --repo PATH ID [PATH]"),
                      QStringLiteral("List a folder of a snapshot"), runLs);
RegisterCommand regDiff({QStringLiteral("snapshot"), QStringLiteral("diff")}, QStringLiteral("snapshot diff --repo PATH ID1 ID2"),
                        QStringLiteral("Show what changed between two snapshots"), runDiff);
RegisterCommand regHistory({QStringLiteral("snapshot"), QStringLiteral("history")}, QStringLiteral("snapshot history --repo PATH PATH"),
                           QStringLiteral("Show the versions of a path across snapshots"), runHistory);
RegisterCommand regRestore({QStringLiteral("snapshot"), QStringLiteral("restore")},
                           QStringLiteral("snapshot restore --repo PATH ID [PATH...] --to-dir DIR [--same-owner] [--keep-special-bits]"),
                           QStringLiteral("Restore a snapshot or some of its paths"), runRestore);
RegisterCommand regForget({QStringLiteral("snapshot"), QStringLiteral("forget")}, QStringLiteral("snapshot forget --repo PATH --keep-* N"),
                          QStringLiteral("Forget snapshots by a retention policy"), runForget);

// `repo check` (CommandsRepo.cpp) runs the storage check; this adds the snapshot level to it: every
// manifest, every tree blob, every referenced blob, with the files each damage affects.
struct RegisterSnapshotCheck
{
    RegisterSnapshotCheck()
    {
        registerCheckExtension([](Repository& repo, bool, const StorageCheckReport& storage) {
            QList<Damage> out;
            for (const SnapshotDamage& s : SnapshotChecker::checkSnapshots(repo, storage)) {
                QString msg = QStringLiteral("Snapshot %1: %2").arg(s.snapshotId.left(8), s.message);
                if (!s.paths.isEmpty())
                    msg += QStringLiteral(" Affected: %1%2").arg(s.paths.join(QStringLiteral(", ")),
                                                                s.more ? QStringLiteral(" and %1 more").arg(s.more) : QString());
                out << Damage{Damage::Manifest, s.snapshotId, msg, {}};
            }
            return out;
        });
    }
} regSnapshotCheck;
RegisterCommand regPrune({QStringLiteral("repo"), QStringLiteral("prune")}, QStringLiteral("repo prune --repo PATH"),
                         QStringLiteral("Delete data no snapshot uses any more"), runPrune);

} // namespace

} // namespace ncb::cli
