#include "nextcloud/InstanceInfo.h"

#include <QJsonArray>

namespace ncb::nextcloud {

QString InstanceInfo::objectStoreSentence()
{
    return QStringLiteral("Files of this instance live in object storage: they are not backed up (database and "
                          "setup still are).");
}

QString InstanceInfo::objectStoreWarning() const
{
    return objectStore ? objectStoreSentence() : QString();
}

static QJsonObject mapToJson(const QMap<QString, QString>& m)
{
    QJsonObject o;
    for (auto it = m.begin(); it != m.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject InstanceInfo::toJson() const
{
    QJsonArray ext;
    for (const ExternalStorage& e : externalStorages)
        ext.append(QJsonObject{{QStringLiteral("mountId"), e.mountId},
                               {QStringLiteral("mountPoint"), e.mountPoint},
                               {QStringLiteral("backend"), e.backend},
                               {QStringLiteral("localPath"), e.localPath}});
    QJsonObject o{{QStringLiteral("host"), host},
                  {QStringLiteral("serverRoot"), serverRoot},
                  {QStringLiteral("configDir"), configDir},
                  {QStringLiteral("version"), version},
                  {QStringLiteral("versionString"), versionString},
                  {QStringLiteral("instanceId"), instanceId},
                  {QStringLiteral("cliUrl"), cliUrl},
                  {QStringLiteral("dataDirectory"), dataDirectory},
                  {QStringLiteral("serverRootRealPath"), serverRootRealPath},
                  {QStringLiteral("dataDirectoryRealPath"), dataDirectoryRealPath},
                  {QStringLiteral("database"), database.toJson()},
                  {QStringLiteral("installed"), installed},
                  {QStringLiteral("maintenance"), maintenance},
                  {QStringLiteral("needsDbUpgrade"), needsDbUpgrade},
                  {QStringLiteral("dbReachable"), dbReachable},
                  {QStringLiteral("enabledApps"), mapToJson(enabledApps)},
                  {QStringLiteral("disabledApps"), mapToJson(disabledApps)},
                  {QStringLiteral("usersCount"), usersCount},
                  {QStringLiteral("dataSize"), dataSize},
                  {QStringLiteral("externalStoragesKnown"), externalStoragesKnown},
                  {QStringLiteral("externalStorages"), ext},
                  {QStringLiteral("objectStore"), objectStore}};
    if (!dbReachable)
        o.insert(QStringLiteral("dbError"), dbError);
    if (objectStore)
        o.insert(QStringLiteral("objectStoreWarning"), objectStoreWarning());
    return o;
}

} // namespace ncb::nextcloud
