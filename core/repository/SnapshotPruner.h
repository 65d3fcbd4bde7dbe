#pragma once
// SnapshotPruner: `snapshot forget` (drop manifests by policy) and `repo prune` (keep exactly the data
// and tree blobs the remaining snapshots reference). Prune refuses to run when any snapshot cannot be
// read completely: deleting blobs on a partial view would destroy data.

#include "repository/ForgetPolicy.h"
#include "repository/Repository.h"
#include "util/Progress.h"

namespace ncb::repo {

class SnapshotPruner
{
public:
    // Decides with applyForgetPolicy and, unless dryRun, deletes the manifests not kept.
    static Result<QList<ForgetDecision>> forget(Repository& repo, const ForgetRules& rules, bool dryRun);
    // Marks the blobs used by all snapshots and lets the repository drop the others.
    static Status prune(Repository& repo, const ProgressCallback& progress = {});
};

} // namespace ncb::repo
