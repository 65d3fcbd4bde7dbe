#include "TreeWriter.h"

#include "TreeBlobParser.h"
#include "Varint.h"

#include <utility>

namespace ncb::repo {

void encodeTreeRecordBody(QByteArray& out, const TreeEntry& e)
{
    out.append(char(e.type));
    varint::put(out, e.mode & 07777);
    varint::put(out, e.uid);
    varint::put(out, e.gid);
    varint::put(out, std::uint64_t(e.owner.size()));
    out.append(e.owner);
    varint::put(out, std::uint64_t(e.group.size()));
    out.append(e.group);
    varint::put(out, std::uint64_t(e.size));
    varint::putSigned(out, e.mtimeNs);
    varint::putSigned(out, e.ctimeNs);
    varint::put(out, e.inode);
    varint::put(out, e.device);
    if (e.type == TreeEntry::Symlink) {
        varint::put(out, std::uint64_t(e.linkTarget.size()));
        out.append(e.linkTarget);
    }
    if (e.type == TreeEntry::File) {
        varint::put(out, e.chunks.size());
        for (const ChunkRef& c : e.chunks) {
            out.append(reinterpret_cast<const char*>(c.id.data()), 32);
            varint::put(out, c.size);
        }
    }
}

TreeWriter::TreeWriter(const std::array<std::uint64_t, 256>& gear, Emit onBlob) : m_gear(gear), m_emit(std::move(onBlob))
{
}

Status TreeWriter::add(const TreeEntry& e)
{
    if (e.path.isEmpty() || e.path.size() > qsizetype(kTreeMaxPath) || e.owner.size() > 256 || e.group.size() > 256)
        return Error::make(Error::Generic, QStringLiteral("The path '%1' cannot be stored in a snapshot.")
                                               .arg(QString::fromUtf8(e.path)));
    if (!m_lastPath.isEmpty() && comparePaths(m_lastPath, e.path) >= 0)
        return Error::make(Error::Generic, QStringLiteral("Internal error: tree entries out of order at '%1'.")
                                               .arg(QString::fromUtf8(e.path)));
    if (m_blob.isEmpty()) {
        m_blob.append(kTreeBlobMagic, sizeof kTreeBlobMagic);
        m_prev.clear();
    }
    qsizetype shared = 0;
    const qsizetype n = std::min(m_prev.size(), e.path.size());
    while (shared < n && m_prev[shared] == e.path[shared])
        ++shared;
    varint::put(m_blob, std::uint64_t(shared));
    varint::put(m_blob, std::uint64_t(e.path.size() - shared));
    m_blob.append(e.path.constData() + shared, e.path.size() - shared);
    const qsizetype bodyStart = m_blob.size();
    encodeTreeRecordBody(m_blob, e);

    // The cut decision hashes the canonical record (full path + body), independent of the compression.
    bool hit = false;
    auto roll = [&](const char* p, qsizetype len) {
        for (qsizetype i = 0; i < len; ++i) {
            m_hash = (m_hash << 1) + m_gear[static_cast<std::uint8_t>(p[i])];
            hit |= (m_hash & kMask) == 0;
        }
    };
    roll(e.path.constData(), e.path.size());
    roll(m_blob.constData() + bodyStart, m_blob.size() - bodyStart);

    m_prev = e.path;
    m_lastPath = e.path;
    if ((hit && std::size_t(m_blob.size()) >= kMinBlob) || std::size_t(m_blob.size()) >= kMaxBlob)
        return cut();
    return {};
}

Status TreeWriter::cut()
{
    if (m_blob.isEmpty())
        return {};
    QByteArray blob;
    blob.swap(m_blob);
    return m_emit(blob);
}

Status TreeWriter::finish()
{
    return cut();
}

} // namespace ncb::repo
