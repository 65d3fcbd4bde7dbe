#pragma once
// CoreOps: the few steps the desktop app repeats on the job runner (never on the GUI thread) — unlock an
// instance's repository (key given, then the OS keychain, then the password), make one Restoring Point,
// read what the timeline and the sidebar show. Every step calls the core; nothing here decides how a
// backup or a restore is done.

#include "backup/JobHistory.h"
#include "InstanceSummary.h"
#include "TimelineEntry.h"
#include "backup/BackupJob.h"
#include "backup/RpIndex.h"
#include "repository/Repository.h"
#include "schedule/SchedulePolicy.h"
#include "settings/InstanceConfig.h"
#include "util/JobContext.h"

#include <memory>

namespace ncb::ui::coreops {

// The master key held in memory (the session's copy, or from the keychain); else the password given, or
// from NCBACKUP_PASSWORD_FILE / NCBACKUP_PASSWORD_COMMAND (then the key is stored in the keychain when
// one is reachable). Error::Auth "needs a password" when neither works;
// *keyOut receives the master key that unlocked it.
Result<std::unique_ptr<repo::Repository>> unlock(const QString& path, const QByteArray& masterKey,
                                                 const QByteArray& password, QByteArray* keyOut);

// One Restoring Point (BackupJob) with progress and cancel through the context. A failure to reach the
// instance is appended to its job history like the CLI does. *recovered: what recoverIfNeeded cleaned.
struct BackupOutcome
{
    TimelineEntry entry;
    QString recovered;
    QStringList warnings;
};
// mode Auto: full or incremental as the schedule says (BackupJob::decideMode).
Result<BackupOutcome> backup(const settings::InstanceConfig& config, repo::Repository& repo,
                             backup::BackupOptions::Mode mode, const JobContext& context,
                             const QString& historyDir = {});


TimelineEntry entryFor(const backup::RpInfo& rp);

// What the timeline and the sidebar show of one instance; the catalog is brought in line too.
struct InstanceState
{
    QString repositoryId;
    QList<TimelineEntry> timeline;      // RPs and failed attempts
    QHash<QString, bool> rpFull;        // RP id -> full
    InstanceSummary summary;
    QList<backup::JobRecord> history; // the job history, oldest first (the last 200 records)
    schedule::ScheduleState schedule; // what schedule::SchedulePolicy needs to say whether a backup is due
};
// `now`: the time the state is judged at (overdue or not); default the system clock.
Result<InstanceState> readState(const settings::InstanceConfig& config, repo::Repository& repo,
                                const JobContext& context, const QString& historyDir = {},
                                const QDateTime& now = {});

// The Nextcloud users with a files/ folder in Restoring Point `rpId`, from the repository's catalog
// (synced by readState). Call on the job runner: it reads SQLite.
Result<QStringList> usersIn(const QString& repositoryId, const QString& rpId, const QString& catalogDir = {});


} // namespace ncb::ui::coreops
