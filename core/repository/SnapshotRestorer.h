#pragma once
// SnapshotRestorer: writes a snapshot (or some paths of it) into a target folder, never outside it.
// Every path from the tree is checked (checkSafeRelativePath), folders are created one component at
// a time with mkdirat/openat(O_NOFOLLOW) relative to the target's fd, files are opened with
// O_NOFOLLOW: a symlink restored earlier is never followed as a parent. Files are fetched and
// decrypted by worker threads; a chunk that fails to verify fails that file (named, removed), the
// others restore. Mode and mtime are restored, owner too when running as root.

#include "repository/Repository.h"
#include "util/Progress.h"
#include "util/Result.h"

#include <QStringList>

namespace ncb::repo {

struct SnapshotRestoreOptions
{
    QString snapshotId;        // full id
    QList<QByteArray> paths;   // relative paths to restore (files or folders); empty: everything
    QString targetDir;
    int threads = 2;
    ProgressCallback progress;
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

private:
    Repository& m_repo;
};

} // namespace ncb::repo
