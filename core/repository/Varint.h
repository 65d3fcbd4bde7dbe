#pragma once
// Varint: LEB128 unsigned integers and zigzag signed ones, the number encoding of tree blobs.
// The reader is bound-checked: it never reads past `end` and refuses overlong encodings.

#include <QByteArray>

#include <cstdint>

namespace ncb::repo::varint {

inline void put(QByteArray& out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.append(char((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.append(char(v));
}

inline void putSigned(QByteArray& out, std::int64_t v)
{
    put(out, (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63));
}

// Reads one varint at p; false on truncation or more than 10 bytes.
inline bool get(const char*& p, const char* end, std::uint64_t& v)
{
    v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (p >= end)
            return false;
        const std::uint8_t b = static_cast<std::uint8_t>(*p++);
        if (shift == 63 && b > 1)
            return false;
        v |= std::uint64_t(b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

inline bool getSigned(const char*& p, const char* end, std::int64_t& v)
{
    std::uint64_t u;
    if (!get(p, end, u))
        return false;
    v = std::int64_t(u >> 1) ^ -std::int64_t(u & 1);
    return true;
}

} // namespace ncb::repo::varint
