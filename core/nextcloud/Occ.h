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
    // The instance's name in ncbackup, for the sentences that say what to run (e.g. `restore db NAME RP`).
    void setInstanceName(const QString& name) { m_instance = name; }
    QString instanceName() const { return m_instance; }

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
    // occ could not start at all because the database lacks Nextcloud's tables (emptied, or dropped half-way
    // by an interrupted restore; Nextcloud reads oc_appconfig while it boots, in maintenance mode too): the
    // database's words, e.g. "SQLSTATE[42S02]: Base table or view not found: 1146 Table 'nc.oc_appconfig'
    // doesn't exist". Empty for any other failure.
    static QString missingTables(const OccResult& r);
    // What repairs that: "restore the database with `ncbackup-cli restore db NAME RP`" (NAME when unknown).
    static QString repairAdvice(const QString& instanceName);

private:
    host::Host& m_host;
    QString m_root;
    QString m_instance;
};

} // namespace ncb::nextcloud
