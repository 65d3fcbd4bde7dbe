#include "util/Job.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QMutexLocker>
#include <QtConcurrent/QtConcurrentRun>

namespace ncb {

Job::Job(QString title, Work work, QObject* parent)
    : QObject(parent), m_title(std::move(title)), m_work(std::move(work))
{
    static const bool registered = [] {
        qRegisterMetaType<ncb::Progress>();
        qRegisterMetaType<ncb::Status>();
        return true;
    }();
    Q_UNUSED(registered);
}

Job::~Job()
{
    cancelAndWait();
}

void Job::cancelAndWait()
{
    m_cancelled.store(true);
    if (m_state == State::Running)
        m_future.waitForFinished();
}

void Job::start()
{
    if (m_state != State::Waiting)
        return;
    m_state = State::Running;
    m_clock.start();
    m_estimator.reset();
    emit started();
    m_future = QtConcurrent::run([this] {
        const JobContext ctx([this](const Progress& p) { post(p); }, &m_cancelled);
        Status s;
        if (m_cancelled.load())
            s = Error::make(Error::Cancelled, tr("The job was cancelled before it started."));
        else
            s = run(ctx);
        QMetaObject::invokeMethod(
            this, [this, s] { complete(s); }, Qt::QueuedConnection);
    });
}

void Job::cancel()
{
    if (m_state == State::Finished || m_cancelled.exchange(true))
        return;
    emit cancelRequested();
}

void Job::waitForFinished()
{
    if (m_state == State::Running)
        m_future.waitForFinished();
    // The completion is queued to this thread: deliver it now so callers see finished() emitted.
    while (m_state == State::Running)
        QCoreApplication::sendPostedEvents(this);
}

Status Job::run(const JobContext& context)
{
    if (!m_work)
        return Error::make(Error::Generic, tr("This job has nothing to do."));
    return m_work(context);
}

void Job::post(const Progress& p)
{
    QMutexLocker lock(&m_pendingMutex);
    const bool queued = m_pending.has_value();
    m_pending = p;
    if (!queued)
        QMetaObject::invokeMethod(
            this, [this] { deliverProgress(); }, Qt::QueuedConnection);
}

void Job::deliverProgress()
{
    Progress p;
    {
        QMutexLocker lock(&m_pendingMutex);
        if (!m_pending)
            return;
        p = *m_pending;
        m_pending.reset();
    }
    if (m_state != State::Running)
        return;
    m_last = m_estimator.update(m_clock.elapsed(), p);
    emit progress(m_last);
}

void Job::complete(const Status& status)
{
    deliverProgress(); // the last value the work reported, before finished()
    m_state = State::Finished;
    m_status = status; // a job that finished despite a late cancel keeps its result
    emit finished(m_status);
}

} // namespace ncb
