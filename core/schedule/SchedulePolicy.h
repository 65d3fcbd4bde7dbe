#pragma once
// SchedulePolicy: when a Restoring Point of an instance is due, and whether it is a full or an
// incremental one — the one rule behind the desktop app's scheduler, `backup --if-due`,
// `run --due` and the hourly systemd timer.
//
// The schedule (settings::ScheduleConfig) has a daily window [start, end) in local time (start == end:
// the whole day; start > end: a window across midnight), an interval in days for RPs and one in weeks
// for full RPs. Each window occurrence belongs to the day it starts on (its "window day"):
//  - the next RP is due at the start of the window `incrementalEveryDays` window days after the last
//    RP's window day (a backup made at 01:00:40 does not push the next one to 02:00 the next night; a
//    backup made by hand at noon does not cancel the coming night's); with a whole-day window, one
//    interval after the last RP less an hour (a checker that runs hourly never drifts);
//  - a due RP runs only inside the window: a missed night (machine off) is made up in the next window,
//    and the instance is overdue once a day has passed since it was due;
//  - after a failed attempt the next try waits an hour (retryAfterSeconds), so neither the app's
//    minute timer nor an hourly timer repeat a failing backup without pause;
//  - it is a full RP when there is none yet or the last full one is `fullEveryWeeks` weeks (of window
//    days) old; otherwise incremental.
// Pure: all times come in as arguments (see Clock), the zone is a parameter, nothing is read here
// except by stateOf().

#include "settings/InstanceConfig.h"
#include "util/Result.h"

#include <QDateTime>
#include <QTimeZone>

namespace ncb::repo {
class Repository;
}

namespace ncb::schedule {

// What the policy needs to know of an instance's past.
struct ScheduleState
{
    QDateTime lastRp;     // the newest Restoring Point (full or incremental), invalid when none
    QDateTime lastFull;   // the newest full Restoring Point, invalid when none
    QDateTime lastFailed; // the newest failed backup attempt, invalid when none
};

struct ScheduleDecision
{
    enum class Kind { Full, Incremental };
    bool enabled = false;
    bool due = false;     // run one now
    bool overdue = false; // more than a day past its due time without a Restoring Point
    QDateTime nextDue;    // when one is due (in the past when due or overdue); invalid when disabled
    QDateTime retryAt;    // set while a failed attempt holds the next try back
    Kind kind = Kind::Incremental;
    QString reason;       // one sentence: why it runs now, or when it will
};

class SchedulePolicy
{
public:
    static constexpr int retryAfterSeconds = 3600;
    static constexpr int overdueAfterSeconds = 24 * 3600;

    explicit SchedulePolicy(settings::ScheduleConfig schedule, QTimeZone zone = QTimeZone::systemTimeZone());

    bool inWindow(const QDateTime& t) const;
    // The local date of the window occurrence that holds t, or of the last one that began before t.
    QDate windowDay(const QDateTime& t) const;
    // The start of the window on window day d (on a day whose start hour does not exist, as on a spring
    // DST change, the first moment after it).
    QDateTime windowStart(const QDate& d) const;
    // The first window start strictly after t.
    QDateTime nextWindowStart(const QDateTime& t) const;

    QDateTime nextDue(const QDateTime& lastRp, const QDateTime& now) const;
    ScheduleDecision::Kind kind(const QDateTime& lastFull, const QDateTime& now) const;
    ScheduleDecision decide(const ScheduleState& state, const QDateTime& now) const;

    // The state of one instance from its repository (RPs) and its job history (failed backups).
    static Result<ScheduleState> stateOf(const repo::Repository& repo, const QString& instance, const QString& historyDir = {});

private:
    bool wholeDay() const { return m_s.windowStartHour == m_s.windowEndHour; }
    QDateTime local(const QDateTime& t) const { return t.toTimeZone(m_zone); }

    settings::ScheduleConfig m_s;
    QTimeZone m_zone;
};

} // namespace ncb::schedule
