#pragma once
// Ed25519 signatures over manifests: each repository has one signatory key pair; manifests verify against
// the repository's trusted public keys.

#include <QByteArray>

namespace ncb::crypto {

class Signatory
{
public:
    static constexpr int PublicKeySize = 32;
    static constexpr int SecretKeySize = 64;
    static constexpr int SignatureSize = 64;

    // Returns {publicKey, secretKey}.
    static std::pair<QByteArray, QByteArray> generate();
    static QByteArray sign(const QByteArray& secretKey, const char* data, std::size_t size);
    static bool verify(const QByteArray& publicKey, const QByteArray& signature, const char* data, std::size_t size);
    static QByteArray publicKeyOf(const QByteArray& secretKey);
};

} // namespace ncb::crypto
