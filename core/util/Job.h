#pragma once
// Job: one long core operation (back up, restore, check, probe a host) run on the global QThreadPool.
// Modelled on nextcloud/desktop's AbstractNetworkJob and KeePassXC's AsyncTask: the owner calls
// start(), connects to progress() and finished(), may call cancel(); every signal arrives on the
// thread that owns the job, so the GUI never blocks and never touches the work's data from two threads.
// The CLI drives the same jobs with a local event loop.

#include "util/JobContext.h"
#include "util/Progress.h"
#include "util/ProgressEstimator.h"
#include "util/Result.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <atomic>
#include <functional>
#include <optional>

namespace ncb {

class Job : public QObject
{
    Q_OBJECT
public:
    enum class State { Waiting, Running, Finished };
    using Work = std::function<Status(const JobContext&)>;

    // `title` is user-facing ("Full backup of cloud.example.org"); `queueKey` (usually the repository
    // path) keeps two jobs on one repository from running at once when started through a JobQueue.
    Job(QString title, Work work, QObject* parent = nullptr);
    ~Job() override; // cancels and waits: the work never outlives its job

    QString title() const { return m_title; }
    QString queueKey() const { return m_queueKey; }
    void setQueueKey(const QString& key) { m_queueKey = key; }

    State state() const { return m_state; }
    bool isCancelled() const { return m_cancelled.load(); }
    const Progress& lastProgress() const { return m_last; }
    const Status& status() const { return m_status; } // valid once finished

    void start();  // no-op unless Waiting
    void cancel(); // asks the work to stop at its next safe point; finished() still follows
    // Blocks the calling thread until the work is done and finished() was emitted (CLI, tests).
    void waitForFinished();

signals:
    void started();
    void progress(const ncb::Progress& progress);
    void finished(const ncb::Status& status);
    void cancelRequested();

protected:
    // Runs on a pool thread. The default runs the Work given to the constructor.
    virtual Status run(const JobContext& context);
    // Subclasses whose run() uses their own members call this first in their destructor: by the time
    // ~Job runs, those members are gone.
    void cancelAndWait();

private:
    void post(const Progress& p); // worker thread
    void deliverProgress();       // owner thread
    void complete(const Status& status);

    QString m_title;
    QString m_queueKey;
    Work m_work;
    State m_state = State::Waiting;
    std::atomic_bool m_cancelled{false};
    QFuture<void> m_future;
    Status m_status;
    Progress m_last;
    ProgressEstimator m_estimator;
    QElapsedTimer m_clock;

    QMutex m_pendingMutex;
    std::optional<Progress> m_pending; // latest unsent progress; one queued delivery at a time
};

// A job whose work produces a value of type T (a host key, a discovered instance, a recovery key...).
template <typename T> class ResultJob : public Job
{
public:
    using ResultWork = std::function<Result<T>(const JobContext&)>;
    ResultJob(QString title, ResultWork work, QObject* parent = nullptr)
        : Job(std::move(title), {}, parent), m_resultWork(std::move(work))
    {
    }
    ~ResultJob() override { cancelAndWait(); }
    // Set when finished() reported success.
    const std::optional<T>& value() const { return m_value; }

protected:
    Status run(const JobContext& context) override
    {
        Result<T> r = m_resultWork(context);
        if (!r.ok())
            return r.error();
        m_value = std::move(r).value();
        return {};
    }

private:
    ResultWork m_resultWork;
    std::optional<T> m_value;
};

} // namespace ncb

Q_DECLARE_METATYPE(ncb::Progress)
Q_DECLARE_METATYPE(ncb::Status)
