#include "nextcloud/InstanceHost.h"

#include "host/LocalHost.h"
#include "host/SshHost.h"

#include <QRegularExpression>

namespace ncb::nextcloud {

std::unique_ptr<host::Host> makeInstanceHost(const settings::InstanceConfig& c, const HostOptions& options)
{
    std::unique_ptr<host::Host> h;
    if (c.local) {
        h = std::make_unique<host::LocalHost>();
    } else {
        host::SshHost::Config sc;
        sc.host = c.sshHost;
        sc.port = c.sshPort;
        sc.user = c.sshUser;
        sc.identityFile = c.identityFile;
        sc.knownHostsFile = c.knownHostsFile;
        sc.acceptNewHostKey = options.acceptNewHostKey;
        h = std::make_unique<host::SshHost>(sc);
    }
    if (!c.sudoUser.isEmpty())
        h->setRunAs(c.sudoUser);
    return h;
}

Status parseSshTarget(const QString& target, settings::InstanceConfig* c)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:([A-Za-z0-9._][A-Za-z0-9._-]*)@)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+)(?::([0-9]{1,5}))?$"));
    const auto m = re.match(target);
    const int port = m.captured(3).isEmpty() ? 22 : m.captured(3).toInt();
    if (!m.hasMatch() || port < 1 || port > 65535)
        return Error::make(Error::Usage, QStringLiteral("'%1' is not an SSH target: write USER@HOST or USER@HOST:PORT.")
                                             .arg(target));
    c->local = false;
    c->sshUser = m.captured(1);
    QString host = m.captured(2);
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1, host.size() - 2);
    c->sshHost = host;
    c->sshPort = port;
    return {};
}

QJsonObject repositoryDescription(const settings::InstanceConfig& c, const InstanceInfo& info)
{
    QJsonObject o{{QStringLiteral("kind"), QStringLiteral("nextcloud-instance")},
                  {QStringLiteral("instanceName"), c.name},
                  {QStringLiteral("instanceId"), info.instanceId},
                  {QStringLiteral("host"), c.hostLabel()},
                  {QStringLiteral("local"), c.local},
                  {QStringLiteral("serverRoot"), c.serverRoot},
                  {QStringLiteral("dataDirectory"), info.dataDirectory},
                  {QStringLiteral("databaseType"), info.database.typeName()},
                  {QStringLiteral("nextcloudVersion"), info.versionString}};
    if (!c.local) {
        o.insert(QStringLiteral("sshHost"), c.sshHost);
        o.insert(QStringLiteral("sshPort"), c.sshPort);
        o.insert(QStringLiteral("sshUser"), c.sshUser);
    }
    if (!c.sudoUser.isEmpty())
        o.insert(QStringLiteral("sudoUser"), c.sudoUser);
    return o;
}

Result<settings::InstanceConfig> configFromDescription(const QJsonObject& d, const QString& name, const QString& repository)
{
    if (d.value(QLatin1String("kind")).toString() != QLatin1String("nextcloud-instance")
        || d.value(QLatin1String("serverRoot")).toString().isEmpty())
        return Error::make(Error::Corrupt, QStringLiteral("The repository at %1 does not say which Nextcloud instance it "
                                                          "backs up.").arg(repository));
    settings::InstanceConfig c;
    c.name = name;
    c.local = d.value(QLatin1String("local")).toBool(true);
    c.serverRoot = d.value(QLatin1String("serverRoot")).toString();
    c.sshHost = d.value(QLatin1String("sshHost")).toString();
    c.sshPort = d.value(QLatin1String("sshPort")).toInt(22);
    c.sshUser = d.value(QLatin1String("sshUser")).toString();
    c.sudoUser = d.value(QLatin1String("sudoUser")).toString();
    c.repository = repository;
    if (!c.local && c.sshHost.isEmpty())
        return Error::make(Error::Corrupt, QStringLiteral("The repository at %1 names no SSH host for its instance.")
                                               .arg(repository));
    return c;
}

} // namespace ncb::nextcloud
