#pragma once
// RpIndex: the Restoring Points of one instance in a repository — snapshots whose manifest says
// extra.instance == NAME — and the database-only safety snapshots taken before a database restore
// (extra.kind "db-safety"), listed apart. Resolves "latest" and id prefixes within those.

#include "repository/Repository.h"
#include "repository/SnapshotManifest.h"

namespace ncb::backup {

struct RpInfo
{
    QString id;
    repo::SnapshotManifest manifest;
    QString kind() const; // "full", "incremental", "db-safety"
    bool isSafety() const { return kind() == QLatin1String("db-safety"); }
    // Written while some paths on the host could not be read (extra.incomplete lists them).
    bool isIncomplete() const;

    // What the backup wrote into the manifest (extra), typed: the one place that knows its keys.
    // Empty / 0 when the RP does not say (a db-safety snapshot has no files pass, no window).
    struct PathNote
    {
        QString path;   // RP path, e.g. "data/alice/files/Private"
        QString reason; // ".nobackup", "external storage", "Permission denied", ...
    };
    QString instance() const;
    QString host() const;                  // the host as the backup named it ("this machine", user@host:port)
    QString serverRoot() const;
    QString serverRootRealPath() const;    // where a symlinked root led; empty when not recorded
    QString dataDirectory() const;
    QString dataDirectoryRealPath() const;
    QString nextcloudVersion() const;      // "32.0.1.2" (version.php)
    QString nextcloudVersionString() const; // "32.0.1" (what users see)
    QString dbType() const;                // "sqlite3", "mysql", "pgsql"
    QString dbName() const;
    QString dbDump() const;                // RP path of the dump, e.g. "db/nextcloud.sql"
    qint64 dumpSize() const;
    double maintenanceWindowSeconds() const;
    int occCalls() const;
    QJsonObject phases() const;            // phase name -> seconds
    QList<PathNote> skipped() const;       // left out on purpose (and, with leavesIncomplete, unreadable)
    QList<PathNote> incomplete() const;    // could not be read: not in the RP
};

class RpIndex
{
public:
    // Oldest first. includeSafety: also the db-safety snapshots.
    static Result<QList<RpInfo>> list(const repo::Repository& repo, const QString& instance, bool includeSafety);
    // "latest" (the newest RP, not a safety snapshot) or an id prefix (RPs and safety snapshots).
    // A damaged manifest (an id prefix naming one is Error::Corrupt with its file, never "not found").
    static Result<RpInfo> resolve(const repo::Repository& repo, const QString& instance, const QString& idOrLatest);
    // Manifests of the repository that do not open: whose they are cannot be read, so all are listed (a
    // repository belongs to one instance).
    static QList<repo::Repository::DamagedSnapshot> damaged(const repo::Repository& repo) { return repo.damagedSnapshots(); }
    static QString damagedSentence(const repo::Repository::DamagedSnapshot& d);
};

} // namespace ncb::backup
