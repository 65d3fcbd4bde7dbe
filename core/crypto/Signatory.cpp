#include "Signatory.h"

#include "Sodium.h"

#include <sodium.h>

namespace ncb::crypto {

static_assert(Signatory::PublicKeySize == crypto_sign_PUBLICKEYBYTES);
static_assert(Signatory::SecretKeySize == crypto_sign_SECRETKEYBYTES);
static_assert(Signatory::SignatureSize == crypto_sign_BYTES);

std::pair<QByteArray, QByteArray> Signatory::generate()
{
    ensureSodium();
    QByteArray pk(PublicKeySize, Qt::Uninitialized), sk(SecretKeySize, Qt::Uninitialized);
    crypto_sign_keypair(reinterpret_cast<unsigned char*>(pk.data()), reinterpret_cast<unsigned char*>(sk.data()));
    return {pk, sk};
}

QByteArray Signatory::sign(const QByteArray& secretKey, const char* data, std::size_t size)
{
    ensureSodium();
    QByteArray sig(SignatureSize, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(data), size,
                         reinterpret_cast<const unsigned char*>(secretKey.constData()));
    return sig;
}

bool Signatory::verify(const QByteArray& publicKey, const QByteArray& signature, const char* data, std::size_t size)
{
    ensureSodium();
    if (publicKey.size() != PublicKeySize || signature.size() != SignatureSize)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                       reinterpret_cast<const unsigned char*>(data), size,
                                       reinterpret_cast<const unsigned char*>(publicKey.constData())) == 0;
}

QByteArray Signatory::publicKeyOf(const QByteArray& secretKey)
{
    QByteArray pk(PublicKeySize, Qt::Uninitialized);
    if (secretKey.size() != SecretKeySize)
        return {};
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char*>(pk.data()),
                                 reinterpret_cast<const unsigned char*>(secretKey.constData()));
    return pk;
}

} // namespace ncb::crypto
