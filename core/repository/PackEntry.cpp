#include "PackEntry.h"

#include <cstring>

namespace ncb::repo {

void PackEntry::appendTo(QByteArray& out) const
{
    out.append(char(type));
    out.append(char(flags));
    out.append(reinterpret_cast<const char*>(id.data()), 32);
    le::put32(out, offset);
    le::put32(out, length);
    le::put32(out, rawLength);
}

bool PackEntry::decode(const char* p)
{
    const auto t = static_cast<std::uint8_t>(p[0]);
    if (t > std::uint8_t(BlobType::Tree))
        return false;
    type = BlobType(t);
    flags = static_cast<std::uint8_t>(p[1]);
    if (flags & ~Compressed)
        return false;
    std::memcpy(id.data(), p + 2, 32);
    offset = le::get32(p + 34);
    length = le::get32(p + 38);
    rawLength = le::get32(p + 42);
    return length >= 40; // nonce + tag at least
}

} // namespace ncb::repo
