#include "LoginFlow.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

namespace ncb::remote {

Result<LoginFlow> startLoginFlow(const QUrl& base)
{
    WebDavClient c(base, QString(), QByteArray());
    QUrl u = c.base();
    u.setPath(c.base().path() + QStringLiteral("/index.php/login/v2"));
    auto r = c.request("POST", u, {qMakePair(QByteArray("Accept"), QByteArray("application/json"))}, {}, nullptr,
                       nullptr, {}, false);
    if (!r)
        return r.error();
    if (r->status != 200)
        return c.errorFor(*r, QStringLiteral("the login request"));
    const QJsonObject o = QJsonDocument::fromJson(r->body).object();
    LoginFlow f;
    f.loginUrl = QUrl(o.value(QStringLiteral("login")).toString());
    const QJsonObject poll = o.value(QStringLiteral("poll")).toObject();
    f.pollEndpoint = QUrl(poll.value(QStringLiteral("endpoint")).toString());
    f.token = poll.value(QStringLiteral("token")).toString().toUtf8();
    if (!f.loginUrl.isValid() || f.token.isEmpty() || !f.pollEndpoint.isValid())
        return Error::make(Error::Remote, QStringLiteral("%1 does not offer Login Flow v2; make an app password there "
                                                         "and give it with --app-password-file.")
                                              .arg(base.host()));
    // The poll endpoint must be on the same server: the token is a secret.
    if (f.pollEndpoint.host() != base.host() || f.pollEndpoint.scheme() != base.scheme())
        return Error::make(Error::Unsafe, QStringLiteral("%1 asked to be polled at another server (%2); refused.")
                                              .arg(base.host(), f.pollEndpoint.host()));
    return f;
}

Result<LoginResult> waitForLogin(const QUrl& base, const LoginFlow& flow, int intervalMs, int timeoutMs,
                                 const CancelCheck& cancel)
{
    WebDavClient c(base, QString(), QByteArray());
    QElapsedTimer t;
    t.start();
    const QByteArray body = "token=" + QUrl::toPercentEncoding(QString::fromUtf8(flow.token));
    for (;;) {
        if (cancel && cancel())
            return Error::make(Error::Cancelled, QStringLiteral("Login stopped."));
        auto r = c.request("POST", flow.pollEndpoint,
                           {qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")),
                            qMakePair(QByteArray("Accept"), QByteArray("application/json"))},
                           body, nullptr, nullptr, {}, false);
        if (!r)
            return r.error();
        if (r->status == 200) {
            const QJsonObject o = QJsonDocument::fromJson(r->body).object();
            LoginResult out{o.value(QStringLiteral("server")).toString(), o.value(QStringLiteral("loginName")).toString(),
                            o.value(QStringLiteral("appPassword")).toString().toUtf8()};
            if (out.loginName.isEmpty() || out.appPassword.isEmpty())
                return Error::make(Error::Remote, QStringLiteral("%1 approved the login but sent no app password.").arg(base.host()));
            return out;
        }
        if (r->status != 404)
            return c.errorFor(*r, QStringLiteral("the login poll"));
        if (t.elapsed() > timeoutMs)
            return Error::make(Error::Cancelled, QStringLiteral("Nobody approved the login in the browser within %1 "
                                                                "minutes; run the command again.")
                                                     .arg(timeoutMs / 60000));
        QThread::msleep(static_cast<unsigned long>(intervalMs));
    }
}

} // namespace ncb::remote
