#pragma once
// InstanceSummary: what the sidebar shows of one Nextcloud instance. Plain data, filled by the caller.

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace ncb::ui {

struct InstanceSummary
{
    enum class State { NoBackup, Ok, Running, Failed, Overdue, Incomplete }; // Incomplete: the last RP lacks paths
    QString id;
    QString name; // "cloud.example.org"
    QString host; // "this computer" or "admin@cloud.example.org:22"
    QString nextcloudVersion;
    QDateTime lastRp;
    State lastState = State::NoBackup;
    QDateTime nextDue;
};

} // namespace ncb::ui

Q_DECLARE_METATYPE(ncb::ui::InstanceSummary)
