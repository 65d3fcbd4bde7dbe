// "repo ...": create a repository, manage its key, check its storage.
#include "Command.h"
#include "RepoAccess.h"
#include "settings/RepositoryUnlock.h"
#include "crypto/RecoveryKey.h"
#include "crypto/SecureBytes.h"
#include "repository/RepoLock.h"
#include "settings/PasswordSource.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <unistd.h>

namespace ncb::cli {

using repo::Repository;

namespace {

// A new password, or a recovery key typed at the terminal: never from the sources that hold the current
// password (NCBACKUP_PASSWORD_FILE / _COMMAND would silently hand back the old one).
void forgetCurrentPasswordSources()
{
    qunsetenv("NCBACKUP_PASSWORD_FILE");
    qunsetenv("NCBACKUP_PASSWORD_COMMAND");
}

Result<QByteArray> newPassword(const QCommandLineParser& p, const QString& what)
{
    const QString file = p.value(QStringLiteral("new-password-file"));
    forgetCurrentPasswordSources();
    if (file.isEmpty() && !::isatty(STDIN_FILENO))
        return Error::make(Error::Usage,
                           QStringLiteral("Give the new password with --new-password-file FILE, or run on a terminal."));
    return settings::obtainNewPassword(settings::PasswordOptions{file, true}, what);
}

QCommandLineOption newPasswordOption()
{
    return {QStringLiteral("new-password-file"), QStringLiteral("Read the new password from FILE."),
            QStringLiteral("FILE")};
}

int runInit(const QStringList& args)
{
    const QString syn = QStringLiteral("repo init --repo PATH [--password-file FILE]");
    QCommandLineParser p;
    addRepoOptions(p);
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Create an encrypted repository")); rc >= 0)
        return rc;
    auto o = repoOptions(p);
    if (!o)
        return fail(o.error());
    auto pw = settings::obtainNewPassword(settings::PasswordOptions{o->passwordFile, true},
                                          QStringLiteral("New password for repository %1: ").arg(o->repo));
    if (!pw)
        return fail(pw.error());
    auto r = Repository::init(o->repo, *pw);
    if (!r)
        return fail(r.error());
    rememberKey(**r, *o);
    out() << "Created repository " << (*r)->path() << " (id " << (*r)->id() << ").\n\n"
          << "Recovery key (keep it safe and offline: it opens the repository if the password is lost):\n\n  "
          << (*r)->recoveryKey() << "\n"
          << Qt::flush;
    return 0;
}

int runKeyChange(const QStringList& args)
{
    const QString syn = QStringLiteral("repo key change --repo PATH [--password-file FILE] [--new-password-file FILE]");
    QCommandLineParser p;
    addRepoOptions(p);
    p.addOption(newPasswordOption());
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Change the repository password")); rc >= 0)
        return rc;
    auto o = repoOptions(p);
    if (!o)
        return fail(o.error());
    // The current password itself, never the keychain's key (settings::RepositoryUnlock::changePassword).
    auto current = settings::obtainPassword({o->passwordFile, true}, QStringLiteral("Current password for repository %1: ").arg(o->repo));
    if (!current)
        return fail(current.error());
    if (auto exists = openRepository(*o); !exists)
        return fail(exists.error());
    auto pw = newPassword(p, QStringLiteral("New password for repository %1: ").arg(o->repo));
    if (!pw)
        return fail(pw.error());
    auto changed = settings::RepositoryUnlock::changePassword(o->repo, *current, *pw, !o->noKeychain);
    if (!changed)
        return fail(changed.error());
    changed->masterKey.fill('\0');
    out() << "The password of repository " << o->repo << " is changed; the old one no longer opens it.";
    if (const QString where = settings::RepositoryUnlock::describe(changed->storage); !where.isEmpty())
        out() << ' ' << where;
    out() << '\n' << Qt::flush;
    return 0;
}

int runKeyExport(const QStringList& args)
{
    const QString syn = QStringLiteral("repo key export --repo PATH [--password-file FILE]");
    QCommandLineParser p;
    addRepoOptions(p);
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Print the recovery key")); rc >= 0)
        return rc;
    auto r = openAndUnlock(p);
    if (!r)
        return fail(r.error());
    out() << (*r)->recoveryKey() << Qt::endl;
    return 0;
}

int runKeyRecover(const QStringList& args)
{
    const QString syn =
        QStringLiteral("repo key recover --repo PATH [--recovery-key-file FILE] [--new-password-file FILE]");
    QCommandLineParser p;
    addRepoOptions(p);
    p.addOption(newPasswordOption());
    p.addOption({QStringLiteral("recovery-key-file"), QStringLiteral("Read the recovery key from FILE (otherwise "
                                                                     "from standard input or a prompt)."),
                 QStringLiteral("FILE")});
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Set a new password with the recovery key")); rc >= 0)
        return rc;
    auto o = repoOptions(p);
    if (!o)
        return fail(o.error());
    auto r = openRepository(*o);
    if (!r)
        return fail(r.error());
    QByteArray key;
    const QString keyFile = p.value(QStringLiteral("recovery-key-file"));
    if (!keyFile.isEmpty()) {
        QFile f(keyFile);
        if (!f.open(QIODevice::ReadOnly))
            return fail(Error::make(Error::Io, QStringLiteral("Cannot read the recovery key file %1: %2.")
                                                   .arg(keyFile, f.errorString())));
        key = f.read(4096);
    } else if (!::isatty(STDIN_FILENO)) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return fail(Error::make(Error::Io, QStringLiteral("Cannot read the recovery key from standard input.")));
        key = in.readLine(4096);
        if (p.value(QStringLiteral("new-password-file")).isEmpty())
            return usage(QStringLiteral("Give the new password with --new-password-file FILE when the recovery key "
                                        "comes from standard input."));
    } else {
        forgetCurrentPasswordSources();
        auto typed = settings::obtainPassword(settings::PasswordOptions{QString(), true},
                                              QStringLiteral("Recovery key for repository %1: ").arg((*r)->path()));
        if (!typed)
            return fail(typed.error());
        key = *typed;
    }
    auto lock = (*r)->lock(Repository::LockMode::Exclusive);
    if (!lock)
        return fail(lock.error());
    // The key is checked before a new password is asked for.
    auto master = crypto::decodeRecoveryKey(QString::fromUtf8(key).trimmed());
    crypto::wipe(key);
    const Error wrong = Error::make(Error::Auth, QStringLiteral("Wrong recovery key for repository %1.").arg((*r)->path()));
    if (!master)
        return fail(wrong);
    if (Status s = (*r)->unlockWithMasterKey(*master); !s)
        return fail(s.error().code == Error::Auth ? wrong : s.error());
    auto pw = newPassword(p, QStringLiteral("New password for repository %1: ").arg((*r)->path()));
    if (!pw)
        return fail(pw.error());
    if (Status s = (*r)->changePassword(*pw); !s)
        return fail(s.error());
    out() << "Repository " << (*r)->path() << " has a new password.\n" << Qt::flush;
    return 0;
}

int runCheck(const QStringList& args)
{
    const QString syn = QStringLiteral("repo check --repo PATH [--read-data] [--json]");
    QCommandLineParser p;
    addRepoOptions(p);
    p.addOption({QStringLiteral("read-data"), QStringLiteral("Also read and verify every blob (slow).")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Check the repository for damage")); rc >= 0)
        return rc;
    auto r = openAndUnlock(p);
    if (!r)
        return fail(r.error());
    auto lock = (*r)->lock(Repository::LockMode::Shared);
    if (!lock)
        return fail(lock.error());
    const bool readData = p.isSet(QStringLiteral("read-data"));
    repo::StorageCheckReport rep = (*r)->checkStorage(readData);
    for (const CheckExtension& ext : checkExtensions())
        rep.damages += ext(**r, readData, rep);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray damages;
        for (const repo::Damage& d : rep.damages)
            damages.append(damageToJson(d));
        const QJsonObject j{{QStringLiteral("repository"), (*r)->path()},
                            {QStringLiteral("ok"), rep.ok()},
                            {QStringLiteral("packsChecked"), rep.packsChecked},
                            {QStringLiteral("blobsChecked"), rep.blobsChecked},
                            {QStringLiteral("damages"), damages}};
        out() << QJsonDocument(j).toJson(QJsonDocument::Indented) << Qt::flush;
    } else {
        // One sentence per damaged object, then the blobs it takes with it (the snapshot layer maps them
        // to Restoring Points and files).
        constexpr int MaxListed = 20;
        for (const repo::Damage& d : rep.damages) {
            out() << d.message << "\n";
            for (int i = 0; i < d.blobs.size() && i < MaxListed; ++i)
                out() << "  lost blob " << repo::toHex(d.blobs[i]) << "\n";
            if (d.blobs.size() > MaxListed)
                out() << "  ... and " << d.blobs.size() - MaxListed << " more blobs (see --json)\n";
        }
        out() << "Checked " << rep.packsChecked << " packs" << (readData ? QStringLiteral(" and %1 blobs").arg(rep.blobsChecked) : QString())
              << ": " << (rep.ok() ? QStringLiteral("no damage found.") : QStringLiteral("%1 problems found.").arg(rep.damages.size()))
              << Qt::endl;
    }
    if (!rep.ok()) {
        err() << "ncbackup-cli: Repository " << (*r)->path() << " is damaged (" << rep.damages.size()
              << " problems)." << Qt::endl;
        return Error::Corrupt;
    }
    return 0;
}

RegisterCommand regInit({QStringLiteral("repo"), QStringLiteral("init")},
                        QStringLiteral("repo init --repo PATH"), QStringLiteral("Create an encrypted repository"),
                        runInit);
RegisterCommand regChange({QStringLiteral("repo"), QStringLiteral("key"), QStringLiteral("change")},
                          QStringLiteral("repo key change --repo PATH"),
                          QStringLiteral("Change the repository password (data stays as it is)"), runKeyChange);
RegisterCommand regExport({QStringLiteral("repo"), QStringLiteral("key"), QStringLiteral("export")},
                          QStringLiteral("repo key export --repo PATH"), QStringLiteral("Print the recovery key"),
                          runKeyExport);
RegisterCommand regRecover({QStringLiteral("repo"), QStringLiteral("key"), QStringLiteral("recover")},
                           QStringLiteral("repo key recover --repo PATH"),
                           QStringLiteral("Set a new password with the recovery key"), runKeyRecover);
RegisterCommand regCheck({QStringLiteral("repo"), QStringLiteral("check")},
                         QStringLiteral("repo check --repo PATH [--read-data]"),
                         QStringLiteral("Check the repository for damage"), runCheck);

} // namespace

} // namespace ncb::cli
