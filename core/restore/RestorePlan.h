#pragma once
// RestorePlan: the one rule for restoring files of a Restoring Point over what a target already holds,
// the same for every target (the host's original place, a folder on the host, a folder on this machine):
// - a file whose content already equals the RP's is left alone and counted "already up to date": size
//   and mtime first; when only the mtime differs, the existing file is read once, cut with the
//   repository's chunker and its keyed chunk ids compared with the RP's (nothing is read from the
//   repository for that);
// - a missing file is restored;
// - a file that differs is a conflict, settled by the policy: ask (the callback, e.g. a terminal or a
//   dialog; without one nothing is written), overwrite, skip, or keep both: the RP's version is written
//   next to it as "name (restored DATE).ext" (never over another file; when that copy is there already
//   with the RP's size and mtime, it is up to date). No policy writes a copy of an identical file, and
//   nothing is replaced without Overwrite. A folder standing where the RP has a file is never emptied
//   to make room: with Overwrite too, the RP's file goes next to it as a copy.
// Every conflict is settled before the first byte is written. Entries of the RP that could lead out of
// the target (hostile names, entries below a symlink of the RP) are left out and named; a symlink on the
// target where the RP has a folder is refused (Error::Unsafe), since writing through it could land
// anywhere.
//
// Where entries go (Placement): in a target folder, each requested path under its own last name
// (DIR/Photos/..., not DIR/data/alice/files/Photos/...); the whole RP (no path) keeps its tops (data/,
// root/, db/); the original place maps data/X to DATADIR/X and root/X to SERVERROOT/X.

#include "restore/RpContent.h"
#include "util/Progress.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <vector>

namespace ncb::restore {

enum class Conflict { Ask, Overwrite, Skip, KeepBoth };

struct FileRestoreOptions
{
    QList<QByteArray> paths;   // RP paths (data/alice/files/Photos, root/config/config.php); empty: the whole RP
    QString target;            // a folder (absolute); for the host empty means the original place
    Conflict conflict = Conflict::Ask;
    // For Conflict::Ask: the answer for one file that differs (given as the path the user knows); Ask
    // itself means "stop" (nothing is written).
    std::function<Conflict(const QString& path)> ask;
    bool dryRun = false;       // plan and report only: nothing is written, nothing rescanned, nobody asked
    bool sameOwner = false;    // a folder on this machine: the RP's owners (as root); the host: always kept
    bool keepSpecialBits = false; // a folder on this machine: setuid, setgid and sticky bits of the RP
    ProgressCallback progress;
    QDate today;               // for "name (restored DATE).ext"; default: today
};

// What a restore did (or, dry run, would do). Paths are the real places: host paths, or paths on this
// machine.
struct FileRestoreReport
{
    bool dryRun = false;
    qint64 files = 0, dirs = 0, symlinks = 0, bytes = 0; // written (dry run: to be written)
    QStringList restored;     // files and symlinks written (new or, with Overwrite, replaced)
    QStringList replaced;     // those of `restored` that replaced a different file
    QStringList upToDate;     // already equal to the RP's version: left alone
    QStringList keptBoth;     // copies written next to a different file ("name (restored DATE).ext")
    QStringList skipped;      // different files left alone (Skip)
    QStringList toAsk;        // dry run with Ask: files that differ, about which the restore would ask
    QStringList leftOut;      // RP entries that could not be restored safely, one sentence each
    QStringList scannedPaths; // occ files:scan --path values (dry run: those that would run)
    QStringList failures;     // files that could not be written, one sentence each

    // What the job history keeps of it: the counts and what was left out.
    QJsonObject historyFields() const;
};

// Where the entries of a restore go.
struct Placement
{
    QByteArray folder;   // a target folder; empty: the original place
    QByteArray dataDir;  // the original place: data/X -> dataDir/X
    QByteArray rootDir;  //                     root/X -> rootDir/X
};

// What a target path holds now.
struct Existing
{
    enum Kind { Missing, File, Dir, Symlink, Other };
    Kind kind = Missing;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    QByteArray linkTarget;
};

// A place to restore into, as the planner sees it.
class RestoreTarget
{
public:
    virtual ~RestoreTarget() = default;
    // "on ncbtest@host:22" / "on this machine": for sentences.
    virtual QString where() const = 0;
    // What each path (relative to base) is now, in as few round trips as possible; a path not in the
    // answer is missing. Never follows a symlink at the path itself.
    virtual Result<QHash<QByteArray, Existing>> probe(const QByteArray& base, const QList<QByteArray>& rels) = 0;
    // The bytes of base/rel, in order; sink may stop the read by returning an error.
    virtual Status read(const QByteArray& base, const QByteArray& rel, const std::function<Status(const char*, qint64)>& sink) = 0;
    // The bytes of each of `rels`, one after the other: data(i, ...) as they come, then end(i, read):
    // read false when the file could not be read (whatever came is then not its content). The default
    // calls read() for each; a host does it in one round trip.
    virtual Status readEach(const QByteArray& base, const QList<QByteArray>& rels,
                            const std::function<void(qsizetype, const char*, qint64)>& data,
                            const std::function<void(qsizetype, bool)>& end);
};

struct PlanItem
{
    enum Action { Write, Replace, KeepBoth, UpToDate, Skip, Ask, Nothing };
    repo::TreeEntry entry;
    QByteArray base;   // the folder it goes into
    QByteArray rel;    // below base (renamed for KeepBoth)
    Action action = Write;
    bool writes() const { return action == Write || action == Replace || action == KeepBoth; }
    QByteArray full() const { return base + '/' + rel; }
};

struct RestorePlan
{
    std::vector<PlanItem> items; // tree order
    QStringList leftOut;
};

// Plans a restore: which entries, where, and what to do with each (see the top of this file). Fills the
// report's lists and counts as if the plan were carried out (files, dirs, symlinks, bytes).
Result<RestorePlan> planRestore(RpContent& rp, RestoreTarget& target, const Placement& placement,
                                const FileRestoreOptions& options, FileRestoreReport* report);

// "report.pdf" -> "report (restored 2026-11-26).pdf"; "Makefile" -> "Makefile (restored 2026-11-26)";
// n > 1: "report (restored 2026-11-26 2).pdf".
QByteArray keepBothName(const QByteArray& name, const QDate& date, int n = 1);

} // namespace ncb::restore
