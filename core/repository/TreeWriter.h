#pragma once
// TreeWriter: serializes a snapshot's entries (given in comparePaths() order) into tree blobs. The
// stream is cut at record boundaries by a content-defined rule (keyed gear hash over each record's
// canonical bytes, ~64 KiB average), and each blob restarts path prefix compression, so every blob
// parses on its own and unchanged stretches of a tree produce identical blobs across snapshots.

#include "repository/TreeEntry.h"
#include "util/Result.h"

#include <array>
#include <functional>

namespace ncb::repo {

class TreeWriter
{
public:
    // `onBlob` receives each finished blob (to be stored as BlobType::Tree); an error stops the writer.
    using Emit = std::function<Status(const QByteArray& blob)>;
    TreeWriter(const std::array<std::uint64_t, 256>& gear, Emit onBlob);

    // Entries must come in strictly increasing comparePaths() order.
    Status add(const TreeEntry& e);
    Status finish(); // emits the last blob

    static constexpr std::size_t kMinBlob = 16 * 1024;
    static constexpr std::size_t kMaxBlob = 1024 * 1024;
    static constexpr std::uint64_t kMask = (1ull << 16) - 1; // + kMinBlob: ~80 KiB average

private:
    Status cut();
    const std::array<std::uint64_t, 256>& m_gear;
    Emit m_emit;
    QByteArray m_blob;
    QByteArray m_prev;      // previous path in this blob
    QByteArray m_lastPath;  // previous path overall (order check)
    std::uint64_t m_hash = 0;
};

// Encodes everything of a record after its path (shared by writer and tests).
void encodeTreeRecordBody(QByteArray& out, const TreeEntry& e);

} // namespace ncb::repo
