#pragma once
// DatabaseSettings: how to reach an instance's database, taken from its config.php (dbtype, dbname,
// dbhost, dbport, dbuser, dbpassword, dbtableprefix, datadirectory). dbhost is parsed the way
// Nextcloud does: "host", "host:port", "[v6]:port", "host:/path/to.sock" (MySQL socket) and, for
// PostgreSQL, "/socket/dir" or "host:/socket/dir".
// The password is held only in memory: toJson() never includes it.

#include "util/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ncb::nextcloud {

struct DatabaseSettings
{
    enum Type { Sqlite, MySql, PgSql };
    Type type = Sqlite;
    QString name;        // dbname
    QString host;        // host name or address (empty: the client's default)
    QString port;        // empty: default
    QString socket;      // MySQL: socket file; PostgreSQL: socket folder
    QString user;
    QByteArray password; // secret
    QString tablePrefix = QStringLiteral("oc_");
    QString sqliteFile;  // SQLite: <datadirectory>/<dbname>.db

    QString typeName() const;      // "sqlite3", "mysql", "pgsql" as in config.php
    QString productName() const;   // "SQLite", "MariaDB/MySQL", "PostgreSQL"
    QString where() const;         // "127.0.0.1:3306", "socket /run/mysqld/mysqld.sock", the file
    QJsonObject toJson() const;    // no password

    // From a merged $CONFIG (as read by ServerConfig, with dbpassword when it was asked for).
    static Result<DatabaseSettings> fromConfig(const QJsonObject& config);
    // Splits dbhost (+ dbport) into host/port/socket for the given type.
    static void parseHost(Type type, const QString& dbhost, const QString& dbport, QString* host, QString* port,
                          QString* socket);
};

} // namespace ncb::nextcloud
