#include "RemoteProfile.h"

#include "settings/InstanceStore.h"
#include "settings/Keychain.h"
#include "util/Paths.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace ncb::remote {

bool RemoteProfile::isValidName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return re.match(name).hasMatch() && name != QLatin1String(".") && name != QLatin1String("..");
}

QJsonObject RemoteProfile::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("url"), url},
                  {QStringLiteral("user"), user},
                  {QStringLiteral("folder"), folder},
                  {QStringLiteral("instance"), instance},
                  {QStringLiteral("repositoryId"), repositoryId},
                  {QStringLiteral("keyId"), keyId},
                  {QStringLiteral("keyFingerprint"), keyFingerprint},
                  {QStringLiteral("insecureHttp"), insecureHttp},
                  {QStringLiteral("serverVersion"), serverVersion}};
    if (lastPush.isValid())
        o.insert(QStringLiteral("lastPush"), lastPush.toUTC().toString(Qt::ISODate));
    return o;
}

Result<RemoteProfile> RemoteProfile::fromJson(const QJsonObject& o, const QString& file)
{
    RemoteProfile p;
    p.name = o.value(QStringLiteral("name")).toString();
    p.url = o.value(QStringLiteral("url")).toString();
    p.user = o.value(QStringLiteral("user")).toString();
    p.folder = o.value(QStringLiteral("folder")).toString();
    p.instance = o.value(QStringLiteral("instance")).toString();
    p.repositoryId = o.value(QStringLiteral("repositoryId")).toString();
    p.keyId = o.value(QStringLiteral("keyId")).toString();
    p.keyFingerprint = o.value(QStringLiteral("keyFingerprint")).toString();
    p.insecureHttp = o.value(QStringLiteral("insecureHttp")).toBool();
    p.serverVersion = o.value(QStringLiteral("serverVersion")).toString();
    p.lastPush = QDateTime::fromString(o.value(QStringLiteral("lastPush")).toString(), Qt::ISODate);
    if (!isValidName(p.name) || p.url.isEmpty() || p.user.isEmpty() || p.folder.isEmpty())
        return Error::make(Error::Corrupt, QStringLiteral("The remote profile %1 is damaged (name, url, user or "
                                                          "folder missing); remove it and add the remote again.")
                                               .arg(file));
    return p;
}

RemoteStore::RemoteStore(QString configDir)
    : m_dir((configDir.isEmpty() ? paths::configDir() : configDir) + QStringLiteral("/remotes"))
{
}

QString RemoteStore::fileFor(const QString& name) const { return m_dir + QLatin1Char('/') + name + QStringLiteral(".json"); }

bool RemoteStore::exists(const QString& name) const
{
    return RemoteProfile::isValidName(name) && QFile::exists(fileFor(name));
}

Result<RemoteProfile> RemoteStore::get(const QString& name) const
{
    if (!exists(name))
        return Error::make(Error::NotFound, QStringLiteral("There is no remote called '%1' (see 'remote list').").arg(name));
    QFile f(fileFor(name));
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot read %1: %2.").arg(f.fileName(), f.errorString()));
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    if (!doc.isObject())
        return Error::make(Error::Corrupt, QStringLiteral("The remote profile %1 is not valid JSON; remove it and add "
                                                          "the remote again.")
                                               .arg(f.fileName()));
    return RemoteProfile::fromJson(doc.object(), f.fileName());
}

Result<QList<RemoteProfile>> RemoteStore::list() const
{
    QList<RemoteProfile> out;
    const QStringList files = QDir(m_dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        auto p = get(f.chopped(5));
        if (!p)
            return p.error();
        out.append(*p);
    }
    return out;
}

Status RemoteStore::save(const RemoteProfile& profile)
{
    if (!RemoteProfile::isValidName(profile.name))
        return Error::make(Error::Usage, QStringLiteral("'%1' is not a valid remote name: use letters, digits, '.', "
                                                        "'_' and '-'.")
                                             .arg(profile.name));
    if (!QDir().mkpath(m_dir))
        return Error::make(Error::Io, QStringLiteral("Cannot create the settings folder %1.").arg(m_dir));
    QSaveFile f(fileFor(profile.name));
    if (!f.open(QIODevice::WriteOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot write %1: %2.").arg(f.fileName(), f.errorString()));
    f.write(QJsonDocument(profile.toJson()).toJson());
    if (!f.commit())
        return Error::make(Error::Io, QStringLiteral("Cannot write %1: %2.").arg(f.fileName(), f.errorString()));
    return {};
}

Status RemoteStore::remove(const QString& name)
{
    NCB_TRY(get(name));
    if (!QFile::remove(fileFor(name)))
        return Error::make(Error::Io, QStringLiteral("Cannot remove %1.").arg(fileFor(name)));
    return {};
}

Result<QUrl> checkServerUrl(const QString& text, bool insecureHttp)
{
    const QUrl u(text, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty() || (u.scheme() != QLatin1String("https") && u.scheme() != QLatin1String("http")))
        return Error::make(Error::Usage, QStringLiteral("'%1' is not a server address: give https://host[/path].").arg(text));
    if (u.scheme() == QLatin1String("http") && !insecureHttp)
        return Error::make(Error::Unsafe, QStringLiteral("%1 is plain http: the app password and the backups would "
                                                         "cross the network unprotected. Use https://, or "
                                                         "--insecure-http for a test server on this machine.")
                                              .arg(text));
    if (!u.userName().isEmpty() || !u.password().isEmpty())
        return Error::make(Error::Unsafe, QStringLiteral("Give the user with --user, not inside the address (it "
                                                         "would be stored and shown)."));
    return u;
}

Result<Discovery> discover(const WebDavClient& client)
{
    Discovery d;
    auto status = client.getJson(QStringLiteral("/status.php"), false, false);
    if (!status)
        return status.error();
    d.installed = status->value(QStringLiteral("installed")).toBool();
    d.maintenance = status->value(QStringLiteral("maintenance")).toBool();
    d.version = status->value(QStringLiteral("versionstring")).toString();
    if (!d.installed || status->value(QStringLiteral("productname")).toString().isEmpty())
        return Error::make(Error::Remote, QStringLiteral("%1 is not an installed Nextcloud server (status.php says "
                                                         "installed: false).")
                                              .arg(client.base().host()));
    if (d.maintenance)
        return Error::make(Error::Remote, QStringLiteral("%1 is in maintenance mode (status.php); try again when the "
                                                         "admin has finished.")
                                              .arg(client.base().host()));
    auto caps = client.getJson(QStringLiteral("/ocs/v2.php/cloud/capabilities"), true, true);
    if (!caps)
        return caps.error();
    const QJsonObject c = caps->value(QStringLiteral("ocs")).toObject().value(QStringLiteral("data")).toObject()
                              .value(QStringLiteral("capabilities")).toObject();
    d.chunking = c.value(QStringLiteral("dav")).toObject().value(QStringLiteral("chunking")).toString() ==
                 QLatin1String("1.0");
    d.chunkMaxSize = c.value(QStringLiteral("files")).toObject().value(QStringLiteral("chunked_upload")).toObject()
                         .value(QStringLiteral("max_size")).toVariant().toLongLong();
    // OCM discovery publishes the instance's signatory public key; /.well-known/ocm is often not routed.
    for (const QString& path : {QStringLiteral("/ocm-provider/"), QStringLiteral("/index.php/ocm-provider"),
                                QStringLiteral("/.well-known/ocm")}) {
        auto ocm = client.getJson(path, false, false);
        if (!ocm)
            continue;
        const QJsonObject key = ocm->value(QStringLiteral("publicKey")).toObject();
        d.keyId = key.value(QStringLiteral("keyId")).toString();
        d.keyPem = key.value(QStringLiteral("publicKeyPem")).toString().toUtf8();
        d.keyFingerprint = publicKeyFingerprint(d.keyPem);
        break;
    }
    return d;
}

Status checkPinnedKey(const RemoteProfile& p, const Discovery& found)
{
    if (p.keyFingerprint == found.keyFingerprint)
        return {};
    const QString now = found.keyFingerprint.isEmpty() ? QStringLiteral("none") : found.keyFingerprint;
    const QString was = p.keyFingerprint.isEmpty() ? QStringLiteral("none") : p.keyFingerprint;
    return Error::make(Error::HostKey,
                       QStringLiteral("The signatory key of %1 changed: pinned %2, the server now shows %3. If its "
                                      "admin confirms the new key, run 'remote update %4 --accept-new-key'; nothing "
                                      "was sent.")
                           .arg(QUrl(p.url).host(), was, now, p.name));
}

Result<std::unique_ptr<WebDavClient>> connectTo(const RemoteProfile& p)
{
    auto url = checkServerUrl(p.url, p.insecureHttp);
    if (!url)
        return url.error();
    auto pw = settings::Keychain::read(p.keychainEntry());
    if (!pw) {
        if (pw.error().code == Error::NotFound)
            return Error::make(Error::Auth, QStringLiteral("The keychain holds no app password for remote '%1': give "
                                                           "one with 'remote update %1 --app-password-file FILE'.")
                                                .arg(p.name));
        return pw.error();
    }
    return std::make_unique<WebDavClient>(*url, p.user, *pw);
}

Result<std::unique_ptr<WebDavClient>> connectChecked(const RemoteProfile& p, Discovery* found)
{
    auto c = connectTo(p);
    if (!c)
        return c.error();
    auto d = discover(**c);
    if (!d)
        return d.error();
    NCB_TRY(checkPinnedKey(p, *d));
    if (found)
        *found = *d;
    return std::move(*c);
}

Result<std::unique_ptr<repo::Repository>> openMirroredRepository(const RemoteProfile& p)
{
    auto inst = settings::InstanceStore().get(p.instance);
    if (!inst)
        return inst.error();
    auto repo = repo::Repository::open(inst->repository);
    if (!repo)
        return repo.error();
    if ((*repo)->id() != p.repositoryId)
        return Error::make(Error::Unsafe, QStringLiteral("Instance %1 now has repository %2, but remote %3 mirrors repository "
                                                         "%4: add a remote of its own for the new repository.")
                                              .arg(p.instance, (*repo)->id(), p.name, p.repositoryId));
    return repo;
}

} // namespace ncb::remote
