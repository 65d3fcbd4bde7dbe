#pragma once
// ServerConfig: an instance's config.php as Nextcloud itself sees it, read by PHP on the host from the
// server root: config/config.php, then every config/*.config.php merged over it (NEXTCLOUD_CONFIG_DIR
// moves the folder), plus version.php. Reading through PHP is the only robust way: config.php is code.
//
// Secrets (dbpassword, passwordsalt, secret, any *password*/*secret*/key/token value) are stripped on
// the host unless withDbPassword is set, and then only dbpassword comes back; they never reach a log.

#include "host/Host.h"
#include "util/Result.h"

#include <QJsonObject>

namespace ncb::nextcloud {

struct ServerConfig
{
    QJsonObject values;     // merged $CONFIG without secrets (dbpassword added only on request)
    QString versionString;  // $OC_VersionString, e.g. "32.0.1"
    QString version;        // implode('.', $OC_Version), e.g. "32.0.1.2"
    QString configDir;      // the folder config.php was read from

    // Runs PHP on the host (as its runAs user). Errors: no PHP, unreadable or broken config.php.
    static Result<ServerConfig> read(host::Host& host, const QString& serverRoot, bool withDbPassword = false);

    // Sets `maintenance` in config.php through PHP on the host, as Nextcloud's own occ writes it
    // (OC\Config::writeData): under an exclusive lock the whole file is rewritten in place from its $CONFIG
    // (so it keeps its owner and mode). For when occ cannot start. Error::Remote when config.php cannot be
    // written by the Host's runAs user, or when another config/*.config.php overrides the value.
    static Status setMaintenance(host::Host& host, const QString& serverRoot, bool on);
};

} // namespace ncb::nextcloud
