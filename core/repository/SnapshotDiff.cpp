#include "SnapshotDiff.h"

namespace ncb::repo {

static bool sameContent(const TreeEntry& a, const TreeEntry& b)
{
    if (a.type != b.type || a.mode != b.mode || a.linkTarget != b.linkTarget || a.size != b.size ||
        a.chunks.size() != b.chunks.size())
        return false;
    for (std::size_t i = 0; i < a.chunks.size(); ++i)
        if (a.chunks[i].id != b.chunks[i].id)
            return false;
    return true;
}

Status diffTrees(TreeReader& older, TreeReader& newer, const std::function<void(const DiffItem&)>& onItem)
{
    while (true) {
        const TreeEntry* a = older.peek();
        const TreeEntry* b = newer.peek();
        if (!a || !b)
            break;
        const int c = comparePaths(a->path, b->path);
        if (c < 0) {
            onItem({DiffItem::Removed, a->path, a->type, a->size, 0});
            TreeEntry x;
            older.next(x);
        } else if (c > 0) {
            onItem({DiffItem::Added, b->path, b->type, 0, b->size});
            TreeEntry x;
            newer.next(x);
        } else {
            if (!sameContent(*a, *b))
                onItem({DiffItem::Modified, b->path, b->type, a->size, b->size});
            TreeEntry x;
            older.next(x);
            newer.next(x);
        }
    }
    TreeEntry x;
    while (older.next(x))
        onItem({DiffItem::Removed, x.path, x.type, x.size, 0});
    while (newer.next(x))
        onItem({DiffItem::Added, x.path, x.type, 0, x.size});
    if (older.failed())
        return older.error();
    if (newer.failed())
        return newer.error();
    return {};
}

} // namespace ncb::repo
