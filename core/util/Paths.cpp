#include "Paths.h"

#include <QDir>
#include <QStandardPaths>

namespace ncb::paths {

static QString fromEnvOr(const char* var, QStandardPaths::StandardLocation loc, const QString& leaf)
{
    const QByteArray v = qgetenv(var);
    if (!v.isEmpty())
        return QDir::cleanPath(QString::fromLocal8Bit(v));
    return QDir::cleanPath(QStandardPaths::writableLocation(loc) + QLatin1Char('/') + leaf);
}

QString configDir()
{
    return fromEnvOr("NCBACKUP_CONFIG_DIR", QStandardPaths::GenericConfigLocation, QStringLiteral("ncbackup"));
}

QString dataDir()
{
    return fromEnvOr("NCBACKUP_DATA_DIR", QStandardPaths::GenericDataLocation, QStringLiteral("ncbackup"));
}

QString cacheDir()
{
    return fromEnvOr("NCBACKUP_CACHE_DIR", QStandardPaths::GenericCacheLocation, QStringLiteral("ncbackup"));
}

QString repositoriesDir() { return dataDir() + QStringLiteral("/repositories"); }

} // namespace ncb::paths
