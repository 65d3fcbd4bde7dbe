#pragma once
// ForgetPolicy: which snapshots to keep, with restic's semantics. Snapshots are walked newest first;
// each rule (last, hourly, daily, weekly, monthly, yearly) keeps the newest snapshot of each of its
// next N distinct buckets (keep-last: every snapshot is its own bucket). A snapshot is kept when any
// rule keeps it. A pure function: no repository, no clock.

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace ncb::repo {

struct ForgetRules
{
    int last = 0;
    int hourly = 0;
    int daily = 0;
    int weekly = 0;
    int monthly = 0;
    int yearly = 0;
    bool empty() const { return !last && !hourly && !daily && !weekly && !monthly && !yearly; }
};

struct ForgetCandidate
{
    QString id;
    QDateTime time;
};

struct ForgetDecision
{
    QString id;
    QDateTime time;
    bool keep = false;
    QStringList reasons; // "last snapshot", "daily snapshot", ...
};

// Returns one decision per candidate, newest first. An empty rule set keeps everything.
QList<ForgetDecision> applyForgetPolicy(const QList<ForgetCandidate>& snapshots, const ForgetRules& rules);

} // namespace ncb::repo
