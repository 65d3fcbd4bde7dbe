#include "TreeBlobParser.h"

#include "Varint.h"

#include <cstring>

namespace ncb::repo {

namespace {

struct Cursor
{
    const char* p;
    const char* end;
    bool failed = false;

    std::uint64_t u()
    {
        std::uint64_t v = 0;
        if (!failed && !varint::get(p, end, v))
            failed = true;
        return v;
    }
    std::int64_t s()
    {
        std::int64_t v = 0;
        if (!failed && !varint::getSigned(p, end, v))
            failed = true;
        return v;
    }
    QByteArray bytes(std::uint64_t limit)
    {
        const std::uint64_t n = u();
        if (failed || n > limit || n > std::uint64_t(end - p)) {
            failed = true;
            return {};
        }
        QByteArray b(p, qsizetype(n));
        p += n;
        return b;
    }
};

Error corrupt(const QString& why)
{
    return Error::make(Error::Corrupt, QStringLiteral("A tree blob is damaged: %1.").arg(why));
}

} // namespace

Result<std::vector<TreeEntry>> parseTreeBlob(const char* data, std::size_t size)
{
    if (size > kTreeBlobMaxSize)
        return corrupt(QStringLiteral("it is larger than the format allows"));
    if (size < sizeof kTreeBlobMagic || std::memcmp(data, kTreeBlobMagic, sizeof kTreeBlobMagic) != 0)
        return corrupt(QStringLiteral("it does not start with the tree header"));
    Cursor c{data + sizeof kTreeBlobMagic, data + size};
    std::vector<TreeEntry> entries;
    QByteArray prev;
    while (c.p < c.end) {
        TreeEntry e;
        const std::uint64_t shared = c.u();
        if (c.failed || shared > std::uint64_t(prev.size()))
            return corrupt(QStringLiteral("a path refers to more of the previous path than exists"));
        const QByteArray rest = c.bytes(kTreeMaxPath);
        if (c.failed || shared + std::uint64_t(rest.size()) > kTreeMaxPath)
            return corrupt(QStringLiteral("a path is truncated or too long"));
        e.path = prev.left(qsizetype(shared)) + rest;
        if (e.path.isEmpty())
            return corrupt(QStringLiteral("an entry has an empty path"));
        if (!prev.isEmpty() && comparePaths(prev, e.path) >= 0)
            return corrupt(QStringLiteral("entries are out of order at '%1'").arg(QString::fromUtf8(e.path)));
        if (c.p >= c.end)
            return corrupt(QStringLiteral("an entry is truncated"));
        const auto type = static_cast<std::uint8_t>(*c.p++);
        if (type > TreeEntry::Symlink)
            return corrupt(QStringLiteral("an entry has an unknown type"));
        e.type = static_cast<TreeEntry::Type>(type);
        const std::uint64_t mode = c.u(), uid = c.u(), gid = c.u();
        if (mode > 07777 || uid > 0xffffffffu || gid > 0xffffffffu)
            return corrupt(QStringLiteral("an entry has an invalid mode or owner"));
        e.mode = std::uint32_t(mode);
        e.uid = std::uint32_t(uid);
        e.gid = std::uint32_t(gid);
        e.owner = c.bytes(256);
        e.group = c.bytes(256);
        const std::uint64_t sz = c.u();
        if (sz > std::uint64_t(INT64_MAX))
            c.failed = true;
        e.size = std::int64_t(sz);
        e.mtimeNs = c.s();
        e.ctimeNs = c.s();
        e.inode = c.u();
        e.device = c.u();
        if (e.type == TreeEntry::Symlink)
            e.linkTarget = c.bytes(kTreeMaxPath);
        if (e.type == TreeEntry::File) {
            const std::uint64_t n = c.u();
            // Each chunk takes at least 33 bytes: the count cannot exceed what is left.
            if (c.failed || n > std::uint64_t(c.end - c.p) / 33)
                return corrupt(QStringLiteral("the chunk list of '%1' is truncated").arg(QString::fromUtf8(e.path)));
            e.chunks.resize(n);
            std::uint64_t total = 0;
            for (auto& ch : e.chunks) {
                if (c.end - c.p < 32) {
                    c.failed = true;
                    break;
                }
                std::memcpy(ch.id.data(), c.p, 32);
                c.p += 32;
                const std::uint64_t cs = c.u();
                if (cs > 0xffffffffu)
                    c.failed = true;
                ch.size = std::uint32_t(cs);
                total += cs;
            }
            if (!c.failed && total != sz)
                return corrupt(QStringLiteral("the chunks of '%1' do not add up to its size").arg(QString::fromUtf8(e.path)));
        }
        if (c.failed)
            return corrupt(QStringLiteral("an entry is truncated"));
        prev = e.path;
        entries.push_back(std::move(e));
    }
    return entries;
}

} // namespace ncb::repo
