#pragma once
// DatabaseRestoreJob: puts the database of a Restoring Point back. Refuses a different database type,
// and a different Nextcloud version unless forced. Maintenance mode on (MaintenanceGuard), a safety
// dump of the current database first — stored in the repository as a database-only snapshot (extra
// kind "db-safety", listed apart from the RPs) — then drop/recreate and import (DatabaseRestorer:
// pg_restore for PostgreSQL), maintenance off. A failure before the database is changed turns
// maintenance off; once MariaDB's database has been dropped, a failure or a kill leaves the instance in
// maintenance mode (MaintenanceGuard::hold) until a restore succeeds, and says so.
// The repair must not need a working occ: Nextcloud cannot start over a database without its tables, so
// when occ fails that way and config.php says maintenance is on, the guard begins without occ
// (MaintenanceGuard::Options::repairsDatabase). After the import, as Nextcloud's own procedure says:
// `occ maintenance:data-fingerprint` while in maintenance (clients resync), maintenance off, then
// `occ files:scan --all` (occ loads no app in maintenance mode), so listings show the files on disk.
// SQLite: the restored file belongs to the owner of config.php (InstanceOwner); a run that cannot make it
// so is refused before anything changes.

#include "backup/InstanceContext.h"
#include "nextcloud/InstanceOwner.h"
#include "restore/RpContent.h"

namespace ncb::restore {

struct DatabaseRestoreOptions
{
    bool force = false;         // allow another Nextcloud version
    bool safetyDump = true;
    int maintenanceDeadlineSeconds = 120;
    bool useGuard = true;       // false: the caller holds maintenance mode (instance restore)
    ProgressCallback progress;
};

struct DatabaseRestoreReport
{
    QString safetySnapshotId;
    qint64 bytes = 0;
    // An interrupted database restore had left the database incomplete (maintenance held): no new safety
    // dump was taken; safetySnapshotId is the one that interrupted restore took, if any.
    bool repairedInterrupted = false;
    // occ could not start before the import (the database lacked its tables); maintenance was taken from
    // config.php instead.
    bool repairedWithoutOcc = false;
    QString dataFingerprint; // the new one (`occ maintenance:data-fingerprint`)
    bool filesScanned = false; // `occ files:scan --all` ran after maintenance went off
};

class DatabaseRestoreJob
{
public:
    DatabaseRestoreJob(backup::InstanceContext& ctx, repo::Repository& repo, RpContent& rp);
    Result<DatabaseRestoreReport> run(const DatabaseRestoreOptions& options);

    // Streams the RP's dump into the database described by `settings` on `host` (no checks, no guard).
    // beforeChange: see DatabaseRestorer::start(). owner (when given): who the restored SQLite file is for
    // (DatabaseRestorer::setOwner).
    static Status importDump(host::Host& host, const nextcloud::DatabaseSettings& settings, RpContent& rp, qint64* bytes,
                             const std::function<Status()>& beforeChange = {},
                             const nextcloud::InstanceOwner* owner = nullptr);
    // Dumps the current database into a db-safety snapshot; returns its id.
    static Result<QString> writeSafetySnapshot(backup::InstanceContext& ctx, repo::Repository& repo, const QString& beforeRp);

private:
    backup::InstanceContext& m_ctx;
    repo::Repository& m_repo;
    RpContent& m_rp;
};

} // namespace ncb::restore
