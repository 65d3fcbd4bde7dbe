#include "Sodium.h"

#include <sodium.h>

#include <cstdlib>
#include <mutex>

namespace ncb::crypto {

void ensureSodium()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0)
            std::abort(); // no usable random source: nothing safe can be done
    });
}

QByteArray randomBytes(std::size_t n)
{
    ensureSodium();
    QByteArray b(static_cast<qsizetype>(n), Qt::Uninitialized);
    randombytes_buf(b.data(), n);
    return b;
}

bool equalConstantTime(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    return sodium_memcmp(a.constData(), b.constData(), static_cast<std::size_t>(a.size())) == 0;
}

void wipeBytes(QByteArray& secret)
{
    if (!secret.isEmpty() && !secret.isDetached()) {
        secret.clear(); // shared: the other owner wipes its own copy
        return;
    }
    if (!secret.isEmpty())
        sodium_memzero(secret.data(), static_cast<std::size_t>(secret.size()));
    secret.clear();
}

} // namespace ncb::crypto
