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

#include "backup/InstanceContext.h"
#include "restore/RpContent.h"

namespace ncb::restore {

struct InstanceRestoreOptions
{
    QString toRoot;  // empty: the RP's server root
    QString toData;  // empty: the RP's data directory
    ProgressCallback progress;
};

struct InstanceRestoreReport
{
    QString root, data;
    qint64 files = 0, bytes = 0;
    qint64 removed = 0; // paths at the target that the RP does not hold, removed
    QString note; // "App passwords and sessions are those of <time>."
};

class InstanceRestoreJob
{
public:
    InstanceRestoreJob(const settings::InstanceConfig& config, repo::Repository& repo, RpContent& rp);
    Result<InstanceRestoreReport> run(const InstanceRestoreOptions& options);

private:
    settings::InstanceConfig m_config;
    repo::Repository& m_repo;
    RpContent& m_rp;
};

} // namespace ncb::restore
