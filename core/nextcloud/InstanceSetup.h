#pragma once
// InstanceSetup: the one way a Nextcloud instance becomes an ncbackup instance, used by
// `ncbackup-cli instance add` and by the app's setup wizard, so both make the same profile:
//   inspect()          finds the server root (rootCandidates() when none is given), takes the owner of
//                      config.php as the sudo user when the commands run as root, reads the instance and
//                      refuses one that is not installed or whose database cannot be reached;
//   checkName()        the instance name: valid and not taken (suggestName() offers one from the host);
//   createRepository() the encrypted repository at the chosen (or default) location;
//   storeKey()         its key in the keychain;
//   saveProfile()      the profile, with the default exclusions unless the caller chose its own.
// Sentences are English; the faces show them as they come.

#include "host/Host.h"
#include "nextcloud/InstanceInfo.h"
#include "settings/InstanceConfig.h"
#include "settings/RepositoryUnlock.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace ncb::repo {
class Repository;
}

namespace ncb::nextcloud {

struct ServerConfig;

class InstanceSetup
{
public:
    // Where Nextcloud usually lives, in the order they are tried when no server root is given.
    static QStringList rootCandidates();
    // What a new instance never backs up: thumbnails Nextcloud makes again, and its log file.
    static QStringList defaultExclusions();
    // <data dir>/repositories/NAME (paths::repositoriesDir()).
    static QString defaultRepository(const QString& name);
    // Trimmed, without trailing slashes ("/" stays "/").
    static QString normaliseServerRoot(const QString& root);

    // Error::Usage with one sentence when NAME is not a valid name or an instance has it already.
    static Status checkName(const QString& name);
    // A valid, unused name from the instance's own URL (overwrite.cli.url, then trusted_domains), else
    // from `fallback` (the SSH host, or "this-computer"), with "-2", "-3"… when taken.
    static QString suggestName(const ServerConfig& server, const QString& fallback);
    static QString suggestName(const QString& base);

    struct Inspected
    {
        settings::InstanceConfig config; // serverRoot found and normalised, sudoUser defaulted
        InstanceInfo info;
        QString defaultedSudoUser;       // set when the owner of config.php was taken as sudo user
        QString suggestedName;           // suggestName() of the instance
    };
    // On a connected host whose runAs is config.sudoUser. Errors: no Nextcloud in the usual folders
    // (Error::NotFound), a relative root (Error::Usage), not installed / database unreachable
    // (Error::Remote), and what discovery says.
    static Result<Inspected> inspect(host::Host& host, settings::InstanceConfig config);

    // Creates the repository for config (config.repository, or defaultRepository(config.name) when
    // empty; made absolute and written back). Error::Usage when the folder holds a repository already.
    static Result<std::unique_ptr<repo::Repository>> createRepository(settings::InstanceConfig& config,
                                                                     const InstanceInfo& info,
                                                                     const QByteArray& password);
    static settings::KeyStorage storeKey(const repo::Repository& repository, bool useKeychain,
                                         QString* keychainError = nullptr);
    // Saves the profile; fills in the default exclusions when config has none. Error::Usage when the
    // name is taken and overwrite is false.
    static Status saveProfile(settings::InstanceConfig& config, bool overwrite = false);
};

} // namespace ncb::nextcloud
