#pragma once
// TreeEntry: one file, folder or symlink of a snapshot, as scanned from disk and as stored in tree blobs.
// Paths are raw bytes relative to the snapshot root ('/'-separated, no leading slash): file names on
// Linux need not be UTF-8, and the tree keeps them exactly.

#include "repository/Repository.h"

#include <QByteArray>

#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace ncb::repo {

struct ChunkRef
{
    BlobId id{};
    std::uint32_t size = 0; // plaintext bytes
};

struct TreeEntry
{
    enum Type : std::uint8_t { File = 0, Dir = 1, Symlink = 2 };
    QByteArray path;
    Type type = File;
    std::uint32_t mode = 0; // permission bits (07777)
    std::uint32_t uid = 0;
    std::uint32_t gid = 0;
    QByteArray owner;
    QByteArray group;
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0;
    std::int64_t ctimeNs = 0;
    std::uint64_t inode = 0;
    std::uint64_t device = 0;
    QByteArray linkTarget;        // symlinks only
    std::vector<ChunkRef> chunks; // files only, in file order
};

// The order of every tree stream: component by component, each compared bytewise, so a folder's
// contents follow it directly ("a", "a/x", "a b"). Returns <0, 0, >0. Equivalent to comparing the paths
// bytewise with '/' taken as the smallest byte. Sorting and merging the hundreds of thousands of paths of
// a large instance (appdata previews share long prefixes) calls it millions of times: the common prefix
// is skipped eight bytes at a time.
inline int comparePaths(const QByteArray& a, const QByteArray& b)
{
    const char* pa = a.constData();
    const char* pb = b.constData();
    const qsizetype n = std::min(a.size(), b.size());
    qsizetype i = 0;
    if constexpr (std::endian::native == std::endian::little) {
        for (; i + 8 <= n; i += 8) {
            std::uint64_t x, y;
            std::memcpy(&x, pa + i, 8);
            std::memcpy(&y, pb + i, 8);
            if (x != y) {
                i += std::countr_zero(x ^ y) / 8; // the first differing byte (little endian: lowest)
                break;
            }
        }
    }
    for (; i < n; ++i) {
        unsigned char ca = static_cast<unsigned char>(pa[i]), cb = static_cast<unsigned char>(pb[i]);
        if (ca == cb)
            continue;
        if (ca == '/')
            ca = 0;
        if (cb == '/')
            cb = 0;
        return ca < cb ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// Sorts entries into comparePaths() order. Cheap when they already are (the common case after a merge),
// and when only a tail is out of order (entries appended to a sorted list): the tail is sorted and merged.
void sortTreeEntries(std::vector<TreeEntry>& entries);

// Hex of a blob id without needing the Repository implementation (pure code and its tests).
inline QString blobHex(const BlobId& id, int chars = 64)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(id.data()), 32).toHex().left(chars));
}

} // namespace ncb::repo
