#pragma once
// JobHistory: every attempt of a job on an instance (backup, restore), successful or not, appended as
// one JSON line to <data dir>/history/<instance>.jsonl: {"job","status":"ok"|"incomplete"|"failed"|"cancelled","message",
// "started","finished","rp",...}; an incomplete backup also has "leftOut" (the paths not read), one that
// refused entries for their names "refusedNames". The GUI shows failed attempts on the timeline from it.

#include "util/Result.h"

#include <QJsonObject>
#include <QList>

namespace ncb::backup {

class JobHistory
{
public:
    explicit JobHistory(QString instanceName, QString dataDir = {}); // empty: paths::dataDir()
    QString filePath() const;
    Status append(const QJsonObject& record);
    Result<QList<QJsonObject>> read() const; // oldest first; damaged lines are skipped

private:
    QString m_name;
    QString m_dir;
};

} // namespace ncb::backup
