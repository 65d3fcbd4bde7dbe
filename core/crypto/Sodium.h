#pragma once
// libsodium bootstrap and the few primitives every crypto file needs. sodium_init() runs once, thread-safe.

#include <QByteArray>

#include <cstddef>

namespace ncb::crypto {

void ensureSodium();
QByteArray randomBytes(std::size_t n);
// Compares in constant time (for MACs and keys).
bool equalConstantTime(const QByteArray& a, const QByteArray& b);
// Overwrites a buffer holding key material before it is freed.
void wipeBytes(QByteArray& secret);

} // namespace ncb::crypto
