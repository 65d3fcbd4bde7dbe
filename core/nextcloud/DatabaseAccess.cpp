#include "nextcloud/DatabaseAccess.h"

#include <QLoggingCategory>
#include <QRegularExpression>

Q_DECLARE_LOGGING_CATEGORY(lcNextcloud)

namespace ncb::nextcloud {

using host::Host;

DatabaseAccess::DatabaseAccess(host::Host& host, DatabaseSettings settings)
    : m_host(host), m_settings(std::move(settings))
{
}

DatabaseAccess::~DatabaseAccess() { cleanup(); }

// A MariaDB option file value: double-quoted, with the escapes my_default.c understands.
static QByteArray optionValue(const QByteArray& v)
{
    QByteArray o = "\"";
    for (char c : v) {
        switch (c) {
        case '\\': o += "\\\\"; break;
        case '"': o += "\\\""; break;
        case '\n': o += "\\n"; break;
        case '\r': o += "\\r"; break;
        case '\t': o += "\\t"; break;
        default: o += c;
        }
    }
    return o + '"';
}

// A .pgpass password field: backslash and colon escaped.
static QByteArray passfileValue(const QByteArray& v)
{
    QByteArray o;
    for (char c : v) {
        if (c == '\\' || c == ':')
            o += '\\';
        o += c;
    }
    return o;
}

Status DatabaseAccess::prepare()
{
    if (!m_dir.isEmpty())
        return {};
    QByteArray content;
    QString file;
    if (m_settings.type == DatabaseSettings::MySql) {
        file = QStringLiteral("my.cnf");
        content = "[client]\nuser=" + optionValue(m_settings.user.toUtf8()) + "\npassword=" + optionValue(m_settings.password)
                + "\n";
        if (!m_settings.socket.isEmpty())
            content += "socket=" + optionValue(m_settings.socket.toUtf8()) + "\n";
        else if (!m_settings.host.isEmpty())
            content += "host=" + optionValue(m_settings.host.toUtf8()) + "\n";
        if (!m_settings.port.isEmpty() && m_settings.socket.isEmpty())
            content += "port=" + m_settings.port.toUtf8() + "\nprotocol=TCP\n";
    } else if (m_settings.type == DatabaseSettings::PgSql) {
        file = QStringLiteral("pgpass");
        content = "*:*:*:*:" + passfileValue(m_settings.password) + "\n";
    }
    QString cmd = QStringLiteral("umask 077; d=$(mktemp -d \"${TMPDIR:-/tmp}/ncbackup-db.XXXXXXXX\") || exit 1; ");
    if (!file.isEmpty())
        cmd += QStringLiteral("cat > \"$d/%1\" || { rm -rf \"$d\"; exit 1; }; ").arg(file);
    cmd += QStringLiteral("echo \"$d\"");
    host::ExecOptions opt;
    opt.timeoutMs = 30000;
    opt.stdinData = content;
    auto r = m_host.exec(cmd, opt);
    content.fill('\0');
    if (!r)
        return r.error();
    const QString dir = QString::fromUtf8(r->out).trimmed();
    static const QRegularExpression re(QStringLiteral("^/[^\\s'\"]*/ncbackup-db\\.[A-Za-z0-9]+$"));
    if (r->exitCode != 0 || !re.match(dir).hasMatch())
        return Error::make(Error::Remote, QStringLiteral("Cannot create a private temporary folder on %1: %2.")
                                              .arg(m_host.displayName(),
                                                   QString::fromUtf8(r->err.trimmed().split('\n').value(0))));
    m_dir = dir;
    return {};
}

void DatabaseAccess::cleanup()
{
    if (m_dir.isEmpty())
        return;
    host::ExecOptions opt;
    opt.timeoutMs = 30000;
    auto r = m_host.exec(QStringLiteral("rm -rf -- %1").arg(Host::quote(m_dir)), opt);
    if (!r)
        qCWarning(lcNextcloud) << "could not remove" << m_dir << "on" << m_host.displayName() << r.error().message;
    m_dir.clear();
}

QString DatabaseAccess::pickMysqlTool(bool dump) const
{
    const char* a = dump ? "mariadb-dump" : "mariadb";
    const char* b = dump ? "mysqldump" : "mysql";
    return QStringLiteral("if command -v %1 >/dev/null 2>&1; then p=%1; elif command -v %2 >/dev/null 2>&1; then p=%2; "
                          "else echo 'ncbackup: %1: command not found' >&2; rm -rf %3; exit 127; fi; ")
        .arg(QLatin1String(a), QLatin1String(b), Host::quote(m_dir));
}

QString DatabaseAccess::mysqlOptions() const
{
    return QStringLiteral("--defaults-extra-file=%1").arg(Host::quote(m_dir + QStringLiteral("/my.cnf")));
}

QString DatabaseAccess::pgEnvPrefix() const
{
    return QStringLiteral("PGPASSFILE=%1 PGCONNECT_TIMEOUT=10").arg(Host::quote(m_dir + QStringLiteral("/pgpass")));
}

QString DatabaseAccess::pgConnectionArgs() const
{
    QString a;
    const QString h = m_settings.socket.isEmpty() ? m_settings.host : m_settings.socket;
    if (!h.isEmpty())
        a += QStringLiteral(" -h %1").arg(Host::quote(h));
    if (!m_settings.port.isEmpty())
        a += QStringLiteral(" -p %1").arg(Host::quote(m_settings.port));
    if (!m_settings.user.isEmpty())
        a += QStringLiteral(" -U %1").arg(Host::quote(m_settings.user));
    return a + QStringLiteral(" -w");
}

QString DatabaseAccess::cleanupTail() const
{
    return QStringLiteral("; rc=$?; rm -rf %1; exit $rc").arg(Host::quote(m_dir));
}

Error DatabaseAccess::failure(const QString& action, int exitCode, const QByteArray& err) const
{
    QString line;
    for (const QByteArray& l : err.split('\n')) {
        line = QString::fromUtf8(l).trimmed();
        if (!line.isEmpty())
            break;
    }
    // "mariadb-dump: Got error: 1045: "Access denied ..." when trying to connect" → the quoted part
    static const QRegularExpression quoted(QStringLiteral("\"([^\"]+)\""));
    static const QRegularExpression toolPrefix(QStringLiteral("^(mariadb-dump|mysqldump|mariadb|mysql|pg_dump|pg_restore|"
                                                              "psql|sqlite3|ncbackup)(: )?(error: )?(Got error: )?"
                                                              "(ERROR )?(\\d+ \\([0-9A-Z]+\\))?:? *"));
    QString said = line;
    if (said.contains(QLatin1String("Access denied")) || said.contains(QLatin1String("Got error"))) {
        auto m = quoted.match(said);
        if (m.hasMatch())
            said = m.captured(1);
    }
    said.remove(toolPrefix);
    while (said.endsWith(QLatin1Char('.')))
        said.chop(1);
    const QString what = QStringLiteral("The database %1 failed").arg(action);
    const QString product = m_settings.type == DatabaseSettings::MySql ? QStringLiteral("MariaDB")
                          : m_settings.type == DatabaseSettings::PgSql ? QStringLiteral("PostgreSQL")
                                                                       : QStringLiteral("SQLite");
    static const QRegularExpression missing(QStringLiteral("([A-Za-z0-9_.-]+):? (command )?not found"));
    if (auto m = missing.match(said); exitCode == 127 || m.hasMatch())
        return Error::make(Error::Remote, QStringLiteral("%1: %2 is not installed on %3.")
                                              .arg(what, m.hasMatch() ? m.captured(1) : QStringLiteral("a database tool"),
                                                   m_host.displayName()));
    if (said.contains(QLatin1String("Access denied for user")) || said.contains(QLatin1String("password authentication failed"))
        || said.contains(QLatin1String("no password supplied")))
        return Error::make(Error::Remote, QStringLiteral("%1: %2 refused the credentials in config.php (%3).")
                                              .arg(what, product, said));
    if (said.contains(QLatin1String("Can't connect")) || said.contains(QLatin1String("could not connect"))
        || said.contains(QLatin1String("Connection refused")) || said.contains(QLatin1String("Unknown server host"))
        || said.contains(QLatin1String("could not translate host name")) || said.contains(QLatin1String("timeout expired")))
        return Error::make(Error::Remote, QStringLiteral("%1: %2 at %3 cannot be reached from %4 (%5).")
                                              .arg(what, product, m_settings.where(), m_host.displayName(), said));
    if (said.isEmpty())
        said = QStringLiteral("the tool ended with exit code %1 and no message").arg(exitCode);
    return Error::make(Error::Remote, QStringLiteral("%1: %2.").arg(what, said));
}

} // namespace ncb::nextcloud
