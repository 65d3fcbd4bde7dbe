#pragma once
// WebDavClient: a small synchronous WebDAV client for a Nextcloud server's files and chunked-upload
// endpoints (/remote.php/dav/files/<user>/, /remote.php/dav/uploads/<user>/). Each call runs its own
// event loop on the calling thread (a worker thread, or the CLI's main thread), so it blocks that thread
// only. HTTP answers become one sentence: 401 the app password was refused (Error::Auth), 503 the server
// is in maintenance (Error::Remote), 507 the account's quota is full (Error::Remote); a dropped or stalled
// connection is Error::Network. The app password lives only in this object's memory.
#include "util/Progress.h"
#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QUrl>
#include <functional>
#include <memory>

class QIODevice;
class QNetworkAccessManager;

namespace ncb::remote {

struct DavEntry
{
    QString name;     // last path segment, decoded
    bool isDir = false;
    qint64 size = -1; // getcontentlength; -1 for folders
};

struct DavReply
{
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // lower-case names
};

class WebDavClient
{
public:
    // base: the server's base URL (https://host[/prefix]); user: the login name the app password belongs to.
    WebDavClient(QUrl base, QString user, QByteArray appPassword);
    ~WebDavClient();

    void setTimeoutMs(int ms) { m_timeoutMs = ms; } // no byte moved for this long: Error::Network
    // Waits before each new try after a 503 (default 2 s, 5 s, 10 s, 20 s); empty: no retry.
    void setRetryDelaysMs(QList<int> delays) { m_retryDelaysMs = std::move(delays); }
    const QUrl& base() const { return m_base; }
    const QString& user() const { return m_user; }

    // "files" URL of a path relative to the user's root ("Backups/x/config").
    QUrl filesUrl(const QString& relPath) const;
    QUrl uploadsUrl(const QString& uploadId, const QString& chunk = {}) const;

    // Anonymous or authenticated GET of a JSON document (status.php, OCS with OCS-APIRequest, OCM).
    Result<QJsonObject> getJson(const QString& path, bool authenticated, bool ocs) const;

    // PROPFIND Depth 1: the children of a folder (not the folder itself). Error::NotFound on 404.
    Result<QList<DavEntry>> list(const QUrl& folder) const;
    // PROPFIND Depth 0: size of one file; -1 for a folder. Error::NotFound on 404.
    Result<qint64> sizeOf(const QUrl& url) const;
    // Quota props of the user's root: {used, available} (available -3: unlimited).
    Result<QPair<qint64, qint64>> quota() const;
    // MKCOL of every missing folder of relPath (405 = exists already).
    Status makePath(const QString& relPath) const;
    Status mkcol(const QUrl& url) const; // 405 is an error here
    // PUT of bytes [offset, offset+length) of a local file (length -1: to the end).
    Status put(const QUrl& url, const QString& localFile, qint64 offset = 0, qint64 length = -1,
               const std::function<void(qint64 sent)>& progress = {}) const;
    // GET to a local file (written as a whole: the caller renames it into place).
    Status get(const QUrl& url, const QString& localFile, const std::function<void(qint64 got)>& progress = {}) const;
    Status move(const QUrl& from, const QUrl& to, const QList<QPair<QByteArray, QByteArray>>& headers = {}) const;
    Status remove(const QUrl& url) const;

    // One request. body: in-memory body, or device (read from its current position, uploadSize bytes).
    // sink: the answer body goes there instead of DavReply::body (for 2xx answers only).
    Result<DavReply> request(const QByteArray& verb, const QUrl& url, const QList<QPair<QByteArray, QByteArray>>& headers,
                             const QByteArray& body, QIODevice* device = nullptr, QIODevice* sink = nullptr,
                             const std::function<void(qint64)>& progress = {}, bool authenticated = true) const;

    // The sentence for an unexpected answer to `what` (e.g. "PUT data/ab/ab12…").
    Error errorFor(const DavReply& reply, const QString& what) const;

private:
    Result<DavReply> requestOnce(const QByteArray& verb, const QUrl& url,
                                 const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body,
                                 QIODevice* device, QIODevice* sink, const std::function<void(qint64)>& progress,
                                 bool authenticated) const;
    QUrl m_base;
    QList<int> m_retryDelaysMs{2000, 5000, 10000, 20000};
    QString m_user;
    QByteArray m_password;
    int m_timeoutMs = 60000;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

// SHA-256 fingerprint of a PEM public key ("SHA256:" + unpadded base64 of the DER), as ssh shows host keys.
QString publicKeyFingerprint(const QByteArray& pem);

} // namespace ncb::remote
