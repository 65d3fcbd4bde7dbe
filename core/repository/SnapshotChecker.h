#pragma once
// SnapshotChecker: the snapshot level of `repo check`. On top of Repository::checkStorage it verifies
// that every manifest decrypts, verifies and parses, that every tree blob parses, and that every blob a
// snapshot references is indexed and undamaged; each damage is mapped to the snapshots and file paths
// it affects, so the user learns what is lost, not only which pack broke.

#include "repository/Repository.h"
#include "util/Progress.h"

#include <QStringList>

namespace ncb::repo {

struct SnapshotDamage
{
    QString snapshotId;
    QString message;   // one sentence
    QStringList paths; // affected files (capped at 1000 per snapshot; `more` counts the rest)
    qint64 more = 0;
};

struct SnapshotCheckReport
{
    StorageCheckReport storage;
    QList<SnapshotDamage> snapshots;
    qint64 snapshotsChecked = 0;
    bool ok() const { return storage.ok() && snapshots.isEmpty(); }
};

class SnapshotChecker
{
public:
    // Storage check, then the snapshot level on top of it.
    static SnapshotCheckReport check(const Repository& repo, bool readData, const ProgressCallback& progress = {});
    // The same under the shared repository lock (what `repo check` and the app's check run): Error::Locked
    // while a writer (prune, forget, a password change) holds it.
    static Result<SnapshotCheckReport> checkLocked(Repository& repo, bool readData, const ProgressCallback& progress = {});
    // The snapshot level only, given the storage check's result (for `repo check`).
    static QList<SnapshotDamage> checkSnapshots(const Repository& repo, const StorageCheckReport& storage,
                                                qint64* snapshotsChecked = nullptr, const ProgressCallback& progress = {});
};

} // namespace ncb::repo
