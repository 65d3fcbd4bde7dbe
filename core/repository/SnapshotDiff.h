#pragma once
// SnapshotDiff: what changed between two snapshots, by merge-joining their tree streams (both in path
// order), so two million-file snapshots compare in constant memory. A file is modified when its type,
// content (chunk list), symlink target or mode changed.

#include "repository/TreeReader.h"

#include <functional>

namespace ncb::repo {

struct DiffItem
{
    enum Change { Added, Removed, Modified } change;
    QByteArray path;
    TreeEntry::Type type;
    std::int64_t oldSize = 0;
    std::int64_t newSize = 0;
};

// Calls `onItem` for each difference, in path order.
Status diffTrees(TreeReader& older, TreeReader& newer, const std::function<void(const DiffItem&)>& onItem);

} // namespace ncb::repo
