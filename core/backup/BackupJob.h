#pragma once
// BackupJob: one Restoring Point of a Nextcloud instance, following the RP timeline:
//   1. files pass with the instance online (full: every file read; incremental: only files whose size,
//      mtime, ctime or inode changed since the parent RP);
//   2. maintenance mode on (MaintenanceGuard: marker in the repository + watchdog on the host);
//   3. the database dump streamed into the repository (db/<dump file> in the tree);
//   4. delta pass: a rescan, reading only files changed since pass 1 (pass 1's tree is its parent);
//   5. maintenance off; then the tree and the manifest, written last.
// The tree has three tops: root/ (the server root without the data directory), data/ and db/.
// A failure at any step turns maintenance off, writes no RP and names the step. Every attempt is
// appended to the instance's JobHistory.

#include "backup/InstanceContext.h"
#include "backup/JobHistory.h"
#include "repository/Repository.h"
#include "repository/SnapshotManifest.h"
#include "repository/TreeScanner.h"
#include "util/Progress.h"

namespace ncb::backup {

struct BackupOptions
{
    enum Mode { Auto, Full, Incremental } mode = Auto;
    int maintenanceDeadlineSeconds = 120;
    ProgressCallback progress;
    CancelCheck cancel;
    QString historyDir; // empty: paths::dataDir()
};

struct BackupResult
{
    QString rpId;
    repo::SnapshotManifest manifest;
    QString recovered; // what recoverIfNeeded() cleaned up at the start, if anything
    // Paths the host could not give (unreadable folders and files, files it sent as something else): the RP
    // was written but is incomplete (the CLI exits with Error::Incomplete). Also in the manifest's
    // extra.incomplete and skipped list.
    std::vector<repo::SkippedPath> incomplete;
    std::vector<repo::SkippedPath> refused; // entries left out for their names (a hostile host's "../x")
    bool isIncomplete() const { return !incomplete.empty(); }
};

class BackupJob
{
public:
    BackupJob(InstanceContext& instance, repo::Repository& repo);
    Result<BackupResult> run(const BackupOptions& options);

    // The decision --auto takes (schedule::SchedulePolicy::kind): full when there is no full RP or the
    // last one is fullEveryWeeks old, else incremental.
    static Result<BackupOptions::Mode> decideMode(const repo::Repository& repo, const settings::InstanceConfig& config);
    // The mount points inside the tops of a scanned tree (folders on another filesystem than their top's):
    // the scan does not enter them (find -xdev), and the RP lists them as skipped ("other filesystem").
    static std::vector<repo::SkippedPath> otherFilesystems(const std::vector<repo::TreeEntry>& entries);
    // "Restoring Point X was written but is incomplete: N path(s) ... could not be read ..."
    static QString incompleteSentence(const QString& rpId, std::size_t leftOut);

private:
    Result<BackupResult> runSteps(const BackupOptions& options, JobRecord& record);

    InstanceContext& m_ctx;
    repo::Repository& m_repo;
};

} // namespace ncb::backup
