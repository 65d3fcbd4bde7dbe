#pragma once
// InstanceInfo: what ncbackup found out about one Nextcloud instance (InstanceDiscovery). Holds no
// secret; toJson() is what `instance show --json` prints.

#include "nextcloud/DatabaseSettings.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace ncb::nextcloud {

struct ExternalStorage
{
    int mountId = 0;
    QString mountPoint; // "/Ext"
    QString backend;    // "\OC\Files\Storage\Local"
    QString localPath;  // configuration.datadir for local storage, else empty
};

struct InstanceInfo
{
    QString host;             // Host::displayName()
    QString serverRoot;
    QString configDir;
    QString version;          // "32.0.1.2"
    QString versionString;    // "32.0.1"
    QString instanceId;
    QString cliUrl;           // overwrite.cli.url, e.g. "https://cloud.example.org" (may be empty)
    QString dataDirectory;
    // Where the two really are on the host (readlink -f): differs when the path is or passes a symlink
    // (a data folder on its own disk, a root switched between versions). Backups walk the real folders.
    QString serverRootRealPath, dataDirectoryRealPath;
    DatabaseSettings database; // without password
    bool installed = false;
    bool maintenance = false;
    bool needsDbUpgrade = false;
    bool dbReachable = false;
    QString dbError;          // one sentence when !dbReachable
    QMap<QString, QString> enabledApps; // id -> version
    QMap<QString, QString> disabledApps;
    int usersCount = -1;      // -1: unknown (database unreachable)
    qint64 dataSize = -1;     // bytes under the data directory; -1: unknown
    bool externalStoragesKnown = false; // false in maintenance mode (apps not loaded) or without DB
    QList<ExternalStorage> externalStorages;
    bool objectStore = false; // objectstore / objectstore_multibucket in config.php

    // "Files of this instance live in object storage: ..." when objectStore, else empty.
    QString objectStoreWarning() const;
    static QString objectStoreSentence(); // the same sentence, for the backup (one wording everywhere)
    QJsonObject toJson() const;
};

} // namespace ncb::nextcloud
