#pragma once
// Reading a repository's mirror on a remote: the Restoring Points it holds (manifests verified with the
// repository key), and a whole local repository rebuilt from it.
#include "Mirror.h"
#include "repository/Repository.h"

namespace ncb::remote {

struct RemoteSnapshot
{
    QString id;
    QDateTime time;
    qint64 manifestBytes = 0;
};

struct RemoteListing
{
    QList<RemoteSnapshot> snapshots; // verified, oldest first
    QStringList refused;             // manifests that do not open or whose signature does not verify
    qint64 bytes = 0;                // total size of the mirror
    int packs = 0;
};

// Fetches config, keys and manifests (small) into a private temporary folder and opens them with the
// master key of the unlocked local repository `local`. Error::Auth when the mirror belongs to another
// repository (the key does not open it).
Result<RemoteListing> listRemote(const WebDavClient& client, const QString& folder, const repo::Repository& local);

// Rebuilds a complete repository in `target` (missing or empty) from the mirror; manifests come last.
// Returns the repository, opened (not unlocked).
Result<std::unique_ptr<repo::Repository>> recoverRepository(const WebDavClient& client, const QString& folder,
                                                            const QString& target, const MirrorOptions& options,
                                                            PullReport* report = nullptr);

} // namespace ncb::remote
