#pragma once
// HostFileRestorer: puts files and folders of a Restoring Point back onto the instance's host, as ONE
// tar stream per folder piped into `tar -x` there (TarStreamWriter): modes, mtimes and owners kept
// (owners when tar runs as root; as the instance's sudo user they become that user's). RP paths map to
// host paths: data/X -> DATADIR/X, root/X -> SERVERROOT/X; with a target folder, each requested path is
// written into it under its own last name. What is written, kept, skipped or left out is decided by
// RestorePlan (the same rule as for a folder on this machine: identical files are left alone, nothing is
// replaced without Conflict::Overwrite), before the first byte. Afterwards, when something was written,
// `occ files:scan --path=/<uid>/files/...` runs on every user folder it touched (with a target folder: on
// the target, when it lies inside a user's files), so users see the files at once.

#include "backup/InstanceContext.h"
#include "restore/RestorePlan.h"
#include "restore/RpContent.h"

namespace ncb::restore {

using HostFileRestoreOptions = FileRestoreOptions;
using HostFileRestoreReport = FileRestoreReport;

class HostFileRestorer
{
public:
    HostFileRestorer(backup::InstanceContext& ctx, RpContent& rp);
    Result<FileRestoreReport> run(const FileRestoreOptions& options);

    // "report.pdf" -> "report (restored 2026-11-26).pdf"; "Makefile" -> "Makefile (restored 2026-11-26)".
    static QByteArray keepBothName(const QByteArray& name, const QDate& date) { return restore::keepBothName(name, date); }
    // data/alice/files/Photos -> /alice/files/Photos; empty when the path is not inside a user's files.
    static QString scanPathFor(const QByteArray& rpPath);

private:
    backup::InstanceContext& m_ctx;
    RpContent& m_rp;
};

} // namespace ncb::restore
