#include "nextcloud/DatabaseRestorer.h"

#include <QFile>
#include <QRegularExpression>

namespace ncb::nextcloud {

using host::Host;

DatabaseRestore::DatabaseRestore(std::unique_ptr<DatabaseAccess> access, std::unique_ptr<host::ExecStream> stream)
    : m_access(std::move(access)), m_stream(std::move(stream))
{
}

DatabaseRestore::~DatabaseRestore()
{
    if (!m_finished)
        m_stream.reset(); // kills the import; the access removes its folder
    else
        m_access->forgetTempDir();
}

Status DatabaseRestore::write(const char* data, qint64 len)
{
    Status s = m_stream->write(data, len);
    if (!s) {
        // the tool stopped reading: its own message says why
        auto fin = m_stream->finish();
        m_finished = true;
        if (fin && fin->exitCode != 0)
            return m_access->failure(QStringLiteral("restore"), fin->exitCode, fin->err);
        return s;
    }
    return {};
}

Status DatabaseRestore::finish()
{
    if (m_finished)
        return Error::make(Error::Remote, QStringLiteral("The database restore failed: the import already stopped."));
    auto fin = m_stream->finish();
    m_finished = true;
    if (!fin) {
        m_access->cleanup();
        return fin.error();
    }
    if (fin->exitCode != 0)
        return m_access->failure(QStringLiteral("restore"), fin->exitCode, fin->err);
    return {};
}

DatabaseRestorer::DatabaseRestorer(host::Host& host, DatabaseSettings settings)
    : m_host(host), m_settings(std::move(settings))
{
}

static QString mysqlIdent(const QString& name)
{
    return QLatin1Char('`') + QString(name).replace(QLatin1Char('`'), QStringLiteral("``")) + QLatin1Char('`');
}

static QString sqlString(const QString& v)
{
    QString o = v;
    o.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + o + QLatin1Char('\'');
}

static QString pgIdent(const QString& name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

static QString pgString(const QString& v)
{
    return QLatin1Char('\'') + QString(v).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
}

// A character set, collation or locale name as the servers print them (nothing to quote).
static bool plainName(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.@-]{1,64}$"));
    return re.match(s).hasMatch();
}

// MariaDB: the character set and collation of database `name`, as information_schema.SCHEMATA holds them
// (run with `access`); empty when the database does not exist or cannot be seen.
static Result<QStringList> mysqlCharset(host::Host& h, DatabaseAccess& access, const QString& name)
{
    host::ExecOptions opt;
    opt.timeoutMs = 60000;
    const QString sql = QStringLiteral("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM "
                                       "information_schema.SCHEMATA WHERE SCHEMA_NAME = %1").arg(sqlString(name));
    auto r = h.exec(access.pickMysqlTool(false) + QStringLiteral("\"$p\" %1 -N -B -e %2").arg(access.mysqlOptions(), Host::quote(sql)),
                    opt);
    if (!r)
        return r.error();
    if (r->exitCode != 0)
        return access.failure(QStringLiteral("restore"), r->exitCode, r->err);
    const QStringList f = QString::fromUtf8(r->out.trimmed()).split(QLatin1Char('\t'));
    if (f.size() == 2 && plainName(f[0]) && plainName(f[1]))
        return f;
    return QStringList();
}

Result<host::ExecResult> DatabaseRestorer::query(const DatabaseSettings& settings, const QString& sql, const QString& db)
{
    DatabaseAccess access(m_host, settings);
    NCB_TRY(access.prepare());
    host::ExecOptions opt;
    opt.timeoutMs = 120000;
    QString cmd;
    if (settings.type == DatabaseSettings::MySql)
        cmd = access.pickMysqlTool(false)
            + QStringLiteral("\"$p\" %1 -N -B%2 -e %3")
                  .arg(access.mysqlOptions(), db.isEmpty() ? QString() : QStringLiteral(" -D ") + Host::quote(db), Host::quote(sql));
    else
        cmd = QStringLiteral("command -v psql >/dev/null 2>&1 || { echo 'psql: command not found' >&2; exit 127; }; "
                             "%1 psql -X -q -A -t -v ON_ERROR_STOP=1%2 -d %3 -c %4")
                  .arg(access.pgEnvPrefix(), access.pgConnectionArgs(), Host::quote(db), Host::quote(sql));
    auto r = m_host.exec(cmd, opt);
    if (!r)
        return r.error();
    return r.value();
}

Result<DatabaseRestorer::Target> DatabaseRestorer::ensureDatabase(const DatabaseSettings& source)
{
    const DatabaseSettings& t = m_settings;
    Target out;
    DatabaseAccess access(m_host, t); // for the sentences
    if (t.type == DatabaseSettings::MySql) {
        // Like the source: its character set and collation (utf8mb4 / utf8mb4_general_ci, as Nextcloud
        // makes it, when the source cannot be asked).
        QStringList cs{QStringLiteral("utf8mb4"), QStringLiteral("utf8mb4_general_ci")};
        {
            DatabaseAccess src(m_host, source);
            if (src.prepare()) {
                auto c = mysqlCharset(m_host, src, source.name);
                if (c && c->size() == 2)
                    cs = c.value();
            }
        }
        auto r = query(t, QStringLiteral("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %1; "
                                         "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = %1; SELECT CURRENT_USER()")
                              .arg(sqlString(t.name)), {});
        if (!r)
            return r.error();
        if (r->exitCode != 0)
            return access.failure(QStringLiteral("restore"), r->exitCode, r->err);
        const QList<QByteArray> l = r->out.trimmed().split('\n');
        const bool exists = l.value(0).trimmed() == "1";
        out.tables = l.value(1).trimmed().toInt();
        // The account as the server knows it ('user'@'host'), for the GRANT an admin may have to run.
        const QString current = QString::fromUtf8(l.value(2).trimmed());
        const int at = current.lastIndexOf(QLatin1Char('@'));
        const QString account = at > 0 ? sqlString(current.left(at)) + QLatin1Char('@') + sqlString(current.mid(at + 1))
                                       : sqlString(t.user) + QStringLiteral("@'%'");
        if (exists)
            return out;
        const QString create = QStringLiteral("CREATE DATABASE %1 CHARACTER SET %2 COLLATE %3").arg(mysqlIdent(t.name), cs[0], cs[1]);
        auto c = query(t, create, {});
        if (!c)
            return c.error();
        if (c->exitCode != 0) {
            if (c->err.contains("Access denied") || c->err.contains("command denied"))
                return Error::make(Error::Remote,
                                   QStringLiteral("The database account %1 may not create the database %2 on %3: have an admin run "
                                                  "\"%4; GRANT ALL PRIVILEGES ON %5.* TO %6;\" (or name an existing empty "
                                                  "database with --to-db). Nothing was restored.")
                                       .arg(t.user, t.name, t.where(), create, mysqlIdent(t.name), account));
            return access.failure(QStringLiteral("restore"), c->exitCode, c->err);
        }
        out.created = true;
        return out;
    }
    if (t.type != DatabaseSettings::PgSql)
        return out;
    // Encoding and locale of the source (UTF8 and the server's default when it cannot be asked).
    QString enc = QStringLiteral("UTF8"), collate, ctype;
    {
        DatabaseRestorer src(m_host, source);
        auto r = src.query(source, QStringLiteral("SELECT pg_encoding_to_char(encoding) || '|' || datcollate || '|' || datctype "
                                                  "FROM pg_database WHERE datname = %1").arg(pgString(source.name)),
                           source.name);
        if (r && r->exitCode == 0) {
            const QStringList f = QString::fromUtf8(r->out.trimmed()).split(QLatin1Char('|'));
            if (f.size() == 3 && plainName(f[0]) && plainName(f[1]) && plainName(f[2])) {
                enc = f[0];
                collate = f[1];
                ctype = f[2];
            }
        }
    }
    // Ask from the source's database when the copy lives on the same server (the account may connect
    // there), else from "postgres".
    const bool sameServer = t.host == source.host && t.port == source.port && t.socket == source.socket;
    const QString askDb = sameServer ? source.name : QStringLiteral("postgres");
    auto r = query(t, QStringLiteral("SELECT COUNT(*) FROM pg_database WHERE datname = %1").arg(pgString(t.name)), askDb);
    if (!r)
        return r.error();
    if (r->exitCode != 0)
        return access.failure(QStringLiteral("restore"), r->exitCode, r->err);
    if (r->out.trimmed() == "1") {
        auto n = query(t, QStringLiteral("SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                         "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                                         "AND n.nspname NOT LIKE 'pg_toast%'"),
                       t.name);
        if (!n)
            return n.error();
        if (n->exitCode != 0)
            return access.failure(QStringLiteral("restore"), n->exitCode, n->err);
        out.tables = n->out.trimmed().toInt();
        return out;
    }
    QString create = QStringLiteral("CREATE DATABASE %1 TEMPLATE template0 ENCODING %2").arg(pgIdent(t.name), pgString(enc));
    if (!collate.isEmpty())
        create += QStringLiteral(" LC_COLLATE %1 LC_CTYPE %2").arg(pgString(collate), pgString(ctype));
    auto c = query(t, create, askDb);
    if (!c)
        return c.error();
    if (c->exitCode != 0) {
        if (c->err.contains("permission denied"))
            return Error::make(Error::Remote,
                               QStringLiteral("The database role %1 may not create the database %2 on %3: have an admin run "
                                              "\"%4 OWNER %5;\" (or name an existing empty database with --to-db). Nothing was "
                                              "restored.")
                                   .arg(t.user, t.name, t.where(), create, pgIdent(t.user)));
        return access.failure(QStringLiteral("restore"), c->exitCode, c->err);
    }
    out.created = true;
    return out;
}

Status DatabaseRestorer::checkCredentials(DatabaseAccess& access)
{
    host::ExecOptions opt;
    opt.timeoutMs = 60000;
    QString cmd;
    if (m_settings.type == DatabaseSettings::MySql)
        cmd = access.pickMysqlTool(false) + QStringLiteral("\"$p\" %1 -e 'SELECT 1' >/dev/null").arg(access.mysqlOptions());
    else
        cmd = QStringLiteral("command -v pg_restore >/dev/null 2>&1 || { echo 'pg_restore: command not found' >&2; exit 127; }; "
                             "command -v psql >/dev/null 2>&1 || { echo 'psql: command not found' >&2; exit 127; }; "
                             "%1 psql -X -q%2 -d %3 -c 'SELECT 1' >/dev/null")
                  .arg(access.pgEnvPrefix(), access.pgConnectionArgs(), Host::quote(m_settings.name));
    auto r = m_host.exec(cmd, opt);
    if (!r)
        return r.error();
    if (r->exitCode != 0)
        return access.failure(QStringLiteral("restore"), r->exitCode, r->err);
    return {};
}

Result<std::unique_ptr<DatabaseRestore>> DatabaseRestorer::start(const std::function<Status()>& beforeChange)
{
    auto access = std::make_unique<DatabaseAccess>(m_host, m_settings);
    NCB_TRY(access->prepare());
    const QString d = Host::quote(access->tempDir());
    QString script;
    switch (m_settings.type) {
    case DatabaseSettings::MySql: {
        // Checks the credentials, and keeps the database's character set and collation through DROP + CREATE.
        auto cs = mysqlCharset(m_host, *access, m_settings.name);
        if (!cs)
            return cs.error();
        if (cs->size() != 2)
            cs.value() = QStringList{QStringLiteral("utf8mb4"), QStringLiteral("utf8mb4_general_ci")};
        if (beforeChange)
            NCB_TRY(beforeChange());
        const QString sql = QStringLiteral("DROP DATABASE IF EXISTS %1; CREATE DATABASE %1 CHARACTER SET %2 "
                                           "COLLATE %3;")
                                .arg(mysqlIdent(m_settings.name), cs->at(0), cs->at(1));
        host::ExecOptions opt;
        opt.timeoutMs = 300000;
        auto r = m_host.exec(access->pickMysqlTool(false)
                                 + QStringLiteral("\"$p\" %1 -e %2").arg(access->mysqlOptions(), Host::quote(sql)),
                             opt);
        if (!r)
            return r.error();
        if (r->exitCode != 0)
            return access->failure(QStringLiteral("restore"), r->exitCode, r->err);
        script = access->pickMysqlTool(false)
               + QStringLiteral("\"$p\" %1 --default-character-set=utf8mb4 -- %2")
                     .arg(access->mysqlOptions(), Host::quote(m_settings.name))
               + access->cleanupTail();
        break;
    }
    case DatabaseSettings::PgSql:
        NCB_TRY(checkCredentials(*access));
        script = QStringLiteral("%1 pg_restore --clean --if-exists --no-owner --single-transaction%2 -d %3")
                     .arg(access->pgEnvPrefix(), access->pgConnectionArgs(), Host::quote(m_settings.name))
               + access->cleanupTail();
        break;
    case DatabaseSettings::Sqlite: {
        const QString db = Host::quote(m_settings.sqliteFile);
        const QString tmp = Host::quote(m_settings.sqliteFile + QStringLiteral(".ncbackup-restore"));
        script = QStringLiteral(
                     "command -v sqlite3 >/dev/null 2>&1 || { echo 'sqlite3: command not found' >&2; rm -rf %1; exit 127; }; "
                     "umask 007; cat > %2 || { rm -f %2; false; }")
                     .arg(d, tmp)
               + QStringLiteral(" && { [ \"$(head -c 15 %1)\" = 'SQLite format 3' ] || { echo 'the restored file is not an "
                                "SQLite database' >&2; rm -f %1; false; }; }"
                                " && { c=$(sqlite3 %1 'PRAGMA integrity_check' 2>&1); [ \"$c\" = ok ] || { echo \"the restored "
                                "database is damaged: $c\" >&2; rm -f %1; false; }; }"
                                " && { [ ! -f %2 ] || chmod --reference=%2 %1 2>/dev/null || true; }"
                                " && { %3 || { rm -f %1; false; }; }"
                                " && rm -f %2-wal %2-shm %2-journal && mv -f %1 %2")
                     .arg(tmp, db, m_owner ? m_owner->chownCommand(tmp) : QStringLiteral(":"))
               + access->cleanupTail();
        break;
    }
    }
    host::ExecOptions opt;
    opt.timeoutMs = 0;
    auto stream = m_host.start(script, opt);
    if (!stream)
        return stream.error();
    return std::make_unique<DatabaseRestore>(std::move(access), std::move(stream.value()));
}

Status DatabaseRestorer::restoreFromFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot read %1: %2.").arg(path, f.errorString()));
    auto restore = start();
    if (!restore)
        return restore.error();
    QByteArray buf(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(buf.data(), buf.size());
        if (n < 0)
            return Error::make(Error::Io, QStringLiteral("Cannot read %1: %2.").arg(path, f.errorString()));
        if (n == 0)
            break;
        NCB_TRY(restore.value()->write(buf.constData(), n));
    }
    return restore.value()->finish();
}

} // namespace ncb::nextcloud
