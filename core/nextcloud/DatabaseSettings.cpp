#include "nextcloud/DatabaseSettings.h"

#include <QJsonValue>

namespace ncb::nextcloud {

QString DatabaseSettings::typeName() const
{
    switch (type) {
    case Sqlite: return QStringLiteral("sqlite3");
    case MySql: return QStringLiteral("mysql");
    case PgSql: return QStringLiteral("pgsql");
    }
    return {};
}

QString DatabaseSettings::productName() const
{
    switch (type) {
    case Sqlite: return QStringLiteral("SQLite");
    case MySql: return QStringLiteral("MariaDB/MySQL");
    case PgSql: return QStringLiteral("PostgreSQL");
    }
    return {};
}

QString DatabaseSettings::where() const
{
    if (type == Sqlite)
        return sqliteFile;
    if (!socket.isEmpty())
        return QStringLiteral("socket %1").arg(socket);
    const QString h = host.isEmpty() ? QStringLiteral("localhost") : host;
    return port.isEmpty() ? h : QStringLiteral("%1:%2").arg(h, port);
}

QJsonObject DatabaseSettings::toJson() const
{
    QJsonObject o{{QStringLiteral("type"), typeName()},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("tablePrefix"), tablePrefix}};
    if (type == Sqlite) {
        o.insert(QStringLiteral("file"), sqliteFile);
    } else {
        o.insert(QStringLiteral("host"), host);
        o.insert(QStringLiteral("port"), port);
        o.insert(QStringLiteral("socket"), socket);
        o.insert(QStringLiteral("user"), user);
    }
    return o;
}

static QString str(const QJsonObject& c, const char* key)
{
    const QJsonValue v = c.value(QLatin1String(key));
    if (v.isDouble())
        return QString::number(v.toInteger());
    return v.toString();
}

void DatabaseSettings::parseHost(Type type, const QString& dbhost, const QString& dbport, QString* host,
                                 QString* port, QString* socket)
{
    QString h = dbhost.trimmed();
    QString p = dbport.trimmed();
    QString s;
    if (type == PgSql && h.startsWith(QLatin1Char('/'))) {
        s = h;
        h.clear();
    } else if (h.startsWith(QLatin1Char('['))) { // [::1] or [::1]:5432
        const int close = h.indexOf(QLatin1Char(']'));
        if (close > 0) {
            const QString rest = h.mid(close + 1);
            if (rest.startsWith(QLatin1Char(':')))
                p = rest.mid(1);
            h = h.mid(1, close - 1);
        }
    } else if (h.count(QLatin1Char(':')) == 1) {
        const int colon = h.indexOf(QLatin1Char(':'));
        const QString rest = h.mid(colon + 1);
        h = h.left(colon);
        bool numeric = false;
        rest.toUInt(&numeric);
        if (numeric)
            p = rest;
        else
            s = rest;
    }
    *host = h;
    *port = p;
    *socket = s;
}

Result<DatabaseSettings> DatabaseSettings::fromConfig(const QJsonObject& c)
{
    DatabaseSettings d;
    const QString t = str(c, "dbtype").isEmpty() ? QStringLiteral("sqlite3") : str(c, "dbtype");
    if (t == QLatin1String("sqlite3") || t == QLatin1String("sqlite"))
        d.type = Sqlite;
    else if (t == QLatin1String("mysql"))
        d.type = MySql;
    else if (t == QLatin1String("pgsql"))
        d.type = PgSql;
    else
        return Error::make(Error::Remote,
                           QStringLiteral("The database type \"%1\" in config.php is not supported: ncbackup backs "
                                          "up SQLite, MariaDB/MySQL and PostgreSQL.").arg(t));
    d.name = str(c, "dbname");
    if (d.name.isEmpty())
        d.name = d.type == Sqlite ? QStringLiteral("owncloud") : QStringLiteral("nextcloud");
    if (c.contains(QLatin1String("dbtableprefix")))
        d.tablePrefix = str(c, "dbtableprefix");
    d.user = str(c, "dbuser");
    d.password = str(c, "dbpassword").toUtf8();
    if (d.type == Sqlite) {
        const QString dataDir = str(c, "datadirectory");
        if (dataDir.isEmpty())
            return Error::make(Error::Remote,
                               QStringLiteral("config.php has no datadirectory, so the SQLite database cannot be found."));
        QString dir = dataDir;
        while (dir.size() > 1 && dir.endsWith(QLatin1Char('/')))
            dir.chop(1);
        d.sqliteFile = dir + QLatin1Char('/') + d.name + QStringLiteral(".db");
    } else {
        QString dbhost = str(c, "dbhost");
        parseHost(d.type, dbhost, str(c, "dbport"), &d.host, &d.port, &d.socket);
    }
    return d;
}

} // namespace ncb::nextcloud
