#include "RepoLock.h"

#include "AtomicFile.h"
#include "crypto/Sodium.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace ncb::repo {

namespace {
struct LockInfo
{
    QString host;
    qint64 pid = 0;
    QDateTime since, refreshed;
    bool exclusive = false; // Exclusive or Append: older versions read only this key
    bool append = false;    // "mode":"append": a writer that only adds (backup), readers may go on
};

LockInfo readLock(const QString& path, bool* ok)
{
    LockInfo li;
    QFile f(path);
    *ok = false;
    if (!f.open(QIODevice::ReadOnly))
        return li;
    const QJsonObject o = QJsonDocument::fromJson(f.read(64 * 1024)).object();
    li.host = o.value(QStringLiteral("host")).toString();
    li.pid = o.value(QStringLiteral("pid")).toInteger();
    li.since = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODate);
    li.refreshed = QDateTime::fromString(o.value(QStringLiteral("refreshed")).toString(), Qt::ISODate);
    li.exclusive = o.value(QStringLiteral("exclusive")).toBool();
    li.append = li.exclusive && o.value(QStringLiteral("mode")).toString() == QLatin1String("append");
    *ok = li.pid > 0 && li.refreshed.isValid();
    return li;
}

bool isStale(const LockInfo& li)
{
    if (li.refreshed.secsTo(QDateTime::currentDateTimeUtc()) > RepoLock::StaleSeconds)
        return true;
    if (li.host == QSysInfo::machineHostName())
        return ::kill(static_cast<pid_t>(li.pid), 0) != 0 && errno == ESRCH;
    return false;
}

QString hostName() { return QSysInfo::machineHostName(); }
std::atomic<int> g_refreshSeconds{RepoLock::RefreshSeconds};
} // namespace

void RepoLock::setRefreshSeconds(int seconds) { g_refreshSeconds = std::max(1, seconds); }

RepoLock::RepoLock(QString repo, QString file, Repository::LockMode mode, QDateTime since)
    : m_repo(std::move(repo)), m_file(std::move(file)), m_mode(mode), m_since(std::move(since))
{
}

Status RepoLock::writeFile(const QDateTime& refreshed) const
{
    const QJsonObject o{{QStringLiteral("host"), hostName()},
                        {QStringLiteral("pid"), static_cast<qint64>(::getpid())},
                        {QStringLiteral("time"), m_since.toString(Qt::ISODate)},
                        {QStringLiteral("refreshed"), refreshed.toString(Qt::ISODate)},
                        {QStringLiteral("exclusive"), m_mode != Repository::LockMode::Shared},
                        {QStringLiteral("mode"), m_mode == Repository::LockMode::Shared   ? QStringLiteral("shared")
                                                 : m_mode == Repository::LockMode::Append ? QStringLiteral("append")
                                                                                          : QStringLiteral("exclusive")}};
    // Not fsynced: a lock matters only while this process lives (after a crash it is stale anyway), and
    // the rename makes it visible to other processes whole. Saves two fsyncs per command.
    return AtomicFile::writeWhole(m_repo, m_repo + QStringLiteral("/locks/") + m_file,
                                  QJsonDocument(o).toJson(QJsonDocument::Compact), AtomicFile::Durable::No);
}

int RepoLock::removeStale(const QString& repo)
{
    int removed = 0;
    QDir dir(repo + QStringLiteral("/locks"));
    for (const QString& name : dir.entryList(QDir::Files)) {
        bool ok = false;
        const LockInfo li = readLock(dir.filePath(name), &ok);
        if (!ok) {
            // Unreadable or half-written by a foreign tool: stale once old enough.
            if (QFileInfo(dir.filePath(name)).lastModified().secsTo(QDateTime::currentDateTime()) > StaleSeconds &&
                dir.remove(name))
                ++removed;
            continue;
        }
        if (isStale(li) && dir.remove(name))
            ++removed;
    }
    return removed;
}

Result<std::shared_ptr<RepoLock>> RepoLock::acquire(const QString& repo, Repository::LockMode mode)
{
    const QString locks = repo + QStringLiteral("/locks");
    const QString file = QString::fromLatin1(crypto::randomBytes(16).toHex());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::shared_ptr<RepoLock> lock(new RepoLock(repo, file, mode, now));
    Status w = AtomicFile::mkdirs(repo, locks);
    if (w)
        w = lock->writeFile(now);
    if (!w) {
        if (mode == Repository::LockMode::Shared) {
            // A reader on a read-only medium: nobody can write there either, so reading is safe.
            lock->m_file.clear();
            return lock;
        }
        return w.error();
    }
    QDir dir(locks);
    for (const QString& name : dir.entryList(QDir::Files)) {
        if (name == file || name.startsWith(QLatin1Char('.')))
            continue;
        bool ok = false;
        const LockInfo li = readLock(dir.filePath(name), &ok);
        if (!ok)
            continue; // being written right now, or garbage: removeStale handles old ones
        if (isStale(li)) {
            dir.remove(name);
            continue;
        }
        // Readers go on beside one appending writer (a backup adds packs and manifests atomically);
        // two writers never; nobody beside an exclusive holder (prune, forget, key changes).
        using M = Repository::LockMode;
        const bool theirsExclusive = li.exclusive && !li.append;
        const bool conflict = mode == M::Exclusive || theirsExclusive || (mode == M::Append && li.append);
        if (conflict) {
            dir.remove(file);
            lock->m_file.clear();
            return Error::make(Error::Locked, QStringLiteral("Repository %1 is in use by %2 pid %3 since %4.")
                                                  .arg(repo, li.host)
                                                  .arg(li.pid)
                                                  .arg(li.since.toLocalTime().toString(Qt::ISODate)));
        }
    }
    lock->m_thread = std::thread([l = lock.get()] { l->refreshLoop(); });
    return lock;
}

void RepoLock::refreshLoop()
{
    std::unique_lock<std::mutex> g(m_mutex);
    while (!m_stop) {
        m_cv.wait_for(g, std::chrono::seconds(g_refreshSeconds.load()), [this] { return m_stop; });
        if (m_stop)
            break;
        (void)writeFile(QDateTime::currentDateTimeUtc()); // a failed refresh is retried next round
    }
}

RepoLock::~RepoLock()
{
    {
        std::lock_guard<std::mutex> g(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    if (!m_file.isEmpty())
        QFile::remove(m_repo + QStringLiteral("/locks/") + m_file);
}

} // namespace ncb::repo
