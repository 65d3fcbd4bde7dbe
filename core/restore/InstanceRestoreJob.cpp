#include "InstanceRestoreJob.h"

#include "host/TarStreamWriter.h"
#include "restore/DatabaseRestoreJob.h"

#include <QDir>

namespace ncb::restore {

namespace {

// Rewrites config.php (as PHP sees it) with the new data directory and maintenance on.
const char kAdjustConfig[] = R"PHP(<?php
$f = rtrim($argv[1], '/') . '/config/config.php';
$CONFIG = [];
if (!is_file($f)) { fwrite(STDERR, "there is no $f"); exit(2); }
include $f;
$CONFIG['datadirectory'] = $argv[2];
$CONFIG['maintenance'] = true;
$tmp = $f . '.ncbackup-tmp';
if (file_put_contents($tmp, "<?php\n\$CONFIG = " . var_export($CONFIG, true) . ";\n") === false) { fwrite(STDERR, "cannot write $tmp"); exit(1); }
chmod($tmp, fileperms($f) & 0777);
if (!rename($tmp, $f)) { fwrite(STDERR, "cannot replace $f"); exit(1); }
if (function_exists('opcache_invalidate')) { opcache_invalidate($f, true); }
)PHP";

} // namespace

InstanceRestoreJob::InstanceRestoreJob(const settings::InstanceConfig& config, repo::Repository& repo, RpContent& rp)
    : m_config(config), m_repo(repo), m_rp(rp)
{
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

    auto entries = m_rp.entriesUnder({"root", "data"}); // hostile paths refused before anything is written
    if (!entries)
        return entries.error();
    auto hostR = backup::InstanceContext::makeHost(m_config);
    if (!hostR)
        return hostR.error();
    host::Host& host = *hostR.value();
    settings::InstanceConfig target = m_config;
    target.serverRoot = rep.root;
    nextcloud::Occ occ(host, rep.root);

    // An instance already there goes into maintenance mode first.
    auto existing = host.exec(QStringLiteral("[ -f %1/occ ] && [ -f %1/config/config.php ]").arg(host::Host::quote(rep.root)));
    if (!existing)
        return existing.error();
    if (existing->exitCode == 0) {
        phase(QStringLiteral("maintenance"), QStringLiteral("maintenance mode on"));
        auto on = occ.runChecked({QStringLiteral("maintenance:mode"), QStringLiteral("--on")});
        if (!on)
            return Error::make(on.error().code, QStringLiteral("The instance restore could not turn maintenance mode on at %1: %2")
                                                    .arg(rep.root, on.error().message));
    }

    // Files.
    auto fail = [&](const QString& step, const Error& e) {
        return Error::make(e.code, QStringLiteral("The instance restore failed during %1: %2").arg(step, e.message));
    };
    for (const char* top : {"root", "data"}) {
        const QByteArray base = (QByteArray(top) == "root" ? rep.root : rep.data).toUtf8();
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
    }

    // config.php: the new data directory.
    phase(QStringLiteral("config"));
    host::ExecOptions eo;
    eo.stdinData = QByteArray(kAdjustConfig);
    auto adj = host.exec(QStringLiteral("php -- %1 %2").arg(host::Host::quote(rep.root), host::Host::quote(rep.data)), eo);
    if (!adj)
        return fail(QStringLiteral("adjusting config.php"), adj.error());
    if (adj->exitCode != 0)
        return fail(QStringLiteral("adjusting config.php"),
                    Error::make(Error::Remote, QStringLiteral("PHP on %1 said: %2").arg(host.displayName(), QString::fromUtf8(adj->err.trimmed().left(300)))));

    // Database, with the settings of the restored config.php.
    phase(QStringLiteral("db"));
    auto ctx = backup::InstanceContext::open(target);
    if (!ctx)
        return fail(QStringLiteral("reading the restored config.php"), ctx.error());
    if (Status s = DatabaseRestoreJob::importDump(ctx.value()->host(), ctx.value()->database(), m_rp, nullptr); !s)
        return fail(QStringLiteral("the database import"), s.error());

    // Nextcloud: new fingerprint (clients resync), online, file cache in line with the files.
    phase(QStringLiteral("maintenance"), QStringLiteral("fingerprint, maintenance off, files:scan --all"));
    for (const QStringList& args : {QStringList{QStringLiteral("maintenance:data-fingerprint")},
                                    QStringList{QStringLiteral("maintenance:mode"), QStringLiteral("--off")},
                                    QStringList{QStringLiteral("files:scan"), QStringLiteral("--all")}}) {
        auto r = ctx.value()->occChecked(args, 0);
        if (!r)
            return fail(QStringLiteral("occ %1").arg(args.join(QLatin1Char(' '))), r.error());
    }
    rep.note = QStringLiteral("App passwords, sessions and shares are those of %1, the time of Restoring Point %2.")
                   .arg(m_rp.info().manifest.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), m_rp.info().id.left(12));
    return rep;
}

} // namespace ncb::restore
