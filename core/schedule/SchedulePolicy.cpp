#include "SchedulePolicy.h"

#include "backup/JobHistory.h"
#include "backup/RpIndex.h"
#include "schedule/Clock.h"

namespace ncb::schedule {

namespace {

class SystemClock : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTime(); }
};

QString shown(const QDateTime& t)
{
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

const Clock& Clock::system()
{
    static const SystemClock c;
    return c;
}

SchedulePolicy::SchedulePolicy(settings::ScheduleConfig schedule, QTimeZone zone) : m_s(schedule), m_zone(std::move(zone))
{
    m_s.windowStartHour = std::clamp(m_s.windowStartHour, 0, 23);
    m_s.windowEndHour = std::clamp(m_s.windowEndHour, 0, 24) % 24;
    m_s.incrementalEveryDays = std::max(1, m_s.incrementalEveryDays);
    m_s.fullEveryWeeks = std::max(0, m_s.fullEveryWeeks);
}

bool SchedulePolicy::inWindow(const QDateTime& t) const
{
    if (wholeDay())
        return true;
    const int h = local(t).time().hour();
    if (m_s.windowStartHour < m_s.windowEndHour)
        return h >= m_s.windowStartHour && h < m_s.windowEndHour;
    return h >= m_s.windowStartHour || h < m_s.windowEndHour; // across midnight
}

QDate SchedulePolicy::windowDay(const QDateTime& t) const
{
    const QDateTime lt = local(t);
    return lt.time().hour() >= m_s.windowStartHour ? lt.date() : lt.date().addDays(-1);
}

QDateTime SchedulePolicy::windowStart(const QDate& d) const
{
    // A start hour skipped by a DST change: the first whole hour after it that exists.
    for (int h = m_s.windowStartHour; h < 24; ++h) {
        const QDateTime t(d, QTime(h, 0), m_zone);
        if (t.isValid() && t.toTimeZone(m_zone).date() == d && t.toTimeZone(m_zone).time().hour() >= m_s.windowStartHour)
            return t;
    }
    return QDateTime(d.addDays(1), QTime(0, 0), m_zone);
}

QDateTime SchedulePolicy::nextWindowStart(const QDateTime& t) const
{
    QDate d = windowDay(t);
    QDateTime s = windowStart(d);
    while (s <= t)
        s = windowStart(d = d.addDays(1));
    return s;
}

QDateTime SchedulePolicy::nextDue(const QDateTime& lastRp, const QDateTime& now) const
{
    if (!m_s.enabled)
        return {};
    if (!lastRp.isValid())
        return inWindow(now) ? now : nextWindowStart(now);
    if (wholeDay())
        return lastRp.addSecs(qint64(m_s.incrementalEveryDays) * 24 * 3600 - 3600);
    return windowStart(windowDay(lastRp).addDays(m_s.incrementalEveryDays));
}

ScheduleDecision::Kind SchedulePolicy::kind(const QDateTime& lastFull, const QDateTime& now) const
{
    if (!lastFull.isValid())
        return ScheduleDecision::Kind::Full;
    const qint64 days = qint64(m_s.fullEveryWeeks) * 7;
    const bool old = wholeDay() ? now >= lastFull.addSecs(days * 24 * 3600 - 3600)
                                : windowDay(lastFull).daysTo(windowDay(now)) >= days;
    return old ? ScheduleDecision::Kind::Full : ScheduleDecision::Kind::Incremental;
}

ScheduleDecision SchedulePolicy::decide(const ScheduleState& state, const QDateTime& now) const
{
    ScheduleDecision d;
    d.enabled = m_s.enabled;
    if (!m_s.enabled) {
        d.reason = QStringLiteral("The schedule is off: Restoring Points are made only when asked for.");
        return d;
    }
    d.nextDue = nextDue(state.lastRp, now);
    d.kind = kind(state.lastFull, now);
    d.overdue = state.lastRp.isValid() && now > d.nextDue.addSecs(overdueAfterSeconds);
    const QString what = d.kind == ScheduleDecision::Kind::Full ? QStringLiteral("full") : QStringLiteral("incremental");
    if (now < d.nextDue) {
        d.reason = QStringLiteral("The next Restoring Point is due at %1.").arg(shown(d.nextDue));
        return d;
    }
    if (!inWindow(now)) {
        d.reason = QStringLiteral("A Restoring Point is due since %1, but the backup window is %2:00–%3:00; it runs from %4.")
                       .arg(shown(d.nextDue))
                       .arg(m_s.windowStartHour, 2, 10, QLatin1Char('0'))
                       .arg(m_s.windowEndHour, 2, 10, QLatin1Char('0'))
                       .arg(shown(nextWindowStart(now)));
        return d;
    }
    const bool failedSince = state.lastFailed.isValid() && (!state.lastRp.isValid() || state.lastFailed > state.lastRp);
    if (failedSince && now < state.lastFailed.addSecs(retryAfterSeconds)) {
        d.retryAt = state.lastFailed.addSecs(retryAfterSeconds);
        d.reason = QStringLiteral("A backup failed at %1; the next try is from %2.").arg(shown(state.lastFailed), shown(d.retryAt));
        return d;
    }
    d.due = true;
    d.reason = state.lastRp.isValid() ? QStringLiteral("A %1 Restoring Point is due since %2.").arg(what, shown(d.nextDue))
                                      : QStringLiteral("There is no Restoring Point yet: a %1 one is due.").arg(what);
    return d;
}

Result<ScheduleState> SchedulePolicy::stateOf(const repo::Repository& repo, const QString& instance, const QString& historyDir)
{
    ScheduleState st;
    auto rps = backup::RpIndex::list(repo, instance, false);
    if (!rps)
        return rps.error();
    for (const backup::RpInfo& rp : *rps) {
        const QDateTime t = rp.manifest.time;
        if (!st.lastRp.isValid() || t > st.lastRp)
            st.lastRp = t;
        if (rp.kind() == QLatin1String("full") && (!st.lastFull.isValid() || t > st.lastFull))
            st.lastFull = t;
    }
    // The history only holds the attempts back: one it cannot read delays nothing.
    if (auto history = backup::JobHistory(instance, historyDir).records()) {
        for (const backup::JobRecord& h : *history) {
            if (h.job != QLatin1String("backup") || !h.failed())
                continue;
            const QDateTime t = h.started;
            if (t.isValid() && (!st.lastFailed.isValid() || t > st.lastFailed))
                st.lastFailed = t;
        }
    }
    return st;
}

} // namespace ncb::schedule
