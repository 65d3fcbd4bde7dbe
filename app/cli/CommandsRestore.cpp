// "restore files|db|instance": bring back files, the database or a whole instance from a Restoring Point.
#include "Command.h"
#include "repository/SafePath.h"
#include "InstanceAccess.h"
#include "ProgressPrinter.h"
#include "restore/RestoreRunner.h"
#include "settings/PasswordSource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>

#include <cstdio>
#include <limits>
#include <unistd.h>

namespace ncb::cli {

namespace {

QByteArray cleanPath(QString p)
{
    return repo::normaliseRpPath(p);
}

// Asks on the terminal what to do with a file that differs from the RP's version.
restore::Conflict askOnTerminal(const QString& path)
{
    for (;;) {
        err() << path << " exists and differs from the Restoring Point's version. [o]verwrite, [s]kip, [k]eep both, [a]bort? "
              << Qt::flush;
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

QJsonObject reportJson(const QString& rpId, const restore::FileRestoreReport& r)
{
    const auto list = [](const QStringList& l) { return QJsonArray::fromStringList(l); };
    return QJsonObject{{QStringLiteral("rp"), rpId},
                       {QStringLiteral("dryRun"), r.dryRun},
                       {QStringLiteral("files"), r.files},
                       {QStringLiteral("dirs"), r.dirs},
                       {QStringLiteral("symlinks"), r.symlinks},
                       {QStringLiteral("bytes"), r.bytes},
                       {QStringLiteral("restored"), list(r.restored)},
                       {QStringLiteral("replaced"), list(r.replaced)},
                       {QStringLiteral("upToDate"), list(r.upToDate)},
                       {QStringLiteral("keptBoth"), list(r.keptBoth)},
                       {QStringLiteral("skipped"), list(r.skipped)},
                       {QStringLiteral("toAsk"), list(r.toAsk)},
                       {QStringLiteral("leftOut"), list(r.leftOut)},
                       {QStringLiteral("scanned"), list(r.scannedPaths)},
                       {QStringLiteral("failures"), list(r.failures)}};
}

// The report as text: one line of counts, then the paths (in a real run the restored and up-to-date
// ones only up to a few; --json lists them all).
void printReport(const restore::FileRestoreReport& r, const QString& where)
{
    const bool dry = r.dryRun;
    const qint64 n = r.files + r.symlinks;
    if (dry)
        out() << "Dry run, nothing was written. Would restore " << n << " file(s) (" << r.bytes << " bytes) " << where;
    else
        out() << "Restored " << n << " file(s) (" << r.bytes << " bytes) " << where;
    out() << ": " << r.upToDate.size() << " already up to date, " << r.keptBoth.size() << " kept both, " << r.skipped.size()
          << " skipped";
    if (dry && !r.toAsk.isEmpty())
        out() << ", " << r.toAsk.size() << " to ask about";
    if (!r.leftOut.isEmpty())
        out() << ", " << r.leftOut.size() << " left out";
    out() << ".\n";
    const int cap = dry ? std::numeric_limits<int>::max() : 20;
    const auto lines = [&](const QStringList& l, const char* prefix, const QSet<QString>& except = {}) {
        int shownLines = 0;
        qsizetype more = 0;
        for (const QString& s : l) {
            if (except.contains(s))
                continue;
            if (shownLines++ < cap)
                out() << prefix << s << '\n';
            else
                ++more;
        }
        if (more > 0)
            out() << "... and " << more << " more (--json lists them all)\n";
    };
    const QSet<QString> replaced(r.replaced.begin(), r.replaced.end());
    lines(r.restored, dry ? "would restore " : "restored ", replaced);
    lines(r.replaced, dry ? "would replace " : "replaced ");
    lines(r.upToDate, "already up to date ");
    lines(r.keptBoth, dry ? "would restore as " : "restored as ");
    lines(r.skipped, dry ? "would keep the existing " : "kept the existing ");
    lines(r.toAsk, "would ask about ");
    for (const QString& s : r.leftOut)
        out() << "left out " << s << '\n';
    for (const QString& s : r.failures)
        out() << "not restored: " << s << '\n';
    for (const QString& s : r.scannedPaths)
        out() << (dry ? "would rescan " : "rescanned ") << s << '\n';
}

int runFiles(const QStringList& args)
{
    const QString syn = QStringLiteral(
        "restore files NAME RP [PATH...] (--to-dir DIR [--same-owner] [--keep-special-bits] | --to-host [--target PATH]) "
        "[--overwrite|--skip-existing|--keep-both] [--dry-run] [--json]");
    QCommandLineParser p;
    addInstanceOptions(p);
    p.addOption({QStringLiteral("to-dir"), QStringLiteral("Restore into this local folder, each path under its own name."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("to-host"), QStringLiteral("Restore onto the instance's host (its original place by default).")});
    p.addOption({QStringLiteral("target"), QStringLiteral("With --to-host: into this folder on the host instead, each path under its own name."), QStringLiteral("PATH")});
    p.addOption({QStringLiteral("overwrite"), QStringLiteral("Replace files that differ from the RP's version.")});
    p.addOption({QStringLiteral("skip-existing"), QStringLiteral("Leave files that differ from the RP's version alone.")});
    p.addOption({QStringLiteral("keep-both"), QStringLiteral("Restore next to files that differ, as \"name (restored DATE).ext\".")});
    p.addOption({QStringLiteral("dry-run"), QStringLiteral("Only list what would be restored, kept and skipped; write nothing.")});
    p.addOption({QStringLiteral("same-owner"), QStringLiteral("With --to-dir, as root: give the files the RP's owners.")});
    p.addOption({QStringLiteral("keep-special-bits"), QStringLiteral("With --to-dir: keep setuid, setgid and sticky bits.")});
    p.addPositionalArgument(QStringLiteral("NAME RP [PATH...]"),
                            QStringLiteral("Instance, Restoring Point (id prefix or latest), RP paths (--to-dir: none for the whole RP)."));
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Restore files of a Restoring Point")); rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    const bool toDir = p.isSet(QStringLiteral("to-dir")), toHost = p.isSet(QStringLiteral("to-host"));
    if (pos.size() < 2 || (toHost && pos.size() < 3))
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    if (toDir == toHost)
        return usage(QStringLiteral("Choose where to restore: --to-dir DIR or --to-host."));
    if (p.isSet(QStringLiteral("target")) && !toHost)
        return usage(QStringLiteral("--target goes with --to-host."));
    if ((p.isSet(QStringLiteral("same-owner")) || p.isSet(QStringLiteral("keep-special-bits"))) && !toDir)
        return usage(QStringLiteral("--same-owner and --keep-special-bits go with --to-dir (on the host, owners and modes are kept)."));
    const int policies = int(p.isSet(QStringLiteral("overwrite"))) + int(p.isSet(QStringLiteral("skip-existing"))) +
                         int(p.isSet(QStringLiteral("keep-both")));
    if (policies > 1)
        return usage(QStringLiteral("Choose one of --overwrite, --skip-existing and --keep-both."));
    restore::RestoreRequest req;
    req.what = restore::RestoreRequest::What::Files;
    req.where = toDir ? restore::RestoreRequest::Where::LocalFolder : restore::RestoreRequest::Where::Host;
    req.rp = pos[1];
    restore::FileRestoreOptions& o = req.files;
    for (qsizetype i = 2; i < pos.size(); ++i) {
        const QByteArray path = cleanPath(pos[i]);
        if (path.isEmpty()) { // "/": the whole RP
            o.paths.clear();
            break;
        }
        o.paths << path;
    }
    o.conflict = p.isSet(QStringLiteral("overwrite"))       ? restore::Conflict::Overwrite
                 : p.isSet(QStringLiteral("skip-existing")) ? restore::Conflict::Skip
                 : p.isSet(QStringLiteral("keep-both"))     ? restore::Conflict::KeepBoth
                                                            : restore::Conflict::Ask;
    if (o.conflict == restore::Conflict::Ask && ::isatty(STDIN_FILENO))
        o.ask = askOnTerminal;
    o.dryRun = p.isSet(QStringLiteral("dry-run"));
    o.sameOwner = p.isSet(QStringLiteral("same-owner"));
    o.keepSpecialBits = p.isSet(QStringLiteral("keep-special-bits"));
    o.target = toDir ? p.value(QStringLiteral("to-dir")) : p.value(QStringLiteral("target"));
    const bool json = p.isSet(QStringLiteral("json"));
    auto access = openInstance(p, pos[0]);
    if (!access)
        return fail(access.error());
    restore::FileRestoreReport partial;
    auto rep = restore::RestoreRunner(access->config, *access->repo).run(req, &partial);
    if (!rep) {
        for (const QString& f : partial.failures)
            err() << f << '\n';
        Error e = rep.error();
        if (e.code == Error::NotFound) // in this command's words, not the RP layer's
            e.message.replace(QRegularExpression(QStringLiteral("^(.*) is not in Restoring Point ([0-9a-f]{12})[0-9a-f]*\\.$")),
                              QStringLiteral("The path '\\1' is not in Restoring Point \\2 of %1.").arg(pos[0]));
        return fail(e);
    }
    if (json)
        out() << QJsonDocument(reportJson(rep->rp.id, rep->files)).toJson(QJsonDocument::Indented);
    else
        printReport(rep->files, toDir ? QStringLiteral("into %1").arg(o.target) : QStringLiteral("onto %1").arg(rep->hostName));
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
    ProgressPrinter printer(x.json);
    o.progress = printer.callback();
    restore::RestoreRequest req;
    req.what = restore::RestoreRequest::What::Database;
    req.rp = pos[1];
    req.database = o;
    auto outcome = restore::RestoreRunner(x.access.config, *x.access.repo).run(req);
    if (!outcome)
        return fail(outcome.error());
    const backup::RpInfo* rp = &outcome->rp;
    const restore::DatabaseRestoreReport* rep = &outcome->database;
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
    const QString syn = QStringLiteral(
        "restore instance NAME RP [--to-root ROOT --to-data DIR [--to-db NAME] [--to-db-user USER] [--to-db-host HOST] "
        "[--to-db-password-file FILE] [--new-instance-id]] [--json]");
    InstanceCommand x;
    const auto options = [](QCommandLineParser& p) {
        p.addOption({QStringLiteral("to-root"), QStringLiteral("Server root to restore into (default: the RP's)."),
                     QStringLiteral("ROOT")});
        p.addOption({QStringLiteral("to-data"), QStringLiteral("Data directory to restore into (default: the RP's)."),
                     QStringLiteral("DIR")});
        p.addOption({QStringLiteral("to-db"),
                     QStringLiteral("A copy in a new root: its own database (default: <dbname>_rp<first 8 of the RP id>; "
                                    "SQLite: the file <NAME>.db in the new data folder)."),
                     QStringLiteral("NAME")});
        p.addOption({QStringLiteral("to-db-user"), QStringLiteral("A copy: the database account it uses (default: the RP's)."),
                     QStringLiteral("USER")});
        p.addOption({QStringLiteral("to-db-host"),
                     QStringLiteral("A copy: its database server, as config.php's dbhost (default: the RP's)."),
                     QStringLiteral("HOST")});
        p.addOption({QStringLiteral("to-db-password-file"),
                     QStringLiteral("A copy: read its database password from FILE (with --to-db-user and no file: asked "
                                    "on the terminal; default: the RP's)."),
                     QStringLiteral("FILE")});
        p.addOption({QStringLiteral("new-instance-id"),
                     QStringLiteral("A copy: give it a new instanceid (default: it keeps the RP's, as a disaster-recovery "
                                    "copy must).")});
        p.addPositionalArgument(QStringLiteral("NAME RP"), QStringLiteral("Instance and Restoring Point."));
    };
    const QString summary = QStringLiteral("Restore a whole instance from a Restoring Point");
    if (int rc = prepareInstanceCommand(x, args, syn, summary, 2, 2, options); rc >= 0)
        return rc;
    const QStringList pos = x.p.positionalArguments();
    restore::InstanceRestoreOptions o;
    o.toRoot = x.p.value(QStringLiteral("to-root"));
    o.toData = x.p.value(QStringLiteral("to-data"));
    o.toDb = x.p.value(QStringLiteral("to-db"));
    o.toDbUser = x.p.value(QStringLiteral("to-db-user"));
    o.toDbHost = x.p.value(QStringLiteral("to-db-host"));
    o.newInstanceId = x.p.isSet(QStringLiteral("new-instance-id"));
    if (o.toRoot.isEmpty() != o.toData.isEmpty())
        return usage(QStringLiteral("Give both --to-root and --to-data, or neither (restore in place)."));
    if (x.p.isSet(QStringLiteral("to-db-password-file")) || !o.toDbUser.isEmpty()) {
        auto pw = settings::obtainSecret(x.p.value(QStringLiteral("to-db-password-file")), QStringLiteral("--to-db-password-file"),
                                         QStringLiteral("Database password of %1 for the copy: ")
                                             .arg(o.toDbUser.isEmpty() ? QStringLiteral("its account") : o.toDbUser));
        if (!pw)
            return fail(pw.error());
        o.toDbPassword = pw.value();
    }
    ProgressPrinter printer(x.json);
    o.progress = printer.callback();
    restore::RestoreRequest req;
    req.what = restore::RestoreRequest::What::Instance;
    req.rp = pos[1];
    req.instance = o;
    if (o.toDbPassword)
        o.toDbPassword->fill('\0');
    auto outcome = restore::RestoreRunner(x.access.config, *x.access.repo).run(req);
    if (req.instance.toDbPassword)
        req.instance.toDbPassword->fill('\0');
    if (!outcome)
        return fail(outcome.error());
    const backup::RpInfo* rp = &outcome->rp;
    const restore::InstanceRestoreReport* rep = &outcome->instance;
    if (x.json) {
        QJsonObject j{{QStringLiteral("rp"), rp->id},
                      {QStringLiteral("root"), rep->root},
                      {QStringLiteral("data"), rep->data},
                      {QStringLiteral("files"), rep->files},
                      {QStringLiteral("bytes"), rep->bytes},
                      {QStringLiteral("removed"), rep->removed},
                      {QStringLiteral("copy"), rep->copy},
                      {QStringLiteral("note"), rep->note}};
        if (rep->copy)
            for (auto [k, v] : {std::pair{"database", rep->dbName}, {"databaseAt", rep->dbWhere}, {"instanceId", rep->instanceId}})
                j.insert(QLatin1String(k), v);
        if (rep->copy)
            j.insert(QStringLiteral("databaseCreated"), rep->dbCreated);
        out() << QJsonDocument(j).toJson(QJsonDocument::Indented);
    } else {
        out() << "Instance " << pos[0] << " restored from " << rp->id.left(12) << " into " << rep->root << " (data "
              << rep->data << "): " << rep->files << " files, " << rep->bytes << " bytes, "
              << rep->removed << " path(s) the Restoring Point does not hold removed, database imported, maintenance off.\n";
        if (rep->copy)
            out() << "The copy uses its own database " << rep->dbName << " at " << rep->dbWhere
                  << (rep->dbCreated ? " (created)" : "") << " and the instance id " << rep->instanceId << "; " << pos[0]
                  << " itself was not touched.\n";
        out() << rep->note << '\n';
    }
    out() << Qt::flush;
    return 0;
}

RegisterCommand c1({QStringLiteral("restore"), QStringLiteral("files")},
                   QStringLiteral("restore files NAME RP [PATH...] (--to-dir DIR | --to-host [--target PATH]) [--dry-run]"),
                   QStringLiteral("Restore files of a Restoring Point"), runFiles);
RegisterCommand c2({QStringLiteral("restore"), QStringLiteral("db")}, QStringLiteral("restore db NAME RP [--force]"),
                   QStringLiteral("Restore the database of a Restoring Point"), runDb);
RegisterCommand c3({QStringLiteral("restore"), QStringLiteral("instance")},
                   QStringLiteral("restore instance NAME RP [--to-root ROOT --to-data DIR [--to-db NAME] [--new-instance-id]]"),
                   QStringLiteral("Restore a whole instance from a Restoring Point"), runInstance);

} // namespace
} // namespace ncb::cli
