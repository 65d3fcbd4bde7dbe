#include "InstanceRestoreJob.h"

#include "host/TarStreamWriter.h"
#include "nextcloud/MaintenanceGuard.h"
#include "restore/DatabaseRestoreJob.h"
#include "restore/HostTreePruner.h"

#include <QDir>

namespace ncb::restore {

namespace {

bool under(const QByteArray& path, const QByteArray& prefix)
{
    return path.startsWith(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/';
}

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

    if (rep.root == rep.data || under(rep.root.toUtf8(), rep.data.toUtf8()))
        return Error::make(Error::Usage, QStringLiteral("The server root %1 cannot lie inside the data directory %2.").arg(rep.root, rep.data));

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

    // What is at the target now. Onto a Nextcloud (or the RP's own paths) the folders are made equal to
    // the RP's; a folder that holds something else is refused before anything is written.
    const QString rpRoot = QDir::cleanPath(x.value(QStringLiteral("serverRoot")).toString());
    const QString rpData = QDir::cleanPath(x.value(QStringLiteral("dataDirectory")).toString());
    auto state = host.exec(QStringLiteral(
        "s() { if [ ! -e \"$1\" ]; then echo none; elif [ ! -d \"$1\" ]; then echo file; "
        "elif [ -f \"$1/occ\" ] && [ -f \"$1/config/config.php\" ]; then echo nextcloud; "
        "elif [ -e \"$1/.ncdata\" ] || [ -e \"$1/.ocdata\" ]; then echo ncdata; "
        "elif ! l=$(ls -A -- \"$1\" 2>/dev/null); then echo unreadable; elif [ -z \"$l\" ]; then echo empty; else echo other; fi; }; "
        "s %1; s %2").arg(host::Host::quote(rep.root), host::Host::quote(rep.data)));
    if (!state)
        return state.error();
    const QList<QByteArray> st = state->out.trimmed().split('\n');
    if (st.size() != 2)
        return Error::make(Error::Remote, QStringLiteral("Cannot look at %1 and %2 on %3: %4")
                                              .arg(rep.root, rep.data, host.displayName(), QString::fromUtf8(state->err.trimmed().left(300))));
    const bool rootIsNextcloud = st[0] == "nextcloud";
    for (int i = 0; i < 2; ++i) {
        const QString& dir = i == 0 ? rep.root : rep.data;
        const bool own = dir == (i == 0 ? rpRoot : rpData);
        if (st[i] == "file")
            return Error::make(Error::Usage, QStringLiteral("%1 on %2 is a file, not a folder: nothing was restored.").arg(dir, host.displayName()));
        const bool fits = st[i] == "none" || st[i] == "empty" || st[i] == (i == 0 ? "nextcloud" : "ncdata");
        if (!fits && !own)
            return Error::make(Error::Usage, QStringLiteral("%1 on %2 is not empty and holds no Nextcloud %3: restore into an empty or new "
                                                            "folder, or onto an existing instance. Nothing was restored.")
                                                 .arg(dir, host.displayName(),
                                                      i == 0 ? QStringLiteral("server root") : QStringLiteral("data directory")));
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
        if (rep.root == m_config.serverRoot) {
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
            // config.php at once: the new data directory, and maintenance on (the RP's copy says off), so a
            // restore that fails from here on never leaves a half-restored instance online.
            phase(QStringLiteral("config"));
            host::ExecOptions eo;
            eo.stdinData = QByteArray(kAdjustConfig);
            auto adj = host.exec(QStringLiteral("php -- %1 %2").arg(host::Host::quote(rep.root), host::Host::quote(rep.data)), eo);
            if (!adj)
                return fail(QStringLiteral("adjusting config.php"), adj.error());
            if (adj->exitCode != 0)
                return fail(QStringLiteral("adjusting config.php"),
                            Error::make(Error::Remote, QStringLiteral("PHP on %1 said: %2")
                                                           .arg(host.displayName(), QString::fromUtf8(adj->err.trimmed().left(300)))));
            maintenanceOn = true;
        }
    }

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
        if (args.contains(QStringLiteral("--off"))) {
            maintenanceOn = false;
            // Restored in place: files and database are whole again, and the instance is online.
            if (rep.root == m_config.serverRoot)
                nextcloud::MaintenanceGuard::clearHeld(m_config.repository, rep.root);
        }
    }
    rep.note = QStringLiteral("App passwords, sessions and shares are those of %1, the time of Restoring Point %2.")
                   .arg(m_rp.info().manifest.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), m_rp.info().id.left(12));
    return rep;
}

} // namespace ncb::restore
