#pragma once
// The master key wrapped by a password: Argon2id (libsodium crypto_pwhash, ALG_ARGON2ID13) stretches the
// password into a wrapping key that seals the 32-byte master key. The figures are in docs/SECURITY.md.

#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>

namespace ncb::crypto {

struct WrappedKey
{
    static constexpr unsigned long long DefaultOpsLimit = 3;
    static constexpr std::size_t DefaultMemLimit = 64u * 1024 * 1024;

    QByteArray salt;   // 16 bytes
    unsigned long long opsLimit = DefaultOpsLimit;
    std::size_t memLimit = DefaultMemLimit;
    QByteArray sealed; // SecretBox of the master key, additional data "ncb1:masterkey:" + repository id

    QJsonObject toJson() const;
    static Result<WrappedKey> fromJson(const QJsonObject& o);
};

class KeyWrap
{
public:
    static Result<WrappedKey> wrap(const QByteArray& masterKey, const QByteArray& password, const QString& repoId);
    // Error::Auth when the password does not open the key.
    static Result<QByteArray> unwrap(const WrappedKey& key, const QByteArray& password, const QString& repoId);
};

} // namespace ncb::crypto
