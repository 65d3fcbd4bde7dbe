// "instance ...": the Nextcloud instances ncbackup knows — add (connect, discover, create the repository,
// save the profile), list, show (what is there now), remove (keeps the repository), attach (a profile back
// from an existing repository's description).
#include "Command.h"
#include "RepoAccess.h"
#include "nextcloud/InstanceDiscovery.h"
#include "nextcloud/InstanceHost.h"
#include "nextcloud/InstanceOwner.h"
#include "nextcloud/InstanceSetup.h"
#include "nextcloud/MaintenanceGuard.h"
#include "nextcloud/Occ.h"
#include "repository/Repository.h"
#include "settings/InstanceStore.h"
#include "settings/PasswordSource.h"
#include "util/Paths.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace ncb::cli {

using nextcloud::InstanceDiscovery;
using nextcloud::InstanceInfo;
using settings::InstanceConfig;
using settings::InstanceStore;

namespace {

QString humanSize(qint64 n)
{
    if (n < 0)
        return QStringLiteral("unknown");
    const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double v = double(n);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    return u == 0 ? QStringLiteral("%1 bytes").arg(n) : QStringLiteral("%1 %2").arg(v, 0, 'f', 1).arg(QLatin1String(units[u]));
}

QString hostLine(const InstanceConfig& c)
{
    QString s = c.hostLabel();
    if (!c.sudoUser.isEmpty())
        s += QStringLiteral(" (commands run as %1)").arg(c.sudoUser);
    return s;
}

void printInfo(const InstanceConfig& c, const InstanceInfo& i)
{
    auto row = [](const char* label, const QString& value) {
        out() << QString::fromLatin1(label).leftJustified(19) << value << "\n";
    };
    row("Instance:", c.name);
    row("Host:", hostLine(c));
    // A symlinked folder is shown with where it leads: that is what a backup reads.
    const auto realTo = [](const QString& path, const QString& real) {
        return real.isEmpty() || real == path ? path : QStringLiteral("%1 \u2192 %2").arg(path, real);
    };
    row("Server root:", realTo(c.serverRoot, i.serverRootRealPath));
    row("Nextcloud:", QStringLiteral("%1%2").arg(i.versionString.isEmpty() ? QStringLiteral("unknown version") : i.versionString,
                                                i.maintenance ? QStringLiteral(" (in maintenance mode)") : QString()));
    row("Instance id:", i.instanceId);
    row("Data directory:", realTo(i.dataDirectory, i.dataDirectoryRealPath));
    QString db = QStringLiteral("%1 \"%2\"").arg(i.database.typeName(), i.database.name);
    if (i.database.type == nextcloud::DatabaseSettings::Sqlite)
        db = QStringLiteral("sqlite3 %1").arg(i.database.sqliteFile);
    else
        db += QStringLiteral(" at %1 (user %2)").arg(i.database.where(), i.database.user);
    row("Database:", db + (i.dbReachable ? QString() : QStringLiteral(" — not reachable")));
    if (i.dbReachable) {
        row("Enabled apps:", QStringLiteral("%1: %2").arg(i.enabledApps.size()).arg(i.enabledApps.keys().join(QStringLiteral(", "))));
        row("Users:", QString::number(i.usersCount));
    }
    row("Data size:", humanSize(i.dataSize));
    if (!i.externalStoragesKnown) {
        row("External storages:", QStringLiteral("unknown (needs the database and maintenance mode off)"));
    } else if (i.externalStorages.isEmpty()) {
        row("External storages:", QStringLiteral("none"));
    } else {
        QStringList l;
        for (const auto& e : i.externalStorages)
            l << (e.localPath.isEmpty() ? e.mountPoint : QStringLiteral("%1 (%2)").arg(e.mountPoint, e.localPath));
        row("External storages:", QStringLiteral("%1: %2 — not backed up").arg(l.size()).arg(l.join(QStringLiteral(", "))));
    }
    row("Repository:", c.repository);
    out() << Qt::flush;
    if (!i.dbReachable)
        err() << "Warning: " << i.dbError << "\n";
    if (i.objectStore)
        err() << "Warning: " << i.objectStoreWarning() << "\n";
    err() << Qt::flush;
}

int runAdd(const QStringList& args)
{
    const QString syn = QStringLiteral(
        "instance add NAME (--local ROOT | --ssh USER@HOST[:PORT] --root ROOT) [--identity FILE] [--known-hosts FILE] "
        "[--accept-new-host-key] [--sudo-user USER] [--repo PATH] [--password-file FILE] [--no-keychain]");
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("A name for the instance (letters, digits, . _ -)."));
    p.addOption({QStringLiteral("local"), QStringLiteral("The Nextcloud server root on this machine."), QStringLiteral("ROOT")});
    p.addOption({QStringLiteral("ssh"), QStringLiteral("Reach the server over SSH."), QStringLiteral("USER@HOST[:PORT]")});
    p.addOption({QStringLiteral("root"), QStringLiteral("The Nextcloud server root on the SSH host."), QStringLiteral("ROOT")});
    p.addOption({QStringLiteral("identity"), QStringLiteral("SSH private key file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("known-hosts"), QStringLiteral("known_hosts file (default ~/.ssh/known_hosts)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("accept-new-host-key"), QStringLiteral("Trust the SSH host key if it is not known yet.")});
    p.addOption({QStringLiteral("sudo-user"), QStringLiteral("Run commands on the server as USER (sudo -n -u), e.g. www-data."),
                 QStringLiteral("USER")});
    addRepoOptions(p); // --repo, --password-file, --no-keychain
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Add a Nextcloud instance and create its repository")); rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 1)
        return usage(QStringLiteral("Give exactly one instance NAME (see: ncbackup-cli instance add --help)."));
    InstanceConfig c;
    c.name = pos.first();
    if (Status s = nextcloud::InstanceSetup::checkName(c.name); !s) {
        if (!InstanceConfig::isValidName(c.name))
            return usage(s.error().message);
        return usage(QStringLiteral("There is already an instance named '%1' (see: ncbackup-cli instance show %1).").arg(c.name));
    }
    const bool local = p.isSet(QStringLiteral("local"));
    const bool ssh = p.isSet(QStringLiteral("ssh"));
    if (local == ssh)
        return usage(QStringLiteral("Give either --local ROOT or --ssh USER@HOST --root ROOT."));
    if (local) {
        if (p.isSet(QStringLiteral("root")))
            return usage(QStringLiteral("--root goes with --ssh; with --local the root is --local ROOT."));
        c.local = true;
        c.serverRoot = p.value(QStringLiteral("local"));
    } else {
        if (Status s = nextcloud::parseSshTarget(p.value(QStringLiteral("ssh")), &c); !s)
            return fail(s.error());
        c.serverRoot = p.value(QStringLiteral("root"));
        if (c.serverRoot.isEmpty())
            return usage(QStringLiteral("Give the Nextcloud server root on %1 with --root ROOT.").arg(c.hostLabel()));
        c.identityFile = p.value(QStringLiteral("identity"));
        c.knownHostsFile = p.value(QStringLiteral("known-hosts"));
        if (!c.identityFile.isEmpty())
            c.identityFile = QFileInfo(c.identityFile).absoluteFilePath();
        if (!c.knownHostsFile.isEmpty())
            c.knownHostsFile = QFileInfo(c.knownHostsFile).absoluteFilePath();
    }
    c.serverRoot = nextcloud::InstanceSetup::normaliseServerRoot(c.serverRoot);
    if (!c.serverRoot.startsWith(QLatin1Char('/')))
        return usage(QStringLiteral("The server root must be an absolute path, not '%1'.").arg(c.serverRoot));
    c.sudoUser = p.value(QStringLiteral("sudo-user"));
    c.repository = p.value(QStringLiteral("repo"));
    if (c.repository.isEmpty())
        c.repository = nextcloud::InstanceSetup::defaultRepository(c.name);
    c.repository = QFileInfo(c.repository).absoluteFilePath();
    if (QFileInfo::exists(QDir(c.repository).filePath(QStringLiteral("config"))))
        return usage(QStringLiteral("%1 already holds a repository: use ncbackup-cli instance attach %2 --repo %1.")
                         .arg(c.repository, c.name));

    auto host = nextcloud::makeInstanceHost(c, {p.isSet(QStringLiteral("accept-new-host-key"))});
    auto found = nextcloud::InstanceSetup::inspect(*host, c);
    if (!found)
        return fail(found.error());
    c = found->config;
    const QString defaulted = found->defaultedSudoUser;
    const nextcloud::InstanceInfo* info = &found->info;

    const RepoOptions ro{c.repository, p.value(QStringLiteral("password-file")), p.isSet(QStringLiteral("no-keychain"))};
    auto pw = settings::obtainNewPassword(settings::PasswordOptions{ro.passwordFile, true},
                                          QStringLiteral("New password for the repository of %1: ").arg(c.name));
    if (!pw)
        return fail(pw.error());
    auto repo = nextcloud::InstanceSetup::createRepository(c, *info, *pw);
    if (!repo)
        return fail(repo.error());
    (void)nextcloud::InstanceSetup::storeKey(**repo, !ro.noKeychain);
    if (Status s = nextcloud::InstanceSetup::saveProfile(c); !s)
        return fail(s.error());

    out() << "Added instance " << c.name << ": Nextcloud " << info->versionString << " at " << c.serverRoot << " on "
          << host->displayName() << " (" << info->database.typeName() << ", " << info->usersCount << " users, "
          << humanSize(info->dataSize) << ").\n";
    if (!defaulted.isEmpty())
        out() << "Its files belong to " << defaulted << " (the owner of config.php), so ncbackup runs its commands there as "
              << defaulted << " (--sudo-user " << defaulted << "; change it with: ncbackup-cli instance set " << c.name
              << " --sudo-user USER).\n";
    out() << "Not backed up: " << c.exclusions.join(QStringLiteral(", ")) << " (thumbnails Nextcloud makes again, its log).\n"
          << "Repository: " << (*repo)->path() << "\n\n"
          << "Recovery key (keep it safe and offline: it opens the repository if the password is lost):\n\n  "
          << (*repo)->recoveryKey() << "\n"
          << Qt::flush;
    if (info->objectStore)
        err() << "Warning: " << info->objectStoreWarning() << Qt::endl;
    if (!info->externalStorages.isEmpty())
        err() << "Warning: " << info->externalStorages.size()
              << " external storage(s) are mounted in this instance; their files are not backed up." << Qt::endl;
    return 0;
}

int runList(const QStringList& args)
{
    const QString syn = QStringLiteral("instance list [--json] [--names-only]");
    QCommandLineParser p;
    p.addOption({QStringLiteral("json"), QStringLiteral("Print the profiles as JSON.")});
    p.addOption({QStringLiteral("names-only"), QStringLiteral("Print only the names, one a line.")});
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("List the Nextcloud instances")); rc >= 0)
        return rc;
    if (!p.positionalArguments().isEmpty())
        return usage(QStringLiteral("instance list takes no arguments."));
    auto list = InstanceStore().list();
    if (!list)
        return fail(list.error());
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const auto& c : *list)
            a.append(c.toJson());
        out() << QJsonDocument(a).toJson(QJsonDocument::Indented) << Qt::flush;
        return 0;
    }
    if (p.isSet(QStringLiteral("names-only"))) {
        for (const auto& c : *list)
            out() << c.name << "\n";
        out() << Qt::flush;
        return 0;
    }
    if (list->isEmpty()) {
        out() << "No instances yet (add one: ncbackup-cli instance add NAME --local ROOT)." << Qt::endl;
        return 0;
    }
    int w = 4;
    for (const auto& c : *list)
        w = std::max<int>(w, c.name.size());
    out() << QStringLiteral("NAME").leftJustified(w + 2) << "HOST / SERVER ROOT -> REPOSITORY\n";
    for (const auto& c : *list)
        out() << c.name.leftJustified(w + 2) << hostLine(c) << ": " << c.serverRoot << " -> " << c.repository << "\n";
    out() << Qt::flush;
    return 0;
}

int runShow(const QStringList& args)
{
    const QString syn = QStringLiteral("instance show NAME [--json] [--accept-new-host-key]");
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The instance."));
    p.addOption({QStringLiteral("json"), QStringLiteral("Print profile and findings as JSON.")});
    p.addOption({QStringLiteral("accept-new-host-key"), QStringLiteral("Trust the SSH host key if it is not known yet.")});
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Show what an instance holds now")); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Give exactly one instance NAME (see: ncbackup-cli instance list)."));
    auto c = InstanceStore().get(p.positionalArguments().first());
    if (!c)
        return fail(c.error());
    auto host = nextcloud::makeInstanceHost(*c, {p.isSet(QStringLiteral("accept-new-host-key"))});
    nextcloud::Occ occ(*host, c->serverRoot);
    occ.setInstanceName(c->name);
    // every operation on an instance first cleans up after an interrupted run
    auto recovered = nextcloud::MaintenanceGuard::recoverIfNeeded(occ, c->repository);
    if (!recovered)
        return fail(recovered.error());
    if (!recovered->isEmpty())
        err() << *recovered << Qt::endl;
    auto info = InstanceDiscovery::discover(*host, c->serverRoot, {true, c->name});
    if (!info)
        return fail(info.error());
    if (p.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("instance"), c->toJson()},
                                           {QStringLiteral("discovered"), info->toJson()}})
                     .toJson(QJsonDocument::Indented)
              << Qt::flush;
        return 0;
    }
    printInfo(*c, *info);
    return 0;
}

int runSet(const QStringList& args)
{
    const QString syn = QStringLiteral("instance set NAME (--sudo-user USER | --no-sudo-user)");
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The instance."));
    p.addOption({QStringLiteral("sudo-user"), QStringLiteral("Run commands on the server as USER (sudo -n -u), e.g. www-data."),
                 QStringLiteral("USER")});
    p.addOption({QStringLiteral("no-sudo-user"), QStringLiteral("Run commands as the login user itself.")});
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Change how ncbackup reaches an instance")); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Give exactly one instance NAME (see: ncbackup-cli instance list)."));
    const bool set = p.isSet(QStringLiteral("sudo-user"));
    if (set == p.isSet(QStringLiteral("no-sudo-user")))
        return usage(QStringLiteral("Give either --sudo-user USER or --no-sudo-user."));
    const QString user = p.value(QStringLiteral("sudo-user"));
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9._][A-Za-z0-9._-]*$"));
    if (set && !valid.match(user).hasMatch())
        return usage(QStringLiteral("'%1' is not a user name.").arg(user));
    InstanceStore store;
    auto c = store.get(p.positionalArguments().first());
    if (!c)
        return fail(c.error());
    c->sudoUser = set ? user : QString();
    if (Status s = store.save(*c); !s)
        return fail(s.error());
    if (set)
        out() << "Commands of " << c->name << " on " << c->hostLabel() << " now run as " << user << " (sudo -n -u " << user
              << ")." << Qt::endl;
    else
        out() << "Commands of " << c->name << " on " << c->hostLabel() << " now run as the login user itself." << Qt::endl;
    return 0;
}

int runRemove(const QStringList& args)
{
    const QString syn = QStringLiteral("instance remove NAME");
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The instance."));
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Forget an instance (its repository stays)")); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Give exactly one instance NAME (see: ncbackup-cli instance list)."));
    InstanceStore store;
    auto c = store.get(p.positionalArguments().first());
    if (!c)
        return fail(c.error());
    if (Status s = store.remove(c->name); !s)
        return fail(s.error());
    out() << "Removed instance " << c->name << ". Its repository stays at " << c->repository
          << " (attach it again with: ncbackup-cli instance attach " << c->name << " --repo " << c->repository << ")."
          << Qt::endl;
    return 0;
}

int runAttach(const QStringList& args)
{
    const QString syn = QStringLiteral("instance attach NAME --repo PATH [--password-file FILE] [--identity FILE] "
                                       "[--known-hosts FILE] [--no-keychain]");
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("A name for the instance."));
    addRepoOptions(p);
    p.addOption({QStringLiteral("identity"), QStringLiteral("SSH private key file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("known-hosts"), QStringLiteral("known_hosts file."), QStringLiteral("FILE")});
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Add an instance from an existing repository")); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Give exactly one instance NAME (see: ncbackup-cli instance attach --help)."));
    const QString name = p.positionalArguments().first();
    if (!InstanceConfig::isValidName(name))
        return usage(QStringLiteral("'%1' is not a valid instance name: use letters, digits, '.', '_' and '-'.").arg(name));
    auto o = repoOptions(p);
    if (!o)
        return fail(o.error());
    o->repo = QFileInfo(o->repo).absoluteFilePath();
    InstanceStore store;
    if (store.exists(name))
        return usage(QStringLiteral("There is already an instance named '%1' (see: ncbackup-cli instance show %1).").arg(name));
    // the password (or the key in the keychain) proves this is the user's repository
    auto repo = openAndUnlock(*o);
    if (!repo)
        return fail(repo.error());
    auto c = nextcloud::configFromDescription((*repo)->config().description, name, (*repo)->path());
    if (!c)
        return fail(c.error());
    if (!c->local) {
        c->identityFile = p.value(QStringLiteral("identity"));
        c->knownHostsFile = p.value(QStringLiteral("known-hosts"));
        if (!c->identityFile.isEmpty())
            c->identityFile = QFileInfo(c->identityFile).absoluteFilePath();
        if (!c->knownHostsFile.isEmpty())
            c->knownHostsFile = QFileInfo(c->knownHostsFile).absoluteFilePath();
    }
    if (Status s = store.save(*c); !s)
        return fail(s.error());
    out() << "Attached instance " << c->name << ": " << c->serverRoot << " on " << hostLine(*c) << ", repository "
          << c->repository << "." << Qt::endl;
    return 0;
}

RegisterCommand regAdd({QStringLiteral("instance"), QStringLiteral("add")},
                       QStringLiteral("instance add NAME (--local ROOT | --ssh USER@HOST[:PORT] --root ROOT) [options]"),
                       QStringLiteral("Add a Nextcloud instance and create its repository"), runAdd);
RegisterCommand regList({QStringLiteral("instance"), QStringLiteral("list")}, QStringLiteral("instance list [--json] [--names-only]"),
                        QStringLiteral("List the Nextcloud instances"), runList);
RegisterCommand regShow({QStringLiteral("instance"), QStringLiteral("show")}, QStringLiteral("instance show NAME [--json]"),
                        QStringLiteral("Show what an instance holds now"), runShow);
RegisterCommand regSet({QStringLiteral("instance"), QStringLiteral("set")},
                       QStringLiteral("instance set NAME (--sudo-user USER | --no-sudo-user)"),
                       QStringLiteral("Change how ncbackup reaches an instance"), runSet);
RegisterCommand regRemove({QStringLiteral("instance"), QStringLiteral("remove")}, QStringLiteral("instance remove NAME"),
                          QStringLiteral("Forget an instance (its repository stays)"), runRemove);
RegisterCommand regAttach({QStringLiteral("instance"), QStringLiteral("attach")},
                          QStringLiteral("instance attach NAME --repo PATH [--password-file FILE]"),
                          QStringLiteral("Add an instance from an existing repository"), runAttach);

} // namespace

} // namespace ncb::cli
