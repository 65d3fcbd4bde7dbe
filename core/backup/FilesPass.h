#pragma once
// FilesPass: one pass over a SnapshotSource — scan, then compare every file with its previous version
// (given in path order by `previous`), then read only what must be read (every file for a full pass)
// through the source's single stream, chunking and storing it. The result is the whole tree in memory,
// in comparePaths() order, every file with its chunk list: a pass that is not (yet) an RP.

#include "backup/SnapshotSource.h"
#include "backup/StreamChunker.h"

#include <QElapsedTimer>

namespace ncb::backup {

struct PassResult
{
    std::vector<repo::TreeEntry> entries;
    std::vector<repo::SkippedPath> skipped;
    QStringList warnings;
    qint64 files = 0, dirs = 0, symlinks = 0, bytes = 0;
    qint64 filesRead = 0, bytesRead = 0;
    double scanSeconds = 0, readSeconds = 0;
    QList<QPair<QByteArray, QString>> missing; // files left out because they could not be read (path, why)
    std::vector<repo::TreeEntry> missingEntries; // their entries as scanned (sorted): the next pass tries them again
    QString scanHow; // rescans: how the entries were found (SnapshotSource::rescan)
};

class FilesPass
{
public:
    // The previous version of `path` or nullptr; called with increasing paths.
    using Previous = std::function<const repo::TreeEntry*(const QByteArray& path)>;

    explicit FilesPass(StreamChunker& chunker);
    // phase: the Progress phase name ("files" or "delta"); previous may be empty (full pass).
    // since: the result of the pass just before over the same source: the source then only looks for
    // what changed since its scan (SnapshotSource::rescan).
    Result<PassResult> run(SnapshotSource& source, const Previous& previous, const QString& phase,
                           const ProgressCallback& progress, const CancelCheck& cancel,
                           const PassResult* since = nullptr);

    static bool sameFile(const repo::TreeEntry& a, const repo::TreeEntry& b);

private:
    StreamChunker& m_chunker;
};

} // namespace ncb::backup
