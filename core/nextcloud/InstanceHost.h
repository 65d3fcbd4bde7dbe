#pragma once
// InstanceHost: the Host an instance profile describes — this machine or SSH (host, port, user, identity,
// known_hosts) — with its sudo user set. One place, so the CLI, the GUI and scheduled runs reach an
// instance the same way. Also: the repository description that lets `instance attach` rebuild a profile.

#include "host/Host.h"
#include "nextcloud/InstanceInfo.h"
#include "settings/InstanceConfig.h"

#include <QJsonObject>

#include <memory>

namespace ncb::nextcloud {

struct HostOptions
{
    bool acceptNewHostKey = false; // trust an unknown SSH host key and remember it
};

std::unique_ptr<host::Host> makeInstanceHost(const settings::InstanceConfig& config, const HostOptions& options = {});

// "USER@HOST[:PORT]", "HOST", "USER@[v6]:PORT" into config's sshUser/sshHost/sshPort; Error::Usage if malformed.
Status parseSshTarget(const QString& target, settings::InstanceConfig* config);

// What a repository's config says about the instance it backs up (no secret).
QJsonObject repositoryDescription(const settings::InstanceConfig& config, const InstanceInfo& info);
// The profile back from such a description (name and repository path from the caller);
// Error::Corrupt when the description does not name an instance.
Result<settings::InstanceConfig> configFromDescription(const QJsonObject& description, const QString& name,
                                                       const QString& repository);

} // namespace ncb::nextcloud
