#pragma once
// Where ncbackup keeps its own files. Every location honours an environment override so tests and
// several profiles never touch a user's real settings.

#include <QString>

namespace ncb::paths {

QString configDir();     // NCBACKUP_CONFIG_DIR or ~/.config/ncbackup
QString dataDir();       // NCBACKUP_DATA_DIR or ~/.local/share/ncbackup
QString cacheDir();      // NCBACKUP_CACHE_DIR or ~/.cache/ncbackup (catalogs: rebuildable)
QString repositoriesDir(); // dataDir()/repositories

} // namespace ncb::paths
