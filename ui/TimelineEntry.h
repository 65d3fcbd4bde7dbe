#pragma once
// TimelineEntry: what the timeline shows of one Restoring Point or failed attempt. Plain data: the
// caller fills it from the core's backup history.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace ncb::ui {

struct TimelineEntry
{
    QString id; // Restoring Point id (empty for a failed attempt that left none)
    QDateTime time;
    bool full = false;
    bool failed = false;
    bool incomplete = false;       // an RP written while some paths on the server could not be read
    QStringList leftOut;           // those paths (RP paths), for an incomplete RP
    qint64 addedBytes = 0;         // new data this RP stored in the repository
    qint64 repoBytes = 0;          // repository size after it
    double maintenanceSeconds = 0; // how long Nextcloud stayed in maintenance mode
    QString message;               // failure reason or note
};

} // namespace ncb::ui

Q_DECLARE_METATYPE(ncb::ui::TimelineEntry)
