#include "nextcloud/InstanceDiscovery.h"

#include "host/RealPath.h"

#include "nextcloud/Occ.h"
#include "nextcloud/ServerConfig.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcNextcloud, "ncbackup.nextcloud", QtWarningMsg)

namespace ncb::nextcloud {

Status InstanceDiscovery::checkRoot(host::Host& host, const QString& serverRoot)
{
    // Exit 10: cannot enter the folder; 11: files missing (listed on stdout); 12: no php.
    const QString cmd = QStringLiteral(
        "cd %1 2>/dev/null || exit 10; m=; [ -f occ ] || m=\"$m occ\"; [ -f version.php ] || m=\"$m version.php\"; "
        "c=${NEXTCLOUD_CONFIG_DIR:-config}; [ -f \"${c%/}/config.php\" ] || m=\"$m config/config.php\"; "
        "if [ -n \"$m\" ]; then echo $m; exit 11; fi; command -v php >/dev/null 2>&1 || exit 12; exit 0")
                            .arg(host::Host::quote(serverRoot));
    host::ExecOptions opt;
    opt.timeoutMs = 30000;
    auto r = host.exec(cmd, opt);
    if (!r)
        return r.error();
    switch (r->exitCode) {
    case 0:
        return {};
    case 10:
        return Error::make(Error::NotFound,
                           QStringLiteral("%1 on %2 is not a Nextcloud server root: there is no such folder (or %3 "
                                          "may not enter it).")
                               .arg(serverRoot, host.displayName(),
                                    host.runAs().isEmpty() ? host.loginUser() : host.runAs()));
    case 11: {
        const QStringList missing = QString::fromUtf8(r->out).simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        return Error::make(Error::NotFound, QStringLiteral("%1 on %2 is not a Nextcloud server root: there is no %3.")
                                                .arg(serverRoot, host.displayName(), missing.join(QLatin1Char('/'))));
    }
    case 12:
        return Error::make(Error::Remote, QStringLiteral("PHP is not installed on %1: ncbackup needs the php command "
                                                         "to read config.php.").arg(host.displayName()));
    default:
        return Error::make(Error::Remote, QStringLiteral("Checking %1 on %2 failed: %3.")
                                              .arg(serverRoot, host.displayName(),
                                                   Occ::firstLine(OccResult{r->exitCode, r->out, r->err})));
    }
}

static bool isDbFailure(const QString& line)
{
    return line.contains(QLatin1String("Failed to connect to the database"), Qt::CaseInsensitive)
        || line.contains(QLatin1String("SQLSTATE"), Qt::CaseInsensitive)
        || line.contains(QLatin1String("database"), Qt::CaseInsensitive);
}

Result<InstanceInfo> InstanceDiscovery::discover(host::Host& host, const QString& serverRoot, const Options& options)
{
    NCB_TRY(checkRoot(host, serverRoot));
    auto cfg = ServerConfig::read(host, serverRoot);
    if (!cfg)
        return cfg.error();
    InstanceInfo info;
    info.host = host.displayName();
    info.serverRoot = serverRoot;
    info.configDir = cfg->configDir;
    info.version = cfg->version;
    info.versionString = cfg->versionString;
    const QJsonObject& c = cfg->values;
    info.instanceId = c.value(QLatin1String("instanceid")).toString();
    info.cliUrl = c.value(QLatin1String("overwrite.cli.url")).toString();
    info.dataDirectory = c.value(QLatin1String("datadirectory")).toString();
    if (info.dataDirectory.isEmpty())
        info.dataDirectory = serverRoot + QStringLiteral("/data");
    if (auto real = host::realPaths(host, {serverRoot.toUtf8(), info.dataDirectory.toUtf8()})) {
        info.serverRootRealPath = QString::fromUtf8(real->at(0));
        info.dataDirectoryRealPath = QString::fromUtf8(real->at(1));
    }
    info.installed = c.value(QLatin1String("installed")).toBool();
    info.maintenance = c.value(QLatin1String("maintenance")).toBool();
    info.objectStore = c.contains(QLatin1String("objectstore")) || c.contains(QLatin1String("objectstore_multibucket"));
    auto db = DatabaseSettings::fromConfig(c);
    if (!db)
        return db.error();
    info.database = db.value();
    info.database.password.clear();

    Occ occ(host, serverRoot);
    occ.setInstanceName(options.instanceName);
    const QStringList statusArgs{QStringLiteral("status"), QStringLiteral("--output=json")};
    auto st = occ.run(statusArgs);
    if (!st)
        return st.error();
    if (st->exitCode != 0) {
        const QString line = Occ::firstLine(*st);
        if (!isDbFailure(line))
            return occ.failure(statusArgs, *st);
        info.dbReachable = false;
        QString said = line;
        while (said.endsWith(QLatin1Char('.')))
            said.chop(1);
        if (const QString tables = Occ::missingTables(*st); !tables.isEmpty())
            info.dbError = QStringLiteral("The %1 database of the Nextcloud on %2 (%3) lacks Nextcloud's tables, so "
                                          "Nextcloud cannot start (%4); %5.")
                               .arg(info.database.productName(), host.displayName(), info.database.where(), tables,
                                    Occ::repairAdvice(options.instanceName));
        else
            info.dbError = QStringLiteral("The %1 database of the Nextcloud on %2 (%3) is not reachable: %4.")
                               .arg(info.database.productName(), host.displayName(), info.database.where(), said);
        qCInfo(lcNextcloud) << "database unreachable:" << info.dbError;
    } else {
        auto doc = occ.json(statusArgs);
        if (!doc)
            return doc.error();
        const QJsonObject s = doc->object();
        info.dbReachable = true;
        info.installed = s.value(QLatin1String("installed")).toBool();
        info.maintenance = s.value(QLatin1String("maintenance")).toBool();
        info.needsDbUpgrade = s.value(QLatin1String("needsDbUpgrade")).toBool();
        if (!s.value(QLatin1String("versionstring")).toString().isEmpty())
            info.versionString = s.value(QLatin1String("versionstring")).toString();
        if (!s.value(QLatin1String("version")).toString().isEmpty())
            info.version = s.value(QLatin1String("version")).toString();
    }

    if (info.dbReachable) {
        auto apps = occ.json({QStringLiteral("app:list"), QStringLiteral("--output=json")});
        if (!apps)
            return apps.error();
        const QJsonObject en = apps->object().value(QLatin1String("enabled")).toObject();
        for (auto it = en.begin(); it != en.end(); ++it)
            info.enabledApps.insert(it.key(), it.value().toString());
        const QJsonObject dis = apps->object().value(QLatin1String("disabled")).toObject();
        for (auto it = dis.begin(); it != dis.end(); ++it)
            info.disabledApps.insert(it.key(), it.value().toString());

        auto users = occ.json({QStringLiteral("user:list"), QStringLiteral("--output=json"),
                               QStringLiteral("--limit=1000000")});
        if (!users)
            return users.error();
        info.usersCount = users->object().size();

        if (!info.maintenance) {
            const QStringList extArgs{QStringLiteral("files_external:list"), QStringLiteral("--output=json")};
            auto ext = occ.run(extArgs);
            if (!ext)
                return ext.error();
            if (ext->exitCode != 0) {
                if (!Occ::firstLine(*ext).contains(QLatin1String("no commands defined in the \"files_external\"")))
                    return occ.failure(extArgs, *ext);
                info.externalStoragesKnown = true; // the app is disabled: no external storage
            } else {
                auto doc = occ.json(extArgs);
                if (!doc)
                    return doc.error();
                for (const QJsonValue& v : doc->array()) {
                    const QJsonObject m = v.toObject();
                    ExternalStorage e;
                    e.mountId = m.value(QLatin1String("mount_id")).toInt();
                    e.mountPoint = m.value(QLatin1String("mount_point")).toString();
                    e.backend = m.value(QLatin1String("storage")).toString();
                    if (e.backend.endsWith(QLatin1String("\\Local")))
                        e.localPath = m.value(QLatin1String("configuration")).toObject()
                                          .value(QLatin1String("datadir")).toString();
                    info.externalStorages.append(e);
                }
                info.externalStoragesKnown = true;
            }
        }
    }

    if (options.measureDataSize) {
        host::ExecOptions opt;
        opt.timeoutMs = 600000;
        auto du = host.exec(QStringLiteral("du -sb -- %1 2>/dev/null | cut -f1").arg(host::Host::quote(info.dataDirectory)),
                            opt);
        if (!du)
            return du.error();
        bool ok = false;
        const qint64 n = du->out.trimmed().toLongLong(&ok);
        info.dataSize = ok ? n : -1;
    }
    return info;
}

} // namespace ncb::nextcloud
