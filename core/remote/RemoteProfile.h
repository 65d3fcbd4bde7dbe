#pragma once
// A remote: another Nextcloud server and a folder in one account's files that holds a mirror of one
// repository. Profiles are JSON files in <config dir>/remotes/<name>.json beside the instance profiles;
// they never hold a secret: the app password is only in the OS keychain (entry "remote/<repository id>/<name>").
// Discovery asks the server who it is (status.php, authenticated OCS capabilities, OCM discovery with
// the instance's signatory public key); the key's fingerprint is pinned at add, like an SSH host key.
#include "repository/Repository.h"
#include "WebDavClient.h"
#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace ncb::remote {

struct RemoteProfile
{
    QString name;            // [A-Za-z0-9._-]{1,64}
    QString url;             // server base URL, https:// (http:// only with insecureHttp)
    QString user;            // login name the app password belongs to
    QString folder;          // folder in the user's files holding the mirror, e.g. Backups/ncbackup/<repo id>
    QString instance;        // the local instance whose repository is mirrored
    QString repositoryId;    // id of that repository (a mirror belongs to one repository)
    QString keyId;           // OCM publicKey.keyId at pinning
    QString keyFingerprint;  // SHA256:… of the pinned OCM signatory key; empty: the server published none
    bool insecureHttp = false;
    QString serverVersion;
    QDateTime lastPush;      // UTC; invalid: never

    // "remote/<repository id>/<name>": two settings folders (two users, tests) never share an entry.
    QString keychainEntry() const { return QStringLiteral("remote/") + repositoryId + QLatin1Char('/') + name; }
    QJsonObject toJson() const;
    static Result<RemoteProfile> fromJson(const QJsonObject& o, const QString& file);
    static bool isValidName(const QString& name);
};

class RemoteStore
{
public:
    explicit RemoteStore(QString configDir = {}); // empty: paths::configDir()
    QString directory() const { return m_dir; }
    Result<QList<RemoteProfile>> list() const;
    Result<RemoteProfile> get(const QString& name) const; // Error::NotFound with a clear sentence
    bool exists(const QString& name) const;
    Status save(const RemoteProfile& profile);
    Status remove(const QString& name);

private:
    QString fileFor(const QString& name) const;
    QString m_dir;
};

// Refuses a URL that is not http(s), and http:// unless insecureHttp (Error::Unsafe).
Result<QUrl> checkServerUrl(const QString& url, bool insecureHttp);

struct Discovery
{
    bool installed = false;
    bool maintenance = false;
    QString version;
    bool chunking = false;      // dav.chunking "1.0"
    qint64 chunkMaxSize = 0;    // files.chunked_upload.max_size
    QString keyId;
    QByteArray keyPem;
    QString keyFingerprint;     // empty: no OCM key published
};

// status.php (anonymous), OCS capabilities (authenticated: also proves the app password), OCM discovery.
Result<Discovery> discover(const WebDavClient& client);

// A pinned key that no longer matches: Error::HostKey with both fingerprints.
Status checkPinnedKey(const RemoteProfile& profile, const Discovery& found);

// The client for a profile, with the app password from the keychain (Error::Auth when it is missing).
Result<std::unique_ptr<WebDavClient>> connectTo(const RemoteProfile& profile);

// Everything push and pull need before they send a byte: the client, the server up and out of
// maintenance, and the pinned key unchanged.
Result<std::unique_ptr<WebDavClient>> connectChecked(const RemoteProfile& profile, Discovery* found = nullptr);

// The local repository a remote mirrors: its instance's, opened (not unlocked), and checked to be the one
// the remote was added for (an instance given another repository needs a remote of its own): Error::Unsafe.
Result<std::unique_ptr<repo::Repository>> openMirroredRepository(const RemoteProfile& profile);

} // namespace ncb::remote
