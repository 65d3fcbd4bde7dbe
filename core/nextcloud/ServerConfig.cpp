#include "nextcloud/ServerConfig.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace ncb::nextcloud {

// Run as `php -r CODE -- 0|1` from the server root. Prints a marker line then one JSON document, so
// notices PHP may print before it do not break parsing. Exit 3: config.php missing or unreadable.
static const char kReadConfigPhp[] = R"PHP(
error_reporting(E_ALL & ~E_NOTICE & ~E_DEPRECATED & ~E_WARNING);
$withPw = ($argv[1] ?? '0') === '1';
$d = getenv('NEXTCLOUD_CONFIG_DIR');
$d = ($d !== false && $d !== '') ? rtrim($d, '/') . '/' : getcwd() . '/config/';
if (!is_readable($d . 'config.php')) {
  $o = @fileowner($d . 'config.php');
  $n = ($o !== false && function_exists('posix_getpwuid')) ? (posix_getpwuid($o)['name'] ?? (string)$o) : '';
  fwrite(STDERR, "{$d}config.php\n$n\n"); exit(is_file($d . 'config.php') ? 6 : 3);
}
$merged = [];
$files = [$d . 'config.php'];
foreach (glob($d . '*.config.php') ?: [] as $f) { $files[] = $f; }
foreach ($files as $f) {
  $CONFIG = null;
  if ((include $f) === false) { fwrite(STDERR, "cannot include $f\n"); exit(3); }
  if (is_array($CONFIG)) { $merged = array_merge($merged, $CONFIG); }
}
$pw = $merged['dbpassword'] ?? null;
function ncb_strip($a) {
  foreach ($a as $k => $v) {
    if (is_string($k) && preg_match('/pass|secret|salt|token|^key$|credential/i', $k)) { unset($a[$k]); continue; }
    if (is_array($v)) { $a[$k] = ncb_strip($v); }
  }
  return $a;
}
$merged = ncb_strip($merged);
if ($withPw && $pw !== null) { $merged['dbpassword'] = (string)$pw; }
$OC_Version = []; $OC_VersionString = '';
if (is_readable('version.php')) { include 'version.php'; }
echo "\n@@NCBACKUP-CONFIG@@\n";
echo json_encode(['config' => (object)$merged, 'version' => implode('.', (array)$OC_Version),
  'versionString' => (string)$OC_VersionString, 'configDir' => $d],
  JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
)PHP";

// Run as `php -r CODE -- 0|1` from the server root. Exit 3: no usable config.php; 6: it cannot be opened for
// writing; 7: no lock; 8: another *.config.php sets maintenance (its name on stderr).
static const char kSetMaintenancePhp[] = R"PHP(
error_reporting(E_ALL & ~E_NOTICE & ~E_DEPRECATED & ~E_WARNING);
$on = ($argv[1] ?? '0') === '1';
$d = getenv('NEXTCLOUD_CONFIG_DIR');
$d = ($d !== false && $d !== '') ? rtrim($d, '/') . '/' : getcwd() . '/config/';
$f = $d . 'config.php';
if (!is_file($f)) { fwrite(STDERR, "{$f} does not exist\n"); exit(3); }
$fh = @fopen($f, 'r+');
if ($fh === false) { fwrite(STDERR, "{$f}\n"); exit(6); }
if (!flock($fh, LOCK_EX)) { fwrite(STDERR, "{$f}\n"); exit(7); }
$CONFIG = null;
include $f;
if (!is_array($CONFIG)) { flock($fh, LOCK_UN); fwrite(STDERR, "{$f} does not define \$CONFIG\n"); exit(3); }
$CONFIG['maintenance'] = $on;
$content = "<?php\n\$CONFIG = " . var_export($CONFIG, true) . ";\n";
rewind($fh);
ftruncate($fh, 0);
fwrite($fh, $content);
fflush($fh);
flock($fh, LOCK_UN);
fclose($fh);
if (function_exists('opcache_invalidate')) { @opcache_invalidate($f, true); }
foreach (glob($d . '*.config.php') ?: [] as $x) {
  $CONFIG = null;
  include $x;
  if (is_array($CONFIG) && array_key_exists('maintenance', $CONFIG) && (bool)$CONFIG['maintenance'] !== $on) {
    fwrite(STDERR, "{$x}\n"); exit(8);
  }
}
)PHP";

Status ServerConfig::setMaintenance(host::Host& host, const QString& serverRoot, bool on)
{
    const QString cmd = QStringLiteral("cd %1 || exit 4; command -v php >/dev/null 2>&1 || exit 5; exec php -r %2 -- %3")
                            .arg(host::Host::quote(serverRoot), host::Host::quote(QString::fromUtf8(kSetMaintenancePhp)),
                                 on ? QStringLiteral("1") : QStringLiteral("0"));
    host::ExecOptions opt;
    opt.timeoutMs = 60000;
    auto r = host.exec(cmd, opt);
    if (!r)
        return r.error();
    const QString file = QString::fromUtf8(r->err.trimmed().split('\n').value(0));
    const QString state = on ? QStringLiteral("on") : QStringLiteral("off");
    const QString who = host.runAs().isEmpty() ? host.loginUser() : host.runAs();
    switch (r->exitCode) {
    case 0:
        return {};
    case 4:
        return Error::make(Error::NotFound, QStringLiteral("%1 on %2 is not a Nextcloud server root: the folder cannot be "
                                                           "entered.").arg(serverRoot, host.displayName()));
    case 5:
        return Error::make(Error::Remote, QStringLiteral("PHP is not installed on %1: ncbackup needs the php command "
                                                         "to read config.php.").arg(host.displayName()));
    case 6:
    case 7:
        return Error::make(Error::Remote, QStringLiteral("Cannot turn maintenance mode %1 in %2 on %3: %4 may not write "
                                                         "it.").arg(state, file, host.displayName(), who));
    case 8:
        return Error::make(Error::Remote, QStringLiteral("Maintenance mode was turned %1 in config.php of %2 on %3, but %4 "
                                                         "sets it too and wins: change it there.")
                                              .arg(state, serverRoot, host.displayName(), file));
    default:
        return Error::make(Error::Remote, QStringLiteral("Cannot turn maintenance mode %1 in config.php of %2 on %3: %4.")
                                              .arg(state, serverRoot, host.displayName(),
                                                   file.isEmpty() ? QStringLiteral("PHP exit code %1").arg(r->exitCode) : file));
    }
}

Result<ServerConfig> ServerConfig::read(host::Host& host, const QString& serverRoot, bool withDbPassword)
{
    const QString cmd = QStringLiteral("cd %1 || exit 4; command -v php >/dev/null 2>&1 || exit 5; exec php -r %2 -- %3")
                            .arg(host::Host::quote(serverRoot), host::Host::quote(QString::fromUtf8(kReadConfigPhp)),
                                 withDbPassword ? QStringLiteral("1") : QStringLiteral("0"));
    host::ExecOptions opt;
    opt.timeoutMs = 60000;
    auto r = host.exec(cmd, opt);
    if (!r)
        return r.error();
    if (r->exitCode == 4)
        return Error::make(Error::NotFound, QStringLiteral("%1 on %2 is not a Nextcloud server root: the folder "
                                                           "cannot be entered.").arg(serverRoot, host.displayName()));
    if (r->exitCode == 5)
        return Error::make(Error::Remote, QStringLiteral("PHP is not installed on %1: ncbackup needs the php command "
                                                         "to read config.php.").arg(host.displayName()));
    if (r->exitCode == 6) {
        const QList<QByteArray> l = r->err.split('\n');
        const QString who = host.runAs().isEmpty() ? host.loginUser() : host.runAs();
        const QString owner = QString::fromUtf8(l.value(1)).trimmed();
        if (!owner.isEmpty() && owner != who)
            return Error::make(Error::Remote, QStringLiteral("%1 on %2 belongs to %3 and %4 may not read it: let ncbackup run "
                                                             "its commands there as %3 (the sudo user of the instance).")
                                                  .arg(QString::fromUtf8(l.value(0)), host.displayName(), owner, who));
        return Error::make(Error::Remote, QStringLiteral("%1 on %2 cannot be read by %3.")
                                              .arg(QString::fromUtf8(l.value(0)), host.displayName(), who));
    }
    if (r->exitCode == 3)
        return Error::make(Error::Remote, QStringLiteral("config.php of %1 on %2 cannot be read: %3.")
                                              .arg(serverRoot, host.displayName(),
                                                   QString::fromUtf8(r->err.trimmed().split('\n').value(0))));
    const int at = r->out.indexOf("@@NCBACKUP-CONFIG@@\n");
    if (r->exitCode != 0 || at < 0) {
        const QByteArray said = (r->err.trimmed().isEmpty() ? r->out : r->err).trimmed().split('\n').value(0);
        return Error::make(Error::Remote, QStringLiteral("PHP could not read config.php of %1 on %2: %3.")
                                              .arg(serverRoot, host.displayName(), QString::fromUtf8(said)));
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r->out.mid(at + 20).trimmed(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error::make(Error::Remote, QStringLiteral("PHP on %1 answered config.php of %2 with something that is "
                                                         "not JSON.").arg(host.displayName(), serverRoot));
    const QJsonObject o = doc.object();
    ServerConfig c;
    c.values = o.value(QLatin1String("config")).toObject();
    c.version = o.value(QLatin1String("version")).toString();
    c.versionString = o.value(QLatin1String("versionString")).toString();
    c.configDir = o.value(QLatin1String("configDir")).toString();
    return c;
}

} // namespace ncb::nextcloud
