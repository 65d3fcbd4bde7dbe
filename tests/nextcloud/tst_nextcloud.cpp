// core/nextcloud against the fixture Nextcloud (tests/env/fixture) on a real host: this machine, the test
// sshd, or the sshd through sudo -u www-data; on SQLite, MariaDB or PostgreSQL (the real servers from
// tests/env). One executable, run once per combination (CMakeLists.txt): the environment variables
// NCB_NC_VIA (local|ssh|sudo) and NCB_NC_DB (sqlite|mysql|pgsql) pick it. Missing services fail the test;
// nothing is skipped.
#include "NcTestHost.h"
#include "nextcloud/DatabaseAccess.h"
#include "nextcloud/DatabaseDumper.h"
#include "nextcloud/DatabaseRestorer.h"
#include "nextcloud/InstanceDiscovery.h"
#include "nextcloud/MaintenanceGuard.h"
#include "nextcloud/Occ.h"
#include "nextcloud/ServerConfig.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

using namespace ncb;
using namespace ncb::nextcloud;

class TestNextcloud : public QObject
{
    Q_OBJECT

private:
    QString m_viaName = qEnvironmentVariable("NCB_NC_VIA");
    Via m_via = viaFromString(m_viaName);
    QString m_db = qEnvironmentVariable("NCB_NC_DB");
    QTemporaryDir m_tmp{QStringLiteral("/tmp/ncb-nc-test-XXXXXX")};
    QString m_root, m_data, m_dbName, m_dbPassword;
    std::unique_ptr<host::Host> m_host;

    QString fx(const QString& name) const { return QStringLiteral(NCB_SOURCE_DIR "/tests/env/fixture/") + name; }
    QString here(const QString& name) const { return QStringLiteral(NCB_SOURCE_DIR "/tests/nextcloud/") + name; }

    static QByteArray run(const QString& program, const QStringList& args, int* rc = nullptr,
                          const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(program, args);
        p.waitForFinished(120000);
        if (rc)
            *rc = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return p.readAllStandardOutput() + p.readAllStandardError();
    }

    // Runs a shell command on the fixture host as the fixture's owner (so the files it writes belong there).
    QByteArray onHost(const QString& cmd, const QByteArray& stdinData = {})
    {
        host::ExecOptions o;
        o.stdinData = stdinData;
        auto r = m_host->exec(QStringLiteral("cd %1 && { %2; }").arg(host::Host::quote(m_root), cmd), o);
        if (!r)
            qWarning() << r.error().message;
        return r ? r->out : QByteArray();
    }
    bool maintenanceOn()
    {
        Occ occ(*m_host, m_root);
        auto r = occ.runChecked({QStringLiteral("maintenance:mode")});
        if (!r)
            qWarning() << r.error().message;
        return r && r->contains("currently enabled");
    }
    QString tableSums()
    {
        int rc = 0;
        const QByteArray out = run(QStringLiteral("php"), {here(QStringLiteral("tablesum.php")), m_root}, &rc);
        return rc == 0 ? QString::fromUtf8(out) : QStringLiteral("ERROR: ") + QString::fromUtf8(out);
    }
    void dbq(const QString& sql)
    {
        int rc = 0;
        const QByteArray out = run(QStringLiteral("php"), {QStringLiteral(NCB_SOURCE_DIR "/tests/fixture/dbq.php"), m_root, sql}, &rc);
        QVERIFY2(rc == 0, out.constData());
    }
    DatabaseSettings settingsWithPassword()
    {
        auto cfg = ServerConfig::read(*m_host, m_root, true);
        if (!cfg) {
            qWarning() << cfg.error().message;
            return {};
        }
        return DatabaseSettings::fromConfig(cfg->values).value();
    }
    QString victim() const { return QStringLiteral(NCB_BINARY_DIR "/tests/nextcloud/nc_guard_victim"); }
    QString viaName() const { return m_viaName; }

private slots:
    void initTestCase()
    {
        QVERIFY2(QStringList({"local", "ssh", "sudo"}).contains(m_viaName) && QStringList({"sqlite", "mysql", "pgsql"}).contains(m_db),
                 "set NCB_NC_VIA (local|ssh|sudo) and NCB_NC_DB (sqlite|mysql|pgsql); ctest does");
        QVERIFY(m_tmp.isValid());
        QFile::setPermissions(m_tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                                | QFileDevice::ExeOther);
        QString why;
        m_host = makeTestHost(m_via, &why);
        QVERIFY2(m_host, qPrintable(why));
        QVERIFY2(m_host->connect().ok(), "cannot connect to the fixture host");

        m_root = m_tmp.filePath(QStringLiteral("root"));
        m_data = m_tmp.filePath(QStringLiteral("data"));
        QStringList args{QStringLiteral("--root"), m_root, QStringLiteral("--data"), m_data, QStringLiteral("--db"), m_db,
                         QStringLiteral("--size"), QStringLiteral("tiny"), QStringLiteral("--instanceid"),
                         QStringLiteral("ocnctest%1").arg(QCoreApplication::applicationPid())};
        const auto env = QProcessEnvironment::systemEnvironment();
        auto writeSecret = [&](const QString& name, const QByteArray& value) {
            QFile f(m_tmp.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            f.write(value + '\n');
            return f.fileName();
        };
        if (m_db != QLatin1String("sqlite")) {
            const QString p = m_db == QLatin1String("mysql") ? QStringLiteral("NCB_MARIADB_") : QStringLiteral("NCB_PG_");
            for (const char* v : {"HOST", "PORT", "ADMIN_USER", "ADMIN_PASSWORD"})
                QVERIFY2(!env.value(p + QLatin1String(v)).isEmpty(),
                         qPrintable(p + QLatin1String(v) + QStringLiteral(" is not set: start the services (tests/env/services.sh) or run scripts/test")));
            // a password with characters an option file or passfile must escape
            m_dbPassword = QStringLiteral("p\\w:d \"x\" #%1").arg(QCoreApplication::applicationPid());
            m_dbName = QStringLiteral("ncbnc_%1_%2_%3").arg(m_db, viaName()).arg(QCoreApplication::applicationPid());
            args << QStringLiteral("--db-host") << env.value(p + QStringLiteral("HOST")) << QStringLiteral("--db-port")
                 << env.value(p + QStringLiteral("PORT")) << QStringLiteral("--db-admin-user")
                 << env.value(p + QStringLiteral("ADMIN_USER")) << QStringLiteral("--db-admin-password-file")
                 << writeSecret(QStringLiteral("admin.pw"), env.value(p + QStringLiteral("ADMIN_PASSWORD")).toUtf8())
                 << QStringLiteral("--db-name") << m_dbName << QStringLiteral("--db-user")
                 << QStringLiteral("ncbnc%1%2").arg(viaName()).arg(QCoreApplication::applicationPid())
                 << QStringLiteral("--db-password-file") << writeSecret(QStringLiteral("db.pw"), m_dbPassword.toUtf8())
                 << QStringLiteral("--external") << QStringLiteral("/srv/ext");
        }
        if (!fixtureOwner(m_via).isEmpty())
            args << QStringLiteral("--owner") << fixtureOwner(m_via);
        int rc = 0;
        const QByteArray out = run(fx(QStringLiteral("make-nextcloud.sh")), args, &rc);
        QVERIFY2(rc == 0, out.constData());
        m_tmp.setAutoRemove(false); // removed in cleanupTestCase (files may belong to another user)
    }

    void cleanupTestCase()
    {
        if (m_db == QLatin1String("mysql") || m_db == QLatin1String("pgsql")) {
            // drop the test database with the admin account (password through the environment)
            auto env = QProcessEnvironment::systemEnvironment();
            if (m_db == QLatin1String("mysql")) {
                env.insert(QStringLiteral("MYSQL_PWD"), env.value(QStringLiteral("NCB_MARIADB_ADMIN_PASSWORD")));
                run(QStringLiteral("mariadb"), {QStringLiteral("--no-defaults"), QStringLiteral("-h"), env.value(QStringLiteral("NCB_MARIADB_HOST")),
                                                QStringLiteral("-P"), env.value(QStringLiteral("NCB_MARIADB_PORT")), QStringLiteral("-u"),
                                                env.value(QStringLiteral("NCB_MARIADB_ADMIN_USER")), QStringLiteral("-e"),
                                                QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(m_dbName)},
                    nullptr, env);
            } else {
                env.insert(QStringLiteral("PGPASSWORD"), env.value(QStringLiteral("NCB_PG_ADMIN_PASSWORD")));
                run(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-h"), env.value(QStringLiteral("NCB_PG_HOST")),
                                             QStringLiteral("-p"), env.value(QStringLiteral("NCB_PG_PORT")), QStringLiteral("-U"),
                                             env.value(QStringLiteral("NCB_PG_ADMIN_USER")), QStringLiteral("-d"), QStringLiteral("postgres"),
                                             QStringLiteral("-c"), QStringLiteral("DROP DATABASE IF EXISTS \"%1\"").arg(m_dbName)},
                    nullptr, env);
            }
        }
        m_host.reset();
        QDir(m_tmp.path()).removeRecursively();
    }

    void init()
    {
        // every test starts with maintenance off and no leftover overrides
        onHost(QStringLiteral("rm -f config/zz-test.config.php"));
        if (maintenanceOn())
            Occ(*m_host, m_root).runChecked({QStringLiteral("maintenance:mode"), QStringLiteral("--off")}).ok();
    }

    void discovery()
    {
        auto info = InstanceDiscovery::discover(*m_host, m_root);
        QVERIFY2(info, info ? "" : qPrintable(info.error().message));
        QCOMPARE(info->versionString, QStringLiteral("32.0.1"));
        QCOMPARE(info->version, QStringLiteral("32.0.1.2"));
        QCOMPARE(info->dataDirectory, m_data);
        QCOMPARE(info->cliUrl, QStringLiteral("http://localhost"));
        QCOMPARE(info->instanceId, QStringLiteral("ocnctest%1").arg(QCoreApplication::applicationPid()));
        QCOMPARE(info->database.typeName(), m_db == QLatin1String("sqlite") ? QStringLiteral("sqlite3") : m_db);
        if (m_db == QLatin1String("sqlite"))
            QCOMPARE(info->database.sqliteFile, m_data + QStringLiteral("/owncloud.db"));
        else
            QCOMPARE(info->database.name, m_dbName);
        QVERIFY(info->installed);
        QVERIFY(!info->maintenance);
        QVERIFY2(info->dbReachable, qPrintable(info->dbError));
        // users: exactly the rows of oc_users
        int rc = 0;
        const QByteArray n = run(QStringLiteral("php"), {QStringLiteral(NCB_SOURCE_DIR "/tests/fixture/dbq.php"), m_root,
                                                         QStringLiteral("SELECT COUNT(*) FROM oc_users")}, &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(info->usersCount, n.trimmed().toInt());
        QVERIFY(info->usersCount >= 3);
        QCOMPARE(info->enabledApps.value(QStringLiteral("dav")), QStringLiteral("1.34.2"));
        QVERIFY(info->enabledApps.contains(QStringLiteral("files")));
        QVERIFY(info->enabledApps.contains(QStringLiteral("calendar")));
        QCOMPARE(info->disabledApps.value(QStringLiteral("encryption")), QStringLiteral("2.20.0"));
        QVERIFY(info->externalStoragesKnown);
        if (m_db == QLatin1String("sqlite")) {
            QVERIFY(info->externalStorages.isEmpty()); // files_external disabled
        } else {
            QCOMPARE(info->externalStorages.size(), 1);
            QCOMPARE(info->externalStorages[0].mountPoint, QStringLiteral("/Ext"));
            QCOMPARE(info->externalStorages[0].localPath, QStringLiteral("/srv/ext"));
        }
        const QByteArray du = run(QStringLiteral("du"), {QStringLiteral("-sb"), m_data}).split('\t').value(0);
        QCOMPARE(info->dataSize, du.toLongLong());
        QVERIFY(info->dataSize > 0);
        QVERIFY(!info->objectStore);
        QVERIFY(info->objectStoreWarning().isEmpty());
        // no secret in what is shown or stored
        const QByteArray json = QJsonDocument(info->toJson()).toJson();
        QVERIFY(!json.contains("passwordsalt"));
        QVERIFY(!json.contains("dbpassword"));
        if (!m_dbPassword.isEmpty())
            QVERIFY(!json.contains(QJsonDocument(QJsonObject{{QStringLiteral("p"), m_dbPassword}}).toJson(QJsonDocument::Compact).mid(6).chopped(2)));
        QVERIFY(json.contains("\"versionString\": \"32.0.1\""));
    }

    void extraConfigFilesAndObjectStore()
    {
        // config/*.config.php merge over config.php, as in Nextcloud
        onHost(QStringLiteral("cat > config/zz-test.config.php"),
               "<?php\n$CONFIG = array('objectstore' => array('class' => '\\\\OC\\\\Files\\\\ObjectStore\\\\S3', "
               "'arguments' => array('bucket' => 'nc', 'key' => 'AKIA', 'secret' => 'topsecret')));\n");
        auto info = InstanceDiscovery::discover(*m_host, m_root, {false, {}});
        QVERIFY2(info, info ? "" : qPrintable(info.error().message));
        QVERIFY(info->objectStore);
        QCOMPARE(info->objectStoreWarning(),
                 QStringLiteral("Files of this instance live in object storage: they are not backed up (database and setup still are)."));
        const QByteArray json = QJsonDocument(info->toJson()).toJson();
        QVERIFY(json.contains("objectStoreWarning"));
        auto cfg = ServerConfig::read(*m_host, m_root);
        QVERIFY(cfg);
        const QByteArray all = QJsonDocument(cfg->values).toJson();
        QVERIFY(all.contains("\"bucket\": \"nc\""));
        QVERIFY2(!all.contains("topsecret") && !all.contains("AKIA"), all.constData());
        QVERIFY(!cfg->values.contains(QStringLiteral("dbpassword")));
        QVERIFY(!cfg->values.contains(QStringLiteral("secret")));
        QCOMPARE(cfg->values.value(QStringLiteral("datadirectory")).toString(), m_data);
    }

    void notARoot()
    {
        const QString empty = m_tmp.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        auto r = InstanceDiscovery::discover(*m_host, empty);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::NotFound);
        QCOMPARE(r.error().message, QStringLiteral("%1 on %2 is not a Nextcloud server root: there is no occ/version.php/config/config.php.")
                                        .arg(empty, m_host->displayName()));
        // the data directory is not a root either
        r = InstanceDiscovery::discover(*m_host, m_data);
        QVERIFY(!r);
        QVERIFY2(r.error().message.endsWith(QLatin1String("is not a Nextcloud server root: there is no occ/version.php/config/config.php.")),
                 qPrintable(r.error().message));
        r = InstanceDiscovery::discover(*m_host, m_tmp.filePath(QStringLiteral("missing")));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QLatin1String("is not a Nextcloud server root: there is no such folder")),
                 qPrintable(r.error().message));
    }

    void brokenOcc()
    {
        // a root whose occ cannot run: a copy of the instance with a broken occ
        const QString copy = m_tmp.filePath(QStringLiteral("broken-root"));
        QVERIFY(QDir().mkpath(copy));
        if (!fixtureOwner(m_via).isEmpty())
            QCOMPARE(QProcess::execute(QStringLiteral("chown"), {fixtureOwner(m_via), copy}), 0);
        onHost(QStringLiteral("cp -a %1/. %2/ && printf '<?php\\nthis is not php;\\n' > %2/occ").arg(host::Host::quote(m_root), host::Host::quote(copy)));
        QVERIFY(QFile::exists(copy + QStringLiteral("/config/config.php")));
        auto r = InstanceDiscovery::discover(*m_host, copy);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Remote);
        QVERIFY2(r.error().message.startsWith(QStringLiteral("occ status --output=json failed on %1: PHP Parse error:").arg(m_host->displayName())),
                 qPrintable(r.error().message));
    }

    void missingPhp()
    {
        // this machine without php on PATH (LocalHost passes its environment to the shell; the SSH server's
        // PATH cannot be changed from here, and the check is the same shell code on every host)
        host::LocalHost local;
        const QByteArray path = qgetenv("PATH");
        const QString bin = m_tmp.filePath(QStringLiteral("nophp-bin"));
        QDir().mkpath(bin);
        qputenv("PATH", bin.toUtf8());
        auto r = InstanceDiscovery::discover(local, m_root);
        qputenv("PATH", path);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Remote);
        QCOMPARE(r.error().message, QStringLiteral("PHP is not installed on this machine: ncbackup needs the php command to read config.php."));
    }

    void occErrors()
    {
        Occ occ(*m_host, m_root);
        auto r = occ.runChecked({QStringLiteral("frobnicate")});
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Remote);
        QCOMPARE(r.error().message, QStringLiteral("occ frobnicate failed on %1: Command \"frobnicate\" is not defined.")
                                        .arg(m_host->displayName()));
        auto j = occ.json({QStringLiteral("status"), QStringLiteral("--output=json")});
        QVERIFY(j);
        QCOMPARE(j->object().value(QStringLiteral("versionstring")).toString(), QStringLiteral("32.0.1"));
        // occ as the wrong user: not the owner of config.php
        if (m_via != Via::Local) {
            const QString runAs = m_host->runAs();
            m_host->setRunAs(m_via == Via::Sudo ? QString() : QStringLiteral("www-data"));
            auto w = occ.runChecked({QStringLiteral("status")});
            m_host->setRunAs(runAs);
            QVERIFY(!w);
            if (m_via == Via::Sudo)
                QVERIFY2(w.error().message.contains(QLatin1String("occ must run as the owner of config/config.php")),
                         qPrintable(w.error().message));
            else
                QVERIFY2(w.error().message.contains(QLatin1String("www-data")), qPrintable(w.error().message));
        }
    }

    void unreachableDatabase()
    {
        if (m_db == QLatin1String("sqlite"))
            onHost(QStringLiteral("cat > config/zz-test.config.php"), "<?php\n$CONFIG = array('dbname' => 'missing');\n");
        else
            onHost(QStringLiteral("cat > config/zz-test.config.php"), "<?php\n$CONFIG = array('dbhost' => '127.0.0.1:9');\n");
        auto info = InstanceDiscovery::discover(*m_host, m_root, {false, {}});
        QVERIFY2(info, info ? "" : qPrintable(info.error().message));
        QVERIFY(!info->dbReachable);
        QVERIFY2(info->dbError.contains(QStringLiteral("database of the Nextcloud on %1").arg(m_host->displayName()))
                     && info->dbError.contains(QLatin1String("is not reachable: Failed to connect to the database")),
                 qPrintable(info->dbError));
        QCOMPARE(info->usersCount, -1);
        // the dump says the same in its words, and writes nothing
        const QString out = m_tmp.filePath(QStringLiteral("unreachable.dump"));
        DatabaseDumper dumper(*m_host, settingsWithPassword());
        auto r = dumper.dumpToFile(out);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Remote);
        if (m_db == QLatin1String("sqlite"))
            QVERIFY2(r.error().message.contains(QLatin1String("does not exist")), qPrintable(r.error().message));
        else
            QVERIFY2(r.error().message.contains(QLatin1String("cannot be reached from")), qPrintable(r.error().message));
        QVERIFY(!QFile::exists(out));
    }

    void maintenanceGuardOnOff()
    {
        const QString repo = m_tmp.filePath(QStringLiteral("repo-onoff"));
        Occ occ(*m_host, m_root);
        QString dir;
        {
            MaintenanceGuard g(occ, repo, {QStringLiteral("t"), 60, 1, {}});
            QVERIFY2(g.begin().ok(), "begin");
            QVERIFY(g.active());
            QVERIFY(maintenanceOn());
            QVERIFY(QFile::exists(MaintenanceGuard::markerPath(repo)));
            QFile mf(MaintenanceGuard::markerPath(repo));
            QVERIFY(mf.open(QIODevice::ReadOnly));
            const QJsonObject m = QJsonDocument::fromJson(mf.readAll()).object();
            QCOMPARE(m.value(QStringLiteral("instance")).toString(), QStringLiteral("t"));
            QCOMPARE(m.value(QStringLiteral("host")).toString(), m_host->displayName());
            QCOMPARE(m.value(QStringLiteral("pid")).toInteger(), QCoreApplication::applicationPid());
            dir = g.watchdogDir();
            QVERIFY(!dir.isEmpty());
            QCOMPARE(onHost(QStringLiteral("[ -d %1 ] && echo yes").arg(host::Host::quote(dir))).trimmed(), QByteArray("yes"));
            QVERIFY(g.renew().ok());
            // webdav users would see 503 now; status says maintenance
            auto st = occ.json({QStringLiteral("status"), QStringLiteral("--output=json")});
            QVERIFY(st && st->object().value(QStringLiteral("maintenance")).toBool());
            QVERIFY(g.end().ok());
            QVERIFY(!maintenanceOn());
            QVERIFY(!QFile::exists(MaintenanceGuard::markerPath(repo)));
        }
        // the watchdog is gone too: its folder, and its process within a few seconds
        QCOMPARE(onHost(QStringLiteral("[ -d %1 ] || echo gone").arg(host::Host::quote(dir))).trimmed(), QByteArray("gone"));
        QTRY_VERIFY_WITH_TIMEOUT(!onHost(QStringLiteral("ps -eo args | grep -F %1 | grep -v grep || true")
                                             .arg(host::Host::quote(dir))).contains("ncbackup-watchdog"), 5000);
        // nothing to recover after a clean run
        auto rec = MaintenanceGuard::recoverIfNeeded(occ, repo);
        QVERIFY(rec);
        QVERIFY(rec->isEmpty());
        // maintenance already on before (the admin's choice): the guard leaves it on
        QVERIFY(occ.runChecked({QStringLiteral("maintenance:mode"), QStringLiteral("--on")}).ok());
        {
            MaintenanceGuard g(occ, repo, {QStringLiteral("t"), 60, 1, {}});
            QVERIFY(g.begin().ok());
            QVERIFY(g.end().ok());
        }
        QVERIFY(maintenanceOn());
    }

    void markerRecoveryAfterKill()
    {
        const QString repo = m_tmp.filePath(QStringLiteral("repo-kill"));
        QProcess v;
        v.start(victim(), {viaName(), m_root, repo, QStringLiteral("120")});
        QVERIFY(v.waitForReadyRead(30000));
        const QByteArray line = v.readLine();
        QVERIFY2(line.startsWith("ON "), line.constData());
        QVERIFY(maintenanceOn());
        Occ occ(*m_host, m_root);
        // while that run lives, recovery refuses to touch it
        auto busy = MaintenanceGuard::recoverIfNeeded(occ, repo);
        QVERIFY(!busy);
        QCOMPARE(busy.error().code, Error::Locked);
        ::kill(static_cast<pid_t>(v.processId()), SIGKILL);
        QVERIFY(v.waitForFinished(10000));
        QVERIFY(QFile::exists(MaintenanceGuard::markerPath(repo)));
        QVERIFY(maintenanceOn()); // the killed run left it on
        auto rec = MaintenanceGuard::recoverIfNeeded(occ, repo);
        QVERIFY2(rec, rec ? "" : qPrintable(rec.error().message));
        QCOMPARE(*rec, QStringLiteral("A previous backup was interrupted; maintenance mode on %1 has been turned off.")
                           .arg(m_host->displayName()));
        QVERIFY(!maintenanceOn());
        QVERIFY(!QFile::exists(MaintenanceGuard::markerPath(repo)));
        const QString dir = QString::fromUtf8(line.mid(3).trimmed());
        QCOMPARE(onHost(QStringLiteral("[ -d %1 ] || echo gone").arg(host::Host::quote(dir))).trimmed(), QByteArray("gone"));
    }

    void watchdogTurnsMaintenanceOff()
    {
        // the ncbackup side dies (kill -9 drops its SSH link): nobody renews, the host turns maintenance off
        const QString repo = m_tmp.filePath(QStringLiteral("repo-watchdog"));
        QProcess v;
        v.start(victim(), {viaName(), m_root, repo, QStringLiteral("3")});
        QVERIFY(v.waitForReadyRead(30000));
        QVERIFY(v.readLine().startsWith("ON "));
        ::kill(static_cast<pid_t>(v.processId()), SIGKILL);
        QVERIFY(v.waitForFinished(10000));
        QElapsedTimer t;
        t.start();
        QVERIFY(maintenanceOn());
        QTRY_VERIFY_WITH_TIMEOUT(!maintenanceOn(), 15000);
        QVERIFY2(t.elapsed() < 12000, "the watchdog took far longer than its deadline");
        Occ occ(*m_host, m_root);
        auto rec = MaintenanceGuard::recoverIfNeeded(occ, repo);
        QVERIFY(rec);
        QCOMPARE(*rec, QStringLiteral("A previous backup was interrupted; maintenance mode on %1 was already off.")
                           .arg(m_host->displayName()));
    }

    void watchdogKeptAliveByRenewals()
    {
        // a live run that renews keeps maintenance on past the deadline
        const QString repo = m_tmp.filePath(QStringLiteral("repo-renew"));
        QProcess v;
        v.start(victim(), {viaName(), m_root, repo, QStringLiteral("3"), QStringLiteral("renew")});
        QVERIFY(v.waitForReadyRead(30000));
        QVERIFY(v.readLine().startsWith("ON "));
        QTest::qWait(6000);
        QVERIFY(maintenanceOn());
        QCOMPARE(v.state(), QProcess::Running);
        ::kill(static_cast<pid_t>(v.processId()), SIGKILL);
        QVERIFY(v.waitForFinished(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!maintenanceOn(), 15000);
        Occ occ(*m_host, m_root);
        QVERIFY(MaintenanceGuard::recoverIfNeeded(occ, repo).ok());
    }

    void renewAfterWatchdogFired()
    {
        const QString repo = m_tmp.filePath(QStringLiteral("repo-late"));
        Occ occ(*m_host, m_root);
        MaintenanceGuard g(occ, repo, {QStringLiteral("t"), 2, 1, {}});
        QVERIFY(g.begin().ok());
        QTRY_VERIFY_WITH_TIMEOUT(!maintenanceOn(), 15000);
        Status s = g.renew();
        QVERIFY(!s);
        QCOMPARE(s.error().message, QStringLiteral("Maintenance mode on %1 was turned off by the watchdog because ncbackup "
                                                   "did not renew it in time.").arg(m_host->displayName()));
        QVERIFY(g.end().ok());
        QVERIFY(!QFile::exists(MaintenanceGuard::markerPath(repo)));
    }

    void dumpAndRestore()
    {
        const QString before = tableSums();
        QVERIFY2(!before.startsWith(QLatin1String("ERROR")), qPrintable(before));
        QVERIFY(before.contains(QLatin1String("oc_users 3 ")));
        const QString file = m_tmp.filePath(QStringLiteral("db.dump"));
        const DatabaseSettings s = settingsWithPassword();
        QVERIFY(!s.name.isEmpty());
        DatabaseDumper dumper(*m_host, s);
        // pull the stream ourselves, and look at every process argument on this machine meanwhile
        auto dump = dumper.start();
        QVERIFY2(dump, dump ? "" : qPrintable(dump.error().message));
        QByteArray all;
        char buf[65536];
        bool checkedArgs = false;
        const QString tmpDir = dump.value()->tempDir();
        QVERIFY(tmpDir.contains(QLatin1String("/ncbackup-db.")));
        for (;;) {
            const qint64 n = dump.value()->read(buf, sizeof buf);
            QVERIFY(n >= 0);
            if (n == 0)
                break;
            all.append(buf, n);
            if (!checkedArgs && !m_dbPassword.isEmpty()) {
                const QByteArray ps = run(QStringLiteral("ps"), {QStringLiteral("-eo"), QStringLiteral("args")});
                QVERIFY2(!ps.contains(m_dbPassword.toUtf8()), "the database password is visible in a process argument");
                checkedArgs = true;
            }
        }
        auto fin = dump.value()->finish();
        QVERIFY2(fin, fin ? "" : qPrintable(fin.error().message));
        QCOMPARE(fin.value(), qint64(all.size()));
        if (m_db == QLatin1String("mysql"))
            QVERIFY(all.contains("CREATE TABLE `oc_users`"));
        else if (m_db == QLatin1String("pgsql"))
            QVERIFY(all.startsWith("PGDMP"));
        else
            QVERIFY(all.startsWith("SQLite format 3"));
        QVERIFY(dumper.dumpToFile(file).ok());
        // change the database, then restore: back to exactly what was dumped
        dbq(QStringLiteral("DELETE FROM oc_users WHERE uid = 'bob'"));
        dbq(QStringLiteral("INSERT INTO oc_appconfig (appid, configkey, configvalue) VALUES ('ncbtest', 'k', 'v')"));
        QVERIFY(tableSums() != before);
        DatabaseRestorer restorer(*m_host, s);
        Status rs = restorer.restoreFromFile(file);
        QVERIFY2(rs, rs ? "" : qPrintable(rs.error().message));
        QCOMPARE(tableSums(), before);
        // and the instance works on it
        auto info = InstanceDiscovery::discover(*m_host, m_root, {false, {}});
        QVERIFY(info && info->dbReachable && info->usersCount == 3);
        // the dump's folder is gone with it
        QCOMPARE(onHost(QStringLiteral("[ -e %1 ] || echo gone").arg(host::Host::quote(tmpDir))).trimmed(), QByteArray("gone"));
    }

    void credentialsFolder()
    {
        // the credentials live in a private folder (700) in a file only its user may read (600), removed after
        DatabaseAccess a(*m_host, settingsWithPassword());
        QVERIFY(a.prepare().ok());
        const QString d = a.tempDir();
        QVERIFY(d.contains(QLatin1String("/ncbackup-db.")));
        QCOMPARE(onHost(QStringLiteral("stat -c %a %1").arg(host::Host::quote(d))).trimmed(), QByteArray("700"));
        if (m_db == QLatin1String("mysql")) {
            QCOMPARE(onHost(QStringLiteral("stat -c %a %1/my.cnf").arg(host::Host::quote(d))).trimmed(), QByteArray("600"));
            QVERIFY(onHost(QStringLiteral("cat %1/my.cnf").arg(host::Host::quote(d))).contains("password="));
        } else if (m_db == QLatin1String("pgsql")) {
            QCOMPARE(onHost(QStringLiteral("stat -c %a %1/pgpass").arg(host::Host::quote(d))).trimmed(), QByteArray("600"));
            QVERIFY(onHost(QStringLiteral("cat %1/pgpass").arg(host::Host::quote(d))).startsWith("*:*:*:*:"));
        } else {
            QCOMPARE(onHost(QStringLiteral("ls -A %1 | wc -l").arg(host::Host::quote(d))).trimmed(), QByteArray("0"));
        }
        a.cleanup();
        QCOMPARE(onHost(QStringLiteral("[ -e %1 ] || echo gone").arg(host::Host::quote(d))).trimmed(), QByteArray("gone"));
    }

    void dumpOverSocket()
    {
        // dbhost naming a socket: "localhost:/path/mysqld.sock" (MariaDB) or the socket folder (PostgreSQL);
        // SQLite ignores dbhost altogether, whatever stands there
        const auto env = QProcessEnvironment::systemEnvironment();
        QByteArray cfg;
        if (m_db == QLatin1String("sqlite")) {
            onHost(QStringLiteral("cat > config/zz-test.config.php"), "<?php\n$CONFIG = array('dbhost' => 'localhost:/nonexistent.sock');\n");
            const QString file = m_tmp.filePath(QStringLiteral("socket.dump"));
            auto r = DatabaseDumper(*m_host, settingsWithPassword()).dumpToFile(file);
            QVERIFY2(r, r ? "" : qPrintable(r.error().message));
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(f.read(15) == "SQLite format 3");
            return;
        }
        if (m_db == QLatin1String("mysql")) {
            const QString sock = env.value(QStringLiteral("NCB_MARIADB_SOCKET"));
            QVERIFY2(!sock.isEmpty(), "NCB_MARIADB_SOCKET is not set: start the services (tests/env/services.sh)");
            cfg = "<?php\n$CONFIG = array('dbhost' => 'localhost:" + sock.toUtf8() + "');\n";
        } else {
            const QString dir = env.value(QStringLiteral("NCB_PG_SOCKET_DIR"));
            QVERIFY2(!dir.isEmpty(), "NCB_PG_SOCKET_DIR is not set: start the services (tests/env/services.sh)");
            cfg = "<?php\n$CONFIG = array('dbhost' => '" + dir.toUtf8() + "', 'dbport' => '"
                + env.value(QStringLiteral("NCB_PG_PORT")).toUtf8() + "');\n";
        }
        onHost(QStringLiteral("cat > config/zz-test.config.php"), cfg);
        const DatabaseSettings s = settingsWithPassword();
        QVERIFY(!s.socket.isEmpty());
        QVERIFY(s.host.isEmpty() || s.host == QLatin1String("localhost"));
        const QString file = m_tmp.filePath(QStringLiteral("socket.dump"));
        auto r = DatabaseDumper(*m_host, s).dumpToFile(file);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("oc_users"));
    }

    void wrongPassword()
    {
        if (m_db == QLatin1String("sqlite")) {
            // SQLite has no password: a damaged dump is what must be refused without touching the database
            const QString before = tableSums();
            const QString bad = m_tmp.filePath(QStringLiteral("bad.db"));
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a database at all\n");
            f.close();
            DatabaseRestorer restorer(*m_host, settingsWithPassword());
            Status s = restorer.restoreFromFile(bad);
            QVERIFY(!s);
            QCOMPARE(s.error().code, Error::Remote);
            QVERIFY2(s.error().message.startsWith(QLatin1String("The database restore failed: the restored file is not an SQLite database")),
                     qPrintable(s.error().message));
            QCOMPARE(tableSums(), before);
            return;
        }
        onHost(QStringLiteral("cat > config/zz-test.config.php"), "<?php\n$CONFIG = array('dbpassword' => 'wrong-password');\n");
        const DatabaseSettings s = settingsWithPassword();
        QCOMPARE(s.password, QByteArray("wrong-password"));
        const QString product = m_db == QLatin1String("mysql") ? QStringLiteral("MariaDB") : QStringLiteral("PostgreSQL");
        const QString file = m_tmp.filePath(QStringLiteral("wrong.dump"));
        auto r = DatabaseDumper(*m_host, s).dumpToFile(file);
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Remote);
        QVERIFY2(r.error().message.startsWith(QStringLiteral("The database dump failed: %1 refused the credentials in config.php (").arg(product)),
                 qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(m_db == QLatin1String("mysql") ? QLatin1String("Access denied for user")
                                                                            : QLatin1String("password authentication failed")),
                 qPrintable(r.error().message));
        QVERIFY(r.error().message.endsWith(QLatin1String(").")));
        QVERIFY(!QFile::exists(file));
        QVERIFY(QDir(m_tmp.path()).entryList({QStringLiteral("wrong.dump*")}, QDir::Files | QDir::Hidden).isEmpty());
        // restore with the wrong password: refused before anything is dropped
        const QString before = tableSums();
        const QString good = m_tmp.filePath(QStringLiteral("good.dump"));
        onHost(QStringLiteral("rm -f config/zz-test.config.php"));
        QVERIFY(DatabaseDumper(*m_host, settingsWithPassword()).dumpToFile(good).ok());
        dbq(QStringLiteral("INSERT INTO oc_appconfig (appid, configkey, configvalue) VALUES ('ncbtest', 'after', 'dump')"));
        const QString changed = tableSums();
        Status rs = DatabaseRestorer(*m_host, s).restoreFromFile(good);
        QVERIFY(!rs);
        QVERIFY2(rs.error().message.startsWith(QStringLiteral("The database restore failed: %1 refused the credentials in config.php (").arg(product)),
                 qPrintable(rs.error().message));
        QCOMPARE(tableSums(), changed);
        QVERIFY(changed != before);
    }
};

QTEST_GUILESS_MAIN(TestNextcloud)
#include "tst_nextcloud.moc"
