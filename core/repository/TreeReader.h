#pragma once
// TreeReader: streams a snapshot's entries from its tree blobs, one blob in memory at a time, and
// checks that the whole stream is in strictly increasing path order (merge-joins rely on it).

#include "repository/TreeEntry.h"
#include "util/Result.h"

#include <functional>
#include <vector>

namespace ncb::repo {

class TreeReader
{
public:
    using Fetch = std::function<Result<QByteArray>(const BlobId&)>;
    TreeReader(QList<BlobId> blobs, Fetch fetch);

    // Next entry: true with `e` filled, false at the end or on error (then error() is set).
    bool next(TreeEntry& e);
    // The next entry without consuming it; nullptr at the end or on error.
    const TreeEntry* peek();
    bool failed() const { return m_error.has_value(); }
    const Error& error() const { return *m_error; }

private:
    bool fill();
    QList<BlobId> m_blobs;
    Fetch m_fetch;
    qsizetype m_nextBlob = 0;
    std::vector<TreeEntry> m_entries;
    std::size_t m_pos = 0;
    QByteArray m_last;
    std::optional<Error> m_error;
};

} // namespace ncb::repo
