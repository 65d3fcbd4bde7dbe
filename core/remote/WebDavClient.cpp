#include "WebDavClient.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QXmlStreamReader>

#include <unistd.h>

namespace ncb::remote {

namespace {

QString hostOf(const QUrl& u)
{
    return u.port() > 0 ? QStringLiteral("%1:%2").arg(u.host()).arg(u.port()) : u.host();
}

QString encodePath(const QString& rel)
{
    QStringList parts;
    for (const QString& s : rel.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        parts << QString::fromLatin1(QUrl::toPercentEncoding(s));
    return parts.join(QLatin1Char('/'));
}

} // namespace

WebDavClient::WebDavClient(QUrl base, QString user, QByteArray appPassword)
    : m_base(std::move(base)), m_user(std::move(user)), m_password(std::move(appPassword)),
      m_nam(std::make_unique<QNetworkAccessManager>())
{
    QString p = m_base.path();
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    m_base.setPath(p);
}

WebDavClient::~WebDavClient() = default;

QUrl WebDavClient::filesUrl(const QString& relPath) const
{
    QUrl u = m_base;
    const QString enc = encodePath(relPath);
    u.setPath(m_base.path(QUrl::FullyEncoded) + QStringLiteral("/remote.php/dav/files/") +
                  QString::fromLatin1(QUrl::toPercentEncoding(m_user)) + QLatin1Char('/') + enc,
              QUrl::TolerantMode);
    return u;
}

QUrl WebDavClient::uploadsUrl(const QString& uploadId, const QString& chunk) const
{
    QUrl u = m_base;
    QString p = m_base.path(QUrl::FullyEncoded) + QStringLiteral("/remote.php/dav/uploads/") +
                QString::fromLatin1(QUrl::toPercentEncoding(m_user)) + QLatin1Char('/') + uploadId;
    if (!chunk.isEmpty())
        p += QLatin1Char('/') + chunk;
    u.setPath(p, QUrl::TolerantMode);
    return u;
}

Result<DavReply> WebDavClient::request(const QByteArray& verb, const QUrl& url,
                                       const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body,
                                       QIODevice* device, QIODevice* sink, const std::function<void(qint64)>& progress,
                                       bool authenticated) const
{
    // 503 (maintenance, an overloaded server): wait and try again, then give up with its sentence.
    const qint64 start = device ? device->pos() : 0;
    const qint64 sinkStart = sink ? sink->pos() : 0;
    for (int attempt = 0;; ++attempt) {
        auto r = requestOnce(verb, url, headers, body, device, sink, progress, authenticated);
        if (!r || r->status != 503 || attempt >= m_retryDelaysMs.size())
            return r;
        QThread::msleep(static_cast<unsigned long>(m_retryDelaysMs.at(attempt)));
        if (device && !device->seek(start))
            return r;
        if (sink && !sink->seek(sinkStart))
            return r;
    }
}

Result<DavReply> WebDavClient::requestOnce(const QByteArray& verb, const QUrl& url,
                                           const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body,
                                           QIODevice* device, QIODevice* sink, const std::function<void(qint64)>& progress,
                                           bool authenticated) const
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    req.setTransferTimeout(m_timeoutMs);
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("ncbackup"));
    if (authenticated)
        req.setRawHeader("Authorization",
                         "Basic " + (m_user.toUtf8() + ':' + m_password).toBase64());
    for (const auto& h : headers)
        req.setRawHeader(h.first, h.second);
    QBuffer buffer;
    QIODevice* upload = device;
    if (!upload && (!body.isEmpty() || verb == "PUT" || verb == "PROPFIND")) {
        buffer.setData(body);
        buffer.open(QIODevice::ReadOnly);
        upload = &buffer;
    }
    if (upload)
        req.setHeader(QNetworkRequest::ContentLengthHeader, device ? device->size() - device->pos() : body.size());

    QNetworkReply* reply = m_nam->sendCustomRequest(req, verb, upload);
    QEventLoop loop;
    DavReply out;
    bool sinkFailed = false;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&]() {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray chunk = reply->readAll();
        if (sink && status >= 200 && status < 300) {
            if (sink->write(chunk) != chunk.size())
                sinkFailed = true;
            if (progress)
                progress(sink->pos());
        } else if (out.body.size() < (1 << 20)) {
            out.body += chunk;
        }
    });
    if (progress && upload)
        QObject::connect(reply, &QNetworkReply::uploadProgress, &loop, [&](qint64 sent, qint64) { progress(sent); });
    if (!reply->isFinished())
        loop.exec();
    const QByteArray rest = reply->readAll();
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (sink && out.status >= 200 && out.status < 300) {
        if (sink->write(rest) != rest.size())
            sinkFailed = true;
    } else {
        out.body += rest;
    }
    for (const auto& h : reply->rawHeaderPairs())
        out.headers.insert(h.first.toLower(), h.second);
    const auto netError = reply->error();
    const QString netText = reply->errorString();
    reply->deleteLater();
    if (sinkFailed)
        return Error::make(Error::Io, QStringLiteral("Could not write what %1 sent: the disk is full or not writable.")
                                          .arg(hostOf(m_base)));
    if (out.status == 0) {
        if (netError == QNetworkReply::OperationCanceledError || netError == QNetworkReply::TimeoutError)
            return Error::make(Error::Network, QStringLiteral("%1 stopped answering (no data for %2 s); try again later.")
                                                   .arg(hostOf(m_base))
                                                   .arg(m_timeoutMs / 1000));
        return Error::make(Error::Network, QStringLiteral("Could not reach %1: %2.").arg(hostOf(m_base), netText));
    }
    return out;
}

Error WebDavClient::errorFor(const DavReply& r, const QString& what) const
{
    const QString host = hostOf(m_base);
    switch (r.status) {
    case 401:
        return Error::make(Error::Auth, QStringLiteral("%1 refused the app password of %2 (HTTP 401): make a new app "
                                                       "password there and give it with 'remote update NAME "
                                                       "--app-password-file FILE'.")
                                            .arg(host, m_user));
    case 503:
        return Error::make(Error::Remote, QStringLiteral("%1 is in maintenance mode (HTTP 503); try again when the "
                                                         "admin has finished.")
                                              .arg(host));
    case 507:
        return Error::make(Error::Remote, QStringLiteral("The account %1 on %2 has no room left (HTTP 507, quota "
                                                         "full) for %3; free space there or raise the quota.")
                                              .arg(m_user, host, what));
    case 404:
        return Error::make(Error::NotFound, QStringLiteral("%1 has no %2 (HTTP 404).").arg(host, what));
    default: {
        QString msg;
        QXmlStreamReader x(r.body);
        while (!x.atEnd())
            if (x.readNext() == QXmlStreamReader::StartElement && x.name() == QLatin1String("message"))
                msg = x.readElementText();
        return Error::make(Error::Remote, QStringLiteral("%1 answered HTTP %2 to %3%4.")
                                              .arg(host)
                                              .arg(r.status)
                                              .arg(what, msg.isEmpty() ? QString() : QStringLiteral(": ") + msg));
    }
    }
}

Result<QJsonObject> WebDavClient::getJson(const QString& path, bool authenticated, bool ocs) const
{
    QUrl u = m_base;
    u.setPath(m_base.path() + path);
    QList<QPair<QByteArray, QByteArray>> h{{"Accept", "application/json"}};
    if (ocs)
        h.append(qMakePair(QByteArray("OCS-APIRequest"), QByteArray("true")));
    auto r = request("GET", u, h, {}, nullptr, nullptr, {}, authenticated);
    if (!r)
        return r.error();
    if (r->status != 200)
        return errorFor(*r, QStringLiteral("GET ") + path);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r->body, &pe);
    if (!doc.isObject())
        return Error::make(Error::Remote, QStringLiteral("%1 answered %2 with something that is not JSON; is it a "
                                                         "Nextcloud server?")
                                              .arg(hostOf(m_base), path));
    return doc.object();
}

namespace {

const QByteArray kPropfindBody =
    "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:resourcetype/><d:getcontentlength/>"
    "</d:prop></d:propfind>";

struct Parsed
{
    QString href;
    bool isDir = false;
    qint64 size = -1;
    qint64 quotaUsed = -1;
    qint64 quotaAvail = -1;
};

QList<Parsed> parseMultistatus(const QByteArray& xml)
{
    QList<Parsed> out;
    QXmlStreamReader x(xml);
    Parsed cur;
    bool inOkPropstat = true;
    Parsed pending;
    while (!x.atEnd()) {
        const auto t = x.readNext();
        if (t == QXmlStreamReader::StartElement) {
            const auto n = x.name();
            if (n == QLatin1String("response"))
                cur = Parsed{};
            else if (n == QLatin1String("href"))
                cur.href = x.readElementText();
            else if (n == QLatin1String("collection"))
                cur.isDir = true;
            else if (n == QLatin1String("getcontentlength"))
                cur.size = x.readElementText().toLongLong();
            else if (n == QLatin1String("quota-used-bytes"))
                cur.quotaUsed = x.readElementText().toLongLong();
            else if (n == QLatin1String("quota-available-bytes"))
                cur.quotaAvail = x.readElementText().toLongLong();
        } else if (t == QXmlStreamReader::EndElement && x.name() == QLatin1String("response")) {
            out.append(cur);
        }
    }
    Q_UNUSED(inOkPropstat);
    Q_UNUSED(pending);
    return out;
}

QString lastSegment(QString href)
{
    while (href.endsWith(QLatin1Char('/')))
        href.chop(1);
    return QUrl::fromPercentEncoding(href.mid(href.lastIndexOf(QLatin1Char('/')) + 1).toUtf8());
}

QString normalisedPath(const QUrl& u)
{
    QString p = QUrl::fromPercentEncoding(u.path(QUrl::FullyEncoded).toUtf8());
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p;
}

} // namespace

Result<QList<DavEntry>> WebDavClient::list(const QUrl& folder) const
{
    auto r = request("PROPFIND", folder, {{"Depth", "1"}, {"Content-Type", "application/xml"}}, kPropfindBody);
    if (!r)
        return r.error();
    if (r->status != 207)
        return errorFor(*r, QStringLiteral("folder ") + normalisedPath(folder));
    const QString self = normalisedPath(folder);
    QList<DavEntry> out;
    for (const Parsed& p : parseMultistatus(r->body)) {
        QString h = QUrl::fromPercentEncoding(QUrl(p.href).path(QUrl::FullyEncoded).toUtf8());
        while (h.endsWith(QLatin1Char('/')))
            h.chop(1);
        if (h == self)
            continue;
        out.append(DavEntry{lastSegment(p.href), p.isDir, p.isDir ? -1 : p.size});
    }
    return out;
}

Result<qint64> WebDavClient::sizeOf(const QUrl& url) const
{
    auto r = request("PROPFIND", url, {{"Depth", "0"}, {"Content-Type", "application/xml"}}, kPropfindBody);
    if (!r)
        return r.error();
    if (r->status != 207)
        return errorFor(*r, normalisedPath(url));
    const auto parsed = parseMultistatus(r->body);
    if (parsed.isEmpty())
        return Error::make(Error::Remote, QStringLiteral("%1 gave an empty answer for %2.").arg(hostOf(m_base), normalisedPath(url)));
    return parsed.first().isDir ? qint64(-1) : parsed.first().size;
}

Result<QPair<qint64, qint64>> WebDavClient::quota() const
{
    const QByteArray body = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"><d:prop><d:quota-used-bytes/>"
                            "<d:quota-available-bytes/></d:prop></d:propfind>";
    auto r = request("PROPFIND", filesUrl(QString()), {{"Depth", "0"}, {"Content-Type", "application/xml"}}, body);
    if (!r)
        return r.error();
    if (r->status != 207)
        return errorFor(*r, QStringLiteral("the files of ") + m_user);
    const auto parsed = parseMultistatus(r->body);
    if (parsed.isEmpty())
        return QPair<qint64, qint64>(-1, -3);
    return QPair<qint64, qint64>(parsed.first().quotaUsed, parsed.first().quotaAvail);
}

Status WebDavClient::mkcol(const QUrl& url) const
{
    auto r = request("MKCOL", url, {}, {});
    if (!r)
        return r.error();
    if (r->status != 201)
        return errorFor(*r, QStringLiteral("MKCOL ") + normalisedPath(url));
    return {};
}

Status WebDavClient::makePath(const QString& relPath) const
{
    QString sofar;
    for (const QString& s : relPath.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        sofar += (sofar.isEmpty() ? QString() : QStringLiteral("/")) + s;
        auto r = request("MKCOL", filesUrl(sofar), {}, {});
        if (!r)
            return r.error();
        if (r->status != 201 && r->status != 405)
            return errorFor(*r, QStringLiteral("folder ") + sofar);
    }
    return {};
}

Status WebDavClient::put(const QUrl& url, const QString& localFile, qint64 offset, qint64 length,
                         const std::function<void(qint64)>& progress) const
{
    QFile f(localFile);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot read %1: %2.").arg(localFile, f.errorString()));
    if (length < 0)
        length = f.size() - offset;
    Result<DavReply> r = Error{};
    if (offset == 0 && length == f.size()) {
        r = request("PUT", url, {}, {}, &f, nullptr, progress);
    } else {
        if (!f.seek(offset))
            return Error::make(Error::Io, QStringLiteral("Cannot read %1.").arg(localFile));
        const QByteArray part = f.read(length);
        if (part.size() != length)
            return Error::make(Error::Io, QStringLiteral("Cannot read %1: it is shorter than expected.").arg(localFile));
        QBuffer b;
        b.setData(part);
        b.open(QIODevice::ReadOnly);
        r = request("PUT", url, {}, {}, &b, nullptr, progress);
    }
    if (!r)
        return r.error();
    if (r->status != 201 && r->status != 204)
        return errorFor(*r, normalisedPath(url));
    return {};
}

Status WebDavClient::get(const QUrl& url, const QString& localFile, const std::function<void(qint64)>& progress) const
{
    QFile f(localFile);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error::make(Error::Io, QStringLiteral("Cannot write %1: %2.").arg(localFile, f.errorString()));
    auto r = request("GET", url, {}, {}, nullptr, &f, progress);
    if (!r)
        return r.error();
    if (r->status != 200)
        return errorFor(*r, normalisedPath(url));
    if (!f.flush() || !f.handle() || ::fsync(f.handle()) != 0)
        return Error::make(Error::Io, QStringLiteral("Cannot write %1: the disk is full or not writable.").arg(localFile));
    return {};
}

Status WebDavClient::move(const QUrl& from, const QUrl& to, const QList<QPair<QByteArray, QByteArray>>& headers) const
{
    auto h = headers;
    h.append(qMakePair(QByteArray("Destination"), to.toString(QUrl::FullyEncoded).toUtf8()));
    h.append(qMakePair(QByteArray("Overwrite"), QByteArray("T")));
    auto r = request("MOVE", from, h, {});
    if (!r)
        return r.error();
    if (r->status != 201 && r->status != 204)
        return errorFor(*r, normalisedPath(to));
    return {};
}

Status WebDavClient::remove(const QUrl& url) const
{
    auto r = request("DELETE", url, {}, {});
    if (!r)
        return r.error();
    if (r->status != 204 && r->status != 200 && r->status != 404)
        return errorFor(*r, normalisedPath(url));
    return {};
}

QString publicKeyFingerprint(const QByteArray& pem)
{
    QByteArray b64;
    for (const QByteArray& line : pem.split('\n')) {
        const QByteArray l = line.trimmed();
        if (l.isEmpty() || l.startsWith("-----"))
            continue;
        b64 += l;
    }
    const QByteArray der = QByteArray::fromBase64(b64);
    if (der.isEmpty())
        return {};
    QByteArray fp = QCryptographicHash::hash(der, QCryptographicHash::Sha256).toBase64();
    while (fp.endsWith('='))
        fp.chop(1);
    return QStringLiteral("SHA256:") + QString::fromLatin1(fp);
}

} // namespace ncb::remote
