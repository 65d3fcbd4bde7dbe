// "restore files|db|instance": bring back files, the database or a whole instance from a Restoring Point.
#include "Command.h"
#include "InstanceAccess.h"
#include "ProgressPrinter.h"
#include "backup/JobHistory.h"
#include "backup/RpIndex.h"
#include "repository/SnapshotRestorer.h"
#include "restore/DatabaseRestoreJob.h"
#include "restore/HostFileRestorer.h"
#include "restore/InstanceRestoreJob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace ncb::cli {

namespace {

QByteArray cleanPath(QString p)
{
    while (p.startsWith(QLatin1Char('/')))
        p.remove(0, 1);
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p.toUtf8();
}

// Appends the job to the instance's history with its outcome (a Status or a Result).
template <class Outcome>
void remember(const QString& instance, const QString& job, const QString& rp, const QDateTime& started,
              const Outcome& outcome)
{
    QJsonObject r{{QStringLiteral("job"), job},
                  {QStringLiteral("instance"), instance},
                  {QStringLiteral("rp"), rp},
                  {QStringLiteral("started"), started.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("finished"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("status"), outcome ? QStringLiteral("ok") : QStringLiteral("failed")}};
    if (!outcome)
        r.insert(QStringLiteral("message"), outcome.error().message);
    (void)backup::JobHistory(instance).append(r);
}

// Asks on the terminal what to do with an existing file.
restore::Conflict askOnTerminal(const QString& hostPath)
{
    for (;;) {
        err() << hostPath << " exists. [o]verwrite, [s]kip, [k]eep both, [a]bort? " << Qt::flush;
        char line[64];
        if (!std::fgets(line, sizeof line, stdin))
            return restore::Conflict::Ask;
        switch (line[0]) {
        case 'o': return restore::Conflict::Overwrite;
        case 's': return restore::Conflict::Skip;
        case 'k': return restore::Conflict::KeepBoth;
        case 'a': return restore::Conflict::Ask;
        default: break;
        }
    }
}

int runFiles(const QStringList& args)
{
    const QString syn = QStringLiteral(
        "restore files NAME RP PATH... (--to-dir DIR | --to-host [--target PATH]) [--overwrite|--skip-existing|--keep-both]");
    QCommandLineParser p;
    addInstanceOptions(p);
    p.addOption({QStringLiteral("to-dir"), QStringLiteral("Restore into this local folder."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("to-host"), QStringLiteral("Restore onto the instance's host (its original place by default).")});
    p.addOption({QStringLiteral("target"), QStringLiteral("With --to-host: into this folder on the host instead."), QStringLiteral("PATH")});
    p.addOption({QStringLiteral("overwrite"), QStringLiteral("Replace files that exist.")});
    p.addOption({QStringLiteral("skip-existing"), QStringLiteral("Leave files that exist alone.")});
    p.addOption({QStringLiteral("keep-both"), QStringLiteral("Restore next to files that exist, as \"name (restored DATE).ext\".")});
    p.addPositionalArgument(QStringLiteral("NAME RP PATH..."), QStringLiteral("Instance, Restoring Point (id prefix or latest), RP paths."));
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Restore files of a Restoring Point")); rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    if (pos.size() < 3)
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    const bool toDir = p.isSet(QStringLiteral("to-dir")), toHost = p.isSet(QStringLiteral("to-host"));
    if (toDir == toHost)
        return usage(QStringLiteral("Choose where to restore: --to-dir DIR or --to-host."));
    if (p.isSet(QStringLiteral("target")) && !toHost)
        return usage(QStringLiteral("--target goes with --to-host."));
    const int policies = int(p.isSet(QStringLiteral("overwrite"))) + int(p.isSet(QStringLiteral("skip-existing"))) +
                         int(p.isSet(QStringLiteral("keep-both")));
    if (policies > 1)
        return usage(QStringLiteral("Choose one of --overwrite, --skip-existing and --keep-both."));
    auto access = openInstance(p, pos[0]);
    if (!access)
        return fail(access.error());
    auto rp = backup::RpIndex::resolve(*access->repo, pos[0], pos[1]);
    if (!rp)
        return fail(rp.error());
    QList<QByteArray> paths;
    for (qsizetype i = 2; i < pos.size(); ++i)
        paths << cleanPath(pos[i]);
    const QDateTime started = QDateTime::currentDateTimeUtc();
    const bool json = p.isSet(QStringLiteral("json"));

    if (toDir) {
        repo::SnapshotRestoreOptions o;
        o.snapshotId = rp->id;
        o.paths = paths;
        o.targetDir = p.value(QStringLiteral("to-dir"));
        repo::SnapshotRestorer r(*access->repo);
        repo::SnapshotRestoreReport rep;
        Status s = r.run(o, &rep);
        remember(pos[0], QStringLiteral("restore files"), rp->id, started, s);
        if (!s) {
            for (const QString& f : rep.failures)
                err() << f << '\n';
            Error e = s.error();
            if (e.code == Error::NotFound) // in this command's words, not the snapshot layer's
                e.message.replace(QStringLiteral("is not in the snapshot."),
                                  QStringLiteral("is not in Restoring Point %1 of %2.").arg(rp->id.left(12), pos[0]));
            return fail(e);
        }
        if (json)
            out() << QJsonDocument(QJsonObject{{QStringLiteral("rp"), rp->id}, {QStringLiteral("files"), rep.files},
                                               {QStringLiteral("dirs"), rep.dirs}, {QStringLiteral("bytes"), rep.bytes}})
                         .toJson(QJsonDocument::Indented);
        else
            out() << "Restored " << rep.files << " files (" << rep.bytes << " bytes) into " << o.targetDir << ".\n";
        out() << Qt::flush;
        return 0;
    }

    auto ctx = backup::InstanceContext::open(access->config);
    if (!ctx)
        return fail(ctx.error());
    restore::RpContent content(*access->repo, rp.value());
    restore::HostFileRestoreOptions o;
    o.paths = paths;
    o.target = p.value(QStringLiteral("target"));
    o.conflict = p.isSet(QStringLiteral("overwrite"))       ? restore::Conflict::Overwrite
                 : p.isSet(QStringLiteral("skip-existing")) ? restore::Conflict::Skip
                 : p.isSet(QStringLiteral("keep-both"))     ? restore::Conflict::KeepBoth
                                                            : restore::Conflict::Ask;
    if (o.conflict == restore::Conflict::Ask && ::isatty(STDIN_FILENO))
        o.ask = askOnTerminal;
    restore::HostFileRestorer restorer(**ctx, content);
    auto rep = restorer.run(o);
    remember(pos[0], QStringLiteral("restore files"), rp->id, started, rep);
    if (!rep)
        return fail(rep.error());
    if (json) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("rp"), rp->id},
                                           {QStringLiteral("files"), rep->files},
                                           {QStringLiteral("dirs"), rep->dirs},
                                           {QStringLiteral("bytes"), rep->bytes},
                                           {QStringLiteral("skipped"), QJsonArray::fromStringList(rep->skipped)},
                                           {QStringLiteral("renamed"), QJsonArray::fromStringList(rep->renamed)},
                                           {QStringLiteral("scanned"), QJsonArray::fromStringList(rep->scannedPaths)}})
                     .toJson(QJsonDocument::Indented)
              << Qt::flush;
        return 0;
    }
    out() << "Restored " << rep->files << " files (" << rep->bytes << " bytes) onto " << (*ctx)->host().displayName() << ".\n";
    for (const QString& s : rep->skipped)
        out() << "kept the existing " << s << '\n';
    for (const QString& s : rep->renamed)
        out() << "restored as " << s << '\n';
    for (const QString& s : rep->scannedPaths)
        out() << "rescanned " << s << '\n';
    out() << Qt::flush;
    return 0;
}

int runDb(const QStringList& args)
{
    const QString syn = QStringLiteral("restore db NAME RP [--force] [--maintenance-deadline SECONDS] [--json]");
    InstanceCommand x;
    const auto options = [](QCommandLineParser& p) {
        p.addOption({QStringLiteral("force"),
                     QStringLiteral("Restore even when the RP was made with another Nextcloud version.")});
        p.addOption({QStringLiteral("maintenance-deadline"),
                     QStringLiteral("Until the database is being replaced, the host's watchdog turns maintenance mode off "
                                    "after SECONDS without news (default 120)."),
                     QStringLiteral("SECONDS")});
        p.addPositionalArgument(QStringLiteral("NAME RP"), QStringLiteral("Instance and Restoring Point."));
    };
    const QString summary = QStringLiteral("Restore the database of a Restoring Point");
    if (int rc = prepareInstanceCommand(x, args, syn, summary, 2, 2, options); rc >= 0)
        return rc;
    restore::DatabaseRestoreOptions o;
    o.force = x.p.isSet(QStringLiteral("force"));
    if (x.p.isSet(QStringLiteral("maintenance-deadline"))) {
        bool ok = false;
        o.maintenanceDeadlineSeconds = x.p.value(QStringLiteral("maintenance-deadline")).toInt(&ok);
        if (!ok || o.maintenanceDeadlineSeconds < 5)
            return usage(QStringLiteral("--maintenance-deadline takes a number of seconds, at least 5."));
    }
    const QStringList pos = x.p.positionalArguments();
    auto rp = backup::RpIndex::resolve(*x.access.repo, pos[0], pos[1]);
    if (!rp)
        return fail(rp.error());
    auto ctx = backup::InstanceContext::open(x.access.config);
    if (!ctx)
        return fail(ctx.error());
    const QDateTime started = QDateTime::currentDateTimeUtc();
    restore::RpContent content(*x.access.repo, rp.value());
    restore::DatabaseRestoreJob job(**ctx, *x.access.repo, content);
    ProgressPrinter printer(x.json);
    o.progress = printer.callback();
    auto rep = job.run(o);
    remember(pos[0], QStringLiteral("restore db"), rp->id, started, rep);
    if (!rep)
        return fail(rep.error());
    if (x.json) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("rp"), rp->id},
                                           {QStringLiteral("bytes"), rep->bytes},
                                           {QStringLiteral("safetySnapshot"), rep->safetySnapshotId},
                                           {QStringLiteral("repairedInterrupted"), rep->repairedInterrupted},
                                           {QStringLiteral("repairedWithoutOcc"), rep->repairedWithoutOcc},
                                           {QStringLiteral("dataFingerprint"), rep->dataFingerprint},
                                           {QStringLiteral("filesScanned"), rep->filesScanned}})
                     .toJson(QJsonDocument::Indented)
              << Qt::flush;
        return 0;
    }
    if (!rep->repairedInterrupted && !rep->repairedWithoutOcc)
        out() << "Database of " << pos[0] << " restored from " << rp->id.left(12) << " (" << rep->bytes
              << " bytes). The database as it was is kept as safety snapshot " << rep->safetySnapshotId.left(12)
              << " (rp list --all).\n";
    else if (rep->repairedInterrupted)
        out() << "Database of " << pos[0] << " restored from " << rp->id.left(12) << " (" << rep->bytes
              << " bytes); an interrupted restore had left it incomplete, so no safety dump was taken this time"
              << (rep->safetySnapshotId.isEmpty()
                      ? QString()
                      : QStringLiteral(" (safety snapshot %1 holds the database as it was before that restore)")
                            .arg(rep->safetySnapshotId.left(12)))
              << ". Maintenance mode is off.\n";
    else
        out() << "Database of " << pos[0] << " restored from " << rp->id.left(12) << " (" << rep->bytes
              << " bytes); it had lost its tables, so Nextcloud could not start, and is whole again (safety snapshot "
              << rep->safetySnapshotId.left(12) << " holds it as it was). Maintenance mode is off.\n";
    out() << "Nextcloud has a new data fingerprint, so clients resync, and occ files:scan --all listed the files on disk "
             "that the restored database did not know.\n"
          << Qt::flush;
    return 0;
}

int runInstance(const QStringList& args)
{
    const QString syn = QStringLiteral("restore instance NAME RP [--to-root ROOT --to-data DIR] [--json]");
    InstanceCommand x;
    const auto options = [](QCommandLineParser& p) {
        p.addOption({QStringLiteral("to-root"), QStringLiteral("Server root to restore into (default: the RP's)."),
                     QStringLiteral("ROOT")});
        p.addOption({QStringLiteral("to-data"), QStringLiteral("Data directory to restore into (default: the RP's)."),
                     QStringLiteral("DIR")});
        p.addPositionalArgument(QStringLiteral("NAME RP"), QStringLiteral("Instance and Restoring Point."));
    };
    const QString summary = QStringLiteral("Restore a whole instance from a Restoring Point");
    if (int rc = prepareInstanceCommand(x, args, syn, summary, 2, 2, options); rc >= 0)
        return rc;
    const QStringList pos = x.p.positionalArguments();
    auto rp = backup::RpIndex::resolve(*x.access.repo, pos[0], pos[1]);
    if (!rp)
        return fail(rp.error());
    const QDateTime started = QDateTime::currentDateTimeUtc();
    restore::RpContent content(*x.access.repo, rp.value());
    restore::InstanceRestoreJob job(x.access.config, *x.access.repo, content);
    restore::InstanceRestoreOptions o;
    o.toRoot = x.p.value(QStringLiteral("to-root"));
    o.toData = x.p.value(QStringLiteral("to-data"));
    ProgressPrinter printer(x.json);
    o.progress = printer.callback();
    auto rep = job.run(o);
    remember(pos[0], QStringLiteral("restore instance"), rp->id, started, rep);
    if (!rep)
        return fail(rep.error());
    if (x.json)
        out() << QJsonDocument(QJsonObject{{QStringLiteral("rp"), rp->id},
                                           {QStringLiteral("root"), rep->root},
                                           {QStringLiteral("data"), rep->data},
                                           {QStringLiteral("files"), rep->files},
                                           {QStringLiteral("bytes"), rep->bytes},
                                           {QStringLiteral("removed"), rep->removed},
                                           {QStringLiteral("note"), rep->note}})
                     .toJson(QJsonDocument::Indented);
    else
        out() << "Instance " << pos[0] << " restored from " << rp->id.left(12) << " into " << rep->root << " (data "
              << rep->data << "): " << rep->files << " files, " << rep->bytes << " bytes, "
              << rep->removed << " path(s) the Restoring Point does not hold removed, database imported, maintenance off.\n"
              << rep->note << '\n';
    out() << Qt::flush;
    return 0;
}

RegisterCommand c1({QStringLiteral("restore"), QStringLiteral("files")},
                   QStringLiteral("restore files NAME RP PATH... (--to-dir DIR | --to-host [--target PATH])"),
                   QStringLiteral("Restore files of a Restoring Point"), runFiles);
RegisterCommand c2({QStringLiteral("restore"), QStringLiteral("db")}, QStringLiteral("restore db NAME RP [--force]"),
                   QStringLiteral("Restore the database of a Restoring Point"), runDb);
RegisterCommand c3({QStringLiteral("restore"), QStringLiteral("instance")},
                   QStringLiteral("restore instance NAME RP [--to-root ROOT --to-data DIR]"),
                   QStringLiteral("Restore a whole instance from a Restoring Point"), runInstance);

} // namespace
} // namespace ncb::cli
