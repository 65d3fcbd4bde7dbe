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
};

class RpIndex
{
public:
    // Oldest first. includeSafety: also the db-safety snapshots.
    static Result<QList<RpInfo>> list(const repo::Repository& repo, const QString& instance, bool includeSafety);
    // "latest" (the newest RP, not a safety snapshot) or an id prefix (RPs and safety snapshots).
    static Result<RpInfo> resolve(const repo::Repository& repo, const QString& instance, const QString& idOrLatest);
};

} // namespace ncb::backup
