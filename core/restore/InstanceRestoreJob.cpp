#include "InstanceRestoreJob.h"

#include "host/TarStreamWriter.h"
#include "nextcloud/DatabaseRestorer.h"
#include "nextcloud/InstanceOwner.h"
#include "nextcloud/MaintenanceGuard.h"
#include "nextcloud/ServerConfig.h"
#include "restore/DatabaseRestoreJob.h"
#include "restore/HostTreePruner.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>
#include <utility>

namespace ncb::restore {

namespace {

bool under(const QByteArray& path, const QByteArray& prefix)
{
    return path.startsWith(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/';
}

// Rewrites config.php (as PHP sees it) with the values on stdin (JSON: root, set, unset, copy): the new data
// directory, maintenance on and, for a copy, its own database and instance id. config/ must be a folder of
// its own and config.php a regular file in it (exit 10: never written through a symlink); for a copy every
// config/*.config.php too, and none may set one of those keys otherwise (it would win over config.php).
// The file keeps its owner and mode: the temporary file gets them before the rename.
const char kAdjustConfig[] = R"PHP(
error_reporting(E_ALL & ~E_NOTICE & ~E_DEPRECATED);
$in = json_decode(stream_get_contents(STDIN), true);
if (!is_array($in)) { fwrite(STDERR, "no settings on stdin"); exit(1); }
$d = rtrim($in['root'], '/') . '/config'; $f = $d . '/config.php';
clearstatcache();
if (is_link($d) || !is_dir($d)) { fwrite(STDERR, "$d is not a folder of its own"); exit(10); }
if (is_link($f) || !is_file($f)) { fwrite(STDERR, "$f is not a regular file"); exit(10); }
$CONFIG = [];
include $f;
$c = is_array($CONFIG) ? $CONFIG : [];
$set = (array)$in['set']; $unset = (array)$in['unset'];
if (!empty($in['copy'])) {
  foreach (glob($d . '/*.config.php') ?: [] as $x) {
    if (is_link($x) || !is_file($x)) { fwrite(STDERR, "$x is not a regular file"); exit(10); }
    $CONFIG = null; include $x; $e = is_array($CONFIG) ? $CONFIG : [];
    foreach ($set as $k => $v) { if (array_key_exists($k, $e) && $e[$k] !== $v) { fwrite(STDERR, "$x sets $k"); exit(11); } }
    foreach ($unset as $k) { if (array_key_exists($k, $e)) { fwrite(STDERR, "$x sets $k"); exit(11); } }
  }
}
foreach ($set as $k => $v) { $c[$k] = $v; }
foreach ($unset as $k) { unset($c[$k]); }
$tmp = $f . '.ncbackup-tmp';
if (is_link($tmp) || file_exists($tmp)) { unlink($tmp); }
$h = fopen($tmp, 'x');
if ($h === false || fwrite($h, "<?php\n\$CONFIG = " . var_export($c, true) . ";\n") === false || !fclose($h)) { fwrite(STDERR, "cannot write $tmp"); exit(1); }
chmod($tmp, fileperms($f) & 0777);
@chown($tmp, fileowner($f)); @chgrp($tmp, filegroup($f));
if (!rename($tmp, $f)) { fwrite(STDERR, "cannot replace $f"); exit(1); }
if (function_exists('opcache_invalidate')) { opcache_invalidate($f, true); }
)PHP";

// The RP's config.php and config/*.config.php (JSON on stdin: their contents, base64, in Nextcloud's
// order) merged as Nextcloud merges them; prints a marker and the database keys and instanceid as JSON.
const char kReadRpConfig[] = R"PHP(
error_reporting(E_ALL & ~E_NOTICE & ~E_DEPRECATED & ~E_WARNING);
$in = json_decode(stream_get_contents(STDIN), true);
$m = []; $x = [];
$keys = ['dbtype', 'dbname', 'dbhost', 'dbport', 'dbuser', 'dbpassword', 'dbtableprefix', 'instanceid', 'datadirectory'];
try {
  foreach ((array)$in as $i => $b) {
    $CONFIG = null; eval('?>' . base64_decode($b));
    if (!is_array($CONFIG)) { continue; }
    $m = array_merge($m, $CONFIG);
    if ($i > 0) { $x[$i] = (object)array_intersect_key($CONFIG, array_flip($keys)); }
  }
} catch (Throwable $t) { fwrite(STDERR, $t->getMessage()); exit(3); }
$o = array_intersect_key($m, array_flip($keys));
$o['@extra'] = (object)$x;
echo "\n@@NCBACKUP-RPCONFIG@@\n", json_encode((object)$o, JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
)PHP";

QString jsonStr(const QJsonObject& c, const char* key)
{
    const QJsonValue v = c.value(QLatin1String(key));
    return v.isDouble() ? QString::number(v.toInteger()) : v.toString();
}

// The same database server and name (any doubt counts as the same: a copy must never reach the live one).
bool sameDatabase(const nextcloud::DatabaseSettings& a, const nextcloud::DatabaseSettings& b)
{
    using S = nextcloud::DatabaseSettings;
    if (a.type != b.type)
        return false;
    if (a.type == S::Sqlite)
        return QDir::cleanPath(a.sqliteFile) == QDir::cleanPath(b.sqliteFile);
    if (a.name != b.name)
        return false;
    auto server = [](const S& s) {
        const QString h = s.host.toLower();
        return !s.socket.isEmpty() || h.isEmpty() || h == QLatin1String("localhost") || h == QLatin1String("127.0.0.1")
                       || h == QLatin1String("::1")
                   ? QStringLiteral("local")
                   : h;
    };
    if (server(a) != server(b))
        return false;
    if (!a.socket.isEmpty() || !b.socket.isEmpty())
        return true;
    const QString def = a.type == S::MySql ? QStringLiteral("3306") : QStringLiteral("5432");
    return (a.port.isEmpty() ? def : a.port) == (b.port.isEmpty() ? def : b.port);
}

// A new instanceid as Nextcloud makes one: "oc" and ten lower-case letters or digits.
QString newInstanceId()
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString id = QStringLiteral("oc");
    for (int i = 0; i < 10; ++i)
        id += QLatin1Char(chars[QRandomGenerator::system()->bounded(36)]);
    return id;
}

} // namespace

InstanceRestoreJob::InstanceRestoreJob(const settings::InstanceConfig& config, repo::Repository& repo, RpContent& rp)
    : m_config(config), m_repo(repo), m_rp(rp)
{
}

QString InstanceRestoreJob::defaultCopyDatabase(const QString& dbName, const QString& rpId)
{
    const QString base = dbName.isEmpty() ? QStringLiteral("nextcloud") : dbName;
    return base.left(63 - 11) + QStringLiteral("_rp") + rpId.left(8); // within MariaDB's 64 and PostgreSQL's 63
}

Result<InstanceRestoreReport> InstanceRestoreJob::run(const InstanceRestoreOptions& o)
{
    InstanceRestoreReport rep;
    const QJsonObject& x = m_rp.info().manifest.extra;
    if (m_rp.info().isSafety())
        return Error::make(Error::Usage, QStringLiteral("%1 is a database safety snapshot, not a Restoring Point: restore it with `restore db`.")
                                             .arg(m_rp.info().id.left(12)));
    rep.root = QDir::cleanPath(o.toRoot.isEmpty() ? x.value(QStringLiteral("serverRoot")).toString() : o.toRoot);
    rep.data = QDir::cleanPath(o.toData.isEmpty() ? x.value(QStringLiteral("dataDirectory")).toString() : o.toData);
    if (!rep.root.startsWith(QLatin1Char('/')) || !rep.data.startsWith(QLatin1Char('/')))
        return Error::make(Error::Usage, QStringLiteral("The target root and data folders must be absolute paths."));
    auto phase = [&](const QString& name, const QString& current = {}) {
        if (o.progress) {
            Progress p;
            p.phase = name;
            p.current = current;
            o.progress(p);
        }
    };

    if (rep.root == rep.data || under(rep.root.toUtf8(), rep.data.toUtf8()))
        return Error::make(Error::Usage, QStringLiteral("The server root %1 cannot lie inside the data directory %2.").arg(rep.root, rep.data));
    // A copy: restored beside the instance, into another root. It must never reach the instance itself.
    const bool copy = rep.root != QDir::cleanPath(m_config.serverRoot);
    rep.copy = copy;
    if (!copy && (!o.toDb.isEmpty() || !o.toDbUser.isEmpty() || !o.toDbHost.isEmpty() || o.toDbPassword || o.newInstanceId))
        return Error::make(Error::Usage, QStringLiteral("--to-db, --to-db-user, --to-db-host, --to-db-password-file and "
                                                        "--new-instance-id are for a copy in a new root (--to-root); "
                                                        "restored in place, the instance keeps its database and id."));

    auto entries = m_rp.entriesUnder({"root", "data"}); // hostile paths refused before anything is written
    if (!entries)
        return entries.error();
    // A copy's config folder must be its own: a symlink there (to another instance's config) would lead
    // the config edit, the import and occ into that instance.
    const QString rpId = m_rp.info().id.left(12);
    QList<QByteArray> configFiles; // root/config/config.php, then the *.config.php in Nextcloud's order
    const repo::TreeEntry* configEntry = nullptr;
    if (copy) {
        bool configDir = false;
        for (const auto& e : entries.value()) {
            const bool inConfig = e.path.startsWith("root/config/") && e.path.indexOf('/', 12) < 0;
            if (e.path == "root/config" || e.path == "root/config/config.php" || (inConfig && e.path.endsWith(".config.php"))) {
                const bool wanted = e.path == "root/config" ? e.type == repo::TreeEntry::Dir : e.type == repo::TreeEntry::File;
                if (!wanted)
                    return Error::make(Error::Unsafe,
                                       QStringLiteral("Restoring Point %1 holds %2 as %3, not as a %4 of its own: a copy of the instance "
                                                      "would write through it into %5. Nothing was restored.")
                                           .arg(rpId, QString::fromUtf8(e.path),
                                                e.type == repo::TreeEntry::Symlink
                                                    ? QStringLiteral("a symbolic link")
                                                    : (e.type == repo::TreeEntry::Dir ? QStringLiteral("a folder") : QStringLiteral("a file")),
                                                e.path == "root/config" ? QStringLiteral("folder") : QStringLiteral("file"),
                                                e.type == repo::TreeEntry::Symlink ? QString::fromUtf8(e.linkTarget)
                                                                                   : QStringLiteral("another place")));
                if (e.path == "root/config")
                    configDir = true;
                else if (e.path == "root/config/config.php")
                    configEntry = &e;
                else
                    configFiles << e.path;
            }
        }
        if (!configDir || !configEntry)
            return Error::make(Error::NotFound, QStringLiteral("Restoring Point %1 holds no root/config/config.php: there is no "
                                                               "configuration to restore a copy of the instance from.").arg(rpId));
        std::sort(configFiles.begin(), configFiles.end());
        configFiles.prepend(configEntry->path);
    }

    auto hostR = backup::InstanceContext::makeHost(m_config);
    if (!hostR)
        return hostR.error();
    host::Host& host = *hostR.value();
    settings::InstanceConfig target = m_config;
    target.serverRoot = rep.root;
    nextcloud::Occ occ(host, rep.root);

    // A copy: the live instance as its config.php says now (when it can be read), and the RP's configuration.
    nextcloud::DatabaseSettings copyDb;
    std::optional<nextcloud::DatabaseSettings> liveDb;
    QString liveData = QDir::cleanPath(x.value(QStringLiteral("dataDirectory")).toString());
    QJsonObject setConfig{{QStringLiteral("datadirectory"), rep.data}, {QStringLiteral("maintenance"), true}};
    QJsonArray unsetConfig;
    QString oldInstanceId;
    nextcloud::DatabaseSettings rpOwnDb; // the database the RP's instance used
    if (copy) {
        if (auto live = backup::InstanceContext::open(m_config)) {
            liveDb = live.value()->database();
            liveData = live.value()->dataDirectory();
        }
        QJsonArray contents;
        for (const QByteArray& path : configFiles) {
            auto e = m_rp.entry(path);
            if (!e)
                return e.error();
            QByteArray content;
            NCB_TRY(m_rp.readFile(e.value(), [&](const char* d, qint64 n) -> Status {
                content.append(d, n);
                return {};
            }));
            contents.append(QString::fromLatin1(content.toBase64()));
        }
        host::ExecOptions eo;
        eo.stdinData = QJsonDocument(contents).toJson(QJsonDocument::Compact);
        eo.timeoutMs = 60000;
        auto rc = host.exec(QStringLiteral("command -v php >/dev/null 2>&1 || exit 5; exec php -r %1")
                                .arg(host::Host::quote(QString::fromUtf8(kReadRpConfig))),
                            eo);
        eo.stdinData.fill('\0');
        if (!rc)
            return rc.error();
        const int at = rc->out.indexOf("@@NCBACKUP-RPCONFIG@@\n");
        if (rc->exitCode != 0 || at < 0)
            return Error::make(Error::Remote, QStringLiteral("PHP on %1 could not read the config.php of Restoring Point %2: %3.")
                                                  .arg(host.displayName(), rpId,
                                                       rc->exitCode == 5 ? QStringLiteral("php is not installed")
                                                                         : QString::fromUtf8(rc->err.trimmed().split('\n').value(0))));
        QJsonObject rpCfg = QJsonDocument::fromJson(rc->out.mid(at + 22).trimmed()).object();
        rc->out.fill('\0');
        oldInstanceId = jsonStr(rpCfg, "instanceid");
        rpCfg.insert(QStringLiteral("datadirectory"), rep.data);
        if (!o.toDb.isEmpty())
            rpCfg.insert(QStringLiteral("dbname"), o.toDb);
        auto rpDb = nextcloud::DatabaseSettings::fromConfig(rpCfg);
        if (!rpDb)
            return rpDb.error();
        copyDb = rpDb.value();
        const QString dumpType = x.value(QStringLiteral("dbType")).toString();
        if (!dumpType.isEmpty() && dumpType != copyDb.typeName())
            return Error::make(Error::Corrupt, QStringLiteral("Restoring Point %1 holds a %2 dump but its config.php says %3: "
                                                              "nothing was restored.").arg(rpId, dumpType, copyDb.typeName()));
        // The RP's own database (the instance's at that time) is as off limits as the live one.
        nextcloud::DatabaseSettings rpOwn = copyDb;
        rpOwn.name = x.value(QStringLiteral("dbName")).toString();
        if (rpOwn.name.isEmpty())
            rpOwn.name = jsonStr(rpCfg, "dbname");
        if (copyDb.type == nextcloud::DatabaseSettings::Sqlite)
            rpOwn.sqliteFile = QDir::cleanPath(x.value(QStringLiteral("dataDirectory")).toString()) + QLatin1Char('/') + rpOwn.name
                             + QStringLiteral(".db");
        if (copyDb.type == nextcloud::DatabaseSettings::Sqlite) {
            static const QRegularExpression fileName(QStringLiteral("^[A-Za-z0-9_.-]{1,64}$"));
            if (!o.toDb.isEmpty() && (!fileName.match(o.toDb).hasMatch() || o.toDb.startsWith(QLatin1Char('.'))))
                return Error::make(Error::Usage, QStringLiteral("--to-db %1 is no plain file name: an SQLite copy keeps its "
                                                                "database as <name>.db in its data folder.").arg(o.toDb));
            if (!o.toDbUser.isEmpty() || !o.toDbHost.isEmpty() || o.toDbPassword)
                return Error::make(Error::Usage, QStringLiteral("The instance uses SQLite: its copy keeps the database as a file "
                                                                "in the new data folder, with no user, host or password."));
            if (!o.toDb.isEmpty())
                setConfig.insert(QStringLiteral("dbname"), o.toDb);
        } else {
            static const QRegularExpression dbName(QStringLiteral("^[A-Za-z0-9_$-]{1,63}$"));
            if (o.toDb.isEmpty())
                copyDb.name = defaultCopyDatabase(rpOwn.name.isEmpty() ? copyDb.name : rpOwn.name, m_rp.info().id);
            else if (!dbName.match(o.toDb).hasMatch())
                return Error::make(Error::Usage, QStringLiteral("--to-db %1 is no database name ncbackup can use: letters, "
                                                                "digits, _, $ and -, at most 63.").arg(o.toDb));
            if (!o.toDbUser.isEmpty())
                copyDb.user = o.toDbUser;
            if (o.toDbPassword)
                copyDb.password = *o.toDbPassword;
            QString dbhost = jsonStr(rpCfg, "dbhost");
            QString dbport = jsonStr(rpCfg, "dbport");
            if (!o.toDbHost.isEmpty()) {
                dbhost = o.toDbHost;
                dbport.clear();
                unsetConfig.append(QStringLiteral("dbport"));
            }
            nextcloud::DatabaseSettings::parseHost(copyDb.type, dbhost, dbport, &copyDb.host, &copyDb.port, &copyDb.socket);
            setConfig.insert(QStringLiteral("dbname"), copyDb.name);
            setConfig.insert(QStringLiteral("dbhost"), dbhost);
            setConfig.insert(QStringLiteral("dbuser"), copyDb.user);
            setConfig.insert(QStringLiteral("dbpassword"), QString::fromUtf8(copyDb.password));
        }
        // (SQLite: the file lies in the data folder, and the live data folder is refused below.)
        for (const auto* other : {liveDb ? &liveDb.value() : nullptr, &rpOwn})
            if (other && !other->name.isEmpty() && copyDb.type != nextcloud::DatabaseSettings::Sqlite && sameDatabase(copyDb, *other))
                return Error::make(Error::Usage,
                                   QStringLiteral("The database %1 at %2 is the one %3 uses: a copy beside the instance needs its "
                                                  "own, so name another with --to-db (or leave it out for %4). Nothing was restored.")
                                       .arg(copyDb.name, copyDb.where(), m_config.name,
                                            defaultCopyDatabase(rpOwn.name, m_rp.info().id)));
        rep.instanceId = oldInstanceId;
        if (o.newInstanceId) {
            rep.instanceId = newInstanceId();
            setConfig.insert(QStringLiteral("instanceid"), rep.instanceId);
        }
        rep.dbName = copyDb.name;
        rep.dbWhere = copyDb.where();
        rpOwnDb = rpOwn;
        // A config/*.config.php that sets one of these keys otherwise would win over config.php: the copy
        // would use the instance's database or data folder.
        const QJsonObject extra = rpCfg.value(QStringLiteral("@extra")).toObject();
        for (auto it = extra.begin(); it != extra.end(); ++it) {
            const QJsonObject keys = it.value().toObject();
            for (auto k = keys.begin(); k != keys.end(); ++k) {
                const bool differs = setConfig.contains(k.key()) ? setConfig.value(k.key()) != k.value()
                                                                 : unsetConfig.contains(QJsonValue(k.key()));
                if (differs)
                    return Error::make(Error::Unsafe,
                                       QStringLiteral("Restoring Point %1 holds %2, which sets %3 over config.php: a copy of the "
                                                      "instance would use the instance's own setting. Nothing was restored.")
                                           .arg(rpId, QString::fromUtf8(configFiles.value(it.key().toInt())), k.key()));
            }
        }
    }

    // What is at the target now. Onto a Nextcloud (or the RP's own paths) the folders are made equal to
    // the RP's; a folder that holds something else is refused before anything is written.
    const QString rpRoot = QDir::cleanPath(x.value(QStringLiteral("serverRoot")).toString());
    const QString rpData = QDir::cleanPath(x.value(QStringLiteral("dataDirectory")).toString());
    const QString q = QStringLiteral("s() { if [ ! -e \"$1\" ]; then echo none; elif [ ! -d \"$1\" ]; then echo file; "
                                     "elif [ -f \"$1/occ\" ] && [ -f \"$1/config/config.php\" ]; then "
                                     "if [ -L \"$1/config\" ] || [ -L \"$1/config/config.php\" ]; then echo nclink; else echo nextcloud; fi; "
                                     "elif [ -e \"$1/.ncdata\" ] || [ -e \"$1/.ocdata\" ]; then echo ncdata; "
                                     "elif ! l=$(ls -A -- \"$1\" 2>/dev/null); then echo unreadable; elif [ -z \"$l\" ]; then echo empty; else echo other; fi; }; "
                                     "s %1; s %2; readlink -m -- %1; readlink -m -- %2; readlink -m -- %3; readlink -m -- %4")
                          .arg(host::Host::quote(rep.root), host::Host::quote(rep.data), host::Host::quote(m_config.serverRoot),
                               host::Host::quote(liveData));
    auto state = host.exec(q);
    if (!state)
        return state.error();
    const QList<QByteArray> st = state->out.trimmed().split('\n');
    if (st.size() != 6)
        return Error::make(Error::Remote, QStringLiteral("Cannot look at %1 and %2 on %3: %4")
                                              .arg(rep.root, rep.data, host.displayName(), QString::fromUtf8(state->err.trimmed().left(300))));
    if (copy) {
        // Through a symlink or a path of its own: never the live instance's folders.
        const QByteArray realRoot = st[2], realData = st[3], liveRootReal = st[4], liveDataReal = st[5];
        for (const QByteArray& r : {realRoot, realData})
            for (const QByteArray& l : {liveRootReal, liveDataReal})
                if (r == l || under(r, l) || under(l, r))
                    return Error::make(Error::Usage,
                                       QStringLiteral("%1 on %2 is (or holds, or lies in) a folder of the instance %3 itself: a copy "
                                                      "goes into folders of its own. Nothing was restored.")
                                           .arg(r == realRoot ? rep.root : rep.data, host.displayName(), m_config.name));
        if (st[0] == "nclink")
            return Error::make(Error::Unsafe, QStringLiteral("The config folder or config.php in %1 on %2 is a symbolic link: "
                                                             "restoring there would write where it leads. Nothing was restored.")
                                                  .arg(rep.root, host.displayName()));
    }
    const bool rootIsNextcloud = st[0] == "nextcloud" || st[0] == "nclink";
    for (int i = 0; i < 2; ++i) {
        const QString& dir = i == 0 ? rep.root : rep.data;
        const bool own = dir == (i == 0 ? rpRoot : rpData);
        if (st[i] == "file")
            return Error::make(Error::Usage, QStringLiteral("%1 on %2 is a file, not a folder: nothing was restored.").arg(dir, host.displayName()));
        const bool fits = st[i] == "none" || st[i] == "empty" || st[i] == (i == 0 ? "nextcloud" : "ncdata") || (i == 0 && st[i] == "nclink");
        if (!fits && !own)
            return Error::make(Error::Usage, QStringLiteral("%1 on %2 is not empty and holds no Nextcloud %3: restore into an empty or new "
                                                            "folder, or onto an existing instance. Nothing was restored.")
                                                 .arg(dir, host.displayName(),
                                                      i == 0 ? QStringLiteral("server root") : QStringLiteral("data directory")));
    }

    // Whose what ncbackup writes will be: the owner of the instance's config.php (the RP's when the instance
    // is not there any more). Commands run as that user, or as root who gives it to that user; anyone else
    // is refused before anything is written.
    nextcloud::InstanceOwner owner;
    if (auto p = nextcloud::InstanceOwner::probe(host, m_config.serverRoot, m_config.name)) {
        owner = p.value();
    } else if (p.error().code != Error::NotFound) {
        return p.error();
    } else {
        for (const auto& e : entries.value())
            if (e.path == "root/config/config.php") {
                auto id = host.exec(QStringLiteral("echo \"$(id -u) $(id -un 2>/dev/null)\""));
                if (!id)
                    return id.error();
                const QStringList f = QString::fromUtf8(id->out.trimmed()).split(QLatin1Char(' '));
                owner = nextcloud::InstanceOwner::fromIds(e.uid, e.gid, e.owner.isEmpty() ? QString::number(e.uid) : QString::fromUtf8(e.owner),
                                                          f.value(0).toUInt(), f.value(1), host.displayName(), m_config.name);
            }
    }
    NCB_TRY(owner.check());

    // Missing target folders: made by the instance's user, or with sudo by the login user (then given to
    // the instance's user) when the first may not write where they go. Checked before anything is written.
    QStringList mkdirAsUser, mkdirWithSudo;
    QString sudo;
    for (int i = 0; i < 2; ++i) {
        if (st[i] != "none")
            continue;
        const QString& dir = i == 0 ? rep.root : rep.data;
        auto w = host.exec(QStringLiteral("a=%1; while [ ! -e \"$a\" ]; do a=$(dirname -- \"$a\"); done; "
                                          "if [ -d \"$a\" ] && [ -w \"$a\" ] && [ -x \"$a\" ]; then echo yes; else echo no; fi; echo \"$a\"")
                               .arg(host::Host::quote(dir)));
        if (!w)
            return w.error();
        const QList<QByteArray> wl = w->out.trimmed().split('\n');
        if (wl.value(0) == "yes") {
            mkdirAsUser << dir;
            continue;
        }
        const QString who = host.runAs().isEmpty() ? host.loginUser() : host.runAs();
        if (sudo.isEmpty()) {
            host::ExecOptions lo;
            lo.useRunAs = false;
            auto root = host.exec(QStringLiteral("if [ \"$(id -u)\" = 0 ]; then echo root; elif sudo -n true 2>/dev/null; then echo sudo; else echo no; fi"), lo);
            if (!root)
                return root.error();
            sudo = QString::fromUtf8(root->out.trimmed());
        }
        if (sudo != QLatin1String("root") && sudo != QLatin1String("sudo"))
            return Error::make(Error::Io, QStringLiteral("%1 may not create %2 on %3 (%4 is not writable for it): create it first, "
                                                         "e.g. `mkdir -p %2 && chown %5: %2`. Nothing was restored.")
                                              .arg(who, dir, host.displayName(), QString::fromUtf8(wl.value(1)), owner.name()));
        mkdirWithSudo << dir;
    }

    // The copy's own database: made (or found empty) before any file is written. One that already holds
    // tables is used only when the Nextcloud at the target root uses it already (a copy restored again).
    if (copy && copyDb.type != nextcloud::DatabaseSettings::Sqlite) {
        phase(QStringLiteral("db"), QStringLiteral("database %1").arg(copyDb.name));
        nextcloud::DatabaseSettings source = liveDb ? liveDb.value() : rpOwnDb; // for the character set
        auto made = nextcloud::DatabaseRestorer(host, copyDb).ensureDatabase(source);
        if (!made)
            return made.error();
        rep.dbCreated = made->created;
        if (made->tables > 0) {
            bool ours = false;
            if (st[0] == "nextcloud")
                if (auto there = nextcloud::ServerConfig::read(host, rep.root))
                    if (auto db = nextcloud::DatabaseSettings::fromConfig(there->values))
                        ours = sameDatabase(db.value(), copyDb);
            if (!ours)
                return Error::make(Error::Usage, QStringLiteral("The database %1 at %2 already holds %3 tables: name a new or empty "
                                                                "database with --to-db. Nothing was restored.")
                                                     .arg(copyDb.name, copyDb.where()).arg(made->tables));
        }
    }
    for (const QString& dir : mkdirAsUser) {
        const QString qd = host::Host::quote(dir);
        auto r = host.exec(QStringLiteral("mkdir -p -- %1 && %2").arg(qd, owner.chownCommand(qd)));
        if (!r)
            return r.error();
        if (r->exitCode != 0)
            return Error::make(Error::Io, QStringLiteral("Cannot create %1 on %2: %3. Nothing was restored.")
                                              .arg(dir, host.displayName(), QString::fromUtf8(r->err.trimmed().split('\n').value(0))));
    }
    // Made by the login user (root, or with sudo) where the instance's user may not write, then given to it.
    for (const QString& dir : mkdirWithSudo) {
        host::ExecOptions lo;
        lo.useRunAs = false;
        const QString pre = sudo == QLatin1String("sudo") ? QStringLiteral("sudo -n ") : QString();
        const QString qd = host::Host::quote(dir);
        auto r = host.exec(QStringLiteral("%1mkdir -p -- %2 && %1chown %3:%4 -- %2").arg(pre, qd).arg(owner.uid()).arg(owner.gid()), lo);
        if (!r)
            return r.error();
        if (r->exitCode != 0)
            return Error::make(Error::Io, QStringLiteral("Cannot create %1 on %2 for %3: %4. Nothing was restored.")
                                              .arg(dir, host.displayName(), owner.name(),
                                                   QString::fromUtf8(r->err.trimmed().split('\n').value(0))));
    }

    // An instance already there goes into maintenance mode first.
    bool maintenanceOn = false;
    if (rootIsNextcloud) {
        phase(QStringLiteral("maintenance"), QStringLiteral("maintenance mode on"));
        auto on = occ.runChecked({QStringLiteral("maintenance:mode"), QStringLiteral("--on")});
        if (!on)
            return Error::make(on.error().code, QStringLiteral("The instance restore could not turn maintenance mode on at %1: %2")
                                                    .arg(rep.root, on.error().message));
        maintenanceOn = true;
        // In place, the repository's marker says that the instance is held on purpose: a kill or a failure
        // from here leaves it half-restored, and no backup, watchdog or recovery may bring it online
        // (MaintenanceGuard::recoverIfNeeded); a finished restore clears it. A kill before the marker is
        // written leaves nothing changed, and the next backup's advice to turn maintenance off is right.
        if (!copy) {
            if (Status s = nextcloud::MaintenanceGuard::markHeld(
                    occ, m_config.repository, m_config.name, nextcloud::HeldMaintenance::InstanceRestore,
                    QStringLiteral("a restore of the whole instance from Restoring Point %1 was replacing its files and "
                                   "database, which may be incomplete")
                        .arg(m_rp.info().id.left(12)));
                !s)
                return Error::make(s.error().code, QStringLiteral("The instance restore could not write its marker (maintenance "
                                                                  "mode is on, nothing was changed yet): %1")
                                                       .arg(s.error().message));
        }
    }

    // From here on the target is being changed: a failure leaves it in maintenance mode, and says so.
    auto fail = [&](const QString& step, const Error& e) {
        if (!maintenanceOn)
            return Error::make(e.code, QStringLiteral("The instance restore failed during %1: %2").arg(step, e.message));
        QString said = e.message;
        while (said.endsWith(QLatin1Char('.')))
            said.chop(1);
        return Error::make(e.code, QStringLiteral("The instance restore failed during %1: %2; %3 stays in maintenance mode until a "
                                                  "restore succeeds.").arg(step, said, rep.root));
    };

    // Remove what the RP does not hold (files made after it), never what its backup skipped.
    for (const char* top : {"root", "data"}) {
        const QByteArray t(top);
        const QByteArray base = (t == "root" ? rep.root : rep.data).toUtf8();
        QHash<QByteArray, repo::TreeEntry::Type> keep;
        for (const auto& e : entries.value())
            if (e.path.startsWith(t + '/'))
                keep.insert(e.path.mid(t.size() + 1), e.type);
        QList<QByteArray> protect;
        for (const auto& s : m_rp.info().manifest.skipped)
            if (s.path.startsWith(t + '/'))
                protect << s.path.mid(t.size() + 1);
        for (const QString& other : {rep.root, rep.data, m_config.local ? QDir::cleanPath(m_repo.path()) : QString()}) {
            const QByteArray o = other.toUtf8();
            if (!o.isEmpty() && o != base && under(o, base))
                protect << o.mid(base.size() + 1);
        }
        phase(QStringLiteral("restore"), QStringLiteral("clearing %1").arg(QString::fromUtf8(base)));
        auto removed = HostTreePruner(host, base, keep, protect).run();
        if (!removed)
            return fail(QStringLiteral("clearing %1").arg(QString::fromUtf8(base)), removed.error());
        rep.removed += removed.value();
    }

    // Files: one tar stream per top, owners, modes and mtimes kept.
    for (const char* top : {"root", "data"}) {
        const QByteArray t(top);
        const QByteArray base = (t == "root" ? rep.root : rep.data).toUtf8();
        phase(QStringLiteral("restore"), QString::fromUtf8(base));
        host::TarStreamWriter w(host);
        if (Status s = w.open(base); !s)
            return fail(QStringLiteral("the files of %1").arg(QString::fromUtf8(base)), s.error());
        for (const auto& e : entries.value()) {
            if (!e.path.startsWith(QByteArray(top) + '/'))
                continue;
            host::TarEntry t;
            t.path = e.path.mid(5);
            t.type = e.type == repo::TreeEntry::Dir       ? host::TarEntry::Dir
                     : e.type == repo::TreeEntry::Symlink ? host::TarEntry::Symlink
                                                          : host::TarEntry::File;
            t.size = e.type == repo::TreeEntry::File ? e.size : 0;
            t.mtimeNs = e.mtimeNs;
            t.mode = e.mode;
            t.uid = e.uid;
            t.gid = e.gid;
            t.owner = QString::fromUtf8(e.owner);
            t.group = QString::fromUtf8(e.group);
            t.linkTarget = e.linkTarget;
            Status s = w.add(t);
            if (s && e.type == repo::TreeEntry::File) {
                s = m_rp.readFile(e, [&](const char* d, qint64 n) -> Status {
                    rep.bytes += n;
                    return w.write(d, n);
                });
                ++rep.files;
            }
            if (!s)
                return fail(QStringLiteral("the files of %1").arg(QString::fromUtf8(base)), s.error());
        }
        auto done = w.close();
        if (!done)
            return fail(QStringLiteral("the files of %1").arg(QString::fromUtf8(base)), done.error());
        if (t == "root") {
            // config.php at once: the new data directory, maintenance on (the RP's copy says off), so a
            // restore that fails from here on never leaves a half-restored instance online; a copy's own
            // database and instance id. Edited as a regular file inside the new root, never through a link.
            phase(QStringLiteral("config"));
            host::ExecOptions eo;
            eo.stdinData = QJsonDocument(QJsonObject{{QStringLiteral("root"), rep.root},
                                                     {QStringLiteral("set"), setConfig},
                                                     {QStringLiteral("unset"), unsetConfig},
                                                     {QStringLiteral("copy"), copy}})
                               .toJson(QJsonDocument::Compact);
            auto adj = host.exec(QStringLiteral("cd %1 && exec php -r %2")
                                     .arg(host::Host::quote(rep.root), host::Host::quote(QString::fromUtf8(kAdjustConfig))),
                                 eo);
            eo.stdinData.fill('\0');
            if (!adj)
                return fail(QStringLiteral("adjusting config.php"), adj.error());
            const QString said = QString::fromUtf8(adj->err.trimmed().left(300));
            if (adj->exitCode == 10)
                return fail(QStringLiteral("adjusting config.php"),
                            Error::make(Error::Unsafe, QStringLiteral("%1 on %2, so it was not edited").arg(said, host.displayName())));
            if (adj->exitCode == 11)
                return fail(QStringLiteral("adjusting config.php"),
                            Error::make(Error::Unsafe, QStringLiteral("%1 on %2, which would win over what the copy writes into "
                                                                      "config.php (its own database and data folder)")
                                                           .arg(said, host.displayName())));
            if (adj->exitCode != 0)
                return fail(QStringLiteral("adjusting config.php"),
                            Error::make(Error::Remote, QStringLiteral("PHP on %1 said: %2").arg(host.displayName(), said)));
            maintenanceOn = true;
        }
    }
    // A new instance id: Nextcloud keeps its app data (previews, avatars, theming) in appdata_<id>.
    if (copy && o.newInstanceId && !oldInstanceId.isEmpty()) {
        const QString from = rep.data + QStringLiteral("/appdata_") + oldInstanceId;
        const QString to = rep.data + QStringLiteral("/appdata_") + rep.instanceId;
        auto mv = host.exec(QStringLiteral("if [ -d %1 ] && [ ! -L %1 ]; then mv -T -- %1 %2; fi").arg(host::Host::quote(from), host::Host::quote(to)));
        if (!mv)
            return fail(QStringLiteral("renaming appdata_%1").arg(oldInstanceId), mv.error());
        if (mv->exitCode != 0)
            return fail(QStringLiteral("renaming appdata_%1").arg(oldInstanceId),
                        Error::make(Error::Remote, QString::fromUtf8(mv->err.trimmed().left(300))));
    }

    // Database: a copy's with the settings computed for it; in place, those of the restored config.php.
    phase(QStringLiteral("db"));
    std::unique_ptr<backup::InstanceContext> ctx;
    if (copy) {
        if (Status s = DatabaseRestoreJob::importDump(host, copyDb, m_rp, nullptr); !s)
            return fail(QStringLiteral("the database import"), s.error());
        if (copyDb.type == nextcloud::DatabaseSettings::Sqlite) { // the web server writes it as the instance's user
            auto r = host.exec(owner.chownCommand(host::Host::quote(copyDb.sqliteFile)));
            if (!r)
                return fail(QStringLiteral("the database import"), r.error());
            if (r->exitCode != 0)
                return fail(QStringLiteral("the database import"),
                            Error::make(Error::Io, QStringLiteral("Cannot give %1 to %2: %3").arg(copyDb.sqliteFile, owner.name(),
                                                                                                QString::fromUtf8(r->err.trimmed().left(300)))));
        }
    } else {
        auto c = backup::InstanceContext::open(target);
        if (!c)
            return fail(QStringLiteral("reading the restored config.php"), c.error());
        ctx = std::move(c.value());
        if (Status s = DatabaseRestoreJob::importDump(ctx->host(), ctx->database(), m_rp, nullptr); !s)
            return fail(QStringLiteral("the database import"), s.error());
    }

    // Nextcloud: new fingerprint (clients resync), online, file cache in line with the files.
    phase(QStringLiteral("maintenance"), QStringLiteral("fingerprint, maintenance off, files:scan --all"));
    for (const QStringList& args : {QStringList{QStringLiteral("maintenance:data-fingerprint")},
                                    QStringList{QStringLiteral("maintenance:mode"), QStringLiteral("--off")},
                                    QStringList{QStringLiteral("files:scan"), QStringLiteral("--all")}}) {
        auto r = ctx ? ctx->occChecked(args, 0) : occ.runChecked(args, 0);
        if (!r)
            return fail(QStringLiteral("occ %1").arg(args.join(QLatin1Char(' '))), r.error());
        if (args.contains(QStringLiteral("--off"))) {
            maintenanceOn = false;
            // Restored in place: files and database are whole again, and the instance is online.
            if (!copy)
                nextcloud::MaintenanceGuard::clearHeld(m_config.repository, rep.root);
        }
    }
    rep.note = QStringLiteral("App passwords, sessions and shares are those of %1, the time of Restoring Point %2.")
                   .arg(m_rp.info().manifest.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), m_rp.info().id.left(12));
    return rep;
}

} // namespace ncb::restore
