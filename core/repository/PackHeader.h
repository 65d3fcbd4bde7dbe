#pragma once
// The table at the end of a pack: which blobs it holds and where. Pure functions so a fuzzer can drive
// the parser: it never reads out of bounds and refuses anything inconsistent.
//
// Pack file: sealed blob || sealed blob || ... || sealed header || header length (u32 LE, sealed size).
// Header plaintext: "NCBP" | version u8 (1) | count u32 | count x PackEntry.

#include "PackEntry.h"
#include "util/Result.h"

#include <QList>

namespace ncb::repo {

QByteArray serializePackHeader(const QList<PackEntry>& entries);
// dataEnd: where the blob area ends (the sealed header's offset); every entry must lie inside it and
// entries must not overlap.
Result<QList<PackEntry>> parsePackHeader(const QByteArray& plaintext, quint64 dataEnd);

} // namespace ncb::repo
