#include "JobHistory.h"

#include "util/Paths.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace ncb::backup {

JobHistory::JobHistory(QString instanceName, QString dataDir) : m_name(std::move(instanceName)), m_dir(std::move(dataDir))
{
    if (m_dir.isEmpty())
        m_dir = paths::dataDir();
}

QString JobHistory::filePath() const
{
    return m_dir + QStringLiteral("/history/") + m_name + QStringLiteral(".jsonl");
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
