#pragma once
// One blob inside a pack, as listed in the pack header and in index files. Shared by PackHeader and
// IndexFile; the byte layout (46 bytes, little endian) is in docs/REPOSITORY-FORMAT.md.

#include "Repository.h"

#include <QByteArray>

#include <cstdint>

namespace ncb::repo {

struct PackEntry
{
    static constexpr int EncodedSize = 1 + 1 + 32 + 4 + 4 + 4;
    enum Flags : std::uint8_t { Compressed = 1 };

    BlobType type = BlobType::Data;
    std::uint8_t flags = 0;
    BlobId id{};
    std::uint32_t offset = 0;    // of the sealed blob in the pack file
    std::uint32_t length = 0;    // sealed length
    std::uint32_t rawLength = 0; // plaintext length

    bool compressed() const { return flags & Compressed; }
    void appendTo(QByteArray& out) const;
    // Decodes EncodedSize bytes at p; false when a field is out of range.
    bool decode(const char* p);
};

namespace le {
inline void put32(QByteArray& o, std::uint32_t v)
{
    const char b[4] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
    o.append(b, 4);
}
inline void put64(QByteArray& o, std::uint64_t v)
{
    put32(o, std::uint32_t(v));
    put32(o, std::uint32_t(v >> 32));
}
inline std::uint32_t get32(const char* p)
{
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return std::uint32_t(u[0]) | std::uint32_t(u[1]) << 8 | std::uint32_t(u[2]) << 16 | std::uint32_t(u[3]) << 24;
}
inline std::uint64_t get64(const char* p) { return get32(p) | std::uint64_t(get32(p + 4)) << 32; }
} // namespace le

} // namespace ncb::repo
