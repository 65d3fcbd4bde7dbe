#include "BlobCodec.h"

#include "crypto/SecretBox.h"

#include <zstd.h>

#include <cstring>
#include <memory>
#include <vector>

namespace ncb::repo {

using crypto::SecretBox;

namespace {
struct CCtxFree
{
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxFree
{
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};
constexpr int ZstdLevel = 3;

// Media files (JPEG, MP4, some PDFs) are already compressed: zstd -3 over a whole chunk of them costs
// ~1 ms per MiB and saves next to nothing. Three 16 KiB samples (start, middle, end) compressed at level 1
// cost ~25 us and tell them apart; a blob whose samples do not shrink by at least 3 % gets zstd's fast
// level -1 (several GB/s on such data) instead of level 3. Skipping compression outright for those
// blobs saved no more CPU but left 7 MiB of a 1.6 GiB repository unsaved (small headers and mixed
// chunks), enough to put the repository above restic's size on the medium data set.
constexpr int FastLevel = -1;
constexpr std::size_t SampleSize = 16384;
constexpr std::size_t SampleFrom = 8 * SampleSize; // smaller blobs are simply compressed
bool looksIncompressible(ZSTD_CCtx* cctx, const char* data, std::size_t size)
{
    if (size < SampleFrom)
        return false;
    thread_local std::vector<char> sample(3 * SampleSize), out(ZSTD_compressBound(3 * SampleSize));
    std::memcpy(sample.data(), data, SampleSize);
    std::memcpy(sample.data() + SampleSize, data + size / 2 - SampleSize / 2, SampleSize);
    std::memcpy(sample.data() + 2 * SampleSize, data + size - SampleSize, SampleSize);
    const std::size_t c = ZSTD_compressCCtx(cctx, out.data(), out.size(), sample.data(), sample.size(), 1);
    return ZSTD_isError(c) || c * 100 >= sample.size() * 97;
}
} // namespace

void BlobCodec::makeAd(BlobType type, const BlobId& id, char* ad)
{
    std::memcpy(ad, "ncb1:blob", 9);
    ad[9] = char(type);
    std::memcpy(ad + 10, id.data(), 32);
}

QByteArray BlobCodec::encode(const std::uint8_t* key, PackEntry& e, const char* data, std::size_t size)
{
    thread_local std::unique_ptr<ZSTD_CCtx, CCtxFree> cctx(ZSTD_createCCtx());
    thread_local std::vector<char> cbuf;
    const std::size_t bound = ZSTD_compressBound(size);
    if (cbuf.size() < bound)
        cbuf.resize(bound);
    const char* payload = data;
    std::size_t payloadSize = size;
    e.flags = 0;
    const int level = looksIncompressible(cctx.get(), data, size) ? FastLevel : ZstdLevel;
    const std::size_t c = ZSTD_compressCCtx(cctx.get(), cbuf.data(), cbuf.size(), data, size, level);
    if (!ZSTD_isError(c) && c < size) {
        payload = cbuf.data();
        payloadSize = c;
        e.flags = PackEntry::Compressed;
    }
    e.rawLength = static_cast<std::uint32_t>(size);
    char ad[AdSize];
    makeAd(e.type, e.id, ad);
    QByteArray sealed(static_cast<qsizetype>(payloadSize + SecretBox::Overhead), Qt::Uninitialized);
    SecretBox::sealInto(key, payload, payloadSize, ad, AdSize, sealed.data());
    e.length = static_cast<std::uint32_t>(sealed.size());
    return sealed;
}

Result<QByteArray> BlobCodec::decode(const std::uint8_t* key, const PackEntry& e, const char* sealed,
                                     std::size_t size)
{
    const auto damaged = [&] {
        return Error::make(Error::Corrupt, QStringLiteral("Blob %1 is damaged.").arg(toHex(e.id)));
    };
    if (size < SecretBox::Overhead || e.rawLength > (1u << 30))
        return damaged();
    char ad[AdSize];
    makeAd(e.type, e.id, ad);
    const std::size_t plainSize = size - SecretBox::Overhead;
    if (!e.compressed()) {
        if (plainSize != e.rawLength)
            return damaged();
        QByteArray out(static_cast<qsizetype>(plainSize), Qt::Uninitialized);
        if (!SecretBox::openInto(key, sealed, size, ad, AdSize, out.data()))
            return damaged();
        return out;
    }
    thread_local std::vector<char> pbuf;
    thread_local std::unique_ptr<ZSTD_DCtx, DCtxFree> dctx(ZSTD_createDCtx());
    if (pbuf.size() < plainSize)
        pbuf.resize(plainSize);
    if (!SecretBox::openInto(key, sealed, size, ad, AdSize, pbuf.data()))
        return damaged();
    QByteArray out(static_cast<qsizetype>(e.rawLength), Qt::Uninitialized);
    const std::size_t n = ZSTD_decompressDCtx(dctx.get(), out.data(), e.rawLength, pbuf.data(), plainSize);
    if (ZSTD_isError(n) || n != e.rawLength)
        return damaged();
    return out;
}

} // namespace ncb::repo
