#pragma once
// HostFileRestorer: puts files and folders of a Restoring Point back onto the instance's host, as ONE
// tar stream per top folder piped into `tar -x` there (TarStreamWriter): modes, mtimes and owners kept
// (owners when tar runs as root; as the instance's sudo user they become that user's). RP paths map to
// host paths: data/X -> DATADIR/X, root/X -> SERVERROOT/X; with a target folder, each requested path is
// written into it under its own name. Nothing is written outside the target: hostile RP paths are refused
// before the first byte. Files that already exist are a conflict, resolved by the policy (or asked).
// Afterwards `occ files:scan --path=/<uid>/files/...` runs on every user folder it touched (with a target
// folder: on the target, when it lies inside a user's files), so users see the files at once.

#include "backup/InstanceContext.h"
#include "restore/RpContent.h"

#include <QDate>

namespace ncb::restore {

enum class Conflict { Ask, Overwrite, Skip, KeepBoth };

struct HostFileRestoreOptions
{
    QList<QByteArray> paths;   // RP paths (data/alice/files/Photos, root/config/config.php)
    QString target;            // absolute host folder; empty: the original place
    Conflict conflict = Conflict::Ask;
    // For Conflict::Ask: the answer for one existing host path (Ask itself means "stop").
    std::function<Conflict(const QString& hostPath)> ask;
    ProgressCallback progress;
    QDate today;               // for "name (restored DATE).ext"; default: today
};

struct HostFileRestoreReport
{
    qint64 files = 0, dirs = 0, bytes = 0;
    QStringList skipped;       // existing files left alone
    QStringList renamed;       // restored copies written under another name (keep-both)
    QStringList scannedPaths;  // occ files:scan --path values
};

class HostFileRestorer
{
public:
    HostFileRestorer(backup::InstanceContext& ctx, RpContent& rp);
    Result<HostFileRestoreReport> run(const HostFileRestoreOptions& options);

    // "report.pdf" -> "report (restored 2026-11-26).pdf"; "Makefile" -> "Makefile (restored 2026-11-26)".
    static QByteArray keepBothName(const QByteArray& name, const QDate& date);
    // data/alice/files/Photos -> /alice/files/Photos; empty when the path is not inside a user's files.
    static QString scanPathFor(const QByteArray& rpPath);

private:
    backup::InstanceContext& m_ctx;
    RpContent& m_rp;
};

} // namespace ncb::restore
