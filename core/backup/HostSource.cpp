#include "HostSource.h"

#include "host/RemoteScanner.h"
#include "host/TarStreamReader.h"
#include "util/Limits.h"
#include "repository/SafePath.h"

#include <QLoggingCategory>
#include <QLocale>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <optional>

Q_LOGGING_CATEGORY(lcBackup, "ncbackup.backup", QtWarningMsg)

namespace ncb::backup {

namespace {

bool under(const QByteArray& path, const QByteArray& prefix)
{
    return path == prefix || (path.startsWith(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

QByteArray clean(QByteArray p)
{
    while (p.size() > 1 && p.endsWith('/'))
        p.chop(1);
    return p;
}

// A path relative to a folder ("." is the folder): its parent ("." for a top entry) and its name.
QByteArray parentOf(const QByteArray& rel)
{
    const int slash = rel.lastIndexOf('/');
    return slash < 0 ? QByteArray(".") : rel.left(slash);
}

QByteArray nameOf(const QByteArray& rel)
{
    return rel.mid(rel.lastIndexOf('/') + 1);
}

// Whether rel or one of its ancestors (up to ".") is in `set`.
bool selfOrAncestorIn(QByteArray rel, const QSet<QByteArray>& set)
{
    for (;;) {
        if (set.contains(rel))
            return true;
        if (rel == ".")
            return false;
        rel = parentOf(rel);
    }
}

void sortPaths(QList<QByteArray>& paths)
{
    std::sort(paths.begin(), paths.end(),
              [](const QByteArray& a, const QByteArray& b) { return repo::comparePaths(a, b) < 0; });
}

// A change is found by its ctime, compared with the host's clock at the start of the first scan (T0).
// The kernel stamps times from a clock that may lag the one `date` reads by a tick (a few ms), and some
// filesystems keep whole seconds: changes are asked for from T0 less 50 ms, rounded down to the second.
// (Looking at what changed just before T0 again only costs a little time.)
qint64 changesFrom(qint64 t0Ns)
{
    constexpr qint64 kSecond = 1'000'000'000LL;
    const qint64 t = t0Ns - 50'000'000LL;
    return t - ((t % kSecond) + kSecond) % kSecond;
}

// Filesystems whose times come from this host's own clock (stat -f -c %T names). Network and FUSE
// filesystems may stamp them with another machine's clock: the delta pass scans those whole.
bool localClockFilesystem(const QByteArray& type)
{
    static const QSet<QByteArray> local{"ext2/ext3", "ext4", "xfs", "btrfs", "tmpfs", "zfs", "f2fs", "jfs",
                                        "reiserfs", "overlayfs", "bcachefs", "nilfs", "ramfs"};
    return local.contains(type);
}

QList<QPair<QByteArray, QString>> relativeExclusions(const HostFolder& f)
{
    QList<QPair<QByteArray, QString>> rel;
    for (const auto& [abs, why] : f.exclude) {
        const QByteArray a = clean(abs);
        if (under(a, f.hostPath) && a != f.hostPath)
            rel.append({a.mid(f.hostPath.size() + 1), why});
    }
    return rel;
}

// The excluded paths find need not enter at all (their entries are dropped anyway).
QList<QByteArray> pruned(const QList<QPair<QByteArray, QString>>& rel)
{
    QList<QByteArray> r;
    for (const auto& [path, why] : rel)
        r << path;
    return r;
}

std::optional<repo::TreeEntry> toTreeEntry(const host::ScanEntry& s, const QByteArray& treePath)
{
    repo::TreeEntry e;
    e.path = treePath;
    switch (s.type) {
    case host::ScanEntry::File: e.type = repo::TreeEntry::File; break;
    case host::ScanEntry::Dir: e.type = repo::TreeEntry::Dir; break;
    case host::ScanEntry::Symlink:
        e.type = repo::TreeEntry::Symlink;
        e.linkTarget = s.symlinkTarget;
        break;
    default: return std::nullopt;
    }
    e.mode = s.mode;
    e.uid = s.uid;
    e.gid = s.gid;
    e.size = e.type == repo::TreeEntry::File ? s.size : 0;
    e.mtimeNs = s.mtimeNs;
    e.ctimeNs = s.ctimeNs;
    e.inode = s.inode;
    e.device = s.device;
    return e;
}

// Past util/Limits.h: the host sent more than a real instance holds. One sentence naming the limit.
Status checkHeld(const host::Host& host, std::size_t held)
{
    if (qint64(held) <= limits::maxEntries())
        return {};
    return Error::make(Error::Remote, QStringLiteral("%1 listed more than %2 files, folders and symlinks, the most ncbackup "
                                                     "backs up: no real instance has that many, so the host is not behaving "
                                                     "as it should.")
                                          .arg(host.displayName(), QLocale(QLocale::English).toString(limits::maxEntries())));
}

Status checkTreePath(const host::Host& host, const QByteArray& treePath)
{
    const QString past = limits::pathPastLimits(treePath);
    if (past.isEmpty())
        return {};
    return Error::make(Error::Remote, QStringLiteral("%1 holds %2, a path that %3: ncbackup does not back up a path that "
                                                     "long or deep, so leave its folder out with a .nobackup file or an "
                                                     "exclusion.")
                                          .arg(host.displayName(), limits::shownPath(treePath), past));
}

// A sorted list holding one path twice: the host's find listed it twice, which a real find never does
// (and a snapshot cannot hold).
Status checkNoDuplicates(const host::Host& host, const std::vector<repo::TreeEntry>& sorted)
{
    for (std::size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i].path == sorted[i - 1].path)
            return Error::make(Error::Remote, QStringLiteral("%1 listed %2 twice, which a real find never does: the host "
                                                             "is not behaving as it should.")
                                                  .arg(host.displayName(), limits::shownPath(sorted[i].path)));
    return {};
}

// A compromised host can print any entry. What a real walk of a tree cannot produce is refused here, each
// named in the RP's skipped list: a path that breaks the one path rule (repository/SafePath: "..", ".", empty
// components) and an entry whose folder is not a folder of the list (below
// a symlink or a file, or below a folder never listed). Without this such an entry was stored and the whole
// top then refused to restore. `entries` is sorted (a folder comes before everything under it).
void refuseImpossibleEntries(std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped)
{
    QSet<QByteArray> dirs;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        repo::TreeEntry& e = entries[i];
        QString why = repo::unsafePathReason(e.path);
        const int slash = e.path.lastIndexOf('/');
        if (why.isEmpty() && slash >= 0 && !dirs.contains(e.path.left(slash)))
            why = QStringLiteral("it lies below a symlink, a file or a folder the host did not list");
        if (!why.isEmpty()) {
            skipped.push_back({e.path, unsafeNameReason(why)});
            continue;
        }
        if (e.type == repo::TreeEntry::Dir)
            dirs.insert(e.path);
        if (kept != i)
            entries[kept] = std::move(e);
        ++kept;
    }
    entries.resize(kept);
}

} // namespace

HostSource::HostSource(host::Host& host, QList<HostFolder> folders, const QStringList& exclusionGlobs)
    : m_host(host), m_folders(std::move(folders))
{
    for (auto& f : m_folders)
        f.hostPath = clean(f.hostPath);
    for (const QString& g : exclusionGlobs) {
        // Path globs: '*' and '?' stay inside one component.
        m_globs << QRegularExpression(QRegularExpression::wildcardToRegularExpression(g));
    }
}

QByteArray HostSource::treePathFor(const QByteArray& hostPath) const
{
    const QByteArray p = clean(hostPath);
    for (const auto& f : m_folders) {
        if (p == f.hostPath)
            return f.prefix;
        if (under(p, f.hostPath))
            return f.prefix + '/' + p.mid(f.hostPath.size() + 1);
    }
    return {};
}

Status HostSource::scan(std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped,
                        const CancelCheck& cancel)
{
    if (m_expectedEntries > 0)
        entries.reserve(entries.size() + m_expectedEntries + m_expectedEntries / 16 + 64);
    for (const HostFolder& f : m_folders)
        NCB_TRY(scanFolder(f, entries, skipped, cancel));
    repo::sortTreeEntries(entries);
    // A path listed twice stops the backup (no real find does that); other impossible entries are named.
    NCB_TRY(checkNoDuplicates(m_host, entries));
    refuseImpossibleEntries(entries, skipped);
    return {};
}

QString HostSource::excludedBy(const HostFolder& f, const QList<QPair<QByteArray, QString>>& rel,
                               const QByteArray& path) const
{
    if (path == ".")
        return {};
    for (const auto& [r, why] : rel)
        if (path == r)
            return why;
    if (!m_globs.isEmpty()) {
        const QString treePath = QString::fromUtf8(f.prefix + '/' + path);
        for (const QRegularExpression& g : m_globs)
            if (g.match(treePath).hasMatch())
                return QStringLiteral("excluded by the instance's settings");
    }
    return {};
}

Status HostSource::scanFolder(const HostFolder& f, std::vector<repo::TreeEntry>& entries,
                              std::vector<repo::SkippedPath>& skipped, const CancelCheck& cancel)
{
    const auto rel = relativeExclusions(f);
    QList<QByteArray> skippedDirs;
    host::RemoteScanner scanner(m_host);
    scanner.setNames(false); // numeric ids while scanning, names once per distinct id below
    scanner.setOnePass(true); // .nobackup folders are dropped below
    scanner.setPrune(pruned(rel)); // e.g. the data directory inside the server root: not walked twice
    host::ExecOptions opt;    // streams: no time limit by default
    opt.cancel = cancel;
    const std::size_t first = entries.size();
    const std::size_t firstSkipped = skipped.size();
    QSet<quint32> uids, gids;
    QList<QByteArray> pastLimits; // tree paths too long or too deep (util/Limits.h)
    auto sum = scanner.scan(
        f.hostPath,
        [&](const host::ScanEntry& s) -> Status {
            const bool isTop = s.path == ".";
            const QByteArray treePath = isTop ? f.prefix : f.prefix + '/' + s.path;
            NCB_TRY(checkHeld(m_host, entries.size() + skipped.size() + std::size_t(pastLimits.size())));
            if (!isTop) {
                for (const QByteArray& d : skippedDirs)
                    if (under(s.path, d))
                        return {};
                const QString why = excludedBy(f, rel, s.path);
                if (!why.isEmpty()) {
                    skipped.push_back({treePath, why});
                    if (s.type == host::ScanEntry::Dir)
                        skippedDirs << s.path;
                    return {};
                }
            }
            if (!limits::pathPastLimits(treePath).isEmpty()) { // refused below unless it lies in a .nobackup folder
                pastLimits << treePath;
                return {};
            }
            auto e = toTreeEntry(s, treePath);
            if (!e) {
                skipped.push_back({treePath, QStringLiteral("not a file, folder or symlink")});
                return {};
            }
            uids.insert(s.uid);
            gids.insert(s.gid);
            entries.push_back(std::move(*e));
            return {};
        },
        opt);
    if (!sum)
        return sum.error();
    m_lastScan.insert(f.prefix, LastScan{sum->hostClockNs, sum->fsType});
    if (!sum->skipped.isEmpty()) {
        // Folders holding .nobackup, with everything in them (what the walk met before the .nobackup).
        const QSet<QByteArray> nobackup(sum->skipped.begin(), sum->skipped.end());
        const auto inside = [&](const QByteArray& treePath) {
            return selfOrAncestorIn(treePath == f.prefix ? QByteArray(".") : treePath.mid(f.prefix.size() + 1), nobackup);
        };
        entries.erase(std::remove_if(entries.begin() + std::ptrdiff_t(first), entries.end(),
                                     [&](const repo::TreeEntry& e) { return inside(e.path); }),
                      entries.end());
        skipped.erase(std::remove_if(skipped.begin() + std::ptrdiff_t(firstSkipped), skipped.end(),
                                     [&](const repo::SkippedPath& s) { return inside(s.path); }),
                      skipped.end());
        pastLimits.erase(std::remove_if(pastLimits.begin(), pastLimits.end(), inside), pastLimits.end());
    }
    if (!pastLimits.isEmpty())
        return checkTreePath(m_host, pastLimits.first());
    if (!sum->unreadable.isEmpty()) {
        // Folders find could not list: their contents are unknown, so they are not stored as (empty) folders
        // but named in the skipped list, which makes the RP incomplete (BackupJob).
        if (sum->unreadable.contains(QByteArray(".")))
            return Error::make(Error::Io, QStringLiteral("Cannot read the folder %1 on %2: the user ncbackup runs as there "
                                                         "may not list it.")
                                              .arg(QString::fromUtf8(f.hostPath), m_host.displayName()));
        QSet<QByteArray> unread;
        for (const QByteArray& u : sum->unreadable) {
            bool left = !excludedBy(f, rel, u).isEmpty();
            for (const QByteArray& d : skippedDirs)
                left = left || under(u, d);
            if (!left)
                unread.insert(f.prefix + '/' + u);
        }
        const QSet<QByteArray> nobackup(sum->skipped.begin(), sum->skipped.end());
        for (auto it = unread.begin(); it != unread.end();) {
            if (selfOrAncestorIn(it->mid(f.prefix.size() + 1), nobackup)) {
                it = unread.erase(it);
            } else if (*it == f.prefix + "/lost+found") {
                // A data directory on a disk of its own holds that disk's lost+found (root's, mode 0700): the
                // filesystem's, never Nextcloud's. Left out and named, it does not make every RP incomplete.
                entries.erase(std::remove_if(entries.begin() + std::ptrdiff_t(first), entries.end(),
                                             [&](const repo::TreeEntry& e) { return e.path == *it; }),
                              entries.end());
                skipped.push_back({*it, QStringLiteral("the filesystem's lost+found")});
                it = unread.erase(it);
            } else {
                ++it;
            }
        }
        if (!unread.isEmpty()) {
            entries.erase(std::remove_if(entries.begin() + std::ptrdiff_t(first), entries.end(),
                                         [&](const repo::TreeEntry& e) { return unread.contains(e.path); }),
                          entries.end());
            QList<QByteArray> sorted(unread.begin(), unread.end());
            sortPaths(sorted);
            for (const QByteArray& u : sorted)
                skipped.push_back({u, unreadableFolderReason()});
        }
    }
    host::ExecOptions namesOpt;
    namesOpt.cancel = cancel;
    auto names = scanner.names(uids, gids, namesOpt);
    if (!names)
        return names.error();
    // One string per distinct id, shared by every entry (not one allocation per entry and name).
    QHash<quint32, QByteArray> users, groups;
    for (auto it = names->users.constBegin(); it != names->users.constEnd(); ++it)
        users.insert(it.key(), it.value().toUtf8());
    for (auto it = names->groups.constBegin(); it != names->groups.constEnd(); ++it)
        groups.insert(it.key(), it.value().toUtf8());
    for (std::size_t i = first; i < entries.size(); ++i) {
        entries[i].owner = users.value(entries[i].uid);
        entries[i].group = groups.value(entries[i].gid);
    }
    for (const QByteArray& d : sum->skipped)
        skipped.push_back({d == "." ? f.prefix : f.prefix + '/' + d, QStringLiteral(".nobackup")});
    return {};
}

Status HostSource::rescan(const std::vector<repo::TreeEntry>& before, const std::vector<repo::SkippedPath>& skippedBefore,
                          std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped, QString& how,
                          const CancelCheck& cancel)
{
    QStringList hows;
    entries.reserve(entries.size() + before.size() + before.size() / 16 + 64); // once, not once per folder
    for (const HostFolder& f : m_folders) {
        QString why;
        auto merged = changesOf(f, before, skippedBefore, entries, skipped, why, cancel);
        if (!merged)
            return merged.error();
        if (merged.value()) {
            hows << QStringLiteral("%1: changes only").arg(QString::fromUtf8(f.prefix));
            continue;
        }
        qCInfo(lcBackup).noquote() << QStringLiteral("delta pass: scanning all of %1 again: %2")
                                          .arg(QString::fromUtf8(f.hostPath), why);
        hows << QStringLiteral("%1: full rescan (%2)").arg(QString::fromUtf8(f.prefix), why);
        NCB_TRY(scanFolder(f, entries, skipped, cancel));
    }
    how = hows.join(QStringLiteral("; "));
    repo::sortTreeEntries(entries);
    // A path listed twice stops the backup (no real find does that); other impossible entries are named.
    NCB_TRY(checkNoDuplicates(m_host, entries));
    refuseImpossibleEntries(entries, skipped);
    return {};
}

Result<bool> HostSource::changesOf(const HostFolder& f, const std::vector<repo::TreeEntry>& before,
                                   const std::vector<repo::SkippedPath>& skippedBefore,
                                   std::vector<repo::TreeEntry>& outEntries, std::vector<repo::SkippedPath>& outSkipped,
                                   QString& why, const CancelCheck& cancel)
{
    const auto last = m_lastScan.constFind(f.prefix);
    if (last == m_lastScan.constEnd() || last->hostClockNs <= 0) {
        why = QStringLiteral("the host's clock was not known when it was scanned (date +%s.%N)");
        return false;
    }
    if (!localClockFilesystem(last->fsType)) {
        why = QStringLiteral("its filesystem (%1) may stamp changes with another machine's clock")
                  .arg(last->fsType.isEmpty() ? QStringLiteral("unknown") : QString::fromUtf8(last->fsType));
        return false;
    }
    // This folder's part of `before`: contiguous in comparePaths() order ("data", "data/...").
    const auto less = [](const repo::TreeEntry& a, const QByteArray& p) { return repo::comparePaths(a.path, p) < 0; };
    const auto lo = std::lower_bound(before.begin(), before.end(), f.prefix, less);
    auto hi = lo;
    while (hi != before.end() && under(hi->path, f.prefix))
        ++hi;
    const auto treePathOf = [&](const QByteArray& rel) { return rel == "." ? f.prefix : f.prefix + '/' + rel; };
    const auto baseAt = [&](const QByteArray& rel) -> const repo::TreeEntry* {
        const QByteArray tp = treePathOf(rel);
        const auto it = std::lower_bound(lo, hi, tp, less);
        return it != hi && it->path == tp ? &*it : nullptr;
    };
    const repo::TreeEntry* top = baseAt(".");
    if (!top || top->type != repo::TreeEntry::Dir) {
        why = QStringLiteral("the first scan did not see the folder");
        return false;
    }
    const quint64 rootDevice = top->device;
    const auto rel = relativeExclusions(f);
    // What the first scan left out, relative to the folder.
    QHash<QByteArray, QString> skippedBase;
    QSet<QByteArray> nobackupBase;
    for (const auto& s : skippedBefore) {
        if (!under(s.path, f.prefix))
            continue;
        const QByteArray r = s.path == f.prefix ? QByteArray(".") : s.path.mid(f.prefix.size() + 1);
        skippedBase.insert(r, s.reason);
        if (s.reason == QLatin1String(".nobackup"))
            nobackupBase.insert(r);
    }

    host::RemoteScanner scanner(m_host);
    scanner.setPrune(pruned(rel));
    host::ExecOptions opt;
    opt.cancel = cancel;

    // Round 1: what changed since the first scan started.
    QList<host::ScanEntry> changed;
    auto sumA = scanner.changedSince(
        f.hostPath, changesFrom(last->hostClockNs),
        [&](const host::ScanEntry& e) -> Status {
            // What the delta pass holds stays within the limit too (pass 1's entries and these).
            NCB_TRY(checkHeld(m_host, before.size() + std::size_t(changed.size())));
            changed.append(e);
            return {};
        },
        opt);
    if (!sumA)
        return sumA.error();
    if (sumA->findExitCode != 0) {
        why = QStringLiteral("find said: %1").arg(QString::fromUtf8(sumA->warnings.trimmed().left(300)));
        return false;
    }
    if (sumA->hostClockNs <= 0 || sumA->hostClockNs < last->hostClockNs) {
        why = QStringLiteral("the host's clock went back since the first scan");
        return false;
    }

    QSet<QByteArray> nobackupNew; // folders that got a .nobackup
    for (const auto& e : changed)
        if (e.type != host::ScanEntry::Dir && nameOf(e.path) == ".nobackup")
            nobackupNew.insert(parentOf(e.path));
    // A proper ancestor left out by a rule or a .nobackup (as the first scan knew them, plus the new ones).
    const auto blockedBefore = [&](const QByteArray& p) {
        for (QByteArray a = p; a != ".";) {
            a = parentOf(a);
            if (nobackupBase.contains(a) || nobackupNew.contains(a) || !excludedBy(f, rel, a).isEmpty())
                return true;
        }
        return false;
    };

    QHash<QByteArray, host::ScanEntry> fresh; // entries seen now, by relative path
    QSet<QByteArray> removed;                 // subtrees of `before` (entries and skipped) that are gone
    QSet<QByteArray> listDirs, nobackupCheck, rescanDirs;
    // A folder seen now: kept with its contents, listed, or scanned whole.
    const auto folderSeen = [&](const host::ScanEntry& e, const repo::TreeEntry* b, bool isChanged) {
        if (e.device != rootDevice) { // a mount point: not entered, as find -xdev does
            if (b)
                removed.insert(e.path);
            return;
        }
        if (b && b->type == repo::TreeEntry::Dir && b->inode == e.inode && b->device == e.device) {
            if (isChanged)
                listDirs.insert(e.path);
            return;
        }
        removed.insert(e.path);
        rescanDirs.insert(e.path);
    };
    for (const auto& e : changed) {
        if (blockedBefore(e.path))
            continue;
        if (nobackupBase.contains(e.path)) { // does it still hold its .nobackup?
            nobackupCheck.insert(e.path);
            continue;
        }
        if (nobackupNew.contains(e.path)) {
            removed.insert(e.path);
            continue;
        }
        fresh.insert(e.path, e);
        const repo::TreeEntry* b = baseAt(e.path);
        if (!excludedBy(f, rel, e.path).isEmpty())
            continue;
        if (e.type == host::ScanEntry::Dir)
            folderSeen(e, b, true);
        else if (b && b->type == repo::TreeEntry::Dir)
            removed.insert(e.path);
    }

    // When most folders changed (a tool that touched every folder), listing them all costs more than one
    // walk of the whole tree.
    if (listDirs.size() + nobackupCheck.size() > 64) {
        qsizetype dirs = 0;
        for (auto it = lo; it != hi; ++it)
            dirs += it->type == repo::TreeEntry::Dir;
        if ((listDirs.size() + nobackupCheck.size()) * 4 > dirs) {
            why = QStringLiteral("%1 of its %2 folders changed").arg(listDirs.size() + nobackupCheck.size()).arg(dirs);
            return false;
        }
    }

    // Round 2 (and 3): the children of changed folders, and whole new folders.
    const auto topmost = [](const QSet<QByteArray>& dirs, const QSet<QByteArray>& within) {
        QList<QByteArray> out;
        for (const QByteArray& d : dirs) {
            bool inside = false;
            for (QByteArray a = d; a != "." && !inside;) {
                a = parentOf(a);
                inside = dirs.contains(a) || within.contains(a);
            }
            if (!inside)
                out << d;
        }
        sortPaths(out);
        return out;
    };
    QSet<QByteArray> rescanTops;
    const auto inRescan = [&](const QByteArray& p) { return selfOrAncestorIn(p, rescanTops); };
    QHash<QByteArray, QSet<QByteArray>> seen; // listed folder -> names of its children now
    QSet<QByteArray> nobackupStill, nobackupFound, rescanMore;
    const auto runRound = [&](const QList<QByteArray>& list, const QList<QByteArray>& trees) -> Result<bool> {
        const QSet<QByteArray> listed(list.begin(), list.end());
        // Keep every command well below the host's limit for one argument (128 KiB on Linux).
        qsizetype i = 0, j = 0;
        while (i < list.size() || j < trees.size()) {
            QList<QByteArray> l, t;
            qsizetype bytes = 0;
            for (; i < list.size() && bytes < 60000; ++i) {
                bytes += list[i].size() + 8;
                l << list[i];
            }
            for (; j < trees.size() && bytes < 60000; ++j) {
                bytes += trees[j].size() + 8;
                t << trees[j];
            }
            auto sum = scanner.listAndScan(
                f.hostPath, l, t,
                [&](const host::ScanEntry& e) -> Status {
                    NCB_TRY(checkHeld(m_host, before.size() + std::size_t(fresh.size())));
                    const QByteArray parent = parentOf(e.path);
                    const bool child = e.path != "." && listed.contains(parent);
                    if (child)
                        seen[parent].insert(nameOf(e.path));
                    if (inRescan(e.path)) {
                        fresh.insert(e.path, e);
                        return {};
                    }
                    if (!child)
                        return {};
                    const bool isNobackup = e.type != host::ScanEntry::Dir && nameOf(e.path) == ".nobackup";
                    if (nobackupCheck.contains(parent)) {
                        if (isNobackup)
                            nobackupStill.insert(parent);
                        return {};
                    }
                    if (isNobackup && !nobackupNew.contains(parent)) { // moved in without a new ctime
                        nobackupNew.insert(parent);
                        removed.insert(parent);
                    }
                    if (fresh.contains(e.path) || nobackupBase.contains(e.path) || blockedBefore(e.path))
                        return {};
                    const repo::TreeEntry* b = baseAt(e.path);
                    fresh.insert(e.path, e);
                    if (!excludedBy(f, rel, e.path).isEmpty())
                        return {};
                    if (e.type == host::ScanEntry::Dir) {
                        const bool had = rescanDirs.contains(e.path);
                        folderSeen(e, b, false);
                        if (!had && rescanDirs.contains(e.path))
                            rescanMore.insert(e.path);
                    } else if (b && b->type == repo::TreeEntry::Dir) {
                        removed.insert(e.path);
                    }
                    return {};
                },
                opt);
            if (!sum)
                return sum.error();
            if (sum->findExitCode != 0) {
                why = QStringLiteral("find said: %1").arg(QString::fromUtf8(sum->warnings.trimmed().left(300)));
                return false;
            }
            for (const QByteArray& d : sum->skipped)
                nobackupFound.insert(d);
        }
        return true;
    };
    const QList<QByteArray> trees = topmost(rescanDirs, {});
    rescanTops = QSet<QByteArray>(trees.begin(), trees.end());
    QSet<QByteArray> toList = listDirs;
    toList.unite(nobackupCheck);
    QList<QByteArray> list;
    for (const QByteArray& d : toList)
        if (!inRescan(d))
            list << d;
    sortPaths(list);
    if (!list.isEmpty() || !trees.isEmpty()) {
        auto ok = runRound(list, trees);
        if (!ok)
            return ok.error();
        if (!ok.value())
            return false;
    }
    // Deletions: what a listed folder held at the first scan and holds no more.
    for (const QByteArray& d : list) {
        if (nobackupCheck.contains(d)) {
            if (!nobackupStill.contains(d)) { // its .nobackup is gone: all of it comes in
                removed.insert(d);
                rescanMore.insert(d);
            }
            continue;
        }
        const QSet<QByteArray>& now = seen[d];
        const QByteArray dt = treePathOf(d);
        const auto from = std::upper_bound(lo, hi, dt, [](const QByteArray& p, const repo::TreeEntry& e) {
            return repo::comparePaths(p, e.path) < 0;
        });
        for (auto it = from; it != hi && under(it->path, dt); ++it) {
            const QByteArray name = it->path.mid(dt.size() + 1);
            if (!name.contains('/') && !now.contains(name))
                removed.insert(d == "." ? name : d + '/' + name);
        }
        for (auto it = skippedBase.constBegin(); it != skippedBase.constEnd(); ++it)
            if (it.key() != "." && parentOf(it.key()) == d && !now.contains(nameOf(it.key())))
                removed.insert(it.key());
    }
    const QList<QByteArray> more = topmost(rescanMore, rescanTops);
    if (!more.isEmpty()) {
        for (const QByteArray& d : more)
            rescanTops.insert(d);
        auto ok = runRound({}, more);
        if (!ok)
            return ok.error();
        if (!ok.value())
            return false;
    }

    // The merge: `before` without what is gone or seen again, plus what was seen, under the same rules.
    QSet<QByteArray> nobackupNow = nobackupBase;
    for (const QByteArray& d : nobackupCheck)
        if (!nobackupStill.contains(d))
            nobackupNow.remove(d);
    nobackupNow.unite(nobackupNew);
    nobackupNow.unite(nobackupFound);
    const auto blockedNow = [&](const QByteArray& p) {
        for (QByteArray a = p; a != ".";) {
            a = parentOf(a);
            if (nobackupNow.contains(a) || !excludedBy(f, rel, a).isEmpty())
                return true;
            // Gone meanwhile (between the rounds) and not seen again: nothing below it stays.
            if (removed.contains(a) && !fresh.contains(a))
                return true;
        }
        return false;
    };
    std::vector<repo::TreeEntry> added;
    QMap<QByteArray, QString> skippedFresh;
    QSet<QByteArray> dropped;
    QSet<quint32> newUids, newGids;
    for (auto it = fresh.constBegin(); it != fresh.constEnd(); ++it) {
        const QByteArray& p = it.key();
        if (nobackupNow.contains(p) || blockedNow(p)) {
            dropped.insert(p);
            continue;
        }
        const QString ex = excludedBy(f, rel, p);
        if (!ex.isEmpty()) {
            skippedFresh.insert(p, ex);
            dropped.insert(p);
            continue;
        }
        NCB_TRY(checkTreePath(m_host, treePathOf(p)));
        auto e = toTreeEntry(it.value(), treePathOf(p));
        if (!e) {
            skippedFresh.insert(p, QStringLiteral("not a file, folder or symlink"));
            dropped.insert(p);
            continue;
        }
        newUids.insert(e->uid);
        newGids.insert(e->gid);
        added.push_back(std::move(*e));
    }
    repo::sortTreeEntries(added);
    removed.unite(dropped);
    const auto isRemoved = [&](const QByteArray& relPath) { return selfOrAncestorIn(relPath, removed); };
    QMap<QByteArray, QString> skippedNow; // relative path -> reason
    for (auto it = skippedBase.constBegin(); it != skippedBase.constEnd(); ++it) {
        if (isRemoved(it.key()) || fresh.contains(it.key()))
            continue;
        if (it.value() == QLatin1String(".nobackup") && !nobackupNow.contains(it.key()))
            continue;
        skippedNow.insert(it.key(), it.value());
    }
    for (const QByteArray& d : nobackupNew)
        skippedNow.insert(d, QStringLiteral(".nobackup"));
    for (const QByteArray& d : nobackupFound)
        skippedNow.insert(d, QStringLiteral(".nobackup"));
    for (auto it = skippedFresh.constBegin(); it != skippedFresh.constEnd(); ++it)
        if (!skippedNow.contains(it.key()))
            skippedNow.insert(it.key(), it.value());
    QList<QByteArray> removedTree;
    for (const QByteArray& r : removed)
        removedTree << treePathOf(r);
    sortPaths(removedTree);
    {
        QList<QByteArray> tops;
        for (const QByteArray& r : removedTree)
            if (tops.isEmpty() || !under(r, tops.last()))
                tops << r;
        removedTree = tops;
    }

    // Owner and group names: known from the first scan, else asked once.
    QHash<quint32, QByteArray> users, groups;
    if (!added.empty()) {
        for (auto it = lo; it != hi; ++it) {
            if (newUids.remove(it->uid))
                users.insert(it->uid, it->owner);
            if (newGids.remove(it->gid))
                groups.insert(it->gid, it->group);
            if (newUids.isEmpty() && newGids.isEmpty())
                break;
        }
        if (!newUids.isEmpty() || !newGids.isEmpty()) {
            auto names = scanner.names(newUids, newGids, opt);
            if (!names)
                return names.error();
            for (auto it = names->users.constBegin(); it != names->users.constEnd(); ++it)
                users.insert(it.key(), it.value().toUtf8());
            for (auto it = names->groups.constBegin(); it != names->groups.constEnd(); ++it)
                groups.insert(it.key(), it.value().toUtf8());
        }
        for (auto& e : added) {
            e.owner = users.value(e.uid);
            e.group = groups.value(e.gid);
        }
    }

    // Merge two sorted lists; a path seen again replaces the one from before.
    outEntries.reserve(outEntries.size() + std::size_t(hi - lo) + added.size());
    qsizetype r = 0;
    auto a = added.begin();
    for (auto it = lo; it != hi; ++it) {
        while (r < removedTree.size() && repo::comparePaths(removedTree[r], it->path) < 0 && !under(it->path, removedTree[r]))
            ++r;
        if (r < removedTree.size() && under(it->path, removedTree[r]))
            continue;
        while (a != added.end() && repo::comparePaths(a->path, it->path) < 0)
            outEntries.push_back(std::move(*a++));
        if (a != added.end() && a->path == it->path) {
            outEntries.push_back(std::move(*a++));
            continue;
        }
        outEntries.push_back(*it);
    }
    for (; a != added.end(); ++a)
        outEntries.push_back(std::move(*a));
    for (auto it = skippedNow.constBegin(); it != skippedNow.constEnd(); ++it)
        outSkipped.push_back({treePathOf(it.key()), it.value()});
    return true;
}

Status HostSource::read(const QList<QByteArray>& paths, const SourceReader& reader, const CancelCheck& cancel)
{
    for (const HostFolder& f : m_folders) {
        QList<QByteArray> rel;
        for (const QByteArray& p : paths)
            if (under(p, f.prefix) && p != f.prefix)
                rel << p.mid(f.prefix.size() + 1);
        if (rel.isEmpty())
            continue;
        qsizetype next = 0; // tar sends the members in list order, leaving out what it could not read
        bool open = false;
        // Told once the stream has ended, when tar's own words on each path are known.
        QList<QPair<QByteArray, QString>> notRead;
        host::TarStreamReader::Consumer c;
        c.begin = [&](const host::TarEntry& e) -> Status {
            if (cancel && cancel())
                return Error::make(Error::Cancelled, QStringLiteral("The backup was cancelled while reading files."));
            qsizetype i = next;
            while (i < rel.size() && rel[i] != e.path)
                ++i;
            if (i == rel.size())
                return Error::make(Error::Remote, QStringLiteral("The tar stream from %1 sent %2, which was not asked for.")
                                                      .arg(m_host.displayName(), limits::shownPath(e.path)));
            for (; next < i; ++next)
                notRead.append({rel[next], QString()});
            ++next;
            if (e.type != host::TarEntry::File) {
                // A hard link, device, fifo or folder where the scan saw a file: its bytes never came.
                static const QHash<int, QString> names{{host::TarEntry::Dir, QStringLiteral("a folder")},
                                                       {host::TarEntry::Symlink, QStringLiteral("a symlink")},
                                                       {host::TarEntry::Hardlink, QStringLiteral("a hard link")}};
                notRead.append({e.path, QStringLiteral("the host sent %1 in its place")
                                            .arg(names.value(e.type, QStringLiteral("a device, fifo or socket")))});
                return {};
            }
            open = true;
            return reader.begin(f.prefix + '/' + e.path);
        };
        c.data = [&](const char* d, qint64 n) -> Status { return open ? reader.data(d, n) : Status{}; };
        c.end = [&]() -> Status {
            if (!open)
                return {};
            open = false;
            return reader.end();
        };
        host::TarStreamReader tar(m_host);
        host::ExecOptions opt;
        opt.cancel = cancel;
        auto sum = tar.read(f.hostPath, rel, c, opt);
        if (!sum)
            return sum.error();
        for (; next < rel.size(); ++next)
            notRead.append({rel[next], QString()});
        // tar says why it left a file out: "tar: alice/files/x: Warning: Cannot open: Permission denied".
        QHash<QByteArray, QString> said;
        if (!notRead.isEmpty())
            for (const QByteArray& line : sum->warnings.split('\n')) {
                const int at = line.indexOf(": Cannot ");
                if (!line.startsWith("tar: ") || at <= 5)
                    continue;
                QByteArray name = line.mid(5, at - 5);
                if (name.endsWith(": Warning"))
                    name.chop(9);
                said.insert(name, QString::fromUtf8(line.mid(at + 2)).trimmed().toLower());
            }
        for (const auto& [path, why] : notRead) {
            QString w = why;
            if (w.isEmpty())
                w = said.value(path, QStringLiteral("vanished, or could not be read, before it was read"));
            reader.missing(f.prefix + '/' + path, w);
        }
    }
    return {};
}

} // namespace ncb::backup
