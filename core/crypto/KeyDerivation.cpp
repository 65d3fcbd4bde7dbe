#include "KeyDerivation.h"

#include "Sodium.h"

#include <sodium.h>

namespace ncb::crypto {

QByteArray KeyDerivation::derive(const QByteArray& masterKey, Subkey which)
{
    ensureSodium();
    QByteArray out(32, Qt::Uninitialized);
    if (masterKey.size() != crypto_kdf_KEYBYTES)
        return {};
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char*>(out.data()), 32, static_cast<std::uint64_t>(which),
                               "ncbrepo1", reinterpret_cast<const unsigned char*>(masterKey.constData()));
    return out;
}

} // namespace ncb::crypto
