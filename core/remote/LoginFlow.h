#pragma once
// Login Flow v2: the user approves ncbackup in the browser, ncbackup polls and receives an app password
// made for it. POST <base>/index.php/login/v2 → a login URL to open and a poll token; POST the token to
// the poll endpoint: 404 until the user approved, then once 200 {server, loginName, appPassword}.
#include "WebDavClient.h"
#include "util/Progress.h"

namespace ncb::remote {

struct LoginFlow
{
    QUrl loginUrl;     // open this in the browser
    QUrl pollEndpoint;
    QByteArray token;  // secret until the flow ends
};

struct LoginResult
{
    QString server;
    QString loginName;
    QByteArray appPassword;
};

Result<LoginFlow> startLoginFlow(const QUrl& base);
// Polls every intervalMs until approved, cancelled, or timeoutMs passed (Error::Cancelled then).
Result<LoginResult> waitForLogin(const QUrl& base, const LoginFlow& flow, int intervalMs, int timeoutMs,
                                 const CancelCheck& cancel = {});

} // namespace ncb::remote
