#pragma once
// The repository master key written out for a human: printed once at `repo init`, typed back in when
// the password is lost. Format (stable, documented in docs/SECRETS.md):
//   base32 (RFC 4648 alphabet A-Z 2-7, no padding) of  key (32 bytes) || checksum (4 bytes)
//   checksum = first 4 bytes of BLAKE2b-256(key) (libsodium crypto_generichash, no key)
//   58 characters, shown as ten groups of 5 and two groups of 4, separated by '-'.
// Decoding forgives what people do when copying by hand: any case, spaces and dashes, and the
// look-alikes 0 -> O, 1 -> I, 8 -> B. Anything else wrong (a typo, a missing group) is refused by the
// length, the unused trailing bits or the checksum.

#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace ncb::crypto {

// masterKey must be 32 bytes; any other size returns an empty string.
QString encodeRecoveryKey(const QByteArray& masterKey);

// Error::Auth "This recovery key is not valid: check it for typos." for anything that is not a key.
Result<QByteArray> decodeRecoveryKey(const QString& text);

} // namespace ncb::crypto
