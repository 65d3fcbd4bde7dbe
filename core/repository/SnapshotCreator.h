#pragma once
// SnapshotCreator: makes a snapshot of a local folder. The scan stream is merge-joined with the
// parent snapshot's tree stream (both in path order, neither held in memory): a file whose size,
// mtime, ctime and inode are unchanged keeps its chunk list unread; the others are read, chunked
// (keyed FastCDC), hashed and stored by worker threads while the main thread keeps the tree in order.
// Tree blobs follow, then the manifest, written last: an interrupted run leaves only packs that the
// next run reuses. Files that change, vanish or cannot be read become warnings, not failures.

#include "repository/Repository.h"
#include "repository/SnapshotManifest.h"
#include "util/Progress.h"
#include "util/Result.h"

namespace ncb::repo {

struct SnapshotCreateOptions
{
    QString sourceDir;
    bool full = false;        // ignore the parent: read every file
    QString parentId;         // empty: the latest snapshot of the same source folder
    QJsonObject extra;        // goes into the manifest as is
    int threads = 2;
    ProgressCallback progress;
    CancelCheck cancel;
};

struct SnapshotCreateResult
{
    QString snapshotId;
    SnapshotManifest manifest;
};

class SnapshotCreator
{
public:
    explicit SnapshotCreator(Repository& repo);
    Result<SnapshotCreateResult> run(const SnapshotCreateOptions& options);

    // The latest snapshot whose source is `sourceDir`, or empty.
    static Result<QString> findParent(const Repository& repo, const QString& sourceDir);

private:
    Repository& m_repo;
};

} // namespace ncb::repo
