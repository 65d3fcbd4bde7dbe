#pragma once
// InstanceDiscovery: looks at a server root on a Host and tells what Nextcloud lives there: version,
// data directory, database, apps, users, data size, external storages, object storage. Everything is
// asked of the host itself (PHP for config.php, occ for the rest), as the Host's runAs user.

#include "host/Host.h"
#include "nextcloud/InstanceInfo.h"
#include "util/Result.h"

namespace ncb::nextcloud {

class InstanceDiscovery
{
public:
    struct Options
    {
        bool measureDataSize = true; // du -sb of the data directory (reads every folder once)
        QString instanceName;        // for the sentences that say what to run (ncbackup's name of the instance)
    };

    // Is ROOT a Nextcloud server root (occ, version.php, config.php) and can PHP run there?
    // "ROOT on HOST is not a Nextcloud server root: there is no occ/config.php." (Error::NotFound) or
    // "PHP is not installed on HOST: ncbackup needs the php command to read config.php." (Error::Remote).
    static Status checkRoot(host::Host& host, const QString& serverRoot);

    // checkRoot() then everything else. An unreachable database is not an error here: the answer has
    // dbReachable false and dbError set (the caller decides); so is a missing user count.
    static Result<InstanceInfo> discover(host::Host& host, const QString& serverRoot, const Options& options);
    static Result<InstanceInfo> discover(host::Host& host, const QString& serverRoot)
    {
        return discover(host, serverRoot, Options{});
    }
};

} // namespace ncb::nextcloud
