#include "nextcloud/InstanceOwner.h"

#include "nextcloud/Occ.h"

namespace ncb::nextcloud {

using host::Host;

Result<InstanceOwner> InstanceOwner::probe(Host& host, const QString& serverRoot, const QString& instanceName,
                                           const QString& configDir)
{
    // Exit 3: no config.php; 4: it cannot be looked at. Prints "UID GID NAME" of config.php, then "UID NAME"
    // of whoever runs the command.
    const QString dir = configDir.isEmpty() ? QStringLiteral("${NEXTCLOUD_CONFIG_DIR:-config}") : Host::quote(configDir);
    const QString cmd =
        QStringLiteral("cd %1 2>/dev/null || exit 3; c=%2; f=\"${c%/}/config.php\"; [ -e \"$f\" ] || exit 3; "
                       "s=$(stat -L -c '%u %g %U' -- \"$f\") || exit 4; echo \"$s\"; echo \"$(id -u) $(id -un 2>/dev/null)\"")
            .arg(Host::quote(serverRoot), dir);
    host::ExecOptions opt;
    opt.timeoutMs = 30000;
    auto r = host.exec(cmd, opt);
    if (!r)
        return r.error();
    if (r->exitCode == 3)
        return Error::make(Error::NotFound, QStringLiteral("%1 on %2 holds no config/config.php, so ncbackup cannot tell "
                                                           "who the instance belongs to.")
                                                .arg(serverRoot, host.displayName()));
    const QStringList lines = QString::fromUtf8(r->out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList owner = lines.value(0).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QStringList run = lines.value(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    bool ok1 = false, ok2 = false, ok3 = false;
    const uint uid = owner.value(0).toUInt(&ok1);
    const uint gid = owner.value(1).toUInt(&ok2);
    const uint runUid = run.value(0).toUInt(&ok3);
    if (r->exitCode != 0 || !ok1 || !ok2 || !ok3)
        return Error::make(Error::Remote, QStringLiteral("ncbackup cannot tell who owns config.php of %1 on %2: %3.")
                                              .arg(serverRoot, host.displayName(),
                                                   Occ::firstLine(OccResult{r->exitCode, r->out, r->err})));
    QString name = owner.value(2);
    if (name.isEmpty() || name == QLatin1String("UNKNOWN"))
        name = QString::number(uid);
    const QString runName = run.value(1).isEmpty() ? QString::number(runUid) : run.value(1);
    return fromIds(uid, gid, name, runUid, runName, host.displayName(), instanceName);
}

InstanceOwner InstanceOwner::fromIds(uint ownerUid, uint ownerGid, const QString& ownerName, uint runUid,
                                     const QString& runName, const QString& hostName, const QString& instanceName)
{
    InstanceOwner o;
    o.m_uid = ownerUid;
    o.m_gid = ownerGid;
    o.m_name = ownerName;
    o.m_runUid = runUid;
    o.m_runName = runName;
    o.m_host = hostName;
    o.m_instance = instanceName;
    if (runUid == ownerUid)
        o.m_verdict = AsOwner;
    else if (runUid == 0)
        o.m_verdict = ChownToOwner;
    else
        o.m_verdict = Refuse;
    return o;
}

QString InstanceOwner::refusal() const
{
    if (m_verdict != Refuse)
        return {};
    const QString fix = m_instance.isEmpty()
                            ? QStringLiteral("set the instance's sudo user to %1").arg(m_name)
                            : QStringLiteral("run `ncbackup-cli instance set %1 --sudo-user %2`").arg(m_instance, m_name);
    return QStringLiteral("ncbackup's commands on %1 run as %2, but the instance belongs to %3 (the owner of config.php), "
                          "so what ncbackup would write there would not be %3's; nothing was changed: %4.")
        .arg(m_host, m_runName, m_name, fix);
}

Status InstanceOwner::check() const
{
    if (m_verdict == Refuse)
        return Error::make(Error::Remote, refusal());
    return {};
}

QString InstanceOwner::sudoUserToDefault() const
{
    if (m_verdict != ChownToOwner || m_name.isEmpty() || m_name == QString::number(m_uid))
        return {};
    return m_name;
}

QString InstanceOwner::chownCommand(const QString& quotedPaths, bool recursive) const
{
    if (m_verdict != ChownToOwner || quotedPaths.trimmed().isEmpty())
        return QStringLiteral(":");
    return QStringLiteral("chown -h%1 %2:%3 -- %4")
        .arg(recursive ? QStringLiteral(" -R") : QString())
        .arg(m_uid)
        .arg(m_gid)
        .arg(quotedPaths);
}

} // namespace ncb::nextcloud
