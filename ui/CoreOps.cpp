#include "CoreOps.h"

#include <QJsonArray>
#include "Format.h"

#include "backup/BackupJob.h"
#include "backup/BackupRun.h"
#include "backup/InstanceContext.h"
#include "backup/JobHistory.h"
#include "repository/Catalog.h"
#include "settings/RepositoryUnlock.h"

#include <QCoreApplication>

#include <algorithm>

namespace ncb::ui::coreops {

Result<std::unique_ptr<repo::Repository>> unlock(const QString& path, const QByteArray& masterKey,
                                                 const QByteArray& password, QByteArray* keyOut)
{
    settings::UnlockSources sources;
    sources.password = password;
    sources.sessionKey = masterKey;
    sources.allowPrompt = false; // the app asks with a dialog (AppController::askPassword)
    auto u = settings::RepositoryUnlock::open(path, sources);
    if (!u) {
        if (settings::RepositoryUnlock::needsPassword(u.error()))
            return Error::make(Error::Auth, QCoreApplication::translate("ncb::ui::CoreOps", "The repository %1 needs its password.")
                                                .arg(path));
        return u.error();
    }
    *keyOut = u->repo->masterKey();
    return std::move(u->repo);
}

TimelineEntry entryFor(const backup::RpInfo& rp)
{
    const repo::SnapshotManifest& m = rp.manifest;
    TimelineEntry e;
    e.id = rp.id;
    e.time = m.time.toLocalTime();
    e.full = rp.kind() == QLatin1String("full");
    e.addedBytes = m.stats.newBytes;
    e.maintenanceSeconds = rp.maintenanceWindowSeconds();
    if (!m.warnings.isEmpty())
        e.message = m.warnings.first();
    if (rp.isIncomplete()) {
        e.incomplete = true;
        for (const auto& n : rp.incomplete())
            e.leftOut << n.path;
        e.message = QCoreApplication::translate("ncb::ui::CoreOps", "Incomplete: %n path(s) on the server could not be read: %1",
                                                nullptr, int(e.leftOut.size()))
                        .arg(e.leftOut.mid(0, 5).join(QStringLiteral(", ")) +
                             (e.leftOut.size() > 5 ? QStringLiteral(", …") : QString()));
    }
    return e;
}

Result<BackupOutcome> backup(const settings::InstanceConfig& config, repo::Repository& repo,
                             backup::BackupOptions::Mode mode, const JobContext& context, const QString& historyDir)
{
    context.report(Progress{QStringLiteral("connect"), 0, -1, 0, -1, 0, -1, Format::host(config)});
    backup::BackupOptions o;
    o.mode = mode;
    if (mode == backup::BackupOptions::Auto) {
        auto decided = backup::BackupJob::decideMode(repo, config);
        if (!decided)
            return decided.error();
        o.mode = *decided;
    }
    o.progress = context.progressCallback();
    o.cancel = context.cancelCheck();
    o.historyDir = historyDir;
    auto r = backup::BackupRun::run(config, repo, o);
    if (!r)
        return r.error();
    BackupOutcome out;
    out.entry = entryFor(backup::RpInfo{r->rpId, r->manifest});
    out.recovered = r->recovered;
    out.warnings = r->manifest.warnings;
    return out;
}

Result<QStringList> usersIn(const QString& repositoryId, const QString& rpId, const QString& catalogDir)
{
    auto catalog = repo::Catalog::open(repositoryId, catalogDir);
    if (!catalog)
        return catalog.error();
    auto top = (*catalog)->list(rpId, QByteArrayLiteral("data"));
    if (!top)
        return top.error();
    QStringList users;
    for (const repo::CatalogEntry& e : *top) {
        if (e.type != repo::TreeEntry::Dir || e.name.startsWith("appdata_") || e.name.startsWith("__") ||
            e.name == "files_external")
            continue;
        auto sub = (*catalog)->list(rpId, QByteArrayLiteral("data/") + e.name);
        if (sub && std::any_of(sub->begin(), sub->end(), [](const repo::CatalogEntry& x) {
                return x.name == "files" && x.type == repo::TreeEntry::Dir;
            }))
            users << QString::fromUtf8(e.name);
    }
    return users;
}

Result<InstanceState> readState(const settings::InstanceConfig& config, repo::Repository& repo,
                                const JobContext& context, const QString& historyDir, const QDateTime& at)
{
    const QDateTime now = at.isValid() ? at : QDateTime::currentDateTime();
    InstanceState st;
    st.repositoryId = repo.id();
    auto rps = backup::RpIndex::list(repo, config.name, false);
    if (!rps)
        return rps.error();
    context.report(Progress{QStringLiteral("catalog"), 0, -1, 0, -1, 0, -1, {}});
    auto catalog = repo::Catalog::open(repo.id());
    if (!catalog)
        return catalog.error();
    if (Status s = (*catalog)->sync(repo, context.progressCallback()); !s)
        return s.error();
    qint64 total = 0;
    QDateTime lastOk;
    for (const backup::RpInfo& rp : *rps) {
        TimelineEntry e = entryFor(rp);
        total += e.addedBytes;
        e.repoBytes = total;
        st.rpFull.insert(rp.id, e.full);
        st.timeline.append(e);
        if (!lastOk.isValid() || e.time > lastOk)
            lastOk = e.time;
    }
    QDateTime lastFailed;
    QString lastFailMessage;
    auto history = backup::JobHistory(config.name, historyDir).records();
    if (history) {
        st.history = history->mid(std::max<qsizetype>(0, history->size() - 200));
        for (const backup::JobRecord& h : *history) {
            if (h.job != QLatin1String("backup") || !h.failed())
                continue;
            TimelineEntry e;
            e.failed = true;
            e.time = h.started.toLocalTime();
            e.full = h.counts.value(QStringLiteral("kind")).toString() == QLatin1String("full");
            e.message = h.message;
            st.timeline.append(e);
            if (!lastFailed.isValid() || e.time > lastFailed) {
                lastFailed = e.time;
                lastFailMessage = e.message;
            }
        }
    }
    InstanceSummary& s = st.summary;
    s.id = config.name;
    s.name = config.name;
    s.host = Format::host(config);
    if (!rps->isEmpty())
        s.nextcloudVersion =
            rps->last().nextcloudVersionString();
    s.lastRp = lastOk;
    st.schedule.lastRp = lastOk;
    st.schedule.lastFailed = lastFailed;
    for (const backup::RpInfo& rp : *rps)
        if (rp.kind() == QLatin1String("full") && (!st.schedule.lastFull.isValid() || rp.manifest.time > st.schedule.lastFull))
            st.schedule.lastFull = rp.manifest.time;
    const schedule::ScheduleDecision due = schedule::SchedulePolicy(config.schedule).decide(st.schedule, now);
    s.nextDue = due.nextDue;
    if (lastFailed.isValid() && (!lastOk.isValid() || lastFailed > lastOk))
        s.lastState = InstanceSummary::State::Failed;
    else if (!rps->isEmpty() && rps->last().isIncomplete())
        s.lastState = InstanceSummary::State::Incomplete;
    else if (!lastOk.isValid())
        s.lastState = InstanceSummary::State::NoBackup;
    else if (due.overdue)
        s.lastState = InstanceSummary::State::Overdue;
    else
        s.lastState = InstanceSummary::State::Ok;
    return st;
}

} // namespace ncb::ui::coreops
