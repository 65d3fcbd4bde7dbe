#pragma once
// The table at the end of a pack: which blobs it holds and where. Pure functions so a fuzzer can drive
// the parser: it never reads out of bounds and refuses anything inconsistent.
//
// Pack file: sealed blob || sealed blob || ... || sealed header || header length (u32 LE, sealed size).
// Header plaintext: "NCBP" | version u8 (1 or 2) | count u32 | count x PackEntry.
// The version says what the pack's id (its file name) is the hash of: 1 = the whole file, 2 = its tail
// (sealed header and length), see docs/REPOSITORY-FORMAT.md. Writers write 2.

#include "PackEntry.h"
#include "util/Result.h"

#include <QList>

namespace ncb::repo {

constexpr int PackVersion = 2;

QByteArray serializePackHeader(const QList<PackEntry>& entries, int version = PackVersion);
// dataEnd: where the blob area ends (the sealed header's offset); every entry must lie inside it and
// entries must not overlap.
// *version (when given) receives the header's version.
Result<QList<PackEntry>> parsePackHeader(const QByteArray& plaintext, quint64 dataEnd, int* version = nullptr);

} // namespace ncb::repo
