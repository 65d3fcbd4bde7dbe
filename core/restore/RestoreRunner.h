#pragma once
// RestoreRunner: the one entry point of every restore, for the CLI and the app alike. A request (what,
// from which Restoring Point, the options) goes in; the runner resolves the RP, takes the repository
// lock (shared: restoring only reads the repository; a database restore takes its own exclusive lock for
// the safety snapshot), runs the restorer underneath (LocalFileRestorer, HostFileRestorer,
// DatabaseRestoreJob, InstanceRestoreJob), records the attempt in the job history, and hands back a
// typed outcome that each face prints in its own words.

#include "backup/RpIndex.h"
#include "restore/DatabaseRestoreJob.h"
#include "restore/InstanceRestoreJob.h"
#include "restore/RestorePlan.h"
#include "settings/InstanceConfig.h"

namespace ncb::repo { class Repository; }

namespace ncb::restore {

struct RestoreRequest
{
    enum class What { Files, Database, Instance };
    enum class Where { LocalFolder, Host }; // Files only: files.target is the folder (host: empty = original place)

    What what = What::Files;
    Where where = Where::LocalFolder;
    QString rp; // an id prefix or "latest"
    FileRestoreOptions files;
    DatabaseRestoreOptions database;
    InstanceRestoreOptions instance;
};

struct RestoreOutcome
{
    RestoreRequest::What what = RestoreRequest::What::Files;
    backup::RpInfo rp;           // the Restoring Point restored from
    QString hostName;            // files onto the host: where they went (user@host:port)
    FileRestoreReport files;     // What::Files
    DatabaseRestoreReport database; // What::Database
    InstanceRestoreReport instance; // What::Instance
};

class RestoreRunner
{
public:
    RestoreRunner(settings::InstanceConfig config, repo::Repository& repo);

    // Runs the request. A failed run is recorded too; a dry run of files is not. When a restore into a
    // local folder fails part way, `partial` (when given) holds what was written and the failures.
    Result<RestoreOutcome> run(const RestoreRequest& request, FileRestoreReport* partial = nullptr);

    // The job's name in the history ("restore files", "restore db", "restore instance").
    static QString jobName(RestoreRequest::What what);

private:
    Result<RestoreOutcome> runUnrecorded(const RestoreRequest& request, RestoreOutcome& out, FileRestoreReport* partial);

    settings::InstanceConfig m_config;
    repo::Repository& m_repo;
};

} // namespace ncb::restore
