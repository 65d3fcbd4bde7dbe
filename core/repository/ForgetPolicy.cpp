#include "ForgetPolicy.h"

#include <algorithm>
#include <functional>

namespace ncb::repo {

QList<ForgetDecision> applyForgetPolicy(const QList<ForgetCandidate>& snapshots, const ForgetRules& rules)
{
    QList<ForgetCandidate> sorted = snapshots;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const ForgetCandidate& a, const ForgetCandidate& b) { return a.time > b.time; });

    // Buckets in local time, as restic does (a "day" is the user's day).
    struct Rule
    {
        int count;
        const char* reason;
        std::function<qint64(const QDateTime&, qint64 index)> bucket;
        qint64 last = -1;
        bool haveLast = false;
    };
    auto local = [](const QDateTime& t) { return t.toLocalTime(); };
    QList<Rule> list = {
        {rules.last, "last snapshot", [](const QDateTime&, qint64 i) { return i; }},
        {rules.hourly, "hourly snapshot",
         [&](const QDateTime& t, qint64) {
             const QDateTime l = local(t);
             return qint64(l.date().year()) * 1000000 + l.date().month() * 10000 + l.date().day() * 100 + l.time().hour();
         }},
        {rules.daily, "daily snapshot",
         [&](const QDateTime& t, qint64) {
             const QDate d = local(t).date();
             return qint64(d.year()) * 10000 + d.month() * 100 + d.day();
         }},
        {rules.weekly, "weekly snapshot",
         [&](const QDateTime& t, qint64) {
             int isoYear = 0;
             const int week = local(t).date().weekNumber(&isoYear);
             return qint64(isoYear) * 100 + week;
         }},
        {rules.monthly, "monthly snapshot",
         [&](const QDateTime& t, qint64) {
             const QDate d = local(t).date();
             return qint64(d.year()) * 100 + d.month();
         }},
        {rules.yearly, "yearly snapshot", [&](const QDateTime& t, qint64) { return qint64(local(t).date().year()); }},
    };

    QList<ForgetDecision> out;
    const bool keepAll = rules.empty();
    for (qint64 i = 0; i < sorted.size(); ++i) {
        ForgetDecision d{sorted[i].id, sorted[i].time, keepAll, {}};
        if (keepAll)
            d.reasons << QStringLiteral("no policy");
        for (Rule& r : list) {
            if (r.count <= 0)
                continue;
            const qint64 b = r.bucket(sorted[i].time, i);
            if (!r.haveLast || b != r.last) {
                d.keep = true;
                d.reasons << QString::fromLatin1(r.reason);
                r.last = b;
                r.haveLast = true;
                --r.count;
            }
        }
        out << d;
    }
    return out;
}

} // namespace ncb::repo
