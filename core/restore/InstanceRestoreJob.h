#pragma once
// InstanceRestoreJob: a whole instance back from a Restoring Point — the server root (root/), the data
// directory (data/) and the database (db/) — onto the same paths or new ones. Steps: a target folder that
// is neither empty, nor missing, nor a Nextcloud root / data directory (nor the RP's own path) is refused
// before anything is written; maintenance on when an instance already lives at the target root; both
// folders made equal to the RP's: what the RP does not hold is removed (HostTreePruner: never outside
// the two folders, never through a symlink, never what the backup skipped and listed in the RP), then
// root/ and data/ streamed into `tar -x` there (one stream each, owners and mtimes kept), config.php
// adjusted by PHP on the host as soon as root/ is written (datadirectory = the new data folder,
// maintenance on: a failure from then on never leaves a half-restored instance online, and its sentence
// says so); the database imported with the settings of the restored config.php; then
// `occ maintenance:data-fingerprint`, maintenance off (occ loads no app in maintenance mode, so
// files:scan comes after it), `occ files:scan --all`.
//
// Into a new root (a copy beside the instance) nothing may reach the instance itself: the copy gets its
// own database (MariaDB/PostgreSQL: `toDb`, by default `<dbname>_rp<first 8 of the RP id>`, created like
// the source's through the copy's account; SQLite: its file in the new data folder), whose settings are
// written into the copy's config.php and used for the import (never read back through the restored
// files); the live instance's database (as its config.php names it now, or the RP's) is refused before
// anything is written, and so is the live data directory. The RP must hold root/config as a real folder,
// config.php and config/*.config.php as regular files (a symlink there would lead the config edit, the
// import and occ into another instance): Error::Unsafe otherwise, before anything is written.
// `newInstanceId` gives the copy a new instanceid (appdata_<old> becomes appdata_<new>); by default the
// copy keeps the id, as a disaster-recovery copy must. Missing target folders are made first (as the
// instance's user, or with `sudo -n` as the login user when that user may not write the parent, then
// given to it); when neither can, one sentence says which folder to create, before anything is written.

#include "backup/InstanceContext.h"
#include "restore/RpContent.h"

#include <optional>

namespace ncb::restore {

struct InstanceRestoreOptions
{
    QString toRoot;  // empty: the RP's server root
    QString toData;  // empty: the RP's data directory
    // A copy (toRoot is not the instance's root): its database. Empty: <dbname>_rp<8 hex>, the RP's
    // account and server. The password unset: the RP's.
    QString toDb, toDbUser, toDbHost;
    std::optional<QByteArray> toDbPassword;
    bool newInstanceId = false; // a copy only: a new instanceid
    ProgressCallback progress;
};

struct InstanceRestoreReport
{
    QString root, data;
    qint64 files = 0, bytes = 0;
    qint64 removed = 0; // paths at the target that the RP does not hold, removed
    QString note; // "App passwords and sessions are those of <time>."
    bool copy = false;       // restored beside the instance (another root)
    QString dbName, dbWhere; // the copy's database and where it lives
    bool dbCreated = false;  // made by this restore
    QString instanceId;      // the copy's instanceid (a new one with newInstanceId)
};

class InstanceRestoreJob
{
public:
    InstanceRestoreJob(const settings::InstanceConfig& config, repo::Repository& repo, RpContent& rp);
    Result<InstanceRestoreReport> run(const InstanceRestoreOptions& options);

    // The database name a copy gets by default: <dbname>_rp<first 8 of the RP id>.
    static QString defaultCopyDatabase(const QString& dbName, const QString& rpId);

private:
    settings::InstanceConfig m_config;
    repo::Repository& m_repo;
    RpContent& m_rp;
};

} // namespace ncb::restore
