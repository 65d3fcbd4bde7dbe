#include "nextcloud/Occ.h"

#include <QJsonParseError>
#include <QRegularExpression>

namespace ncb::nextcloud {

Occ::Occ(host::Host& host, QString serverRoot) : m_host(host), m_root(std::move(serverRoot)) {}

Result<OccResult> Occ::run(const QStringList& args, int timeoutMs) const
{
    QString cmd = QStringLiteral("cd %1 && exec php occ --no-interaction").arg(host::Host::quote(m_root));
    for (const QString& a : args)
        cmd += QLatin1Char(' ') + host::Host::quote(a);
    host::ExecOptions opt;
    opt.timeoutMs = timeoutMs;
    auto r = m_host.exec(cmd, opt);
    if (!r)
        return r.error();
    return OccResult{r->exitCode, r->out, r->err};
}

QString Occ::firstLine(const OccResult& r)
{
    for (const QByteArray* b : {&r.err, &r.out}) {
        bool skippedIntro = false;
        for (const QByteArray& line : b->split('\n')) {
            const QString t = QString::fromUtf8(line).trimmed();
            if (t.isEmpty())
                continue;
            // "An unhandled exception has been thrown:" is followed by the exception that says what happened
            if (!skippedIntro && t.startsWith(QLatin1String("An unhandled exception has been thrown"))) {
                skippedIntro = true;
                continue;
            }
            if (!skippedIntro)
                return t;
            // PHP's rendering "Doctrine\DBAL\Exception: <message> in /path/File.php:233": keep the message
            static const QRegularExpression cls(QStringLiteral("^[A-Za-z_\\\\]*(Exception|Error): "));
            static const QRegularExpression where(QStringLiteral(" in /\\S+:\\d+$"));
            return QString(t).remove(cls).remove(where);
        }
        if (skippedIntro)
            return QStringLiteral("An unhandled exception has been thrown");
    }
    return QStringLiteral("exit code %1 and no message").arg(r.exitCode);
}

QString Occ::missingTables(const OccResult& r)
{
    if (r.exitCode == 0)
        return {};
    const QString line = firstLine(r);
    const bool missing = line.contains(QLatin1String("SQLSTATE"))
                      && (line.contains(QLatin1String("Base table or view not found")) // MariaDB/MySQL 42S02
                          || line.contains(QLatin1String("no such table"))             // SQLite
                          || (line.contains(QLatin1String("SQLSTATE[42P01]"))          // PostgreSQL
                              && line.contains(QLatin1String("does not exist"))));
    if (!missing)
        return {};
    QString said = line;
    said.remove(QStringLiteral("An exception occurred while executing a query: "));
    while (said.endsWith(QLatin1Char('.')))
        said.chop(1);
    return said;
}

QString Occ::repairAdvice(const QString& instanceName)
{
    return QStringLiteral("restore the database with `ncbackup-cli restore db %1 RP` (`ncbackup-cli rp list %1` shows "
                          "the Restoring Points)")
        .arg(instanceName.isEmpty() ? QStringLiteral("NAME") : instanceName);
}

Error Occ::failure(const QStringList& args, const OccResult& r) const
{
    QString said = firstLine(r);
    while (said.endsWith(QLatin1Char('.')))
        said.chop(1);
    const QString what = QStringLiteral("occ %1").arg(args.join(QLatin1Char(' ')));
    if (const QString tables = missingTables(r); !tables.isEmpty())
        return Error::make(Error::Remote, QStringLiteral("%1 failed on %2: Nextcloud cannot start there because its "
                                                         "database lacks its tables (%3); %4.")
                                              .arg(what, m_host.displayName(), tables, repairAdvice(m_instance)));
    if (said.startsWith(QLatin1String("Console has to be executed with the user that owns the file config/config.php")))
        return Error::make(Error::Remote,
                           QStringLiteral("%1 failed on %2: occ must run as the owner of config/config.php "
                                          "(set the sudo user of this instance, e.g. www-data).")
                               .arg(what, m_host.displayName()));
    if (r.exitCode == 127 && said.contains(QLatin1String("php")) && said.contains(QLatin1String("not found")))
        return Error::make(Error::Remote, QStringLiteral("%1 failed on %2: PHP is not installed there.")
                                              .arg(what, m_host.displayName()));
    return Error::make(Error::Remote, QStringLiteral("%1 failed on %2: %3.").arg(what, m_host.displayName(), said));
}

Result<QByteArray> Occ::runChecked(const QStringList& args, int timeoutMs) const
{
    auto r = run(args, timeoutMs);
    if (!r)
        return r.error();
    if (r->exitCode != 0)
        return failure(args, *r);
    return r->out;
}

Result<QJsonDocument> Occ::json(const QStringList& args, int timeoutMs) const
{
    auto r = runChecked(args, timeoutMs);
    if (!r)
        return r.error();
    // occ may print warnings before the document; the JSON is the last non-empty line.
    QByteArray body = r->trimmed();
    const int nl = body.lastIndexOf('\n');
    if (nl >= 0)
        body = body.mid(nl + 1);
    QJsonParseError pe;
    QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::make(Error::Remote, QStringLiteral("occ %1 on %2 did not answer with JSON: %3.")
                                              .arg(args.join(QLatin1Char(' ')), m_host.displayName(),
                                                   QString::fromUtf8(body.left(200))));
    return doc;
}

} // namespace ncb::nextcloud
