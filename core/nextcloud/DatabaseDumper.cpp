#include "nextcloud/DatabaseDumper.h"

#include <QFile>
#include <QSaveFile>

namespace ncb::nextcloud {

using host::Host;

DatabaseDump::DatabaseDump(std::unique_ptr<DatabaseAccess> access, std::unique_ptr<host::ExecStream> stream)
    : m_access(std::move(access)), m_stream(std::move(stream)), m_tempDir(m_access->tempDir())
{
}

DatabaseDump::~DatabaseDump()
{
    if (!m_finished) {
        m_stream.reset(); // closes the channel / kills the process
        // the dump script is gone before it could clean up: remove the credentials folder ourselves
    } else {
        m_access->forgetTempDir();
    }
}

qint64 DatabaseDump::read(char* buf, qint64 max)
{
    const qint64 n = m_stream->read(buf, max);
    if (n > 0) {
        if (m_head.size() < 16)
            m_head.append(buf, std::min<qint64>(n, 16 - m_head.size()));
        m_tail.append(buf, n);
        if (m_tail.size() > 256)
            m_tail = m_tail.right(256);
        m_bytes += n;
    }
    return n;
}

Result<qint64> DatabaseDump::finish()
{
    // drain what is left (the caller may stop early on its own error; then the dump is incomplete anyway)
    auto fin = m_stream->finish();
    m_finished = true;
    if (!fin) {
        m_access->cleanup();
        return fin.error();
    }
    m_access->forgetTempDir(); // the script removed it
    if (fin->exitCode != 0)
        return m_access->failure(QStringLiteral("dump"), fin->exitCode, fin->err);
    m_bytes += fin->out.size();
    const DatabaseSettings& s = m_access->settings();
    if (s.type == DatabaseSettings::MySql && !m_tail.contains("-- Dump completed"))
        return Error::make(Error::Remote, QStringLiteral("The database dump failed: the dump from %1 ended before "
                                                         "\"Dump completed\".").arg(m_access->host().displayName()));
    if (s.type == DatabaseSettings::Sqlite && !m_head.startsWith(QByteArray("SQLite format 3\0", 16)))
        return Error::make(Error::Remote, QStringLiteral("The database dump failed: the SQLite backup of %1 is not a "
                                                         "database file.").arg(s.sqliteFile));
    if (s.type == DatabaseSettings::PgSql && !m_head.startsWith("PGDMP"))
        return Error::make(Error::Remote, QStringLiteral("The database dump failed: pg_dump on %1 did not write a "
                                                         "custom-format archive.").arg(m_access->host().displayName()));
    return m_bytes;
}

DatabaseDumper::DatabaseDumper(host::Host& host, DatabaseSettings settings) : m_host(host), m_settings(std::move(settings)) {}

QString DatabaseDumper::fileName() const
{
    switch (m_settings.type) {
    case DatabaseSettings::MySql: return QStringLiteral("database.sql");
    case DatabaseSettings::PgSql: return QStringLiteral("database.pgdump");
    case DatabaseSettings::Sqlite: return m_settings.name + QStringLiteral(".db");
    }
    return {};
}

Result<std::unique_ptr<DatabaseDump>> DatabaseDumper::start()
{
    auto access = std::make_unique<DatabaseAccess>(m_host, m_settings);
    NCB_TRY(access->prepare());
    const QString d = Host::quote(access->tempDir());
    QString script;
    switch (m_settings.type) {
    case DatabaseSettings::MySql:
        script = access->pickMysqlTool(true)
               + QStringLiteral("\"$p\" %1 --single-transaction --quick --default-character-set=utf8mb4 --routines "
                                "--events --hex-blob --no-tablespaces -- %2")
                     .arg(access->mysqlOptions(), Host::quote(m_settings.name))
               + access->cleanupTail();
        break;
    case DatabaseSettings::PgSql:
        script = QStringLiteral("command -v pg_dump >/dev/null 2>&1 || { echo 'pg_dump: command not found' >&2; rm -rf %1; "
                                "exit 127; }; %2 pg_dump -Fc%3 -d %4")
                     .arg(d, access->pgEnvPrefix(), access->pgConnectionArgs(), Host::quote(m_settings.name))
               + access->cleanupTail();
        break;
    case DatabaseSettings::Sqlite:
        script = QStringLiteral("command -v sqlite3 >/dev/null 2>&1 || { echo 'sqlite3: command not found' >&2; rm -rf %1; "
                                "exit 127; }; if [ ! -f %2 ]; then echo 'the database file %3 does not exist' >&2; false; "
                                "else sqlite3 -bail -cmd '.timeout 20000' %2 %4 && cat %1/db; fi")
                     .arg(d, Host::quote(m_settings.sqliteFile), QString(m_settings.sqliteFile).remove(QLatin1Char('\'')),
                          Host::quote(QStringLiteral(".backup \"%1/db\"").arg(access->tempDir())))
               + access->cleanupTail();
        break;
    }
    host::ExecOptions opt;
    opt.timeoutMs = 0; // a big database takes as long as it takes
    auto stream = m_host.start(script, opt);
    if (!stream)
        return stream.error();
    if (Status s = stream.value()->closeStdin(); !s)
        return s.error();
    return std::make_unique<DatabaseDump>(std::move(access), std::move(stream.value()));
}

Result<qint64> DatabaseDumper::dumpToFile(const QString& path)
{
    auto dump = start();
    if (!dump)
        return dump.error();
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot write %1: %2.").arg(path, f.errorString()));
    QByteArray buf(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = dump.value()->read(buf.data(), buf.size());
        if (n < 0) {
            f.cancelWriting();
            auto fin = dump.value()->finish();
            return fin ? Error::make(Error::Network, QStringLiteral("The database dump failed: the stream from %1 broke.")
                                                         .arg(m_host.displayName()))
                       : fin.error();
        }
        if (n == 0)
            break;
        if (f.write(buf.constData(), n) != n) {
            f.cancelWriting();
            return Error::make(Error::Io, QStringLiteral("Cannot write %1: %2.").arg(path, f.errorString()));
        }
    }
    auto fin = dump.value()->finish();
    if (!fin) {
        f.cancelWriting();
        return fin.error();
    }
    if (!f.commit())
        return Error::make(Error::Io, QStringLiteral("Cannot write %1: %2.").arg(path, f.errorString()));
    return fin.value();
}

} // namespace ncb::nextcloud
