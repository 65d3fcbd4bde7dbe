#include "InstanceConfig.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace ncb::settings {

QString InstanceConfig::hostLabel() const
{
    if (local)
        return QStringLiteral("this machine");
    QString s = sshUser.isEmpty() ? sshHost : sshUser + QLatin1Char('@') + sshHost;
    if (sshPort != 22)
        s += QLatin1Char(':') + QString::number(sshPort);
    return s;
}

bool InstanceConfig::isValidName(const QString& name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return re.match(name).hasMatch();
}

QJsonObject InstanceConfig::toJson() const
{
    QJsonObject sched{{"fullEveryWeeks", schedule.fullEveryWeeks},
                      {"incrementalEveryDays", schedule.incrementalEveryDays},
                      {"windowStartHour", schedule.windowStartHour},
                      {"windowEndHour", schedule.windowEndHour},
                      {"enabled", schedule.enabled}};
    QJsonObject o{{"name", name},
                  {"local", local},
                  {"serverRoot", serverRoot},
                  {"repository", repository},
                  {"exclusions", QJsonArray::fromStringList(exclusions)},
                  {"schedule", sched}};
    if (!local) {
        o["sshHost"] = sshHost;
        o["sshPort"] = sshPort;
        o["sshUser"] = sshUser;
        o["identityFile"] = identityFile;
        o["knownHostsFile"] = knownHostsFile;
    }
    if (!sudoUser.isEmpty())
        o["sudoUser"] = sudoUser;
    return o;
}

Result<InstanceConfig> InstanceConfig::fromJson(const QJsonObject& o)
{
    InstanceConfig c;
    c.name = o.value("name").toString();
    if (!isValidName(c.name))
        return Error::make(Error::Corrupt, QStringLiteral("The instance settings hold an invalid name '%1'.").arg(c.name));
    c.local = o.value("local").toBool(true);
    c.sshHost = o.value("sshHost").toString();
    c.sshPort = o.value("sshPort").toInt(22);
    c.sshUser = o.value("sshUser").toString();
    c.identityFile = o.value("identityFile").toString();
    c.knownHostsFile = o.value("knownHostsFile").toString();
    c.serverRoot = o.value("serverRoot").toString();
    c.sudoUser = o.value("sudoUser").toString();
    c.repository = o.value("repository").toString();
    for (const auto& v : o.value("exclusions").toArray())
        c.exclusions << v.toString();
    const QJsonObject s = o.value("schedule").toObject();
    c.schedule.fullEveryWeeks = s.value("fullEveryWeeks").toInt(4);
    c.schedule.incrementalEveryDays = s.value("incrementalEveryDays").toInt(1);
    c.schedule.windowStartHour = s.value("windowStartHour").toInt(1);
    c.schedule.windowEndHour = s.value("windowEndHour").toInt(5);
    c.schedule.enabled = s.value("enabled").toBool(true);
    if (c.serverRoot.isEmpty() || c.repository.isEmpty() || (!c.local && c.sshHost.isEmpty()))
        return Error::make(Error::Corrupt, QStringLiteral("The settings of instance '%1' are incomplete.").arg(c.name));
    return c;
}

} // namespace ncb::settings
