#include "SnapshotChecker.h"

#include "RepoLock.h"
#include "SnapshotManifest.h"
#include "TreeReader.h"

#include <unordered_set>

namespace ncb::repo {

SnapshotCheckReport SnapshotChecker::check(const Repository& repo, bool readData, const ProgressCallback& progress)
{
    SnapshotCheckReport r;
    r.storage = repo.checkStorage(readData, progress);
    r.snapshots = checkSnapshots(repo, r.storage, &r.snapshotsChecked, progress);
    return r;
}

Result<SnapshotCheckReport> SnapshotChecker::checkLocked(Repository& repo, bool readData, const ProgressCallback& progress)
{
    auto lock = repo.lock(Repository::LockMode::Shared);
    if (!lock)
        return lock.error();
    return check(repo, readData, progress);
}

QList<SnapshotDamage> SnapshotChecker::checkSnapshots(const Repository& repo, const StorageCheckReport& storage,
                                                      qint64* snapshotsChecked, const ProgressCallback& progress)
{
    struct
    {
        QList<SnapshotDamage> snapshots;
        qint64 snapshotsChecked = 0;
    } r;
    std::unordered_set<BlobId, BlobIdHash> damaged;
    for (const Damage& d : storage.damages)
        for (const BlobId& b : d.blobs)
            damaged.insert(b);
    auto list = repo.listSnapshots();
    if (!list) {
        r.snapshots << SnapshotDamage{QString(), list.error().message, {}, 0};
        return r.snapshots;
    }
    qint64 n = 0;
    for (const SnapshotRef& ref : list.value()) {
        ++n;
        if (progress) {
            Progress p;
            p.phase = QStringLiteral("snapshots");
            p.filesDone = n - 1;
            p.filesTotal = list->size();
            p.current = ref.id.left(8);
            progress(p);
        }
        ++r.snapshotsChecked;
        auto plain = repo.readManifest(ref.id);
        if (!plain) {
            r.snapshots << SnapshotDamage{ref.id, plain.error().message, {}, 0};
            continue;
        }
        auto m = parseManifest(plain.value());
        if (!m) {
            r.snapshots << SnapshotDamage{ref.id, m.error().message, {}, 0};
            continue;
        }
        SnapshotDamage sd{ref.id, QString(), {}, 0};
        QString treeProblem;
        for (const BlobId& t : m->treeBlobs) {
            if (!repo.hasBlob(t))
                treeProblem = QStringLiteral("Its tree blob %1 is not in the index.").arg(blobHex(t, 16));
            else if (damaged.count(t))
                treeProblem = QStringLiteral("Its tree blob %1 is damaged.").arg(blobHex(t, 16));
            if (!treeProblem.isEmpty())
                break;
        }
        if (treeProblem.isEmpty()) {
            TreeReader tree(m->treeBlobs, [&repo](const BlobId& id) { return repo.getBlob(id); });
            TreeEntry e;
            qint64 missing = 0, bad = 0;
            while (tree.next(e)) {
                for (const ChunkRef& c : e.chunks) {
                    const bool isMissing = !repo.hasBlob(c.id);
                    if (isMissing || damaged.count(c.id)) {
                        (isMissing ? missing : bad)++;
                        if (sd.paths.size() < 1000)
                            sd.paths << QString::fromUtf8(e.path);
                        else
                            ++sd.more;
                        break;
                    }
                }
            }
            if (tree.failed())
                treeProblem = tree.error().message;
            else if (missing || bad)
                sd.message = QStringLiteral("%1 file(s) have missing or damaged data.").arg(sd.paths.size() + sd.more);
        }
        if (!treeProblem.isEmpty())
            sd.message = treeProblem + QStringLiteral(" Its file list cannot be read.");
        if (!sd.message.isEmpty())
            r.snapshots << sd;
    }
    if (snapshotsChecked)
        *snapshotsChecked = r.snapshotsChecked;
    return r.snapshots;
}

} // namespace ncb::repo
