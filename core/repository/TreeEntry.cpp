#include "TreeEntry.h"

#include <algorithm>
#include <numeric>

namespace ncb::repo {

void sortTreeEntries(std::vector<TreeEntry>& entries)
{
    const auto less = [](const TreeEntry& a, const TreeEntry& b) { return comparePaths(a.path, b.path) < 0; };
    const auto mid = std::is_sorted_until(entries.begin(), entries.end(), less);
    if (mid == entries.end())
        return;
    if (std::size_t(entries.end() - mid) <= entries.size() / 8) {
        std::sort(mid, entries.end(), less);
        std::inplace_merge(entries.begin(), mid, entries.end(), less);
        return;
    }
    // Sort positions rather than the entries (an entry is ~180 bytes: moving it costs more than
    // comparing), then move each entry once, following the permutation's cycles in place.
    std::vector<std::uint32_t> order(entries.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return comparePaths(entries[a].path, entries[b].path) < 0; });
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start] == start)
            continue;
        // entries[i] must become entries[order[i]]: walk the cycle that starts here.
        TreeEntry held = std::move(entries[start]);
        std::size_t i = start;
        for (;;) {
            const std::size_t from = order[i];
            order[i] = std::uint32_t(i);
            if (from == start) {
                entries[i] = std::move(held);
                break;
            }
            entries[i] = std::move(entries[from]);
            i = from;
        }
    }
}

} // namespace ncb::repo
