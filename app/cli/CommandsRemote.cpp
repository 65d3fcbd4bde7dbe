// "remote ...": mirror an instance's repository to another Nextcloud over WebDAV and get it back.
// The rules live in core/remote/; this file parses, asks core and prints.
#include "Command.h"
#include "InstanceAccess.h"
#include "ProgressPrinter.h"
#include "remote/LoginFlow.h"
#include "remote/Mirror.h"
#include "remote/RemoteProfile.h"
#include "remote/RemoteRepository.h"
#include "settings/InstanceStore.h"
#include "settings/Keychain.h"
#include "settings/PasswordSource.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <unistd.h>

namespace ncb::cli {

using namespace ncb::remote;

namespace {

void printJson(const QJsonObject& o) { out() << QJsonDocument(o).toJson(QJsonDocument::Indented) << Qt::flush; }

// The app password: from --app-password-file, else one line on stdin (never from argv).
Result<QByteArray> readAppPassword(const QString& file)
{
    QByteArray pw;
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(Error::Io, QStringLiteral("Cannot read the app password file %1: %2.").arg(file, f.errorString()));
        pw = f.readAll();
    } else if (::isatty(STDIN_FILENO)) {
        auto typed = settings::promptSecret(
            QStringLiteral("App password (made in the remote's Settings > Security > Devices & sessions): "));
        if (!typed)
            return typed.error();
        pw = *typed;
    } else {
        std::string line;
        std::getline(std::cin, line);
        pw = QByteArray::fromStdString(line);
    }
    while (pw.endsWith('\n') || pw.endsWith('\r'))
        pw.chop(1);
    if (pw.isEmpty())
        return Error::make(Error::Usage, QStringLiteral("No app password given: put it in a file for "
                                                        "--app-password-file, or send it on standard input."));
    return pw;
}

QString fp(const QString& f) { return f.isEmpty() ? QStringLiteral("none published") : f; }

QJsonObject profileJson(const RemoteProfile& p)
{
    QJsonObject o = p.toJson();
    o.insert(QStringLiteral("hasAppPassword"), settings::Keychain::read(p.keychainEntry()).ok());
    return o;
}

QCommandLineOption jsonOption() { return {QStringLiteral("json"), QStringLiteral("Print the result as JSON.")}; }

int runAdd(const QStringList& args)
{
    const QString syn = QStringLiteral("remote add NAME URL --instance INST (--login-flow | --user USER "
                                       "[--app-password-file F]) [--folder PATH] [--accept-new-key] [--insecure-http]");
    const QString sum = QStringLiteral("Add another Nextcloud server as a remote for an instance's repository");
    QCommandLineParser p;
    p.addOption({QStringLiteral("user"), QStringLiteral("Login name on the remote server."), QStringLiteral("USER")});
    p.addOption({QStringLiteral("instance"), QStringLiteral("The instance whose repository is mirrored."), QStringLiteral("INST")});
    p.addOption({QStringLiteral("folder"), QStringLiteral("Folder in the user's files (default Backups/ncbackup/<repository id>)."),
                 QStringLiteral("PATH")});
    p.addOption({QStringLiteral("app-password-file"), QStringLiteral("Read the app password from FILE (else from stdin)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("accept-new-key"), QStringLiteral("Trust the server's signatory key as shown.")});
    p.addOption({QStringLiteral("insecure-http"), QStringLiteral("Allow http:// (a test server on this machine only).")});
    p.addOption({QStringLiteral("login-flow"), QStringLiteral("Log in through the browser (Login Flow v2) instead of an app password.")});
    p.addOption(jsonOption());
    if (int rc = parseOrExit(p, args, syn, sum); rc >= 0)
        return rc;
    const QStringList pos = p.positionalArguments();
    const bool loginFlow = p.isSet(QStringLiteral("login-flow"));
    if (pos.size() != 2 || (!loginFlow && p.value(QStringLiteral("user")).isEmpty()) ||
        (loginFlow && p.isSet(QStringLiteral("app-password-file"))) || p.value(QStringLiteral("instance")).isEmpty())
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    RemoteStore store;
    RemoteProfile prof;
    prof.name = pos[0];
    if (!RemoteProfile::isValidName(prof.name))
        return usage(QStringLiteral("'%1' is not a valid remote name: use letters, digits, '.', '_' and '-'.").arg(prof.name));
    if (store.exists(prof.name))
        return usage(QStringLiteral("A remote called '%1' exists already; see 'remote show %1', or remove it first.").arg(prof.name));
    prof.insecureHttp = p.isSet(QStringLiteral("insecure-http"));
    auto url = checkServerUrl(pos[1], prof.insecureHttp);
    if (!url)
        return fail(url.error());
    prof.url = url->toString(QUrl::StripTrailingSlash);
    prof.user = p.value(QStringLiteral("user"));
    prof.instance = p.value(QStringLiteral("instance"));
    settings::InstanceStore instances;
    auto inst = instances.get(prof.instance);
    if (!inst)
        return fail(inst.error());
    auto repo = repo::Repository::open(inst->repository);
    if (!repo)
        return fail(repo.error());
    prof.repositoryId = (*repo)->id();
    prof.folder = p.value(QStringLiteral("folder"));
    if (prof.folder.isEmpty())
        prof.folder = QStringLiteral("Backups/ncbackup/") + prof.repositoryId;
    while (prof.folder.startsWith(QLatin1Char('/')))
        prof.folder.remove(0, 1);
    if (prof.folder.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        return usage(QStringLiteral("The folder '%1' must not contain '..'.").arg(prof.folder));

    Result<QByteArray> pw = QByteArray();
    if (loginFlow) {
        if (!p.isSet(QStringLiteral("accept-new-key"))) {
            // Show the key before the user logs in: a login approved for an untrusted server is wasted.
            WebDavClient anonymous(*url, QString(), QByteArray());
            auto ocm = anonymous.getJson(QStringLiteral("/ocm-provider/"), false, false);
            const QString f = ocm ? publicKeyFingerprint(ocm->value(QStringLiteral("publicKey")).toObject()
                                                             .value(QStringLiteral("publicKeyPem")).toString().toUtf8())
                                  : QString();
            err() << "The signatory key of " << url->host() << " is " << fp(f) << ".\n";
            return fail(Error::make(Error::HostKey, QStringLiteral("Check this fingerprint with the server's admin, then "
                                                                   "run the same command with --accept-new-key to trust it.")));
        }
        auto flow = startLoginFlow(*url);
        if (!flow)
            return fail(flow.error());
        out() << "Open this address in your browser, log in and grant access to ncbackup:\n  "
              << flow->loginUrl.toString() << "\nWaiting for the approval (20 minutes at most)...\n" << Qt::flush;
        auto login = waitForLogin(*url, *flow, 1000, 20 * 60 * 1000);
        if (!login)
            return fail(login.error());
        if (!prof.user.isEmpty() && prof.user != login->loginName)
            return fail(Error::make(Error::Auth, QStringLiteral("The login in the browser was made as %1, not as %2; "
                                                                "run the command again and log in as %2.")
                                                     .arg(login->loginName, prof.user)));
        prof.user = login->loginName;
        pw = login->appPassword;
    } else {
        pw = readAppPassword(p.value(QStringLiteral("app-password-file")));
    }
    if (!pw)
        return fail(pw.error());
    WebDavClient client(*url, prof.user, *pw);
    auto d = discover(client);
    if (!d)
        return fail(d.error());
    auto q = client.quota(); // proves the app password on WebDAV
    if (!q)
        return fail(q.error());
    prof.serverVersion = d->version;
    prof.keyId = d->keyId;
    prof.keyFingerprint = d->keyFingerprint;
    if (!p.isSet(QStringLiteral("accept-new-key"))) {
        err() << "The signatory key of " << url->host() << " is " << fp(d->keyFingerprint) << ".\n";
        return fail(Error::make(Error::HostKey, QStringLiteral("Check this fingerprint with the server's admin, then run "
                                                               "the same command with --accept-new-key to trust it.")));
    }
    if (auto w = settings::Keychain::write(prof.keychainEntry(), *pw); !w)
        return fail(Error::make(w.error().code, w.error().message +
                                                    QStringLiteral(" The app password is only ever kept in the keychain, "
                                                                   "so the remote was not added.")));
    if (auto s = store.save(prof); !s)
        return fail(s.error());
    if (p.isSet(QStringLiteral("json"))) {
        printJson(profileJson(prof));
        return 0;
    }
    out() << "Added remote " << prof.name << ": " << prof.user << " on " << prof.url << " (Nextcloud "
          << prof.serverVersion << "), folder " << prof.folder << ".\n"
          << "Signatory key " << fp(prof.keyFingerprint) << " pinned. Send the repository with: ncbackup-cli remote push "
          << prof.name << "\n"
          << Qt::flush;
    return 0;
}

int runUpdate(const QStringList& args)
{
    const QString syn = QStringLiteral("remote update NAME [--app-password-file F] [--accept-new-key]");
    const QString sum = QStringLiteral("Give a remote a new app password or trust its new signatory key");
    QCommandLineParser p;
    p.addOption({QStringLiteral("app-password-file"), QStringLiteral("Read the new app password from FILE."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("accept-new-key"), QStringLiteral("Trust the signatory key the server shows now.")});
    if (int rc = parseOrExit(p, args, syn, sum); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1 ||
        (!p.isSet(QStringLiteral("app-password-file")) && !p.isSet(QStringLiteral("accept-new-key"))))
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    RemoteStore store;
    auto prof = store.get(p.positionalArguments().first());
    if (!prof)
        return fail(prof.error());
    auto url = checkServerUrl(prof->url, prof->insecureHttp);
    if (!url)
        return fail(url.error());
    QByteArray pw;
    if (p.isSet(QStringLiteral("app-password-file"))) {
        auto r = readAppPassword(p.value(QStringLiteral("app-password-file")));
        if (!r)
            return fail(r.error());
        pw = *r;
    } else {
        auto r = settings::Keychain::read(prof->keychainEntry());
        if (!r)
            return fail(r.error());
        pw = *r;
    }
    WebDavClient client(*url, prof->user, pw);
    auto d = discover(client);
    if (!d)
        return fail(d.error());
    auto q = client.quota();
    if (!q)
        return fail(q.error());
    if (prof->keyFingerprint != d->keyFingerprint) {
        if (!p.isSet(QStringLiteral("accept-new-key")))
            return fail(checkPinnedKey(*prof, *d).error());
        out() << "Signatory key of " << url->host() << ": was " << fp(prof->keyFingerprint) << ", now "
              << fp(d->keyFingerprint) << " (trusted).\n";
        prof->keyFingerprint = d->keyFingerprint;
        prof->keyId = d->keyId;
    }
    prof->serverVersion = d->version;
    if (p.isSet(QStringLiteral("app-password-file"))) {
        if (auto w = settings::Keychain::write(prof->keychainEntry(), pw); !w)
            return fail(w.error());
        out() << "New app password stored in the keychain.\n";
    }
    if (auto s = store.save(*prof); !s)
        return fail(s.error());
    out() << "Remote " << prof->name << " updated.\n" << Qt::flush;
    return 0;
}

int runList(const QStringList& args)
{
    const QString syn = QStringLiteral("remote list [--json]");
    QCommandLineParser p;
    p.addOption(jsonOption());
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("List the remotes")); rc >= 0)
        return rc;
    auto all = RemoteStore().list();
    if (!all)
        return fail(all.error());
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray a;
        for (const auto& r : *all)
            a.append(r.toJson());
        printJson(QJsonObject{{QStringLiteral("remotes"), a}});
        return 0;
    }
    if (all->isEmpty())
        out() << "No remotes yet; add one with: ncbackup-cli remote add NAME URL --user USER --instance INST\n";
    for (const auto& r : *all)
        out() << r.name << "  " << r.user << " on " << r.url << "  " << r.folder << "  instance " << r.instance
              << "  last push " << (r.lastPush.isValid() ? r.lastPush.toString(Qt::ISODate) : QStringLiteral("never"))
              << "\n";
    out() << Qt::flush;
    return 0;
}

int runShow(const QStringList& args)
{
    const QString syn = QStringLiteral("remote show NAME [--json]");
    QCommandLineParser p;
    p.addOption(jsonOption());
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Show a remote's settings")); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    auto r = RemoteStore().get(p.positionalArguments().first());
    if (!r)
        return fail(r.error());
    const QJsonObject o = profileJson(*r);
    if (p.isSet(QStringLiteral("json"))) {
        printJson(o);
        return 0;
    }
    out() << "Remote:        " << r->name << "\n"
          << "Server:        " << r->url << " (Nextcloud " << r->serverVersion << ")\n"
          << "User:          " << r->user << "\n"
          << "Folder:        " << r->folder << "\n"
          << "Instance:      " << r->instance << " (repository " << r->repositoryId << ")\n"
          << "Signatory key: " << fp(r->keyFingerprint) << "\n"
          << "App password:  " << (o.value(QStringLiteral("hasAppPassword")).toBool() ? "in the keychain" : "missing") << "\n"
          << "Last push:     " << (r->lastPush.isValid() ? r->lastPush.toString(Qt::ISODate) : QStringLiteral("never")) << "\n"
          << Qt::flush;
    return 0;
}

int runRemove(const QStringList& args)
{
    const QString syn = QStringLiteral("remote remove NAME [--delete-remote-data]");
    QCommandLineParser p;
    p.addOption({QStringLiteral("delete-remote-data"),
                 QStringLiteral("Also delete the mirror on the server (with the trash bin app it goes to the trash bin there).")});
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("Forget a remote (the data on it stays unless asked)")); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    RemoteStore store;
    auto r = store.get(p.positionalArguments().first());
    if (!r)
        return fail(r.error());
    const bool wipe = p.isSet(QStringLiteral("delete-remote-data"));
    if (wipe) {
        // The server must be the one pinned: never delete on a server that is not who it was.
        auto client = connectChecked(*r);
        if (!client)
            return fail(client.error());
        if (auto d = (*client)->remove((*client)->filesUrl(r->folder)); !d)
            return fail(d.error());
    }
    if (auto k = settings::Keychain::remove(r->keychainEntry()); !k)
        return fail(k.error());
    if (auto s = store.remove(r->name); !s)
        return fail(s.error());
    out() << "Removed remote " << r->name << "; its app password is gone from the keychain. The mirror in " << r->folder
          << " on " << r->url << (wipe ? QStringLiteral(" was deleted.\n") : QStringLiteral(" stays.\n")) << Qt::flush;
    return 0;
}

qint64 parseSize(const QString& s, bool* ok)
{
    QString t = s.trimmed().toUpper();
    qint64 mult = 1;
    if (t.endsWith(QLatin1String("K")))
        mult = 1024;
    else if (t.endsWith(QLatin1String("M")))
        mult = 1024 * 1024;
    else if (t.endsWith(QLatin1String("G")))
        mult = 1024LL * 1024 * 1024;
    if (mult != 1)
        t.chop(1);
    const qint64 v = t.toLongLong(ok);
    return v * mult;
}

int runPush(const QStringList& args)
{
    const QString syn = QStringLiteral("remote push NAME [--chunk-size BYTES] [--verify-sample PCT] [--json]");
    const QString sum = QStringLiteral("Send the Restoring Points the remote lacks");
    QCommandLineParser p;
    p.addOption({QStringLiteral("chunk-size"),
                 QStringLiteral("Files above this size go by chunked upload in chunks of it (default: the server's max_size, else 10M)."),
                 QStringLiteral("BYTES")});
    p.addOption({QStringLiteral("verify-sample"),
                 QStringLiteral("Read back this percentage of the packs sent (default 5; index files and manifests always)."),
                 QStringLiteral("PCT")});
    p.addOption(jsonOption());
    if (int rc = parseOrExit(p, args, syn, sum); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    MirrorOptions mo;
    if (p.isSet(QStringLiteral("verify-sample"))) {
        bool ok = false;
        mo.verifySamplePercent = p.value(QStringLiteral("verify-sample")).toDouble(&ok);
        if (!ok || mo.verifySamplePercent < 0 || mo.verifySamplePercent > 100)
            return usage(QStringLiteral("--verify-sample wants a percentage from 0 to 100."));
    }
    if (p.isSet(QStringLiteral("chunk-size"))) {
        bool ok = false;
        mo.chunkSize = parseSize(p.value(QStringLiteral("chunk-size")), &ok);
        if (!ok || mo.chunkSize < 1024)
            return usage(QStringLiteral("--chunk-size wants a size of at least 1K, e.g. 10M."));
    }
    RemoteStore store;
    auto prof = store.get(p.positionalArguments().first());
    if (!prof)
        return fail(prof.error());
    auto repo = openMirroredRepository(*prof);
    if (!repo)
        return fail(repo.error());
    Discovery found;
    auto client = connectChecked(*prof, &found);
    if (!client)
        return fail(client.error());
    // Without --chunk-size: the server's own chunked-upload size (files.chunked_upload.max_size) is
    // both where chunking starts and the chunk size, as Nextcloud's own clients do.
    if (!p.isSet(QStringLiteral("chunk-size")) && found.chunkMaxSize >= 1024 * 1024)
        mo.chunkSize = found.chunkMaxSize;
    // A shared lock: backups may go on, prune (exclusive) waits, so no pack vanishes mid-push.
    auto lock = (*repo)->lock(repo::Repository::LockMode::Shared);
    if (!lock)
        return fail(lock.error());
    const bool json = p.isSet(QStringLiteral("json"));
    std::optional<ProgressPrinter> printer;
    printer.emplace(json);
    mo.progress = printer->callback();
    auto r = pushMirror(**client, prof->folder, (*repo)->path(), prof->repositoryId, mo);
    printer.reset();
    if (!r)
        return fail(r.error());
    prof->lastPush = QDateTime::currentDateTimeUtc();
    if (auto s = store.save(*prof); !s)
        return fail(s.error());
    if (json) {
        printJson(QJsonObject{{QStringLiteral("filesSent"), r->filesSent},
                              {QStringLiteral("filesAlreadyThere"), r->filesAlreadyThere},
                              {QStringLiteral("manifestsSent"), r->manifestsSent},
                              {QStringLiteral("chunksSent"), r->chunksSent},
                              {QStringLiteral("chunksResumed"), r->chunksResumed},
                              {QStringLiteral("filesVerified"), r->filesVerified},
                              {QStringLiteral("bytesSent"), double(r->bytesSent)}});
        return 0;
    }
    out() << "Pushed to " << prof->name << ": " << r->filesSent << " files (" << r->bytesSent << " bytes, "
          << r->manifestsSent << " new Restoring Points), " << r->filesAlreadyThere << " already there, "
          << r->filesVerified << " read back and verified";
    if (r->chunksResumed > 0)
        out() << ", " << r->chunksResumed << " chunks of an interrupted push reused";
    out() << ".\n" << Qt::flush;
    return 0;
}

int runLs(const QStringList& args)
{
    const QString syn = QStringLiteral("remote ls NAME [--json] [--password-file FILE]");
    QCommandLineParser p;
    addInstanceOptions(p);
    if (int rc = parseOrExit(p, args, syn, QStringLiteral("List the Restoring Points a remote holds")); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    auto prof = RemoteStore().get(p.positionalArguments().first());
    if (!prof)
        return fail(prof.error());
    auto a = openInstance(p, prof->instance);
    if (!a)
        return fail(a.error());
    auto client = connectChecked(*prof);
    if (!client)
        return fail(client.error());
    auto l = listRemote(**client, prof->folder, *a->repo);
    if (!l)
        return fail(l.error());
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray rps, refused;
        for (const auto& s : l->snapshots)
            rps.append(QJsonObject{{QStringLiteral("id"), s.id},
                                   {QStringLiteral("time"), s.time.toUTC().toString(Qt::ISODate)}});
        for (const auto& s : l->refused)
            refused.append(s);
        printJson(QJsonObject{{QStringLiteral("remote"), prof->name},
                              {QStringLiteral("restoringPoints"), rps},
                              {QStringLiteral("refused"), refused},
                              {QStringLiteral("packs"), l->packs},
                              {QStringLiteral("bytes"), double(l->bytes)}});
    } else {
        out() << "Remote " << prof->name << " holds " << l->snapshots.size() << " Restoring Points (" << l->packs
              << " packs, " << l->bytes << " bytes):\n";
        for (const auto& s : l->snapshots)
            out() << "  " << s.id.left(12) << "  " << s.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                  << "\n";
        for (const auto& s : l->refused)
            out() << "  " << s.left(12) << "  REFUSED: its signature does not verify with the repository key\n";
        out() << Qt::flush;
    }
    return l->refused.isEmpty() ? 0 : exitCodeFor(Error::make(Error::Corrupt, {}));
}

int runRecover(const QStringList& args)
{
    const QString syn = QStringLiteral("remote recover NAME --to REPO [--json] | remote recover --url URL --user USER "
                                       "--folder PATH --to REPO [--app-password-file F] [--accept-new-key] [--insecure-http]");
    const QString sum = QStringLiteral("Rebuild a complete local repository from a remote");
    QCommandLineParser p;
    p.addOption({QStringLiteral("to"), QStringLiteral("New or empty folder for the repository."), QStringLiteral("REPO")});
    p.addOption({QStringLiteral("url"), QStringLiteral("The server, when no remote profile is left (a lost desktop)."), QStringLiteral("URL")});
    p.addOption({QStringLiteral("user"), QStringLiteral("Login name on the server (with --url)."), QStringLiteral("USER")});
    p.addOption({QStringLiteral("folder"), QStringLiteral("The mirror's folder in the user's files (with --url)."), QStringLiteral("PATH")});
    p.addOption({QStringLiteral("app-password-file"), QStringLiteral("Read the app password from FILE (else stdin)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("accept-new-key"), QStringLiteral("Trust the server's signatory key as shown (with --url).")});
    p.addOption({QStringLiteral("insecure-http"), QStringLiteral("Allow http:// (a test server on this machine only).")});
    p.addOption(jsonOption());
    if (int rc = parseOrExit(p, args, syn, sum); rc >= 0)
        return rc;
    const bool direct = p.isSet(QStringLiteral("url"));
    if (p.value(QStringLiteral("to")).isEmpty() || (direct ? (p.value(QStringLiteral("user")).isEmpty() ||
                                                              p.value(QStringLiteral("folder")).isEmpty() ||
                                                              !p.positionalArguments().isEmpty())
                                                           : p.positionalArguments().size() != 1))
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    std::unique_ptr<WebDavClient> client;
    QString folder, from;
    if (!direct) {
        auto prof = RemoteStore().get(p.positionalArguments().first());
        if (!prof)
            return fail(prof.error());
        auto c = connectChecked(*prof);
        if (!c)
            return fail(c.error());
        client = std::move(*c);
        folder = prof->folder;
        from = prof->name;
    } else {
        // The desktop and its settings are gone: the server, account and folder are given; the key is
        // shown and must be accepted as at 'remote add'. Nothing is saved but the repository.
        auto url = checkServerUrl(p.value(QStringLiteral("url")), p.isSet(QStringLiteral("insecure-http")));
        if (!url)
            return fail(url.error());
        auto pw = readAppPassword(p.value(QStringLiteral("app-password-file")));
        if (!pw)
            return fail(pw.error());
        client = std::make_unique<WebDavClient>(*url, p.value(QStringLiteral("user")), *pw);
        auto d = discover(*client);
        if (!d)
            return fail(d.error());
        if (!p.isSet(QStringLiteral("accept-new-key"))) {
            err() << "The signatory key of " << url->host() << " is " << fp(d->keyFingerprint) << ".\n";
            return fail(Error::make(Error::HostKey, QStringLiteral("Check this fingerprint with the server's admin, then "
                                                                   "run the same command with --accept-new-key to trust it.")));
        }
        folder = p.value(QStringLiteral("folder"));
        while (folder.startsWith(QLatin1Char('/')))
            folder.remove(0, 1);
        if (folder.split(QLatin1Char('/')).contains(QStringLiteral("..")))
            return usage(QStringLiteral("The folder '%1' must not contain '..'.").arg(folder));
        from = url->host();
    }
    const bool json = p.isSet(QStringLiteral("json"));
    std::optional<ProgressPrinter> printer;
    printer.emplace(json);
    MirrorOptions mo;
    mo.progress = printer->callback();
    PullReport report;
    auto r = recoverRepository(*client, folder, p.value(QStringLiteral("to")), mo, &report);
    printer.reset();
    if (!r)
        return fail(r.error());
    if (json) {
        printJson(QJsonObject{{QStringLiteral("repository"), (*r)->path()},
                              {QStringLiteral("id"), (*r)->id()},
                              {QStringLiteral("files"), report.filesReceived},
                              {QStringLiteral("bytes"), double(report.bytesReceived)}});
        return 0;
    }
    out() << "Rebuilt repository " << (*r)->path() << " (id " << (*r)->id() << ") from " << from << ": "
          << report.filesReceived << " files, " << report.bytesReceived << " bytes.\n"
          << "Check it with: ncbackup-cli repo check --repo " << (*r)->path() << "\n"
          << "Use it with:   ncbackup-cli instance attach NAME --repo " << (*r)->path() << "\n"
          << Qt::flush;
    return 0;
}

int runCheck(const QStringList& args)
{
    const QString syn = QStringLiteral("remote check NAME [--read-data] [--json]");
    const QString sum = QStringLiteral("Check that the remote holds the repository intact");
    QCommandLineParser p;
    p.addOption({QStringLiteral("read-data"), QStringLiteral("Read every file back and compare it with the local one.")});
    p.addOption(jsonOption());
    if (int rc = parseOrExit(p, args, syn, sum); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    auto prof = RemoteStore().get(p.positionalArguments().first());
    if (!prof)
        return fail(prof.error());
    auto inst = settings::InstanceStore().get(prof->instance);
    if (!inst)
        return fail(inst.error());
    auto client = connectChecked(*prof);
    if (!client)
        return fail(client.error());
    const bool json = p.isSet(QStringLiteral("json"));
    std::optional<ProgressPrinter> printer;
    printer.emplace(json);
    MirrorOptions mo;
    mo.progress = printer->callback();
    auto r = checkMirror(**client, prof->folder, inst->repository, p.isSet(QStringLiteral("read-data")), mo);
    printer.reset();
    if (!r)
        return fail(r.error());
    if (json) {
        QJsonArray d;
        for (const auto& x : r->damages)
            d.append(QJsonObject{{QStringLiteral("file"), x.file}, {QStringLiteral("message"), x.message}});
        printJson(QJsonObject{{QStringLiteral("filesChecked"), r->filesChecked},
                              {QStringLiteral("bytesRead"), double(r->bytesRead)},
                              {QStringLiteral("damages"), d}});
    } else {
        for (const auto& x : r->damages)
            out() << x.message << "\n";
        out() << "Checked " << r->filesChecked << " files on " << prof->name
              << (p.isSet(QStringLiteral("read-data")) ? QStringLiteral(" (%1 bytes read back)").arg(r->bytesRead) : QString())
              << ": " << (r->damages.isEmpty() ? QStringLiteral("no damage.") : QStringLiteral("%1 problems.").arg(r->damages.size()))
              << "\n" << Qt::flush;
    }
    return r->damages.isEmpty() ? 0 : int(Error::Corrupt);
}

RegisterCommand regCheck({QStringLiteral("remote"), QStringLiteral("check")},
                         QStringLiteral("remote check NAME [--read-data] [--json]"),
                         QStringLiteral("Check that the remote holds the repository intact"), runCheck);

int runPull(const QStringList& args)
{
    const QString syn = QStringLiteral("remote pull NAME [--json]");
    const QString sum = QStringLiteral("Download the packs, index files and Restoring Points the local repository lacks");
    QCommandLineParser p;
    p.addOption(jsonOption());
    if (int rc = parseOrExit(p, args, syn, sum); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    auto prof = RemoteStore().get(p.positionalArguments().first());
    if (!prof)
        return fail(prof.error());
    auto repo = openMirroredRepository(*prof);
    if (!repo)
        return fail(repo.error());
    auto client = connectChecked(*prof);
    if (!client)
        return fail(client.error());
    auto lock = (*repo)->lock(repo::Repository::LockMode::Exclusive);
    if (!lock)
        return fail(lock.error());
    const bool json = p.isSet(QStringLiteral("json"));
    std::optional<ProgressPrinter> printer;
    printer.emplace(json);
    MirrorOptions mo;
    mo.progress = printer->callback();
    // The local config and key files stay as they are (a password changed here is not undone).
    auto r = pullMirror(**client, prof->folder, (*repo)->path(), [](const QString& rel) {
        return rel.startsWith(QLatin1String("data/")) || rel.startsWith(QLatin1String("index/")) ||
               rel.startsWith(QLatin1String("snapshots/"));
    }, mo);
    printer.reset();
    if (!r)
        return fail(r.error());
    if (json) {
        printJson(QJsonObject{{QStringLiteral("filesReceived"), r->filesReceived},
                              {QStringLiteral("filesAlreadyThere"), r->filesAlreadyThere},
                              {QStringLiteral("bytesReceived"), double(r->bytesReceived)}});
        return 0;
    }
    out() << "Pulled from " << prof->name << ": " << r->filesReceived << " files (" << r->bytesReceived << " bytes), "
          << r->filesAlreadyThere << " already here.\n" << Qt::flush;
    return 0;
}

RegisterCommand regPull({QStringLiteral("remote"), QStringLiteral("pull")}, QStringLiteral("remote pull NAME [--json]"),
                        QStringLiteral("Download what the local repository lacks from a remote"), runPull);

// remote test: each check on its own line, stopping at the first that fails (its sentence, its exit code).
int runTest(const QStringList& args)
{
    const QString syn = QStringLiteral("remote test NAME [--json]");
    const QString sum = QStringLiteral("Check a remote: reachable, authorised, key unchanged, space, what it lacks");
    QCommandLineParser p;
    p.addOption(jsonOption());
    if (int rc = parseOrExit(p, args, syn, sum); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1)
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    const bool json = p.isSet(QStringLiteral("json"));
    auto prof = RemoteStore().get(p.positionalArguments().first());
    if (!prof)
        return fail(prof.error());
    QJsonObject o{{QStringLiteral("remote"), prof->name}};
    auto finish = [&](const std::optional<Error>& e) {
        if (e)
            o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), int(e->code)},
                                                         {QStringLiteral("message"), e->message}});
        if (json)
            printJson(o);
        return e ? fail(*e) : 0;
    };
    auto line = [&](const QString& what, const QString& result) {
        if (!json)
            out() << what.leftJustified(15) << result << "\n" << Qt::flush;
    };
    auto client = connectTo(*prof);
    if (!client)
        return finish(client.error());
    auto d = discover(**client);
    if (!d)
        return finish(d.error());
    o.insert(QStringLiteral("reachable"), true);
    o.insert(QStringLiteral("serverVersion"), d->version);
    line(QStringLiteral("Reachable:"), QStringLiteral("yes, Nextcloud %1").arg(d->version));
    auto q = (*client)->quota();
    if (!q)
        return finish(q.error());
    o.insert(QStringLiteral("authorised"), true);
    line(QStringLiteral("Authorised:"), QStringLiteral("yes, as %1").arg(prof->user));
    if (auto k = checkPinnedKey(*prof, *d); !k) {
        o.insert(QStringLiteral("keyUnchanged"), false);
        return finish(k.error());
    }
    o.insert(QStringLiteral("keyUnchanged"), true);
    line(QStringLiteral("Signatory key:"), QStringLiteral("unchanged, %1").arg(fp(prof->keyFingerprint)));
    o.insert(QStringLiteral("quotaUsed"), double(q->first));
    o.insert(QStringLiteral("quotaFree"), double(q->second));
    line(QStringLiteral("Space:"), QStringLiteral("%1 bytes used, %2").arg(q->first).arg(q->second < 0 ? QStringLiteral("no quota") : QStringLiteral("%1 bytes free").arg(q->second)));
    o.insert(QStringLiteral("lastPush"), prof->lastPush.isValid() ? prof->lastPush.toString(Qt::ISODate) : QString());
    line(QStringLiteral("Last push:"), prof->lastPush.isValid() ? prof->lastPush.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("never"));
    auto inst = settings::InstanceStore().get(prof->instance);
    if (!inst)
        return finish(inst.error());
    auto diff = compareMirror(**client, prof->folder, inst->repository);
    if (!diff)
        return finish(diff.error());
    o.insert(QStringLiteral("missingFiles"), diff->missingFiles);
    o.insert(QStringLiteral("missingBytes"), double(diff->missingBytes));
    o.insert(QStringLiteral("missingRestoringPoints"), diff->missingManifests);
    line(QStringLiteral("Lacks:"), diff->missingFiles == 0 ? QStringLiteral("nothing, the mirror is up to date")
                                                         : QStringLiteral("%1 files (%2 bytes), %3 Restoring Points; run 'remote push %4'")
                                                               .arg(diff->missingFiles)
                                                               .arg(diff->missingBytes)
                                                               .arg(diff->missingManifests)
                                                               .arg(prof->name));
    return finish(std::nullopt);
}

RegisterCommand regTest({QStringLiteral("remote"), QStringLiteral("test")}, QStringLiteral("remote test NAME [--json]"),
                        QStringLiteral("Check a remote: reachable, authorised, key unchanged, space, what it lacks"), runTest);
RegisterCommand regAdd({QStringLiteral("remote"), QStringLiteral("add")},
                       QStringLiteral("remote add NAME URL --instance INST (--login-flow | --user USER) [options]"),
                       QStringLiteral("Add another Nextcloud server as a remote for an instance's repository"), runAdd);
RegisterCommand regUpdate({QStringLiteral("remote"), QStringLiteral("update")},
                          QStringLiteral("remote update NAME [--app-password-file F] [--accept-new-key]"),
                          QStringLiteral("Give a remote a new app password or trust its new signatory key"), runUpdate);
RegisterCommand regList({QStringLiteral("remote"), QStringLiteral("list")}, QStringLiteral("remote list [--json]"),
                        QStringLiteral("List the remotes"), runList);
RegisterCommand regShow({QStringLiteral("remote"), QStringLiteral("show")}, QStringLiteral("remote show NAME [--json]"),
                        QStringLiteral("Show a remote's settings"), runShow);
RegisterCommand regRemove({QStringLiteral("remote"), QStringLiteral("remove")}, QStringLiteral("remote remove NAME [--delete-remote-data]"),
                          QStringLiteral("Forget a remote (the data on it stays unless asked)"), runRemove);
RegisterCommand regPush({QStringLiteral("remote"), QStringLiteral("push")}, QStringLiteral("remote push NAME [--json]"),
                        QStringLiteral("Send the Restoring Points the remote lacks"), runPush);
RegisterCommand regLs({QStringLiteral("remote"), QStringLiteral("ls")}, QStringLiteral("remote ls NAME [--json]"),
                      QStringLiteral("List the Restoring Points a remote holds"), runLs);
RegisterCommand regRecover({QStringLiteral("remote"), QStringLiteral("recover")},
                           QStringLiteral("remote recover (NAME | --url URL --user USER --folder PATH) --to REPO"),
                           QStringLiteral("Rebuild a complete local repository from a remote"), runRecover);

} // namespace

} // namespace ncb::cli
