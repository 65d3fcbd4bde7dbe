#include "PackHeader.h"

#include <algorithm>

namespace ncb::repo {

QByteArray serializePackHeader(const QList<PackEntry>& entries, int version)
{
    QByteArray out;
    out.reserve(9 + entries.size() * PackEntry::EncodedSize);
    out.append("NCBP", 4);
    out.append(char(version));
    le::put32(out, static_cast<std::uint32_t>(entries.size()));
    for (const PackEntry& e : entries)
        e.appendTo(out);
    return out;
}

Result<QList<PackEntry>> parsePackHeader(const QByteArray& p, quint64 dataEnd, int* version)
{
    const auto bad = [](const QString& why) { return Error::make(Error::Corrupt, why); };
    if (p.size() < 9 || !p.startsWith("NCBP"))
        return bad(QStringLiteral("The pack header is not a pack header."));
    if (p[4] != char(1) && p[4] != char(2))
        return bad(QStringLiteral("The pack header has an unknown version."));
    if (version)
        *version = p[4];
    const quint64 count = le::get32(p.constData() + 5);
    if (count * PackEntry::EncodedSize != quint64(p.size() - 9))
        return bad(QStringLiteral("The pack header has the wrong size for its entry count."));
    QList<PackEntry> entries;
    entries.reserve(static_cast<qsizetype>(count));
    for (quint64 i = 0; i < count; ++i) {
        PackEntry e;
        if (!e.decode(p.constData() + 9 + i * PackEntry::EncodedSize))
            return bad(QStringLiteral("The pack header has an invalid entry."));
        if (quint64(e.offset) + e.length > dataEnd)
            return bad(QStringLiteral("The pack header points outside the pack."));
        entries.append(e);
    }
    QList<PackEntry> sorted = entries;
    std::sort(sorted.begin(), sorted.end(), [](const PackEntry& a, const PackEntry& b) { return a.offset < b.offset; });
    for (qsizetype i = 1; i < sorted.size(); ++i)
        if (quint64(sorted[i - 1].offset) + sorted[i - 1].length > sorted[i].offset)
            return bad(QStringLiteral("The pack header has overlapping entries."));
    return entries;
}

} // namespace ncb::repo
