#pragma once
// LocalFileRestorer: puts files and folders of a Restoring Point into a folder on this machine
// (`restore files --to-dir`, the app's "a folder on this computer"). Each requested path goes under its
// own last name (DIR/Photos/...); the whole RP (no path) keeps its tops (DIR/data, DIR/root, DIR/db).
// What is written, kept, skipped or left out is decided by RestorePlan, the same rule as on the host.
// The files belong to whoever runs the restore and get only their rwx bits, even as root, unless
// sameOwner / keepSpecialBits ask for the RP's (like tar --no-same-owner --no-same-permissions).
// The writing is SnapshotRestorer's: never through a symlink, a damaged file named and removed.

#include "restore/RestorePlan.h"
#include "restore/RpContent.h"

namespace ncb::restore {

class LocalFileRestorer
{
public:
    explicit LocalFileRestorer(RpContent& rp) : m_rp(rp) {}
    // options.target: the folder (created when missing). Errors: as planRestore; Corrupt when some files
    // could not be restored (then *report names them in failures).
    Result<FileRestoreReport> run(const FileRestoreOptions& options, FileRestoreReport* report = nullptr);

private:
    RpContent& m_rp;
};

} // namespace ncb::restore
