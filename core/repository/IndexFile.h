#pragma once
// Index files: which blobs each pack holds, so opening a repository never reads the packs. One index file
// normally covers one pack (written right after the pack, so an interrupted run keeps what it stored);
// prune writes one covering the packs it creates. Pure functions so a fuzzer can drive the parser.
//
// Plaintext: "NCBI" | version u8 (1) | packCount u32 | per pack: pack id (32) | pack size u64 |
//            entryCount u32 | entryCount x PackEntry.

#include "PackEntry.h"
#include "util/Result.h"

#include <QList>

namespace ncb::repo {

struct IndexPack
{
    BlobId packId{};
    quint64 packSize = 0;
    QList<PackEntry> entries;
};

QByteArray serializeIndex(const QList<IndexPack>& packs);
Result<QList<IndexPack>> parseIndex(const QByteArray& plaintext);

} // namespace ncb::repo
