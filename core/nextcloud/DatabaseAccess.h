#pragma once
// DatabaseAccess: what DatabaseDumper and DatabaseRestorer share — a private temporary folder on the
// host holding the credentials from config.php (a MariaDB option file or a PostgreSQL passfile, mode 600
// under umask 077, written through stdin: the password is never on a command line), the shell words that
// call the client tools with them, and one sentence for what the tools answer when they fail.

#include "host/Host.h"
#include "nextcloud/DatabaseSettings.h"
#include "util/Result.h"

namespace ncb::nextcloud {

class DatabaseAccess
{
public:
    DatabaseAccess(host::Host& host, DatabaseSettings settings);
    ~DatabaseAccess(); // removes the temporary folder if still there
    DatabaseAccess(const DatabaseAccess&) = delete;
    DatabaseAccess& operator=(const DatabaseAccess&) = delete;

    host::Host& host() const { return m_host; }
    const DatabaseSettings& settings() const { return m_settings; }

    // Creates the temporary folder (and the credentials file for MariaDB/PostgreSQL). Idempotent.
    Status prepare();
    QString tempDir() const { return m_dir; } // absolute, safe to put in single quotes
    // Removes the temporary folder now.
    void cleanup();
    // The scripts below remove the folder themselves when they end; call this after such a script ran.
    void forgetTempDir() { m_dir.clear(); }

    // Shell fragments (quoted as needed), for use after prepare():
    // MariaDB: sets $p to mariadb-dump/mysqldump (dump) or mariadb/mysql (client), exit 127 when missing.
    QString pickMysqlTool(bool dump) const;
    QString mysqlOptions() const;      // --defaults-extra-file=...
    QString pgEnvPrefix() const;       // PGPASSFILE=... (env assignment put before the command)
    QString pgConnectionArgs() const;  // -h ... -p ... -U ... -w
    // "; rc=$?; rm -rf DIR; exit $rc" appended to a script so the folder goes away with it.
    QString cleanupTail() const;

    // One sentence for a failed tool run. action: "dump" or "restore".
    Error failure(const QString& action, int exitCode, const QByteArray& err) const;

private:
    host::Host& m_host;
    DatabaseSettings m_settings;
    QString m_dir;
};

} // namespace ncb::nextcloud
