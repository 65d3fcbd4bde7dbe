#pragma once
// DatabaseRestorer: puts a dump made by DatabaseDumper back into an instance's database, fed as a stream
// (the caller writes the dump as it reads it out of a Restoring Point):
//   MariaDB/MySQL  checks the credentials, DROP + CREATE DATABASE ... utf8mb4 / utf8mb4_general_ci, then
//                  `mariadb` (or mysql) reads the SQL from stdin;
//   PostgreSQL     checks the credentials, then pg_restore --clean --if-exists --single-transaction;
//   SQLite         the file is written next to the database, checked (PRAGMA integrity_check), then
//                  replaces it, with the old -wal/-shm/-journal removed.
// For a copy of an instance beside it (restore instance into a new root) ensureDatabase() first makes
// the copy's own database on its server, like the source's (MariaDB: the character set and collation
// information_schema.SCHEMATA gives the source; PostgreSQL: its encoding and locale, TEMPLATE template0),
// through the copy's account; an account that may not create databases gets one sentence naming the SQL
// an admin must run. MariaDB's DROP + CREATE keeps the character set and collation the database had.
// Credentials as for the dump: a temporary option file / passfile, never a command line. A refused
// password is found before anything is dropped.

#include "host/Host.h"
#include "nextcloud/DatabaseAccess.h"
#include "nextcloud/DatabaseSettings.h"
#include "nextcloud/InstanceOwner.h"
#include "util/Result.h"

#include <functional>
#include <memory>
#include <optional>

namespace ncb::nextcloud {

class DatabaseRestore
{
public:
    DatabaseRestore(std::unique_ptr<DatabaseAccess> access, std::unique_ptr<host::ExecStream> stream);
    ~DatabaseRestore();
    Status write(const char* data, qint64 len);
    Status finish();

private:
    std::unique_ptr<DatabaseAccess> m_access;
    std::unique_ptr<host::ExecStream> m_stream;
    bool m_finished = false;
};

class DatabaseRestorer
{
public:
    DatabaseRestorer(host::Host& host, DatabaseSettings settings); // settings with the password
    // SQLite: the restored file is given to the instance's owner before it replaces the database
    // (InstanceOwner::chownCommand; nothing when the commands run as the owner). MariaDB/PostgreSQL write no file.
    void setOwner(const InstanceOwner& owner) { m_owner = owner; }
    // Checks the credentials and empties the database (MariaDB/PostgreSQL), then starts the import.
    // beforeChange runs right before the first step that changes the database and cannot be undone by a
    // failure or a kill (MariaDB's DROP DATABASE; PostgreSQL's single transaction and SQLite's file
    // replaced by rename are all-or-nothing, so it does not run for them); its error stops the restore.
    Result<std::unique_ptr<DatabaseRestore>> start(const std::function<Status()>& beforeChange = {});
    // The copy's database (this restorer's settings) on its server: created like `source` when missing
    // (Error::Remote naming the SQL an admin must run when the account may not create it); `tables`
    // says how many tables it already holds. MariaDB and PostgreSQL only.
    struct Target
    {
        bool created = false;
        int tables = 0;
    };
    Result<Target> ensureDatabase(const DatabaseSettings& source);
    // Convenience: the whole dump from a local file.
    Status restoreFromFile(const QString& path);

private:
    Status checkCredentials(DatabaseAccess& access);
    // Runs one SQL text through the client with these settings (database `db`, empty: none); -N -B output.
    Result<host::ExecResult> query(const DatabaseSettings& settings, const QString& sql, const QString& db);

    host::Host& m_host;
    DatabaseSettings m_settings;
    std::optional<InstanceOwner> m_owner;
};

} // namespace ncb::nextcloud
