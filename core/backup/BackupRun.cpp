#include "BackupRun.h"

#include "backup/InstanceContext.h"
#include "backup/JobHistory.h"

namespace ncb::backup {

QString BackupRun::connectFailure(const QString& instance, const QString& why)
{
    return QStringLiteral("The backup of %1 failed while connecting: %2").arg(instance, why);
}

Result<BackupResult> BackupRun::run(const settings::InstanceConfig& config, repo::Repository& repo,
                                    const BackupOptions& options)
{
    const QDateTime started = QDateTime::currentDateTimeUtc();
    auto ctx = InstanceContext::open(config);
    if (!ctx) {
        const Error e = Error::make(ctx.error().code, connectFailure(config.name, ctx.error().message));
        JobRecord rec = JobRecord::of(QStringLiteral("backup"), config.name, {}, started, ncb::Status(e));
        rec.step = QStringLiteral("connect");
        (void)JobHistory(config.name, options.historyDir).append(rec);
        return e;
    }
    return BackupJob(**ctx, repo).run(options);
}

} // namespace ncb::backup
