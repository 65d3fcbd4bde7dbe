#pragma once
// TreeEntry: one file, folder or symlink of a snapshot, as scanned from disk and as stored in tree blobs.
// Paths are raw bytes relative to the snapshot root ('/'-separated, no leading slash): file names on
// Linux need not be UTF-8, and the tree keeps them exactly.

#include "repository/Repository.h"

#include <QByteArray>

#include <cstdint>
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
// contents follow it directly ("a", "a/x", "a b"). Returns <0, 0, >0.
inline int comparePaths(const QByteArray& a, const QByteArray& b)
{
    const int n = int(std::min(a.size(), b.size()));
    for (int i = 0; i < n; ++i) {
        unsigned char ca = static_cast<unsigned char>(a[i]), cb = static_cast<unsigned char>(b[i]);
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

// Hex of a blob id without needing the Repository implementation (pure code and its tests).
inline QString blobHex(const BlobId& id, int chars = 64)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(id.data()), 32).toHex().left(chars));
}

} // namespace ncb::repo
