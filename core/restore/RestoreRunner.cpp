#include "RestoreRunner.h"

#include "backup/InstanceContext.h"
#include "backup/JobHistory.h"
#include "repository/RepoLock.h"
#include "repository/Repository.h"
#include "restore/HostFileRestorer.h"
#include "restore/LocalFileRestorer.h"
#include "restore/RpContent.h"

namespace ncb::restore {

RestoreRunner::RestoreRunner(settings::InstanceConfig config, repo::Repository& repo)
    : m_config(std::move(config)), m_repo(repo)
{
}

QString RestoreRunner::jobName(RestoreRequest::What what)
{
    switch (what) {
    case RestoreRequest::What::Files: return QStringLiteral("restore files");
    case RestoreRequest::What::Database: return QStringLiteral("restore db");
    case RestoreRequest::What::Instance: return QStringLiteral("restore instance");
    }
    return {};
}

Result<RestoreOutcome> RestoreRunner::run(const RestoreRequest& request, FileRestoreReport* partial)
{
    // The lock first: a prune or forget in another process must not delete what this restore reads.
    // A database restore writes a safety snapshot and takes the exclusive lock itself.
    std::shared_ptr<repo::RepoLock> lock;
    if (request.what != RestoreRequest::What::Database) {
        auto l = m_repo.lock(repo::Repository::LockMode::Shared);
        if (!l)
            return l.error();
        lock = std::move(l.value());
    }
    auto rp = backup::RpIndex::resolve(m_repo, m_config.name, request.rp);
    if (!rp)
        return rp.error();
    RestoreOutcome out;
    out.what = request.what;
    out.rp = rp.value();
    const QDateTime started = QDateTime::currentDateTimeUtc();
    auto r = runUnrecorded(request, out, partial);
    const bool dryRun = request.what == RestoreRequest::What::Files && request.files.dryRun;
    if (!dryRun) {
        const QJsonObject counts = r && request.what == RestoreRequest::What::Files ? r->files.historyFields() : QJsonObject();
        (void)backup::JobHistory(m_config.name)
            .append(backup::JobRecord::of(jobName(request.what), m_config.name, out.rp.id, started,
                                          r ? ncb::Status() : ncb::Status(r.error()), counts));
    }
    return r;
}

Result<RestoreOutcome> RestoreRunner::runUnrecorded(const RestoreRequest& request, RestoreOutcome& out,
                                                    FileRestoreReport* partial)
{
    RpContent content(m_repo, out.rp);
    switch (request.what) {
    case RestoreRequest::What::Database: {
        auto ctx = backup::InstanceContext::open(m_config);
        if (!ctx)
            return ctx.error();
        auto r = DatabaseRestoreJob(**ctx, m_repo, content).run(request.database);
        if (!r)
            return r.error();
        out.database = r.value();
        return out;
    }
    case RestoreRequest::What::Instance: {
        auto r = InstanceRestoreJob(m_config, m_repo, content).run(request.instance);
        if (!r)
            return r.error();
        out.instance = r.value();
        return out;
    }
    case RestoreRequest::What::Files: break;
    }
    Result<FileRestoreReport> rep = FileRestoreReport();
    if (request.where == RestoreRequest::Where::LocalFolder) {
        rep = LocalFileRestorer(content).run(request.files, partial);
    } else {
        auto ctx = backup::InstanceContext::open(m_config);
        if (!ctx)
            return ctx.error();
        out.hostName = (*ctx)->host().displayName();
        rep = HostFileRestorer(**ctx, content).run(request.files);
    }
    if (!rep)
        return rep.error();
    out.files = rep.value();
    return out;
}

} // namespace ncb::restore
