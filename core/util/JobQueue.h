#pragma once
// JobQueue: one job at a time per repository (as Vorta does per borg repository). Jobs with the same
// queueKey run one after the other in the order they were enqueued; jobs on different keys run at
// once. The queue owns the jobs it is given and deletes them (deleteLater) after finished().

#include "util/Job.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

namespace ncb {

class JobQueue : public QObject
{
    Q_OBJECT
public:
    explicit JobQueue(QObject* parent = nullptr);

    // Takes ownership; starts the job now if nothing runs on its key.
    void enqueue(Job* job);
    Job* runningJob(const QString& key) const;
    int pendingCount(const QString& key) const; // waiting, not counting the running one
    bool isIdle() const;
    void cancelAll();

signals:
    void jobStarted(ncb::Job* job);
    void jobFinished(ncb::Job* job, const ncb::Status& status);
    void idle();

private:
    void startNext(const QString& key);

    struct Lane
    {
        QPointer<Job> running;
        QList<QPointer<Job>> waiting;
    };
    QHash<QString, Lane> m_lanes;
};

} // namespace ncb
