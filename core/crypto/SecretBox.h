#pragma once
// Authenticated encryption of everything that leaves the process: XChaCha20-Poly1305-IETF with a random
// 24-byte nonce. Sealed layout: nonce (24) || ciphertext || tag (16). The additional data binds what the
// object is (blob of a given id, pack header, index, manifest, ...) so objects cannot be swapped.

#include <QByteArray>

#include <cstddef>
#include <cstdint>

namespace ncb::crypto {

class SecretBox
{
public:
    static constexpr std::size_t KeySize = 32;
    static constexpr std::size_t NonceSize = 24;
    static constexpr std::size_t TagSize = 16;
    static constexpr std::size_t Overhead = NonceSize + TagSize;

    // Seals size bytes at plain into out (out must hold size + Overhead bytes).
    static void sealInto(const std::uint8_t* key, const char* plain, std::size_t size, const char* ad,
                         std::size_t adSize, char* out);
    static QByteArray seal(const QByteArray& key, const QByteArray& plain, const QByteArray& ad);
    // Opens sealed bytes into out (out must hold size - Overhead bytes). False when forged or damaged.
    static bool openInto(const std::uint8_t* key, const char* sealed, std::size_t size, const char* ad,
                         std::size_t adSize, char* out);
    // The same operations through libsodium alone (sealInto/openInto hand objects of 4 KiB or more to
    // OpenSSL's faster ChaCha20-Poly1305): for the tests that prove both give the same bytes.
    static void sealIntoSodium(const std::uint8_t* key, const char* plain, std::size_t size, const char* ad,
                               std::size_t adSize, char* out);
    static bool openIntoSodium(const std::uint8_t* key, const char* sealed, std::size_t size, const char* ad,
                               std::size_t adSize, char* out);
    // Returns false (and leaves plain empty) when the object is damaged or the key is wrong.
    static bool open(const QByteArray& key, const QByteArray& sealed, const QByteArray& ad, QByteArray* plain);
};

} // namespace ncb::crypto
