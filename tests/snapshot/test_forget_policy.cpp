// Forget policy: restic's keep-last/hourly/daily/weekly/monthly/yearly semantics as a table.
#include "repository/ForgetPolicy.h"

#include <QTest>

using namespace ncb::repo;

class TestForgetPolicy : public QObject
{
    Q_OBJECT
private:
    // Snapshots at the given local times "yyyy-MM-dd hh:mm"; returns the kept ones, newest first.
    static QStringList kept(const QStringList& times, const ForgetRules& rules)
    {
        QList<ForgetCandidate> c;
        for (const QString& t : times)
            c << ForgetCandidate{t, QDateTime::fromString(t, QStringLiteral("yyyy-MM-dd hh:mm"))};
        QStringList out;
        for (const ForgetDecision& d : applyForgetPolicy(c, rules))
            if (d.keep)
                out << d.id;
        return out;
    }

private slots:
    void table_data()
    {
        QTest::addColumn<QStringList>("times");
        QTest::addColumn<int>("last");
        QTest::addColumn<int>("daily");
        QTest::addColumn<int>("weekly");
        QTest::addColumn<int>("monthly");
        QTest::addColumn<QStringList>("expected");
        const QStringList days = {"2026-01-01 10:00", "2026-01-01 18:00", "2026-01-02 09:00", "2026-01-03 09:00",
                                  "2026-01-05 09:00", "2026-01-12 09:00", "2026-02-01 09:00", "2026-02-20 09:00"};
        QTest::newRow("last 3") << days << 3 << 0 << 0 << 0
                                << QStringList{"2026-02-20 09:00", "2026-02-01 09:00", "2026-01-12 09:00"};
        QTest::newRow("daily keeps newest of each day")
            << days << 0 << 4 << 0 << 0
            << QStringList{"2026-02-20 09:00", "2026-02-01 09:00", "2026-01-12 09:00", "2026-01-05 09:00"};
        // ISO weeks: 2026-01-01..03 are week 1, 01-05 week 2, 01-12 week 3, 02-01 week 5, 02-20 week 8.
        QTest::newRow("weekly") << days << 0 << 0 << 3 << 0
                                << QStringList{"2026-02-20 09:00", "2026-02-01 09:00", "2026-01-12 09:00"};
        QTest::newRow("monthly") << days << 0 << 0 << 0 << 5
                                 << QStringList{"2026-02-20 09:00", "2026-01-12 09:00"};
        QTest::newRow("union of rules") << days << 1 << 0 << 0 << 2
                                        << QStringList{"2026-02-20 09:00", "2026-01-12 09:00"};
        QTest::newRow("daily over two per day")
            << QStringList{"2026-01-01 10:00", "2026-01-01 18:00"} << 0 << 5 << 0 << 0
            << QStringList{"2026-01-01 18:00"};
        QTest::newRow("no rules keeps all") << QStringList{"2026-01-01 10:00", "2026-01-01 18:00"} << 0 << 0 << 0 << 0
                                            << QStringList{"2026-01-01 18:00", "2026-01-01 10:00"};
        QTest::newRow("more than there are") << QStringList{"2026-01-01 10:00"} << 10 << 10 << 10 << 10
                                             << QStringList{"2026-01-01 10:00"};
    }
    void table()
    {
        QFETCH(QStringList, times);
        QFETCH(int, last);
        QFETCH(int, daily);
        QFETCH(int, weekly);
        QFETCH(int, monthly);
        QFETCH(QStringList, expected);
        ForgetRules r;
        r.last = last;
        r.daily = daily;
        r.weekly = weekly;
        r.monthly = monthly;
        QCOMPARE(kept(times, r), expected);
    }

    void reasonsNamed()
    {
        QList<ForgetCandidate> c{{QStringLiteral("a"), QDateTime(QDate(2026, 3, 1), QTime(10, 0))},
                                 {QStringLiteral("b"), QDateTime(QDate(2026, 3, 2), QTime(10, 0))}};
        ForgetRules r;
        r.last = 1;
        r.daily = 2;
        const auto d = applyForgetPolicy(c, r);
        QCOMPARE(d.size(), 2);
        QCOMPARE(d[0].id, QStringLiteral("b"));
        QCOMPARE(d[0].reasons, (QStringList{"last snapshot", "daily snapshot"}));
        QCOMPARE(d[1].reasons, QStringList{"daily snapshot"});
    }
};

QTEST_GUILESS_MAIN(TestForgetPolicy)
#include "test_forget_policy.moc"
