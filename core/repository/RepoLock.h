#pragma once
// A lock file under locks/: exclusive for prune, forget and key changes, append for writers that only add
// (backup; readers go on beside it, another writer does not), shared for readers. The
// file names its holder (host, pid, start time) and is refreshed every few minutes by a background
// thread; it is stale when its process is gone on this host or it has not been refreshed for 30 minutes.
// Acquiring writes our file first and then looks at the others, so two writers racing both see each
// other and at worst both back off: they never both proceed.

#include "Repository.h"

#include <QDateTime>
#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace ncb::repo {

class RepoLock
{
public:
    static constexpr int StaleSeconds = 30 * 60;
    static constexpr int RefreshSeconds = 5 * 60;

    static Result<std::shared_ptr<RepoLock>> acquire(const QString& repoPath, Repository::LockMode mode);
    ~RepoLock();

    Repository::LockMode mode() const { return m_mode; }
    QString fileName() const { return m_file; }
    // Removes stale lock files (dead process on this host, or not refreshed for StaleSeconds).
    static int removeStale(const QString& repoPath);
    // Tests shorten the refresh period to see it happen.
    static void setRefreshSeconds(int seconds);

    RepoLock(const RepoLock&) = delete;
    RepoLock& operator=(const RepoLock&) = delete;

private:
    RepoLock(QString repo, QString file, Repository::LockMode mode, QDateTime since);
    Status writeFile(const QDateTime& refreshed) const;
    void refreshLoop();

    QString m_repo, m_file;
    Repository::LockMode m_mode;
    QDateTime m_since;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace ncb::repo
