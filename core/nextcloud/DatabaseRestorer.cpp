#include "nextcloud/DatabaseRestorer.h"

#include <QFile>

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
        NCB_TRY(checkCredentials(*access));
        if (beforeChange)
            NCB_TRY(beforeChange());
        const QString sql = QStringLiteral("DROP DATABASE IF EXISTS %1; CREATE DATABASE %1 CHARACTER SET utf8mb4 "
                                           "COLLATE utf8mb4_general_ci;")
                                .arg(mysqlIdent(m_settings.name));
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
