#include "util/JobQueue.h"

namespace ncb {

JobQueue::JobQueue(QObject* parent) : QObject(parent)
{
}

void JobQueue::enqueue(Job* job)
{
    job->setParent(this);
    const QString key = job->queueKey();
    m_lanes[key].waiting.append(job);
    connect(job, &Job::finished, this, [this, job, key](const Status& status) {
        Lane& lane = m_lanes[key];
        if (lane.running == job)
            lane.running = nullptr;
        emit jobFinished(job, status);
        job->deleteLater();
        startNext(key);
        if (isIdle())
            emit idle();
    });
    startNext(key);
}

void JobQueue::startNext(const QString& key)
{
    Lane& lane = m_lanes[key];
    if (lane.running)
        return;
    while (!lane.waiting.isEmpty()) {
        QPointer<Job> next = lane.waiting.takeFirst();
        if (!next)
            continue;
        lane.running = next;
        emit jobStarted(next);
        next->start();
        return;
    }
    m_lanes.remove(key);
}

Job* JobQueue::runningJob(const QString& key) const
{
    auto it = m_lanes.constFind(key);
    return it == m_lanes.cend() ? nullptr : it->running.data();
}

int JobQueue::pendingCount(const QString& key) const
{
    auto it = m_lanes.constFind(key);
    return it == m_lanes.cend() ? 0 : int(it->waiting.size());
}

bool JobQueue::isIdle() const
{
    for (const Lane& lane : m_lanes)
        if (lane.running || !lane.waiting.isEmpty())
            return false;
    return true;
}

void JobQueue::cancelAll()
{
    for (Lane& lane : m_lanes) {
        for (const QPointer<Job>& j : lane.waiting)
            if (j)
                j->cancel();
        if (lane.running)
            lane.running->cancel();
    }
}

} // namespace ncb
