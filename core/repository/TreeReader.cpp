#include "TreeReader.h"

#include "TreeBlobParser.h"

#include <utility>

namespace ncb::repo {

TreeReader::TreeReader(QList<BlobId> blobs, Fetch fetch) : m_blobs(std::move(blobs)), m_fetch(std::move(fetch)) {}

bool TreeReader::fill()
{
    while (m_pos >= m_entries.size()) {
        if (m_error || m_nextBlob >= m_blobs.size())
            return false;
        const BlobId id = m_blobs[m_nextBlob++];
        auto data = m_fetch(id);
        if (!data) {
            m_error = Error::make(data.error().code, QStringLiteral("Tree blob %1 cannot be read: %2")
                                                         .arg(blobHex(id, 16), data.error().message));
            return false;
        }
        auto parsed = parseTreeBlob(data->constData(), std::size_t(data->size()));
        if (!parsed) {
            m_error = Error::make(Error::Corrupt, QStringLiteral("Tree blob %1: %2").arg(blobHex(id, 16), parsed.error().message));
            return false;
        }
        m_entries = std::move(parsed.value());
        m_pos = 0;
        if (!m_entries.empty() && !m_last.isEmpty() && comparePaths(m_last, m_entries.front().path) >= 0) {
            m_error = Error::make(Error::Corrupt, QStringLiteral("Tree blob %1 is out of order at '%2'.")
                                                      .arg(blobHex(id, 16), QString::fromUtf8(m_entries.front().path)));
            return false;
        }
        if (!m_entries.empty())
            m_last = m_entries.back().path;
    }
    return true;
}

const TreeEntry* TreeReader::peek()
{
    return fill() ? &m_entries[m_pos] : nullptr;
}

bool TreeReader::next(TreeEntry& e)
{
    if (!fill())
        return false;
    e = std::move(m_entries[m_pos++]);
    return true;
}

} // namespace ncb::repo
