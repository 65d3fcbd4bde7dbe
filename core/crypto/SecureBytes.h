#pragma once
// Wiping secrets from memory once they are no longer needed: passwords, master keys, recovery keys.
// QByteArray shares its buffer implicitly, so wipe() detaches first only when the buffer is shared
// (a shared buffer belongs to another owner too, who wipes their own copy); an unshared buffer is
// zeroed in place before it is released.

#include <QByteArray>

#include <sodium.h>

namespace ncb::crypto {

inline void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached()) {
        bytes.clear();
        return;
    }
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), static_cast<size_t>(bytes.size()));
    bytes.clear();
}

} // namespace ncb::crypto
