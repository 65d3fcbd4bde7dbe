#pragma once
// BackupRun: one backup of an instance for the CLI and the app alike: connect to its host, run the
// BackupJob (which takes the repository lock and records its own outcome), and when the host cannot be
// reached, one sentence and one failed job-history record (step "connect") for both faces.

#include "backup/BackupJob.h"
#include "settings/InstanceConfig.h"

namespace ncb::backup {

class BackupRun
{
public:
    static Result<BackupResult> run(const settings::InstanceConfig& config, repo::Repository& repo,
                                    const BackupOptions& options);
    // "The backup of NAME failed while connecting: WHY"
    static QString connectFailure(const QString& instance, const QString& why);
};

} // namespace ncb::backup
