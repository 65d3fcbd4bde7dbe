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
