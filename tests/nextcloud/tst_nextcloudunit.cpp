// core/nextcloud without services: dbhost parsing as Nextcloud does it, SSH targets, repository
// descriptions back to profiles, and the sentences made of what occ and the database tools print.
#include "host/LocalHost.h"
#include "nextcloud/DatabaseAccess.h"
#include "nextcloud/DatabaseSettings.h"
#include "nextcloud/InstanceHost.h"
#include "nextcloud/InstanceOwner.h"
#include "nextcloud/Occ.h"
#include "nextcloud/ServerConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace ncb;
using namespace ncb::nextcloud;

class TestNextcloudUnit : public QObject
{
    Q_OBJECT
private slots:
    void parseHost_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("dbhost");
        QTest::addColumn<QString>("dbport");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("port");
        QTest::addColumn<QString>("socket");
        const int my = DatabaseSettings::MySql, pg = DatabaseSettings::PgSql;
        QTest::newRow("host") << my << "db.example.org" << "" << "db.example.org" << "" << "";
        QTest::newRow("host:port") << my << "127.0.0.1:3307" << "" << "127.0.0.1" << "3307" << "";
        QTest::newRow("dbport") << my << "127.0.0.1" << "3308" << "127.0.0.1" << "3308" << "";
        QTest::newRow("socket") << my << "localhost:/run/mysqld/mysqld.sock" << "" << "localhost" << ""
                                << "/run/mysqld/mysqld.sock";
        QTest::newRow("v6") << my << "[::1]:3306" << "" << "::1" << "3306" << "";
        QTest::newRow("v6 bare") << pg << "[fd00::5]" << "5433" << "fd00::5" << "5433" << "";
        QTest::newRow("pg host:port") << pg << "pg.local:5433" << "" << "pg.local" << "5433" << "";
        QTest::newRow("pg socket dir") << pg << "/var/run/postgresql" << "5432" << "" << "5432" << "/var/run/postgresql";
        QTest::newRow("pg localhost:dir") << pg << "localhost:/var/run/postgresql" << "" << "localhost" << ""
                                          << "/var/run/postgresql";
    }
    void parseHost()
    {
        QFETCH(int, type);
        QFETCH(QString, dbhost);
        QFETCH(QString, dbport);
        QString h, p, s;
        DatabaseSettings::parseHost(DatabaseSettings::Type(type), dbhost, dbport, &h, &p, &s);
        QTEST(h, "host");
        QTEST(p, "port");
        QTEST(s, "socket");
    }

    void fromConfig()
    {
        auto d = DatabaseSettings::fromConfig(QJsonObject{{"dbtype", "sqlite3"}, {"datadirectory", "/srv/nc/data/"}});
        QVERIFY(d);
        QCOMPARE(d->sqliteFile, QStringLiteral("/srv/nc/data/owncloud.db"));
        d = DatabaseSettings::fromConfig(QJsonObject{{"dbtype", "mysql"}, {"dbname", "nc"}, {"dbhost", "db:3306"},
                                                     {"dbuser", "u"}, {"dbpassword", "s3cret"}, {"dbtableprefix", "x_"}});
        QVERIFY(d);
        QCOMPARE(d->where(), QStringLiteral("db:3306"));
        QCOMPARE(d->tablePrefix, QStringLiteral("x_"));
        QVERIFY(!QJsonDocument(d->toJson()).toJson().contains("s3cret"));
        d = DatabaseSettings::fromConfig(QJsonObject{{"dbtype", "oci"}});
        QVERIFY(!d);
        QCOMPARE(d.error().message, QStringLiteral("The database type \"oci\" in config.php is not supported: ncbackup backs "
                                                   "up SQLite, MariaDB/MySQL and PostgreSQL."));
        QCOMPARE(d.error().code, Error::Remote); // the host's configuration: exit 12, not a generic 1
    }

    void sshTarget()
    {
        settings::InstanceConfig c;
        QVERIFY(parseSshTarget(QStringLiteral("admin@cloud.example.org:2222"), &c));
        QCOMPARE(c.sshUser, QStringLiteral("admin"));
        QCOMPARE(c.sshHost, QStringLiteral("cloud.example.org"));
        QCOMPARE(c.sshPort, 2222);
        QVERIFY(!c.local);
        QVERIFY(parseSshTarget(QStringLiteral("root@[::1]:22"), &c));
        QCOMPARE(c.sshHost, QStringLiteral("::1"));
        QVERIFY(parseSshTarget(QStringLiteral("cloud"), &c));
        QCOMPARE(c.sshUser, QString());
        QCOMPARE(c.sshPort, 22);
        for (const char* bad : {"a@b:0", "a@b:70000", "a b@c", "@host", "a@", "a@b:x"}) {
            Status s = parseSshTarget(QString::fromLatin1(bad), &c);
            QVERIFY2(!s, bad);
            QCOMPARE(s.error().code, Error::Usage);
        }
    }

    void descriptionRoundTrip()
    {
        settings::InstanceConfig c;
        c.name = QStringLiteral("prod");
        c.local = false;
        c.sshHost = QStringLiteral("cloud.example.org");
        c.sshPort = 2222;
        c.sshUser = QStringLiteral("admin");
        c.sudoUser = QStringLiteral("www-data");
        c.serverRoot = QStringLiteral("/var/www/nextcloud");
        InstanceInfo i;
        i.instanceId = QStringLiteral("oc1234567890");
        i.dataDirectory = QStringLiteral("/srv/ncdata");
        const QJsonObject d = repositoryDescription(c, i);
        QCOMPARE(d.value("instanceId").toString(), QStringLiteral("oc1234567890"));
        QCOMPARE(d.value("host").toString(), QStringLiteral("admin@cloud.example.org:2222"));
        auto back = configFromDescription(d, QStringLiteral("again"), QStringLiteral("/backups/prod"));
        QVERIFY(back);
        QCOMPARE(back->name, QStringLiteral("again"));
        QCOMPARE(back->hostLabel(), c.hostLabel());
        QCOMPARE(back->sudoUser, c.sudoUser);
        QCOMPARE(back->serverRoot, c.serverRoot);
        QCOMPARE(back->repository, QStringLiteral("/backups/prod"));
        auto none = configFromDescription(QJsonObject{}, QStringLiteral("x"), QStringLiteral("/r"));
        QVERIFY(!none);
        QCOMPARE(none.error().message, QStringLiteral("The repository at /r does not say which Nextcloud instance it backs up."));
    }

    void occSentences()
    {
        host::LocalHost h;
        Occ occ(h, QStringLiteral("/var/www/nextcloud"));
        // Symfony pads its error block with blank lines
        Error e = occ.failure({QStringLiteral("maintenance:mode"), QStringLiteral("--on")},
                              OccResult{1, {}, "\n                    \n  Something broke.  \n\n"});
        QCOMPARE(e.message, QStringLiteral("occ maintenance:mode --on failed on this machine: Something broke."));
        QCOMPARE(e.code, Error::Remote);
        e = occ.failure({QStringLiteral("status")},
                        OccResult{1, {}, "An unhandled exception has been thrown:\nDoctrine\\DBAL\\Exception: Failed to connect to the "
                                         "database: SQLSTATE[HY000] [2002] Connection refused in /var/www/lib/private/DB/Connection.php:233\n"});
        QCOMPARE(e.message, QStringLiteral("occ status failed on this machine: Failed to connect to the database: SQLSTATE[HY000] "
                                           "[2002] Connection refused."));
        e = occ.failure({QStringLiteral("status")},
                        OccResult{1, "Console has to be executed with the user that owns the file config/config.php\nCurrent user id: 0\n", {}});
        QCOMPARE(e.message, QStringLiteral("occ status failed on this machine: occ must run as the owner of config/config.php "
                                           "(set the sudo user of this instance, e.g. www-data)."));
        // Nextcloud cannot start over a database without its tables: the sentence names the repair
        const OccResult empty{1, "An unhandled exception has been thrown:\nDoctrine\\DBAL\\Exception\\TableNotFoundException: An "
                                 "exception occurred while executing a query: SQLSTATE[42S02]: Base table or view not found: "
                                 "1146 Table 'nc.oc_appconfig' doesn't exist in /var/www/3rdparty/x.php:56\nStack trace:\n",
                              {}};
        QCOMPARE(Occ::missingTables(empty),
                 QStringLiteral("SQLSTATE[42S02]: Base table or view not found: 1146 Table 'nc.oc_appconfig' doesn't exist"));
        occ.setInstanceName(QStringLiteral("prod"));
        e = occ.failure({QStringLiteral("maintenance:mode")}, empty);
        QCOMPARE(e.message, QStringLiteral("occ maintenance:mode failed on this machine: Nextcloud cannot start there because "
                                           "its database lacks its tables (SQLSTATE[42S02]: Base table or view not found: 1146 "
                                           "Table 'nc.oc_appconfig' doesn't exist); restore the database with `ncbackup-cli "
                                           "restore db prod RP` (`ncbackup-cli rp list prod` shows the Restoring Points)."));
        QVERIFY(Occ::missingTables(OccResult{1, "An unhandled exception has been thrown:\nDoctrine\\DBAL\\Exception: Failed to "
                                                "connect to the database: SQLSTATE[HY000] [2002] Connection refused\n", {}})
                    .isEmpty());
    }

    // When occ cannot start, maintenance mode is written into config.php as occ does: in place (owner and
    // mode kept), the whole file from its $CONFIG; a *.config.php that overrides it is named.
    void setMaintenanceInConfig()
    {
        QTemporaryDir t;
        QVERIFY(QDir().mkpath(t.filePath(QStringLiteral("config"))));
        const QString f = t.filePath(QStringLiteral("config/config.php"));
        QFile c(f);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write("<?php\n$CONFIG = array (\n  'instanceid' => 'oc1',\n  'maintenance' => true,\n);\n");
        c.close();
        QVERIFY(QFile::setPermissions(f, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
        const bool root = ::getuid() == 0;
        if (root)
            QVERIFY(::chown(QFile::encodeName(f).constData(), 33, 33) == 0);
        host::LocalHost h;
        QVERIFY(ServerConfig::setMaintenance(h, t.path(), false));
        auto cfg = ServerConfig::read(h, t.path());
        QVERIFY2(cfg, cfg ? "" : qPrintable(cfg.error().message));
        QCOMPARE(cfg->values.value(QStringLiteral("maintenance")).toBool(), false);
        QCOMPARE(cfg->values.value(QStringLiteral("instanceid")).toString(), QStringLiteral("oc1"));
        QCOMPARE(int(QFileInfo(f).permissions() & 0x0777), 0x640); // rw-r----- as before
        if (root)
            QCOMPARE(QFileInfo(f).ownerId(), 33u);
        QFile x(t.filePath(QStringLiteral("config/zz.config.php")));
        QVERIFY(x.open(QIODevice::WriteOnly));
        x.write("<?php\n$CONFIG = array('maintenance' => true);\n");
        x.close();
        Status s = ServerConfig::setMaintenance(h, t.path(), false);
        QVERIFY(!s);
        QCOMPARE(s.error().message, QStringLiteral("Maintenance mode was turned off in config.php of %1 on this machine, but %2 "
                                                   "sets it too and wins: change it there.")
                                        .arg(t.path(), x.fileName()));
    }

    // The owner rule: the owner of config.php writes as itself, root chowns to it, anyone else is refused.
    void instanceOwnerRule()
    {
        const auto as = InstanceOwner::fromIds(33, 33, QStringLiteral("www-data"), 33, QStringLiteral("www-data"),
                                               QStringLiteral("this machine"), QStringLiteral("prod"));
        QCOMPARE(as.verdict(), InstanceOwner::AsOwner);
        QVERIFY(as.check());
        QCOMPARE(as.chownCommand(QStringLiteral("'/d/owncloud.db'")), QStringLiteral(":"));
        const auto root = InstanceOwner::fromIds(33, 33, QStringLiteral("www-data"), 0, QStringLiteral("root"),
                                                 QStringLiteral("this machine"), QStringLiteral("prod"));
        QCOMPARE(root.verdict(), InstanceOwner::ChownToOwner);
        QVERIFY(root.check());
        QCOMPARE(root.chownCommand(QStringLiteral("'/d/owncloud.db'")), QStringLiteral("chown -h 33:33 -- '/d/owncloud.db'"));
        QCOMPARE(root.chownCommand(QStringLiteral("'/r'"), true), QStringLiteral("chown -h -R 33:33 -- '/r'"));
        QCOMPARE(root.sudoUserToDefault(), QStringLiteral("www-data"));
        QCOMPARE(as.sudoUserToDefault(), QString());
        QCOMPARE(InstanceOwner::fromIds(1234, 1234, QStringLiteral("1234"), 0, QStringLiteral("root"), {}).sudoUserToDefault(),
                 QString()); // an owner without a name: sudo -u needs one
        const auto other = InstanceOwner::fromIds(33, 33, QStringLiteral("www-data"), 1000, QStringLiteral("ann"),
                                                  QStringLiteral("ann@web:22"), QStringLiteral("prod"));
        QCOMPARE(other.verdict(), InstanceOwner::Refuse);
        QCOMPARE(other.sudoUserToDefault(), QString());
        Status s = other.check();
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Remote);
        QCOMPARE(s.error().message,
                 QStringLiteral("ncbackup's commands on ann@web:22 run as ann, but the instance belongs to www-data (the owner "
                                "of config.php), so what ncbackup would write there would not be www-data's; nothing was "
                                "changed: run `ncbackup-cli instance set prod --sudo-user www-data`."));
    }

    // probe() asks the host itself: here a root owned by another user, seen by root (this test runs as root).
    void instanceOwnerProbe()
    {
        QTemporaryDir t;
        QVERIFY(QDir().mkpath(t.filePath(QStringLiteral("config"))));
        QFile f(t.filePath(QStringLiteral("config/config.php")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<?php\n$CONFIG = array();\n");
        f.close();
        QVERIFY(::chown(QFile::encodeName(f.fileName()).constData(), 33, 33) == 0);
        host::LocalHost h;
        auto o = InstanceOwner::probe(h, t.path(), QStringLiteral("prod"));
        QVERIFY2(o, o ? "" : qPrintable(o.error().message));
        QCOMPARE(o->uid(), 33u);
        QCOMPARE(o->gid(), 33u);
        QCOMPARE(o->name(), QStringLiteral("www-data"));
        QCOMPARE(o->runUid(), uint(::getuid()));
        QCOMPARE(o->verdict(), ::getuid() == 0 ? InstanceOwner::ChownToOwner : InstanceOwner::Refuse);
        auto none = InstanceOwner::probe(h, t.filePath(QStringLiteral("config")));
        QVERIFY(!none);
        QCOMPARE(none.error().code, Error::NotFound);
    }

    void databaseToolSentences()
    {
        host::LocalHost h;
        DatabaseSettings my;
        my.type = DatabaseSettings::MySql;
        my.host = QStringLiteral("db");
        my.port = QStringLiteral("3306");
        DatabaseAccess a(h, my);
        Error e = a.failure(QStringLiteral("dump"), 2,
                            "mariadb-dump: Got error: 1045: \"Access denied for user 'nc'@'10.0.0.2' (using password: YES)\" "
                            "when trying to connect\n");
        QCOMPARE(e.message, QStringLiteral("The database dump failed: MariaDB refused the credentials in config.php (Access "
                                           "denied for user 'nc'@'10.0.0.2' (using password: YES))."));
        QCOMPARE(e.code, Error::Remote);
        e = a.failure(QStringLiteral("dump"), 2,
                      "mariadb-dump: Got error: 2002: \"Can't connect to server on 'db' (115)\" when trying to connect\n");
        QCOMPARE(e.message, QStringLiteral("The database dump failed: MariaDB at db:3306 cannot be reached from this machine "
                                           "(Can't connect to server on 'db' (115))."));
        e = a.failure(QStringLiteral("dump"), 127, "ncbackup: mariadb-dump: command not found\n");
        QCOMPARE(e.message, QStringLiteral("The database dump failed: mariadb-dump is not installed on this machine."));
        DatabaseSettings pg;
        pg.type = DatabaseSettings::PgSql;
        DatabaseAccess b(h, pg);
        e = b.failure(QStringLiteral("restore"), 1,
                      "pg_restore: error: connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password "
                      "authentication failed for user \"nc\"\n");
        QVERIFY2(e.message.startsWith(QStringLiteral("The database restore failed: PostgreSQL refused the credentials in "
                                                     "config.php (connection to server")),
                 qPrintable(e.message));
    }
};

QTEST_GUILESS_MAIN(TestNextcloudUnit)
#include "tst_nextcloudunit.moc"
