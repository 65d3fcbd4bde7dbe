#include "crypto/RecoveryKey.h"

#include "crypto/SecureBytes.h"

#include <QCoreApplication>

#include <sodium.h>

namespace ncb::crypto {

namespace {

constexpr int kKeyBytes = 32;
constexpr int kChecksumBytes = 4;
constexpr int kPayloadBytes = kKeyBytes + kChecksumBytes;      // 36 bytes = 288 bits
constexpr int kEncodedChars = (kPayloadBytes * 8 + 4) / 5;     // 58 characters, 2 unused bits
const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

QByteArray checksum(const QByteArray& key)
{
    unsigned char out[crypto_generichash_BYTES];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(key.constData()),
                       static_cast<unsigned long long>(key.size()), nullptr, 0);
    return QByteArray(reinterpret_cast<const char*>(out), kChecksumBytes);
}

int decodeChar(QChar c)
{
    const char16_t u = c.toUpper().unicode();
    switch (u) {
    case u'0': return 'O' - 'A';
    case u'1': return 'I' - 'A';
    case u'8': return 'B' - 'A';
    default: break;
    }
    if (u >= u'A' && u <= u'Z')
        return u - u'A';
    if (u >= u'2' && u <= u'7')
        return 26 + (u - u'2');
    return -1;
}

Error invalidKey()
{
    return Error::make(Error::Auth, QCoreApplication::translate(
                                        "RecoveryKey", "This recovery key is not valid: check it for typos."));
}

} // namespace

QString encodeRecoveryKey(const QByteArray& masterKey)
{
    if (masterKey.size() != kKeyBytes)
        return {};
    QByteArray payload = masterKey + checksum(masterKey);

    QByteArray chars;
    chars.reserve(kEncodedChars);
    quint32 buffer = 0;
    int bits = 0;
    for (char byte : payload) {
        buffer = (buffer << 8) | static_cast<quint8>(byte);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            chars.append(kAlphabet[(buffer >> bits) & 0x1f]);
        }
    }
    if (bits > 0)
        chars.append(kAlphabet[(buffer << (5 - bits)) & 0x1f]);
    wipe(payload);

    // Ten groups of five, then two of four: 58 characters that a person can read aloud in chunks.
    QString out;
    int pos = 0;
    for (int group = 0; group < 12; ++group) {
        const int len = group < 10 ? 5 : 4;
        if (group > 0)
            out += QLatin1Char('-');
        out += QString::fromLatin1(chars.mid(pos, len));
        pos += len;
    }
    wipe(chars);
    return out;
}

Result<QByteArray> decodeRecoveryKey(const QString& text)
{
    QByteArray payload;
    payload.reserve(kPayloadBytes + 1);
    quint32 buffer = 0;
    int bits = 0;
    int count = 0;
    for (QChar c : text) {
        if (c.isSpace() || c == QLatin1Char('-'))
            continue;
        const int v = decodeChar(c);
        if (v < 0 || ++count > kEncodedChars) {
            wipe(payload);
            return invalidKey();
        }
        buffer = (buffer << 5) | static_cast<quint32>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            payload.append(static_cast<char>((buffer >> bits) & 0xff));
        }
    }
    // The two bits left over after 288 must be zero: a typo there would otherwise go unnoticed.
    const bool padClean = bits == 2 && (buffer & 0x3) == 0;
    if (count != kEncodedChars || payload.size() != kPayloadBytes || !padClean) {
        wipe(payload);
        return invalidKey();
    }
    QByteArray key = payload.left(kKeyBytes);
    const QByteArray expected = checksum(key);
    const bool match = sodium_memcmp(expected.constData(), payload.constData() + kKeyBytes, kChecksumBytes) == 0;
    wipe(payload);
    if (!match) {
        wipe(key);
        return invalidKey();
    }
    return key;
}

} // namespace ncb::crypto
