// "backup NAME": one Restoring Point of a configured Nextcloud instance (core/backup/BackupJob).
#include "Command.h"
#include "InstanceAccess.h"
#include "ProgressPrinter.h"
#include "backup/BackupJob.h"
#include "backup/JobHistory.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <atomic>
#include <optional>
#include <csignal>
#include <unistd.h>

namespace ncb::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void onInterrupt(int) { g_interrupted = true; }

int runBackup(const QStringList& args)
{
    const QString syn = QStringLiteral("backup NAME [--full|--incremental|--auto] [--json] [--password-file FILE]");
    QCommandLineParser p;
    addInstanceOptions(p);
    p.addOption({QStringLiteral("full"), QStringLiteral("Read every file again.")});
    p.addOption({QStringLiteral("incremental"), QStringLiteral("Read only files changed since the last Restoring Point.")});
    p.addOption({QStringLiteral("auto"), QStringLiteral("Full or incremental as the instance's schedule says (default).")});
    p.addOption({QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")});
    p.addOption({QStringLiteral("maintenance-deadline"),
                 QStringLiteral("The host's watchdog turns maintenance mode off after SECONDS without news (default 120)."),
                 QStringLiteral("SECONDS")});
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The instance."));
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Make a Restoring Point of an instance")); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Give exactly one instance name."));
    if (int(p.isSet(QStringLiteral("full"))) + int(p.isSet(QStringLiteral("incremental"))) + int(p.isSet(QStringLiteral("auto"))) > 1)
        return usage(QStringLiteral("Choose one of --full, --incremental and --auto."));
    const QString name = p.positionalArguments().first();
    auto access = openInstance(p, name);
    if (!access)
        return fail(access.error());
    auto ctx = backup::InstanceContext::open(access->config);
    if (!ctx) {
        const Error e = Error::make(ctx.error().code, QStringLiteral("The backup of %1 failed while connecting: %2")
                                                          .arg(name, ctx.error().message));
        (void)backup::JobHistory(name).append(QJsonObject{
            {QStringLiteral("job"), QStringLiteral("backup")}, {QStringLiteral("instance"), name},
            {QStringLiteral("status"), QStringLiteral("failed")}, {QStringLiteral("message"), e.message},
            {QStringLiteral("started"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("finished"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("step"), QStringLiteral("connect")}});
        return fail(e);
    }
    backup::BackupOptions o;
    if (p.isSet(QStringLiteral("full")))
        o.mode = backup::BackupOptions::Full;
    else if (p.isSet(QStringLiteral("incremental")))
        o.mode = backup::BackupOptions::Incremental;
    std::optional<ProgressPrinter> printer;
    if (!p.isSet(QStringLiteral("quiet"))) {
        printer.emplace(p.isSet(QStringLiteral("json")));
        o.progress = printer->callback();
    }
    if (p.isSet(QStringLiteral("maintenance-deadline"))) {
        bool ok = false;
        o.maintenanceDeadlineSeconds = p.value(QStringLiteral("maintenance-deadline")).toInt(&ok);
        if (!ok || o.maintenanceDeadlineSeconds < 5)
            return usage(QStringLiteral("--maintenance-deadline takes a number of seconds, at least 5."));
    }
    // Ctrl-C / SIGTERM: the job stops at its next safe point, turns maintenance off and writes no RP.
    struct sigaction sa = {};
    sa.sa_handler = onInterrupt;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    o.cancel = [] { return g_interrupted.load(); };
    backup::BackupJob job(**ctx, *access->repo);
    auto r = job.run(o);
    printer.reset(); // ends the bar's line
    if (!r)
        return fail(r.error());
    if (!r->recovered.isEmpty())
        err() << r->recovered << '\n' << Qt::flush;
    const auto& m = r->manifest;
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject o2 = m.extra;
        o2.insert(QStringLiteral("id"), r->rpId);
        o2.insert(QStringLiteral("time"), m.time.toString(Qt::ISODateWithMs));
        o2.insert(QStringLiteral("parent"), m.parent);
        o2.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(m.warnings));
        o2.insert(QStringLiteral("status"), r->isIncomplete() ? QStringLiteral("incomplete") : QStringLiteral("ok"));
        out() << QJsonDocument(o2).toJson(QJsonDocument::Indented) << Qt::flush;
        if (r->isIncomplete())
            err() << backup::BackupJob::incompleteSentence(r->rpId, r->incomplete.size()) << '\n' << Qt::flush;
        return r->isIncomplete() ? int(Error::Incomplete) : 0;
    }
    out() << "Restoring Point " << r->rpId.left(12) << " (" << m.extra.value(QStringLiteral("kind")).toString() << ") of "
          << name << ": " << m.stats.files << " files, " << m.stats.bytes << " bytes, maintenance window "
          << QString::number(m.extra.value(QStringLiteral("maintenanceWindowSeconds")).toDouble(), 'f', 1) << " s.\n";
    for (const QString& w : m.warnings)
        out() << "warning: " << w << '\n';
    for (const auto& s : r->refused)
        out() << "refused: " << QString::fromUtf8(s.path) << " (" << s.reason << ")\n";
    for (const auto& s : r->incomplete)
        out() << "not backed up: " << QString::fromUtf8(s.path) << " (" << s.reason << ")\n";
    out() << Qt::flush;
    if (r->isIncomplete()) {
        err() << backup::BackupJob::incompleteSentence(r->rpId, r->incomplete.size())
              << " Give the user ncbackup runs as on the server read access to them, then back up again.\n"
              << Qt::flush;
        return int(Error::Incomplete);
    }
    return 0;
}

RegisterCommand backupCmd({QStringLiteral("backup")}, QStringLiteral("backup NAME [--full|--incremental|--auto]"),
                          QStringLiteral("Make a Restoring Point of an instance"), runBackup);

} // namespace
} // namespace ncb::cli
