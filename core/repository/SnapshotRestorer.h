#pragma once
// SnapshotRestorer: writes a snapshot (or some paths of it) into a target folder, never outside it.
// Every path from the tree is checked (checkSafeRelativePath), folders are created one component at
// a time with mkdirat/openat(O_NOFOLLOW) relative to the target's fd, files are opened with
// O_NOFOLLOW: a symlink restored earlier is never followed as a parent. Files are fetched and
// decrypted by worker threads; a chunk that fails to verify fails that file (named, removed), the
// others restore. Mode and mtime are restored. Owners and the special bits (setuid, setgid, sticky) only
// when asked (sameOwner as root, keepSpecialBits), like tar --no-same-owner --no-same-permissions: a
// snapshot from another machine never makes a setuid file owned by one of this machine's users.
// runItems() writes a list chosen beforehand (restore/RestorePlan): each entry at its own place below the
// target, a missing one created exclusively (O_EXCL: what appeared meanwhile is never replaced), one marked
// `replace` put in place of what is there.

#include "repository/Repository.h"
#include "repository/TreeEntry.h"
#include "util/Progress.h"
#include "util/Result.h"

#include <QStringList>

#include <functional>
#include <vector>

namespace ncb::repo {

struct SnapshotRestoreOptions
{
    QString snapshotId;        // full id
    QList<QByteArray> paths;   // relative paths to restore (files or folders); empty: everything
    QString targetDir;
    int threads = 2;
    ProgressCallback progress;
    bool sameOwner = false;       // as root: the snapshot's uid/gid (otherwise: whoever runs the restore)
    bool keepSpecialBits = false; // setuid, setgid and sticky bits of the snapshot (otherwise: rwx only)
};

// One entry of a planned restore: the snapshot's entry, where it goes below targetDir (a safe relative
// path), and whether it may replace what is there (otherwise a file is created with O_EXCL).
struct RestoreItem
{
    TreeEntry entry;
    QByteArray dest;
    bool replace = false;
};

struct SnapshotRestoreReport
{
    qint64 files = 0;
    qint64 dirs = 0;
    qint64 symlinks = 0;
    qint64 bytes = 0;
    QStringList failures; // one sentence each, naming the path
};

class SnapshotRestorer
{
public:
    explicit SnapshotRestorer(Repository& repo);
    // Errors: Unsafe (hostile path: nothing more written), NotFound (requested path not in the
    // snapshot), Corrupt (some files failed: see report via `report`), Io.
    Status run(const SnapshotRestoreOptions& options, SnapshotRestoreReport* report = nullptr);
    // The given entries (in tree order: a folder before what it holds) into options.targetDir; snapshotId
    // and paths are not used. Errors as run().
    Status runItems(std::vector<RestoreItem> items, const SnapshotRestoreOptions& options,
                    SnapshotRestoreReport* report = nullptr);

private:
    using Next = std::function<bool(TreeEntry& entry, QByteArray& dest, bool& replace)>;
    Status write(const SnapshotRestoreOptions& o, const Next& next, qint64 bytesTotal, bool eta, const std::function<Status()>& afterLoop,
                 SnapshotRestoreReport* reportOut);

    Repository& m_repo;
};

} // namespace ncb::repo
