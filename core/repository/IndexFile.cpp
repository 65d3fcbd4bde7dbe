#include "IndexFile.h"

#include <cstring>

namespace ncb::repo {

QByteArray serializeIndex(const QList<IndexPack>& packs)
{
    QByteArray out;
    out.append("NCBI", 4);
    out.append(char(1));
    le::put32(out, static_cast<std::uint32_t>(packs.size()));
    for (const IndexPack& p : packs) {
        out.append(reinterpret_cast<const char*>(p.packId.data()), 32);
        le::put64(out, p.packSize);
        le::put32(out, static_cast<std::uint32_t>(p.entries.size()));
        for (const PackEntry& e : p.entries)
            e.appendTo(out);
    }
    return out;
}

Result<QList<IndexPack>> parseIndex(const QByteArray& data)
{
    const auto bad = [](const QString& why) { return Error::make(Error::Corrupt, why); };
    const quint64 size = static_cast<quint64>(data.size());
    const char* p = data.constData();
    if (size < 9 || std::memcmp(p, "NCBI", 4) != 0)
        return bad(QStringLiteral("The index file is not an index file."));
    if (p[4] != char(1))
        return bad(QStringLiteral("The index file has an unknown version."));
    const quint64 packCount = le::get32(p + 5);
    quint64 pos = 9;
    QList<IndexPack> packs;
    for (quint64 i = 0; i < packCount; ++i) {
        if (size - pos < 44)
            return bad(QStringLiteral("The index file is truncated."));
        IndexPack ip;
        std::memcpy(ip.packId.data(), p + pos, 32);
        ip.packSize = le::get64(p + pos + 32);
        const quint64 n = le::get32(p + pos + 40);
        pos += 44;
        if (n > (size - pos) / PackEntry::EncodedSize)
            return bad(QStringLiteral("The index file is truncated."));
        ip.entries.reserve(static_cast<qsizetype>(n));
        for (quint64 j = 0; j < n; ++j, pos += PackEntry::EncodedSize) {
            PackEntry e;
            if (!e.decode(p + pos) || quint64(e.offset) + e.length > ip.packSize)
                return bad(QStringLiteral("The index file has an invalid entry."));
            ip.entries.append(e);
        }
        packs.append(std::move(ip));
    }
    if (pos != size)
        return bad(QStringLiteral("The index file has trailing bytes."));
    return packs;
}

} // namespace ncb::repo
