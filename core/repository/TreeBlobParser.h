#pragma once
// parseTreeBlob: decodes one tree blob into its entries. A pure function over untrusted bytes (a
// tampered or damaged repository): every length and count is bound-checked, garbage gives an error,
// never a crash or an unbounded allocation. Kept alone in its file for the libFuzzer target.
//
// Tree blob format, version 1:
//   "NCBT" 0x01, then records until the end, each:
//     varint shared    bytes shared with the previous path of this blob (0 for the first)
//     varint n, bytes  the rest of the path
//     u8 type          0 file, 1 dir, 2 symlink
//     varint mode, uid, gid; varint n + owner bytes; varint n + group bytes
//     varint size; zigzag mtime ns; zigzag ctime ns; varint inode; varint device
//     symlink: varint n + target bytes
//     file:    varint count, then count x (32-byte blob id, varint plaintext size)
// Paths within a blob are strictly increasing in comparePaths() order.

#include "repository/TreeEntry.h"
#include "util/Result.h"

#include <vector>

namespace ncb::repo {

inline constexpr char kTreeBlobMagic[5] = {'N', 'C', 'B', 'T', 1};
inline constexpr std::size_t kTreeBlobMaxSize = 8u * 1024 * 1024;
inline constexpr std::size_t kTreeMaxPath = 64 * 1024;

Result<std::vector<TreeEntry>> parseTreeBlob(const char* data, std::size_t size);

} // namespace ncb::repo
