#include "SecretBox.h"

#include "Sodium.h"

#include <sodium.h>

namespace ncb::crypto {

static_assert(SecretBox::NonceSize == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(SecretBox::TagSize == crypto_aead_xchacha20poly1305_ietf_ABYTES);
static_assert(SecretBox::KeySize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

void SecretBox::sealInto(const std::uint8_t* key, const char* plain, std::size_t size, const char* ad,
                         std::size_t adSize, char* out)
{
    ensureSodium();
    auto* o = reinterpret_cast<unsigned char*>(out);
    randombytes_buf(o, NonceSize);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(o + NonceSize, &clen, reinterpret_cast<const unsigned char*>(plain),
                                               size, reinterpret_cast<const unsigned char*>(ad), adSize, nullptr,
                                               o, key);
}

QByteArray SecretBox::seal(const QByteArray& key, const QByteArray& plain, const QByteArray& ad)
{
    QByteArray out(plain.size() + static_cast<qsizetype>(Overhead), Qt::Uninitialized);
    sealInto(reinterpret_cast<const std::uint8_t*>(key.constData()), plain.constData(),
             static_cast<std::size_t>(plain.size()), ad.constData(), static_cast<std::size_t>(ad.size()),
             out.data());
    return out;
}

bool SecretBox::openInto(const std::uint8_t* key, const char* sealed, std::size_t size, const char* ad,
                         std::size_t adSize, char* out)
{
    ensureSodium();
    if (size < Overhead)
        return false;
    const auto* s = reinterpret_cast<const unsigned char*>(sealed);
    unsigned long long plen = 0;
    return crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out), &plen, nullptr,
                                                      s + NonceSize, size - NonceSize,
                                                      reinterpret_cast<const unsigned char*>(ad), adSize, s,
                                                      key) == 0;
}

bool SecretBox::open(const QByteArray& key, const QByteArray& sealed, const QByteArray& ad, QByteArray* plain)
{
    plain->clear();
    if (key.size() != static_cast<qsizetype>(KeySize) || sealed.size() < static_cast<qsizetype>(Overhead))
        return false;
    QByteArray out(sealed.size() - static_cast<qsizetype>(Overhead), Qt::Uninitialized);
    if (!openInto(reinterpret_cast<const std::uint8_t*>(key.constData()), sealed.constData(),
                  static_cast<std::size_t>(sealed.size()), ad.constData(), static_cast<std::size_t>(ad.size()),
                  out.data()))
        return false;
    *plain = std::move(out);
    return true;
}

} // namespace ncb::crypto
