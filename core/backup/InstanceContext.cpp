#include "InstanceContext.h"

#include "nextcloud/InstanceHost.h"

#include <QDir>

namespace ncb::backup {

Result<std::unique_ptr<host::Host>> InstanceContext::makeHost(const settings::InstanceConfig& config)
{
    std::unique_ptr<host::Host> h = nextcloud::makeInstanceHost(config); // unknown host keys refused
    NCB_TRY(h->connect());
    return h;
}

Result<std::unique_ptr<InstanceContext>> InstanceContext::open(const settings::InstanceConfig& config)
{
    std::unique_ptr<InstanceContext> c(new InstanceContext);
    c->m_config = config;
    auto h = makeHost(config);
    if (!h)
        return h.error();
    c->m_host = std::move(h.value());
    auto sc = nextcloud::ServerConfig::read(*c->m_host, config.serverRoot, true);
    if (!sc)
        return sc.error();
    c->m_server = sc.value();
    auto db = nextcloud::DatabaseSettings::fromConfig(c->m_server.values);
    if (!db)
        return db.error();
    c->m_db = db.value();
    c->m_occ = std::make_unique<nextcloud::Occ>(*c->m_host, config.serverRoot);
    c->m_occ->setInstanceName(config.name);
    return c;
}

QString InstanceContext::dataDirectory() const
{
    QString d = m_server.values.value(QStringLiteral("datadirectory")).toString();
    if (d.isEmpty())
        d = m_config.serverRoot + QStringLiteral("/data");
    return QDir::cleanPath(d);
}

Result<QByteArray> InstanceContext::occChecked(const QStringList& args, int timeoutMs)
{
    ++m_occCalls;
    return m_occ->runChecked(args, timeoutMs);
}

} // namespace ncb::backup
