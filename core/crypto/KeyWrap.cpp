#include "KeyWrap.h"

#include "SecretBox.h"
#include "Sodium.h"

#include <QJsonValue>

#include <sodium.h>

namespace ncb::crypto {

static QByteArray adFor(const QString& repoId)
{
    return QByteArrayLiteral("ncb1:masterkey:") + repoId.toLatin1();
}

QJsonObject WrappedKey::toJson() const
{
    return QJsonObject{
        {QStringLiteral("kdf"), QStringLiteral("argon2id13")},
        {QStringLiteral("salt"), QString::fromLatin1(salt.toBase64())},
        {QStringLiteral("opslimit"), static_cast<qint64>(opsLimit)},
        {QStringLiteral("memlimit"), static_cast<qint64>(memLimit)},
        {QStringLiteral("sealed"), QString::fromLatin1(sealed.toBase64())},
    };
}

Result<WrappedKey> WrappedKey::fromJson(const QJsonObject& o)
{
    WrappedKey k;
    const auto bad = [] { return Error::make(Error::Corrupt, QStringLiteral("The repository key file is damaged.")); };
    if (o.value(QStringLiteral("kdf")).toString() != QLatin1String("argon2id13"))
        return bad();
    k.salt = QByteArray::fromBase64(o.value(QStringLiteral("salt")).toString().toLatin1());
    k.sealed = QByteArray::fromBase64(o.value(QStringLiteral("sealed")).toString().toLatin1());
    const qint64 ops = o.value(QStringLiteral("opslimit")).toInteger(-1);
    const qint64 mem = o.value(QStringLiteral("memlimit")).toInteger(-1);
    if (k.salt.size() != crypto_pwhash_SALTBYTES || k.sealed.size() != 32 + static_cast<int>(SecretBox::Overhead) ||
        ops < static_cast<qint64>(crypto_pwhash_OPSLIMIT_MIN) || ops > 64 ||
        mem < static_cast<qint64>(crypto_pwhash_MEMLIMIT_MIN) || mem > (qint64(4) << 30))
        return bad();
    k.opsLimit = static_cast<unsigned long long>(ops);
    k.memLimit = static_cast<std::size_t>(mem);
    return k;
}

static Result<QByteArray> stretch(const QByteArray& password, const WrappedKey& k)
{
    ensureSodium();
    QByteArray out(32, Qt::Uninitialized);
    if (crypto_pwhash(reinterpret_cast<unsigned char*>(out.data()), 32, password.constData(),
                      static_cast<unsigned long long>(password.size()),
                      reinterpret_cast<const unsigned char*>(k.salt.constData()), k.opsLimit, k.memLimit,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error::make(Error::Generic, QStringLiteral("Not enough memory to derive the key from the password."));
    return out;
}

Result<WrappedKey> KeyWrap::wrap(const QByteArray& masterKey, const QByteArray& password, const QString& repoId)
{
    WrappedKey k;
    k.salt = randomBytes(crypto_pwhash_SALTBYTES);
    auto wk = stretch(password, k);
    if (!wk)
        return wk.error();
    k.sealed = SecretBox::seal(*wk, masterKey, adFor(repoId));
    wipeBytes(*wk);
    return k;
}

Result<QByteArray> KeyWrap::unwrap(const WrappedKey& key, const QByteArray& password, const QString& repoId)
{
    auto wk = stretch(password, key);
    if (!wk)
        return wk.error();
    QByteArray master;
    const bool ok = SecretBox::open(*wk, key.sealed, adFor(repoId), &master);
    wipeBytes(*wk);
    if (!ok)
        return Error::make(Error::Auth, QStringLiteral("Wrong password."));
    return master;
}

} // namespace ncb::crypto
