#pragma once
// Catalog: a local SQLite index of a repository's snapshots and their paths, so `snapshot ls` and
// `snapshot history` answer in milliseconds without decrypting trees. It is a cache: it lives in
// cacheDir()/catalog/<repo-id>.sqlite and is rebuilt from the manifests and trees whenever it is missing
// or lacks a snapshot. Paths are shared across snapshots (id, parent, name); each snapshot has one row
// per entry with its metadata and a content hash (hash of the chunk list, or of a symlink's target).

#include "repository/Repository.h"
#include "repository/SnapshotManifest.h"
#include "repository/TreeReader.h"
#include "util/Progress.h"
#include "util/Result.h"

#include <QSqlDatabase>

#include <memory>

namespace ncb::repo {

struct CatalogEntry
{
    QByteArray name; // last component
    QByteArray path; // full relative path
    TreeEntry::Type type = TreeEntry::File;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    quint32 mode = 0;
    quint32 uid = 0;
    quint32 gid = 0;
    QByteArray owner;
    QByteArray group;
    QByteArray contentHash;
};

struct CatalogHistoryItem
{
    QString snapshotId;
    QDateTime time;
    CatalogEntry entry;
};

class Catalog
{
public:
    ~Catalog();
    // Opens (creating) the catalog file for repository `repoId` in `dir` (default cacheDir()/catalog).
    static Result<std::unique_ptr<Catalog>> open(const QString& repoId, const QString& dir = QString());

    QString filePath() const { return m_file; }
    QStringList snapshotIds() const;

    // Brings the catalog in line with the repository: indexes missing snapshots, drops forgotten ones.
    Status sync(const Repository& repo, const ProgressCallback& progress = {});
    // Indexes one snapshot from its tree stream (one transaction).
    Status addSnapshot(const QString& id, const SnapshotManifest& manifest, TreeReader& tree);
    Status removeSnapshot(const QString& id);

    // The entries directly inside `folder` ("" for the top) of a snapshot, sorted by name.
    // Error::NotFound when the folder is not in that snapshot.
    Result<QList<CatalogEntry>> list(const QString& snapshotId, const QByteArray& folder) const;
    // One item per snapshot holding a different version of `path` than the snapshot before (oldest
    // first): where it appeared, changed, or came back after being absent.
    Result<QList<CatalogHistoryItem>> history(const QByteArray& path) const;

    static QByteArray contentHash(const TreeEntry& e);

private:
    Catalog() = default;
    Result<qint64> pathId(const QByteArray& path) const; // -1 when unknown; 0 is the root
    QString m_conn;
    QString m_file;
};

} // namespace ncb::repo
