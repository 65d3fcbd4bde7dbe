#pragma once
// DatabaseDumper: dumps an instance's database on its host as a stream the caller pulls (so the snapshot
// layer chunks it without holding it in memory):
//   MariaDB/MySQL  mariadb-dump (or mysqldump) --single-transaction --quick --routines --events, utf8mb4,
//                  credentials through a temporary option file (--defaults-extra-file), SQL text;
//   PostgreSQL     pg_dump -Fc with a temporary passfile (PGPASSFILE), custom format;
//   SQLite         sqlite3 ".backup" (online, consistent) into a temporary file, streamed with cat.
// Only finish() says whether the dump is complete: a caller keeps what it read only when it succeeds.

#include "host/Host.h"
#include "nextcloud/DatabaseAccess.h"
#include "nextcloud/DatabaseSettings.h"
#include "util/Result.h"

#include <memory>

namespace ncb::nextcloud {

// A running dump. read() like ExecStream::read(); finish() gives the byte count or one sentence.
class DatabaseDump
{
public:
    DatabaseDump(std::unique_ptr<DatabaseAccess> access, std::unique_ptr<host::ExecStream> stream);
    ~DatabaseDump();
    qint64 read(char* buf, qint64 max);
    Result<qint64> finish();
    qint64 bytesRead() const { return m_bytes; }
    // The private temporary folder on the host (credentials, SQLite copy); gone once the dump ended.
    QString tempDir() const { return m_tempDir; }

private:
    std::unique_ptr<DatabaseAccess> m_access;
    std::unique_ptr<host::ExecStream> m_stream;
    qint64 m_bytes = 0;
    QString m_tempDir;
    QByteArray m_head; // first bytes (SQLite header check)
    QByteArray m_tail; // last bytes (MariaDB "-- Dump completed" check)
    bool m_finished = false;
};

class DatabaseDumper
{
public:
    DatabaseDumper(host::Host& host, DatabaseSettings settings); // settings with the password
    Result<std::unique_ptr<DatabaseDump>> start();
    // Convenience: the whole dump into a local file, written to a temporary file and renamed only when complete.
    Result<qint64> dumpToFile(const QString& path);
    // "database.sql", "database.pgdump" or "<dbname>.db": the name the dump has inside a Restoring Point.
    QString fileName() const;

private:
    host::Host& m_host;
    DatabaseSettings m_settings;
};

} // namespace ncb::nextcloud
