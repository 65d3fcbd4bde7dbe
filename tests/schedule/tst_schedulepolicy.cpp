// SchedulePolicy as data rows: when a Restoring Point is due, full or incremental, overdue — the rule
// behind the app's scheduler, `backup --if-due` and `run --due`. All times in Europe/Berlin, so the DST
// rows fall on real changes (2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00).
#include "schedule/Clock.h"
#include "schedule/SchedulePolicy.h"

#include <QTest>

Q_DECLARE_METATYPE(ncb::settings::ScheduleConfig)

using namespace ncb;
using schedule::ScheduleDecision;

namespace {

const QTimeZone kZone("Europe/Berlin");

QDateTime T(const char* s)
{
    if (!*s)
        return {};
    return QDateTime(QDateTime::fromString(QString::fromLatin1(s), QStringLiteral("yyyy-MM-dd HH:mm:ss")).date(),
                     QDateTime::fromString(QString::fromLatin1(s), QStringLiteral("yyyy-MM-dd HH:mm:ss")).time(), kZone);
}

settings::ScheduleConfig S(int start, int end, int everyDays = 1, int fullWeeks = 4, bool enabled = true)
{
    settings::ScheduleConfig s;
    s.windowStartHour = start;
    s.windowEndHour = end;
    s.incrementalEveryDays = everyDays;
    s.fullEveryWeeks = fullWeeks;
    s.enabled = enabled;
    return s;
}

} // namespace

class TestSchedulePolicy : public QObject
{
    Q_OBJECT
private slots:
    void decide_data()
    {
        QTest::addColumn<settings::ScheduleConfig>("schedule");
        QTest::addColumn<QDateTime>("lastRp");
        QTest::addColumn<QDateTime>("lastFull");
        QTest::addColumn<QDateTime>("lastFailed");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<bool>("due");
        QTest::addColumn<QDateTime>("nextDue");
        QTest::addColumn<bool>("full");
        QTest::addColumn<bool>("overdue");

        const auto row = [](const char* name, settings::ScheduleConfig s, const char* last, const char* lastFull,
                            const char* failed, const char* now, bool due, const char* next, bool full, bool overdue) {
            QTest::newRow(name) << s << T(last) << T(lastFull) << T(failed) << T(now) << due << T(next) << full << overdue;
        };
        // first backup ever: at once inside the window, else at the next window start; always full
        row("first, in window", S(1, 5), "", "", "", "2026-12-02 02:10:00", true, "2026-12-02 02:10:00", true, false);
        row("first, outside window", S(1, 5), "", "", "", "2026-12-02 12:00:00", false, "2026-12-03 01:00:00", true, false);
        // daily: the hourly timer at 01:00:00 runs it although the last one finished at 01:00:40
        row("daily, timer before last time of day", S(1, 5), "2026-12-01 01:00:40", "2026-11-20 01:00:00", "",
            "2026-12-02 01:00:00", true, "2026-12-02 01:00:00", false, false);
        // ... and the timer's later firings that night do nothing (it fired five times a night)
        row("daily, same night again", S(1, 5), "2026-12-02 01:00:40", "2026-11-20 01:00:00", "", "2026-12-02 02:00:00",
            false, "2026-12-03 01:00:00", false, false);
        // window boundaries: [start, end)
        row("window end is outside", S(1, 5), "2026-12-01 01:05:00", "2026-11-20 01:00:00", "", "2026-12-02 05:00:00",
            false, "2026-12-02 01:00:00", false, false);
        row("last minute of window", S(1, 5), "2026-12-01 01:05:00", "2026-11-20 01:00:00", "", "2026-12-02 04:59:00",
            true, "2026-12-02 01:00:00", false, false);
        row("window start exact", S(1, 5), "2026-12-01 01:05:00", "2026-11-20 01:00:00", "", "2026-12-02 01:00:00", true,
            "2026-12-02 01:00:00", false, false);
        row("hour before window", S(1, 5), "2026-12-01 01:05:00", "2026-11-20 01:00:00", "", "2026-12-02 00:59:59",
            false, "2026-12-02 01:00:00", false, false);
        // a backup made by hand at noon does not cancel the night's
        row("manual at noon", S(1, 5), "2026-12-01 12:00:00", "2026-11-20 01:00:00", "", "2026-12-02 01:00:00", true,
            "2026-12-02 01:00:00", false, false);
        // a missed night (machine off): waits for the next window, overdue a day after it was due
        row("missed night, morning", S(1, 5), "2026-11-30 01:00:00", "2026-11-20 01:00:00", "", "2026-12-01 09:00:00",
            false, "2026-12-01 01:00:00", false, false);
        row("missed night, next window", S(1, 5), "2026-11-30 01:00:00", "2026-11-20 01:00:00", "",
            "2026-12-02 01:30:00", true, "2026-12-01 01:00:00", false, true);
        // a window across midnight belongs to the day it starts on
        row("across midnight, same window", S(22, 4), "2026-12-01 23:10:00", "2026-11-20 23:00:00", "",
            "2026-12-02 02:00:00", false, "2026-12-02 22:00:00", false, false);
        row("across midnight, next window", S(22, 4), "2026-12-02 02:00:00", "2026-11-20 23:00:00", "",
            "2026-12-02 22:00:00", true, "2026-12-02 22:00:00", false, false);
        row("across midnight, after midnight part", S(22, 4), "2026-11-30 23:00:00", "2026-11-20 23:00:00", "",
            "2026-12-02 01:00:00", true, "2026-12-01 22:00:00", false, false);
        // weekly incrementals
        row("weekly, day 6", S(1, 5, 7), "2026-12-01 01:00:10", "2026-11-20 01:00:00", "", "2026-12-07 01:00:00", false,
            "2026-12-08 01:00:00", false, false);
        row("weekly, day 7", S(1, 5, 7), "2026-12-01 01:00:10", "2026-11-20 01:00:00", "", "2026-12-08 01:00:00", true,
            "2026-12-08 01:00:00", false, false);
        // full every 4 weeks, counted in window days (28 nights after the last full one)
        row("full after 4 weeks", S(1, 5), "2026-12-01 01:00:10", "2026-11-04 01:00:30", "", "2026-12-02 01:00:00", true,
            "2026-12-02 01:00:00", true, false);
        row("incremental at 27 days", S(1, 5), "2026-12-01 01:00:10", "2026-11-05 01:00:30", "", "2026-12-02 01:00:00",
            true, "2026-12-02 01:00:00", false, false);
        // a failed attempt holds the next try back for an hour
        row("failed, retry held", S(1, 5), "2026-12-01 01:00:00", "2026-11-20 01:00:00", "2026-12-02 01:00:05",
            "2026-12-02 01:30:00", false, "2026-12-02 01:00:00", false, false);
        row("failed, retry after an hour", S(1, 5), "2026-12-01 01:00:00", "2026-11-20 01:00:00", "2026-12-02 01:00:05",
            "2026-12-02 02:01:00", true, "2026-12-02 01:00:00", false, false);
        row("old failure does not hold", S(1, 5), "2026-12-01 01:00:00", "2026-11-20 01:00:00", "2026-11-30 01:00:05",
            "2026-12-02 01:10:00", true, "2026-12-02 01:00:00", false, false);
        // DST: 2026-03-29 02:00 does not exist in Berlin: the window starts at 03:00 that day
        row("DST spring, start hour missing", S(2, 5), "2026-03-28 02:00:30", "2026-03-20 02:00:00", "",
            "2026-03-29 03:00:00", true, "2026-03-29 03:00:00", false, false);
        row("DST spring, before", S(2, 5), "2026-03-28 02:00:30", "2026-03-20 02:00:00", "", "2026-03-29 01:59:00", false,
            "2026-03-29 03:00:00", false, false);
        // 2026-10-25 has 25 hours; the night's backup still runs once
        row("DST autumn", S(1, 5), "2026-10-24 01:00:30", "2026-10-20 01:00:00", "", "2026-10-25 01:00:00", true,
            "2026-10-25 01:00:00", false, false);
        row("DST autumn, night after", S(1, 5), "2026-10-25 01:00:30", "2026-10-20 01:00:00", "", "2026-10-25 04:00:00",
            false, "2026-10-26 01:00:00", false, false);
        // the whole day (start == end): one interval after the last RP, less an hour
        row("whole day, not yet", S(0, 0), "2026-12-01 10:00:30", "2026-11-20 01:00:00", "", "2026-12-02 09:00:00", false,
            "2026-12-02 09:00:30", false, false);
        row("whole day, due", S(0, 0), "2026-12-01 10:00:30", "2026-11-20 01:00:00", "", "2026-12-02 10:00:00", true,
            "2026-12-02 09:00:30", false, false);
        // off: never due
        row("schedule off", S(1, 5, 1, 4, false), "2026-11-01 01:00:00", "2026-11-01 01:00:00", "", "2026-12-02 02:00:00",
            false, "", false, false);
    }

    void decide()
    {
        QFETCH(settings::ScheduleConfig, schedule);
        QFETCH(QDateTime, lastRp);
        QFETCH(QDateTime, lastFull);
        QFETCH(QDateTime, lastFailed);
        QFETCH(QDateTime, now);
        QFETCH(bool, due);
        QFETCH(QDateTime, nextDue);
        QFETCH(bool, full);
        QFETCH(bool, overdue);
        const schedule::SchedulePolicy policy(schedule, kZone);
        const ScheduleDecision d = policy.decide({lastRp, lastFull, lastFailed}, now);
        QVERIFY2(d.due == due, qPrintable(d.reason));
        QCOMPARE(d.nextDue.isValid(), nextDue.isValid());
        if (nextDue.isValid())
            QCOMPARE(d.nextDue.toTimeZone(kZone), nextDue);
        if (schedule.enabled)
            QCOMPARE(d.kind == ScheduleDecision::Kind::Full, full);
        QCOMPARE(d.overdue, overdue);
        QVERIFY(!d.reason.isEmpty());
    }

    // A clock the test moves: a night of hourly timer runs makes exactly one Restoring Point.
    void oneBackupPerNight()
    {
        const schedule::SchedulePolicy policy(S(1, 5), kZone);
        schedule::FixedClock clock(T("2026-12-01 00:00:00"));
        schedule::ScheduleState st{T("2026-11-30 01:00:20"), T("2026-11-30 01:00:20"), {}};
        int made = 0;
        for (int hour = 0; hour < 24 * 7; ++hour, clock.advanceSecs(3600)) {
            if (policy.decide(st, clock.now()).due) {
                st.lastRp = clock.now().addSecs(40); // the RP's time: when it was written
                ++made;
                QVERIFY2(policy.inWindow(clock.now()), qPrintable(clock.now().toString()));
            }
        }
        QCOMPARE(made, 7);
    }

    void reasonSaysWhen()
    {
        const schedule::SchedulePolicy policy(S(1, 5), kZone);
        const ScheduleDecision d = policy.decide({T("2026-12-02 01:00:30"), T("2026-12-02 01:00:30"), {}}, T("2026-12-02 03:00:00"));
        QVERIFY(!d.due);
        QVERIFY2(d.reason.contains(QStringLiteral("due at")), qPrintable(d.reason));
    }
};

QTEST_GUILESS_MAIN(TestSchedulePolicy)
#include "tst_schedulepolicy.moc"
