#pragma once
// Occ: the Nextcloud console (`php occ ...`) run from the server root through a Host, as the Host's
// runAs user (occ refuses anyone but the owner of config/config.php). Every failure becomes one
// sentence naming the command and what occ said.

#include "host/Host.h"
#include "util/Result.h"

#include <QJsonDocument>
#include <QStringList>

namespace ncb::nextcloud {

struct OccResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class Occ
{
public:
    Occ(host::Host& host, QString serverRoot);

    host::Host& host() const { return m_host; }
    QString serverRoot() const { return m_root; }

    // Runs `php occ ARGS` from the server root. A non-zero exit is a value here; only "cannot run it at
    // all" (host unreachable, sudo refusing, timeout) is an error.
    Result<OccResult> run(const QStringList& args, int timeoutMs = 300000) const;
    // As run(), but a non-zero exit is an Error::Remote: "occ ARGS failed on HOST: <first line>."
    Result<QByteArray> runChecked(const QStringList& args, int timeoutMs = 300000) const;
    // runChecked() plus JSON parsing of stdout (commands with --output=json).
    Result<QJsonDocument> json(const QStringList& args, int timeoutMs = 300000) const;

    // The sentence for a failed occ call (exposed for callers that inspect run() results themselves).
    Error failure(const QStringList& args, const OccResult& r) const;
    // First non-blank line of stderr, else of stdout (Symfony pads its error blocks with blank lines).
    static QString firstLine(const OccResult& r);

private:
    host::Host& m_host;
    QString m_root;
};

} // namespace ncb::nextcloud
