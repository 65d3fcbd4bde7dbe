#pragma once
// InstanceContext: everything a job needs to act on one configured Nextcloud instance — its Host
// (this machine or SSH, commands through `sudo -n -u USER` when the instance says so), occ, and its
// config.php as read by PHP on the host (data directory, version, database settings with the password,
// held in memory only). Unknown or changed SSH host keys are refused by SshHost, never accepted here.

#include "host/Host.h"
#include "nextcloud/DatabaseSettings.h"
#include "nextcloud/Occ.h"
#include "nextcloud/ServerConfig.h"
#include "settings/InstanceConfig.h"

#include <memory>

namespace ncb::backup {

class InstanceContext
{
public:
    // Connects and reads config.php (with the database password).
    static Result<std::unique_ptr<InstanceContext>> open(const settings::InstanceConfig& config);
    // The Host alone (no config.php read): for restoring an instance into a root that does not exist yet.
    static Result<std::unique_ptr<host::Host>> makeHost(const settings::InstanceConfig& config);

    const settings::InstanceConfig& config() const { return m_config; }
    host::Host& host() { return *m_host; }
    nextcloud::Occ& occ() { return *m_occ; }
    const nextcloud::ServerConfig& serverConfig() const { return m_server; }
    const nextcloud::DatabaseSettings& database() const { return m_db; }
    QString dataDirectory() const;
    QString serverRoot() const { return m_config.serverRoot; }

    // Runs occ and counts the call (the RP records how many occ calls a backup made).
    Result<QByteArray> occChecked(const QStringList& args, int timeoutMs = 300000);
    int occCalls() const { return m_occCalls; }
    void addOccCalls(int n) { m_occCalls += n; }

private:
    InstanceContext() = default;
    settings::InstanceConfig m_config;
    std::unique_ptr<host::Host> m_host;
    std::unique_ptr<nextcloud::Occ> m_occ;
    nextcloud::ServerConfig m_server;
    nextcloud::DatabaseSettings m_db;
    int m_occCalls = 0;
};

} // namespace ncb::backup
