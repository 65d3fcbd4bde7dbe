#pragma once
// JobHistory: every attempt of a job on an instance (backup, restore), successful or not, appended as
// one JSON line to <data dir>/history/<instance>.jsonl. A line is a JobRecord: {"job","instance","rp",
// "started","finished","status":"ok"|"incomplete"|"failed"|"cancelled","message","step", and the job's
// counts (files, bytes, leftOut, refusedNames, ...) as further keys}. The GUI shows failed attempts on
// the timeline from it; the schedule reads the last failures.

#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace ncb::backup {

struct JobRecord
{
    enum class Status { Ok, Failed, Incomplete, Cancelled };

    QString job;        // "backup", "restore files", "restore db", "restore instance"
    QString instance;
    QString rp;         // the Restoring Point made or restored from; empty when none
    QDateTime started, finished; // UTC; finished is invalid in old lines that lack it
    Status status = Status::Ok;
    QString message;    // why it failed or what is incomplete; empty when ok
    QString step;       // where it failed ("connect", ...); empty when not known
    QJsonObject counts; // the job's figures and lists, kept as top-level keys on disk

    bool ok() const { return status == Status::Ok; }
    bool failed() const { return status == Status::Failed; }

    // A finished record of `outcome` (ok, or failed/cancelled with its message).
    static JobRecord of(const QString& job, const QString& instance, const QString& rp, const QDateTime& started,
                        const ncb::Status& outcome, const QJsonObject& counts = {});

    QJsonObject toJson() const;
    // Reads a line as written today or by earlier versions; nullopt when it is not a job record.
    static std::optional<JobRecord> fromJson(const QJsonObject& o);

    static QString statusName(Status s);
    static std::optional<Status> statusFromName(const QString& s);
};

class JobHistory
{
public:
    explicit JobHistory(QString instanceName, QString dataDir = {}); // empty: paths::dataDir()
    QString filePath() const;
    Status append(const JobRecord& record);
    Result<QList<JobRecord>> records() const; // oldest first; damaged lines are skipped
    // The raw lines, for callers that still read keys themselves.
    Status append(const QJsonObject& record);
    Result<QList<QJsonObject>> read() const; // oldest first; damaged lines are skipped

private:
    QString m_name;
    QString m_dir;
};

} // namespace ncb::backup
