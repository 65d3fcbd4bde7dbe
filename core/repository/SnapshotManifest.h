#pragma once
// SnapshotManifest: what a snapshot is — when, from where, which tree blobs, what it cost, what was
// skipped — as the JSON plaintext that Repository::writeManifest signs and seals. parseManifest() is a
// pure function over untrusted bytes (fuzzed): it validates every field it uses.

#include "repository/Repository.h"
#include "repository/TreeScanner.h"
#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace ncb::repo {

struct SnapshotStats
{
    qint64 files = 0;
    qint64 dirs = 0;
    qint64 symlinks = 0;
    qint64 bytes = 0;        // total size of the files
    qint64 bytesRead = 0;    // read from disk (incremental: only changed files)
    qint64 newBytes = 0;     // plaintext of blobs stored for the first time
    qint64 newBlobs = 0;
    double durationSeconds = 0;
};

struct SnapshotManifest
{
    static constexpr int kFormat = 1;
    QDateTime time;
    QString hostname;
    QStringList sourcePaths;
    QString parent; // full snapshot id or empty
    enum Kind { Full, Incremental } kind = Full;
    QList<BlobId> treeBlobs;
    SnapshotStats stats;
    std::vector<SkippedPath> skipped;
    QStringList warnings; // files that changed, vanished or could not be read
    QJsonObject extra;    // free for the Nextcloud layer (version, DB, maintenance window)

    QByteArray toJson() const;
};

Result<SnapshotManifest> parseManifest(const QByteArray& json);

} // namespace ncb::repo
