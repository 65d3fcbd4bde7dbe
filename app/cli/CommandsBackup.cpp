// "backup NAME": one Restoring Point of a configured Nextcloud instance (core/backup/BackupJob).
#include "Command.h"
#include "InstanceAccess.h"
#include "ProgressPrinter.h"
#include "backup/BackupJob.h"
#include "backup/BackupRun.h"
#include "backup/JobHistory.h"
#include "schedule/Clock.h"
#include "schedule/SchedulePolicy.h"
#include "settings/InstanceStore.h"

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

// The options of `backup` (also taken by `run --due`, which passes them on to each backup).
void addBackupOptions(QCommandLineParser& p)
{
    addInstanceOptions(p);
    p.addOption({QStringLiteral("full"), QStringLiteral("Read every file again.")});
    p.addOption({QStringLiteral("incremental"), QStringLiteral("Read only files changed since the last Restoring Point.")});
    p.addOption({QStringLiteral("auto"), QStringLiteral("Full or incremental as the instance's schedule says (default).")});
    p.addOption({QStringLiteral("quiet"), QStringLiteral("No progress on stderr.")});
    p.addOption({QStringLiteral("maintenance-deadline"),
                 QStringLiteral("The host's watchdog turns maintenance mode off after SECONDS without news (default 120)."),
                 QStringLiteral("SECONDS")});
}

// One backup of `name` as the parsed options say; with ifDue, only when its schedule says one is due.
int backupInstance(const QCommandLineParser& p, const QString& name, bool ifDue)
{
    if (int(p.isSet(QStringLiteral("full"))) + int(p.isSet(QStringLiteral("incremental"))) + int(p.isSet(QStringLiteral("auto"))) > 1)
        return usage(QStringLiteral("Choose one of --full, --incremental and --auto."));
    int deadline = 120;
    if (p.isSet(QStringLiteral("maintenance-deadline"))) {
        bool ok = false;
        deadline = p.value(QStringLiteral("maintenance-deadline")).toInt(&ok);
        if (!ok || deadline < 5)
            return usage(QStringLiteral("--maintenance-deadline takes a number of seconds, at least 5."));
    }
    auto access = openInstance(p, name);
    if (!access)
        return fail(access.error());
    backup::BackupOptions o;
    o.maintenanceDeadlineSeconds = deadline;
    if (ifDue) {
        auto state = schedule::SchedulePolicy::stateOf(*access->repo, name);
        if (!state)
            return fail(state.error());
        const schedule::ScheduleDecision d =
            schedule::SchedulePolicy(access->config.schedule).decide(*state, schedule::Clock::system().now());
        if (!d.due) {
            out() << name << ": no backup now. " << d.reason << '\n' << Qt::flush;
            return 0;
        }
        err() << name << ": " << d.reason << '\n' << Qt::flush;
        // o.mode stays Auto: BackupJob takes full or incremental from the same SchedulePolicy, as in the app.
    }
    if (p.isSet(QStringLiteral("full")))
        o.mode = backup::BackupOptions::Full;
    else if (p.isSet(QStringLiteral("incremental")))
        o.mode = backup::BackupOptions::Incremental;
    std::optional<ProgressPrinter> printer;
    if (!p.isSet(QStringLiteral("quiet"))) {
        printer.emplace(p.isSet(QStringLiteral("json")));
        o.progress = printer->callback();
    }
    // Ctrl-C / SIGTERM: the job stops at its next safe point, turns maintenance off and writes no RP.
    struct sigaction sa = {};
    sa.sa_handler = onInterrupt;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    o.cancel = [] { return g_interrupted.load(); };
    auto r = backup::BackupRun::run(access->config, *access->repo, o);
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

int runBackup(const QStringList& args)
{
    const QString syn = QStringLiteral("backup NAME [--full|--incremental|--auto] [--if-due] [--json] [--password-file FILE]");
    QCommandLineParser p;
    addBackupOptions(p);
    p.addOption({QStringLiteral("if-due"),
                 QStringLiteral("Only when the instance's schedule says a Restoring Point is due (for timers and cron).")});
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The instance."));
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Make a Restoring Point of an instance")); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Give exactly one instance name."));
    return backupInstance(p, p.positionalArguments().first(), p.isSet(QStringLiteral("if-due")));
}

// "run --due": the backups the schedules say are due, one instance after the other.
int runDue(const QStringList& args)
{
    const QString syn = QStringLiteral("run --due (--all | NAME...) [--quiet] [--password-file FILE]");
    QCommandLineParser p;
    addBackupOptions(p);
    p.addOption({QStringLiteral("due"), QStringLiteral("Make the Restoring Points that are due by each instance's schedule.")});
    p.addOption({QStringLiteral("all"), QStringLiteral("Every configured instance.")});
    p.addPositionalArgument(QStringLiteral("NAME..."), QStringLiteral("The instances (or --all)."));
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Make the Restoring Points that are due")); rc >= 0)
        return rc;
    if (!p.isSet(QStringLiteral("due")))
        return usage(QStringLiteral("Say what to run: --due (the backups the schedules say are due)."));
    if (p.isSet(QStringLiteral("json")))
        return usage(QStringLiteral("run --due prints one result per instance; use backup NAME --if-due --json for JSON."));
    QStringList names = p.positionalArguments();
    if (p.isSet(QStringLiteral("all")) == !names.isEmpty())
        return usage(QStringLiteral("Name the instances, or give --all."));
    if (p.isSet(QStringLiteral("all"))) {
        auto list = settings::InstanceStore().list();
        if (!list)
            return fail(list.error());
        for (const settings::InstanceConfig& c : *list)
            names << c.name;
        if (names.isEmpty()) {
            out() << "No instance is configured yet: add one with `ncbackup-cli instance add`.\n" << Qt::flush;
            return 0;
        }
    }
    // Each instance on its own: one failing does not stop the others; the exit code is the first failure's.
    int rc = 0;
    for (const QString& name : std::as_const(names)) {
        const int r = backupInstance(p, name, true);
        if (rc == 0)
            rc = r;
        if (g_interrupted)
            break;
    }
    return rc;
}

RegisterCommand backupCmd({QStringLiteral("backup")}, QStringLiteral("backup NAME [--full|--incremental|--auto]"),
                          QStringLiteral("Make a Restoring Point of an instance"), runBackup);
RegisterCommand runCmd({QStringLiteral("run")}, QStringLiteral("run --due (--all | NAME...)"),
                       QStringLiteral("Make the Restoring Points that are due by the schedules"), runDue);

} // namespace
} // namespace ncb::cli
