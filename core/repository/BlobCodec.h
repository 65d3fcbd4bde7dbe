#pragma once
// Turns a blob's plaintext into what a pack stores and back: zstd (level 3, skipped when it does not
// shrink the blob, and not even tried on a blob of 128 KiB or more whose samples do not compress), then XChaCha20-Poly1305 with additional data "ncb1:blob" | type | blob id, so a sealed
// blob cannot be passed off as another. Thread-safe; compression contexts are per thread and reused.

#include "PackEntry.h"
#include "util/Result.h"

namespace ncb::repo {

class BlobCodec
{
public:
    static constexpr int AdSize = 9 + 1 + 32;
    static void makeAd(BlobType type, const BlobId& id, char* ad);

    // Returns the sealed bytes and fills flags / rawLength of entry (id and type must be set).
    static QByteArray encode(const std::uint8_t* key, PackEntry& entry, const char* data, std::size_t size);
    // Opens, decompresses and checks the sizes; Error::Corrupt with a sentence naming the blob otherwise.
    static Result<QByteArray> decode(const std::uint8_t* key, const PackEntry& entry, const char* sealed,
                                     std::size_t size);
};

} // namespace ncb::repo
