#include "SnapshotPruner.h"

#include "SnapshotManifest.h"
#include "TreeReader.h"

#include <unordered_set>

namespace ncb::repo {

Result<QList<ForgetDecision>> SnapshotPruner::forget(Repository& repo, const ForgetRules& rules, bool dryRun)
{
    auto list = repo.listSnapshots();
    if (!list)
        return list.error();
    QList<ForgetCandidate> c;
    for (const SnapshotRef& r : list.value())
        c << ForgetCandidate{r.id, r.time};
    QList<ForgetDecision> d = applyForgetPolicy(c, rules);
    if (!dryRun)
        for (const ForgetDecision& x : d)
            if (!x.keep)
                NCB_TRY(repo.deleteManifest(x.id));
    return d;
}

Status SnapshotPruner::prune(Repository& repo, const ProgressCallback& progress)
{
    auto list = repo.listSnapshots();
    if (!list)
        return list.error();
    std::unordered_set<BlobId, BlobIdHash> used;
    qint64 n = 0;
    for (const SnapshotRef& ref : list.value()) {
        if (progress) {
            Progress p;
            p.phase = QStringLiteral("mark");
            p.filesDone = n++;
            p.filesTotal = list->size();
            p.current = ref.id.left(8);
            progress(p);
        }
        auto plain = repo.readManifest(ref.id);
        if (!plain)
            return Error::make(Error::Corrupt, QStringLiteral("Prune stopped: snapshot %1 cannot be read (%2); nothing was deleted.")
                                                   .arg(ref.id.left(8), plain.error().message));
        auto m = parseManifest(plain.value());
        if (!m)
            return Error::make(Error::Corrupt, QStringLiteral("Prune stopped: snapshot %1 is damaged (%2); nothing was deleted.")
                                                   .arg(ref.id.left(8), m.error().message));
        for (const BlobId& t : m->treeBlobs)
            used.insert(t);
        TreeReader tree(m->treeBlobs, [&repo](const BlobId& id) { return repo.getBlob(id); });
        TreeEntry e;
        while (tree.next(e))
            for (const ChunkRef& c : e.chunks)
                used.insert(c.id);
        if (tree.failed())
            return Error::make(Error::Corrupt, QStringLiteral("Prune stopped: the file list of snapshot %1 cannot be read (%2); "
                                                              "nothing was deleted.")
                                                   .arg(ref.id.left(8), tree.error().message));
    }
    return repo.prune([&used](const BlobId& id) { return used.count(id) > 0; }, progress);
}

} // namespace ncb::repo
