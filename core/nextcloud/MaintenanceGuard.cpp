#include "nextcloud/MaintenanceGuard.h"

#include "nextcloud/ServerConfig.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSysInfo>

#include <cerrno>
#include <csignal>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcNextcloud)

namespace ncb::nextcloud {

// The watchdog: $1 folder, $2 server root, $3 deadline in seconds. Runs detached on the host, as the
// same user as occ. Renewals are the epoch written into $1/renew by renew().
static const char kWatchdog[] =
    "d=$1; root=$2; limit=$3\n"
    "while [ -d \"$d\" ]; do\n"
    "  sleep 1\n"
    "  last=0; [ -f \"$d/renew\" ] && read -r last < \"$d/renew\"\n"
    "  now=$(date +%s)\n"
    "  if [ $((now - ${last:-0})) -ge \"$limit\" ] && [ -d \"$d\" ]; then\n"
    "    (cd \"$root\" && php occ --no-interaction maintenance:mode --off) > \"$d/fired\" 2>&1\n"
    "    mv -f \"$d\" \"$d.fired\" 2>/dev/null\n"
    "    exit 0\n"
    "  fi\n"
    "done\n";

static bool validWatchdogDir(const QString& d)
{
    static const QRegularExpression re(QStringLiteral("^/[^\\s'\"]*/ncbackup-watchdog\\.[A-Za-z0-9]+$"));
    return re.match(d).hasMatch() && !d.contains(QLatin1String(".."));
}

MaintenanceGuard::MaintenanceGuard(Occ& occ, QString repositoryPath, Options options)
    : m_occ(occ), m_repo(std::move(repositoryPath)), m_options(std::move(options))
{
}

MaintenanceGuard::~MaintenanceGuard()
{
    if (m_active) {
        Status s = end();
        if (!s)
            qCWarning(lcNextcloud) << s.error().message;
    }
}

QString MaintenanceGuard::markerPath(const QString& repositoryPath)
{
    return QDir(repositoryPath).filePath(QStringLiteral("maintenance.marker"));
}

Status MaintenanceGuard::writeMarker()
{
    if (!QDir().mkpath(m_repo))
        return Error::make(Error::Io, QStringLiteral("Cannot create the repository folder %1.").arg(m_repo));
    const QJsonObject o{{QStringLiteral("instance"), m_options.instanceName},
                        {QStringLiteral("host"), m_occ.host().displayName()},
                        {QStringLiteral("serverRoot"), m_occ.serverRoot()},
                        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                        {QStringLiteral("pid"), static_cast<qint64>(::getpid())},
                        {QStringLiteral("machine"), QSysInfo::machineHostName()},
                        {QStringLiteral("watchdogDir"), m_watchdogDir},
                        {QStringLiteral("wasAlreadyOn"), m_wasAlreadyOn},
                        {QStringLiteral("held"), m_held.held ? m_held.why : QString()},
                        {QStringLiteral("heldSafetySnapshot"), m_held.safetySnapshot},
                        {QStringLiteral("heldKind"), m_held.kind == HeldMaintenance::InstanceRestore
                                                         ? QStringLiteral("instance")
                                                         : QStringLiteral("db")}};
    QSaveFile f(markerPath(m_repo));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit())
        return Error::make(Error::Io, QStringLiteral("Cannot write %1: %2.").arg(markerPath(m_repo), f.errorString()));
    return {};
}

Status MaintenanceGuard::startWatchdog()
{
    host::ExecOptions opt;
    opt.timeoutMs = 30000;
    // Create the folder (private), write the first renewal, then start the watchdog fully detached:
    // new session, no terminal, all output closed, so the SSH channel ends at once and survives nothing.
    const QString cmd =
        QStringLiteral("umask 077; d=$(mktemp -d \"${TMPDIR:-/tmp}/ncbackup-watchdog.XXXXXXXX\") || exit 1; "
                       "date +%s > \"$d/renew\" || exit 1; "
                       "if command -v setsid >/dev/null 2>&1; then s=setsid; else s=; fi; "
                       "$s nohup sh -c %1 ncbackup-watchdog \"$d\" %2 %3 </dev/null >/dev/null 2>&1 & "
                       "echo \"$d\"")
            .arg(host::Host::quote(QString::fromLatin1(kWatchdog)), host::Host::quote(m_occ.serverRoot()))
            .arg(m_options.deadlineSeconds);
    auto r = m_occ.host().exec(cmd, opt);
    if (!r)
        return r.error();
    const QString dir = QString::fromUtf8(r->out).trimmed();
    if (r->exitCode != 0 || !validWatchdogDir(dir))
        return Error::make(Error::Remote,
                           QStringLiteral("Cannot start the maintenance watchdog on %1: %2.")
                               .arg(m_occ.host().displayName(), Occ::firstLine(OccResult{r->exitCode, r->out, r->err})));
    m_watchdogDir = dir;
    m_sinceRenew.start();
    return {};
}

void MaintenanceGuard::stopWatchdog()
{
    if (m_watchdogDir.isEmpty() || !validWatchdogDir(m_watchdogDir))
        return;
    host::ExecOptions opt;
    opt.timeoutMs = 30000;
    auto r = m_occ.host().exec(QStringLiteral("rm -rf -- %1 %2").arg(host::Host::quote(m_watchdogDir),
                                                                     host::Host::quote(m_watchdogDir + QStringLiteral(".fired"))),
                               opt);
    if (!r)
        qCWarning(lcNextcloud) << "could not stop the maintenance watchdog:" << r.error().message;
    m_watchdogDir.clear();
}

Status MaintenanceGuard::begin()
{
    if (m_active)
        return {};
    const QStringList stateArgs{QStringLiteral("maintenance:mode")};
    auto state = m_occ.run(stateArgs);
    if (!state)
        return state.error();
    bool enabled = false;
    m_withoutOcc = false;
    if (state->exitCode != 0) {
        if (!m_options.repairsDatabase || Occ::missingTables(*state).isEmpty())
            return m_occ.failure(stateArgs, *state);
        // occ cannot start over this database: config.php, read by PHP as Nextcloud reads it, says the state
        auto cfg = ServerConfig::read(m_occ.host(), m_occ.serverRoot());
        if (!cfg)
            return cfg.error();
        enabled = cfg->values.value(QLatin1String("maintenance")).toBool();
        m_withoutOcc = true;
        qCInfo(lcNextcloud).noquote() << "occ cannot start on" << m_occ.host().displayName() << "("
                                      << Occ::missingTables(*state) << "); maintenance mode is"
                                      << (enabled ? "on" : "off") << "in config.php";
    } else {
        enabled = state->out.contains("currently enabled");
    }
    m_held = m_options.takeOver;
    // An instance whose occ cannot start is broken, not in maintenance by the admin's choice: this run repairs it.
    m_wasAlreadyOn = enabled && !m_held.held && !m_withoutOcc;
    if (!enabled && !m_held.held && !m_withoutOcc)
        NCB_TRY(startWatchdog());
    // The marker goes down before maintenance goes on: a kill between the two is still recovered.
    if (Status s = writeMarker(); !s) {
        stopWatchdog();
        return s;
    }
    if (!enabled && m_withoutOcc) {
        if (Status on = ServerConfig::setMaintenance(m_occ.host(), m_occ.serverRoot(), true); !on) {
            if (!m_held.held)
                QFile::remove(markerPath(m_repo));
            return on;
        }
    } else if (!enabled) {
        auto on = m_occ.runChecked({QStringLiteral("maintenance:mode"), QStringLiteral("--on")});
        if (!on) {
            stopWatchdog();
            if (!m_held.held) // a held instance stays marked as such
                QFile::remove(markerPath(m_repo));
            return on.error();
        }
    }
    m_active = true;
    return {};
}

Status MaintenanceGuard::hold(const QString& why, const QString& safetySnapshot)
{
    if (!m_active)
        return Error::make(Error::Generic, QStringLiteral("Internal error: maintenance mode is not held."));
    // Watchdog first: a kill between the two leaves a plain marker, and the step has not begun.
    stopWatchdog();
    m_held = {true, HeldMaintenance::DatabaseRestore, why, safetySnapshot};
    if (Status s = writeMarker(); !s) {
        m_held = {}; // not held after all (the step has not begun): a failure may still turn maintenance off
        return s;
    }
    return {};
}

Status MaintenanceGuard::markHeld(Occ& occ, const QString& repositoryPath, const QString& instanceName,
                                  HeldMaintenance::Kind kind, const QString& why)
{
    Options o;
    o.instanceName = instanceName;
    MaintenanceGuard g(occ, repositoryPath, o);
    g.m_held = {true, kind, why, {}};
    return g.writeMarker();
}

void MaintenanceGuard::clearHeld(const QString& repositoryPath, const QString& serverRoot)
{
    QFile f(markerPath(repositoryPath));
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    if (!m.value(QLatin1String("held")).toString().isEmpty()
        && m.value(QLatin1String("serverRoot")).toString() == serverRoot)
        QFile::remove(markerPath(repositoryPath));
}

Status MaintenanceGuard::renew()
{
    if (!m_active || m_wasAlreadyOn || m_watchdogDir.isEmpty())
        return {};
    host::ExecOptions opt;
    opt.timeoutMs = 30000;
    const QString d = host::Host::quote(m_watchdogDir);
    auto r = m_occ.host().exec(QStringLiteral("[ -d %1 ] || exit 3; date +%s > %1/renew.tmp && mv -f %1/renew.tmp %1/renew")
                                   .arg(d),
                               opt);
    if (!r)
        return r.error();
    if (r->exitCode == 3)
        return Error::make(Error::Remote, QStringLiteral("Maintenance mode on %1 was turned off by the watchdog "
                                                         "because ncbackup did not renew it in time.")
                                              .arg(m_occ.host().displayName()));
    if (r->exitCode != 0)
        return Error::make(Error::Remote, QStringLiteral("Cannot renew the maintenance watchdog on %1: %2.")
                                              .arg(m_occ.host().displayName(),
                                                   Occ::firstLine(OccResult{r->exitCode, r->out, r->err})));
    m_sinceRenew.restart();
    return {};
}

Status MaintenanceGuard::renewIfDue()
{
    if (m_sinceRenew.isValid() && m_sinceRenew.elapsed() < qint64(m_options.renewEverySeconds) * 1000)
        return {};
    return renew();
}

Status MaintenanceGuard::end()
{
    if (!m_active)
        return {};
    if (!m_wasAlreadyOn) {
        auto off = m_occ.runChecked({QStringLiteral("maintenance:mode"), QStringLiteral("--off")});
        if (!off) {
            // marker and watchdog stay: the watchdog or the next run turns it off; a repair of the database
            // writes config.php itself, as occ would
            if (!m_options.repairsDatabase)
                return off.error();
            qCWarning(lcNextcloud).noquote() << off.error().message << "Turning maintenance mode off in config.php.";
            if (Status s = ServerConfig::setMaintenance(m_occ.host(), m_occ.serverRoot(), false); !s)
                return Error::make(s.error().code, off.error().message + QLatin1Char(' ') + s.error().message);
        }
    }
    stopWatchdog();
    m_active = false;
    QFile::remove(markerPath(m_repo));
    return {};
}

static bool processAlive(qint64 pid)
{
    if (pid <= 0 || pid == ::getpid())
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

Result<QString> MaintenanceGuard::recoverIfNeeded(Occ& occ, const QString& repositoryPath, int* occCalls,
                                                  HeldMaintenance* held)
{
    if (held)
        *held = {};
    int none = 0;
    int& calls = occCalls ? *occCalls : none;
    QFile f(markerPath(repositoryPath));
    if (!f.exists())
        return QString();
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot read %1: %2.").arg(f.fileName(), f.errorString()));
    const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    const QString host = occ.host().displayName();
    if (m.value(QLatin1String("machine")).toString() == QSysInfo::machineHostName()
        && processAlive(m.value(QLatin1String("pid")).toInteger()))
        return Error::make(Error::Locked,
                           QStringLiteral("Another ncbackup run (process %1) holds %2 in maintenance mode right now.")
                               .arg(m.value(QLatin1String("pid")).toInteger())
                               .arg(m.value(QLatin1String("instance")).toString()));
    const QString heldWhy = m.value(QLatin1String("held")).toString();
    if (!heldWhy.isEmpty()) {
        const bool instance = m.value(QLatin1String("heldKind")).toString() == QLatin1String("instance");
        if (held)
            *held = {true, instance ? HeldMaintenance::InstanceRestore : HeldMaintenance::DatabaseRestore, heldWhy,
                     m.value(QLatin1String("heldSafetySnapshot")).toString()};
        const QString name = m.value(QLatin1String("instance")).toString();
        const QString until = instance ? QStringLiteral("`ncbackup-cli restore instance %1 RP`").arg(name)
                                       : QStringLiteral("`ncbackup-cli restore db %1 RP` (or a restore of the whole "
                                                        "instance)").arg(name);
        const QString message =
            QStringLiteral("An interrupted run left %1 in maintenance mode on purpose (%2, started %3), so it stays on "
                           "until %4 succeeds.")
                .arg(m.value(QLatin1String("serverRoot")).toString(), heldWhy,
                     QDateTime::fromString(m.value(QLatin1String("time")).toString(), Qt::ISODate)
                         .toLocalTime()
                         .toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                     until);
        qCWarning(lcNextcloud).noquote() << message;
        return message;
    }
    QString message;
    if (m.value(QLatin1String("wasAlreadyOn")).toBool()) {
        message = QStringLiteral("A previous backup was interrupted; maintenance mode on %1 was on before it and "
                                 "stays on.").arg(host);
    } else {
        const QStringList stateArgs{QStringLiteral("maintenance:mode")};
        auto state = occ.run(stateArgs);
        ++calls;
        if (!state)
            return state.error();
        const QString tables = state->exitCode != 0 ? Occ::missingTables(*state) : QString();
        if (state->exitCode != 0 && tables.isEmpty())
            return occ.failure(stateArgs, *state);
        if (!tables.isEmpty()) {
            // Nextcloud cannot start over its database: turning maintenance off would not bring it back. The
            // interrupted run is over all the same; what repairs the instance is a database restore.
            message = QStringLiteral("A previous backup was interrupted, and Nextcloud on %1 cannot start now because its "
                                     "database lacks its tables (%2), so maintenance mode stays as it is; %3.")
                          .arg(host, tables, Occ::repairAdvice(occ.instanceName()));
        } else if (state->out.contains("currently enabled")) {
            auto off = occ.runChecked({QStringLiteral("maintenance:mode"), QStringLiteral("--off")});
            ++calls;
            if (!off)
                return off.error();
            message = QStringLiteral("A previous backup was interrupted; maintenance mode on %1 has been turned off.")
                          .arg(host);
        } else {
            message = QStringLiteral("A previous backup was interrupted; maintenance mode on %1 was already off.")
                          .arg(host);
        }
    }
    const QString dir = m.value(QLatin1String("watchdogDir")).toString();
    if (validWatchdogDir(dir)) {
        host::ExecOptions opt;
        opt.timeoutMs = 30000;
        auto r = occ.host().exec(QStringLiteral("rm -rf -- %1 %2").arg(host::Host::quote(dir),
                                                                       host::Host::quote(dir + QStringLiteral(".fired"))),
                                 opt);
        if (!r)
            return r.error();
    }
    if (!QFile::remove(markerPath(repositoryPath)))
        return Error::make(Error::Io, QStringLiteral("Cannot remove %1.").arg(markerPath(repositoryPath)));
    qCInfo(lcNextcloud) << message;
    return message;
}

} // namespace ncb::nextcloud
