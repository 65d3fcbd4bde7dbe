#include "JobHistory.h"

#include "util/Paths.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace ncb::backup {

namespace {
const QString kJob = QStringLiteral("job"), kInstance = QStringLiteral("instance"), kRp = QStringLiteral("rp"),
              kStarted = QStringLiteral("started"), kFinished = QStringLiteral("finished"),
              kStatus = QStringLiteral("status"), kMessage = QStringLiteral("message"), kStep = QStringLiteral("step");

QDateTime readTime(const QJsonValue& v)
{
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.isValid() ? t.toUTC() : t;
}
} // namespace

QString JobRecord::statusName(Status s)
{
    switch (s) {
    case Status::Ok: return QStringLiteral("ok");
    case Status::Failed: return QStringLiteral("failed");
    case Status::Incomplete: return QStringLiteral("incomplete");
    case Status::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("failed");
}

std::optional<JobRecord::Status> JobRecord::statusFromName(const QString& s)
{
    for (Status v : {Status::Ok, Status::Failed, Status::Incomplete, Status::Cancelled})
        if (s == statusName(v))
            return v;
    return std::nullopt;
}

JobRecord JobRecord::of(const QString& job, const QString& instance, const QString& rp, const QDateTime& started,
                        const ncb::Status& outcome, const QJsonObject& counts)
{
    JobRecord r;
    r.job = job;
    r.instance = instance;
    r.rp = rp;
    r.started = started.toUTC();
    r.finished = QDateTime::currentDateTimeUtc();
    if (outcome.ok()) {
        r.status = Status::Ok;
        r.counts = counts;
    } else {
        r.status = outcome.error().code == Error::Cancelled ? Status::Cancelled : Status::Failed;
        r.message = outcome.error().message;
    }
    return r;
}

QJsonObject JobRecord::toJson() const
{
    QJsonObject o = counts;
    o.insert(kJob, job);
    o.insert(kInstance, instance);
    o.insert(kRp, rp);
    o.insert(kStarted, started.toUTC().toString(Qt::ISODateWithMs));
    if (finished.isValid())
        o.insert(kFinished, finished.toUTC().toString(Qt::ISODateWithMs));
    o.insert(kStatus, statusName(status));
    if (!message.isEmpty())
        o.insert(kMessage, message);
    if (!step.isEmpty())
        o.insert(kStep, step);
    return o;
}

std::optional<JobRecord> JobRecord::fromJson(const QJsonObject& o)
{
    const auto st = statusFromName(o.value(kStatus).toString());
    if (!o.value(kJob).isString() || !st)
        return std::nullopt;
    JobRecord r;
    r.job = o.value(kJob).toString();
    r.instance = o.value(kInstance).toString();
    r.rp = o.value(kRp).toString();
    r.started = readTime(o.value(kStarted));
    r.finished = readTime(o.value(kFinished));
    r.status = *st;
    r.message = o.value(kMessage).toString();
    r.step = o.value(kStep).toString();
    r.counts = o;
    for (const QString& k : {kJob, kInstance, kRp, kStarted, kFinished, kStatus, kMessage, kStep})
        r.counts.remove(k);
    return r;
}

JobHistory::JobHistory(QString instanceName, QString dataDir) : m_name(std::move(instanceName)), m_dir(std::move(dataDir))
{
    if (m_dir.isEmpty())
        m_dir = paths::dataDir();
}

QString JobHistory::filePath() const
{
    return m_dir + QStringLiteral("/history/") + m_name + QStringLiteral(".jsonl");
}

Status JobHistory::append(const JobRecord& record)
{
    return append(record.toJson());
}

Result<QList<JobRecord>> JobHistory::records() const
{
    auto lines = read();
    if (!lines)
        return lines.error();
    QList<JobRecord> out;
    for (const QJsonObject& o : *lines)
        if (auto r = JobRecord::fromJson(o))
            out << *r;
    return out;
}

Status JobHistory::append(const QJsonObject& record)
{
    const QString path = filePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append))
        return Error::make(Error::Io, QStringLiteral("Cannot write the job history %1: %2.").arg(path, f.errorString()));
    const QByteArray line = QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n';
    if (f.write(line) != line.size() || !f.flush())
        return Error::make(Error::Io, QStringLiteral("Cannot write the job history %1: %2.").arg(path, f.errorString()));
    return {};
}

Result<QList<QJsonObject>> JobHistory::read() const
{
    QList<QJsonObject> out;
    QFile f(filePath());
    if (!f.exists())
        return out;
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot read the job history %1: %2.").arg(f.fileName(), f.errorString()));
    while (!f.atEnd()) {
        const QJsonDocument d = QJsonDocument::fromJson(f.readLine());
        if (d.isObject())
            out << d.object();
    }
    return out;
}

} // namespace ncb::backup
