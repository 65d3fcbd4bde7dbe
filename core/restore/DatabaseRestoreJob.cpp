#include "DatabaseRestoreJob.h"

#include "backup/StreamChunker.h"
#include "nextcloud/DatabaseDumper.h"
#include "nextcloud/DatabaseRestorer.h"
#include "nextcloud/MaintenanceGuard.h"
#include "repository/RepoLock.h"
#include "repository/TreeWriter.h"

#include <QDateTime>
#include <QRegularExpression>

#include <optional>

namespace ncb::restore {

DatabaseRestoreJob::DatabaseRestoreJob(backup::InstanceContext& ctx, repo::Repository& repo, RpContent& rp)
    : m_ctx(ctx), m_repo(repo), m_rp(rp)
{
}

Status DatabaseRestoreJob::importDump(host::Host& host, const nextcloud::DatabaseSettings& settings, RpContent& rp, qint64* bytes,
                                      const std::function<Status()>& beforeChange, const nextcloud::InstanceOwner* owner)
{
    const QString dumpPath = rp.info().dbDump();
    auto e = rp.entry(dumpPath.toUtf8());
    if (!e)
        return e.error();
    nextcloud::DatabaseRestorer restorer(host, settings);
    if (owner)
        restorer.setOwner(*owner);
    auto r = restorer.start(beforeChange);
    if (!r)
        return r.error();
    NCB_TRY(rp.readFile(e.value(), [&](const char* d, qint64 n) -> Status {
        if (bytes)
            *bytes += n;
        return r.value()->write(d, n);
    }));
    return r.value()->finish();
}

Result<QString> DatabaseRestoreJob::writeSafetySnapshot(backup::InstanceContext& ctx, repo::Repository& repo, const QString& beforeRp)
{
    const nextcloud::DatabaseSettings& db = ctx.database();
    nextcloud::DatabaseDumper dumper(ctx.host(), db);
    auto dump = dumper.start();
    if (!dump)
        return dump.error();
    backup::StreamChunker chunker(repo);
    std::vector<char> buf(1 << 20);
    for (;;) {
        const qint64 n = dump.value()->read(buf.data(), qint64(buf.size()));
        if (n <= 0)
            break;
        NCB_TRY(chunker.write(buf.data(), n));
    }
    auto size = dump.value()->finish();
    if (!size)
        return size.error();
    NCB_TRY(chunker.finish());

    repo::SnapshotManifest m;
    m.time = QDateTime::currentDateTimeUtc();
    repo::TreeEntry dir;
    dir.path = "db";
    dir.type = repo::TreeEntry::Dir;
    dir.mode = 0700;
    dir.mtimeNs = m.time.toMSecsSinceEpoch() * 1000000;
    repo::TreeEntry file;
    file.path = "db/" + dumper.fileName().toUtf8();
    file.type = repo::TreeEntry::File;
    file.mode = 0600;
    file.mtimeNs = dir.mtimeNs;
    file.ctimeNs = dir.mtimeNs;
    file.size = chunker.size();
    file.chunks = chunker.takeChunks();
    repo::TreeWriter tree(repo.gearTable(), [&](const QByteArray& blob) -> Status {
        const repo::BlobId id = repo.blobId(blob.constData(), std::size_t(blob.size()));
        if (!repo.hasBlob(id)) {
            auto put = repo.putBlob(repo::BlobType::Tree, id, blob.constData(), std::size_t(blob.size()));
            if (!put)
                return put.error();
        }
        m.treeBlobs << id;
        return {};
    });
    NCB_TRY(tree.add(dir));
    NCB_TRY(tree.add(file));
    NCB_TRY(tree.finish());
    NCB_TRY(repo.flush());
    m.hostname = ctx.host().displayName();
    m.sourcePaths << ctx.serverRoot();
    m.stats.files = 1;
    m.stats.dirs = 1;
    m.stats.bytes = file.size;
    m.extra = QJsonObject{{QStringLiteral("type"), QStringLiteral("nextcloud-db-safety")},
                          {QStringLiteral("instance"), ctx.config().name},
                          {QStringLiteral("kind"), QStringLiteral("db-safety")},
                          {QStringLiteral("host"), ctx.host().displayName()},
                          {QStringLiteral("nextcloudVersion"), ctx.serverConfig().version},
                          {QStringLiteral("nextcloudVersionString"), ctx.serverConfig().versionString},
                          {QStringLiteral("dbType"), db.typeName()},
                          {QStringLiteral("dbName"), db.name},
                          {QStringLiteral("dbDump"), QString::fromUtf8(file.path)},
                          {QStringLiteral("dumpSize"), qint64(file.size)},
                          {QStringLiteral("takenBeforeRestoreOf"), beforeRp}};
    return repo.writeManifest(m.toJson(), m.time);
}

Result<DatabaseRestoreReport> DatabaseRestoreJob::run(const DatabaseRestoreOptions& o)
{
    DatabaseRestoreReport rep;
    const QJsonObject& x = m_rp.info().manifest.extra;
    const QString rpType = x.value(QStringLiteral("dbType")).toString();
    const nextcloud::DatabaseSettings& db = m_ctx.database();
    if (rpType != db.typeName())
        return Error::make(Error::Usage, QStringLiteral("Restoring Point %1 holds a %2 database but the instance now uses %3; "
                                                        "restore the whole instance instead.")
                                             .arg(m_rp.info().id.left(12), rpType, db.typeName()));
    const QString rpVersion = x.value(QStringLiteral("nextcloudVersion")).toString();
    if (rpVersion != m_ctx.serverConfig().version && !o.force)
        return Error::make(Error::Usage, QStringLiteral("Restoring Point %1 was made with Nextcloud %2 but the instance now runs %3: "
                                                        "its database would not fit the code; use --force to restore it anyway.")
                                             .arg(m_rp.info().id.left(12), rpVersion, m_ctx.serverConfig().version));
    // SQLite: the restored file must be the instance owner's; find out before anything changes.
    std::optional<nextcloud::InstanceOwner> owner;
    if (db.type == nextcloud::DatabaseSettings::Sqlite) {
        auto o = nextcloud::InstanceOwner::probe(m_ctx.host(), m_ctx.serverRoot(), m_ctx.config().name,
                                                 m_ctx.serverConfig().configDir);
        if (!o)
            return o.error();
        NCB_TRY(o->check());
        owner = o.value();
    }
    auto lock = m_repo.lock(repo::Repository::LockMode::Append);
    if (!lock)
        return lock.error();
    nextcloud::HeldMaintenance held;
    auto recovered = nextcloud::MaintenanceGuard::recoverIfNeeded(m_ctx.occ(), m_repo.path(), nullptr, &held);
    if (!recovered)
        return recovered.error();
    if (held.held && held.kind == nextcloud::HeldMaintenance::InstanceRestore && o.useGuard)
        return Error::make(Error::Usage, recovered.value() + QStringLiteral(" Its files may be incomplete too, which a "
                                                                            "database restore does not repair."));
    // An interrupted restore left the database incomplete: this run repairs it. Its database is not worth
    // a safety dump; the one taken before the interrupted restore still holds the database as it was.
    const bool repairing = held.held && o.useGuard;
    if (repairing) {
        rep.repairedInterrupted = true;
        rep.safetySnapshotId = held.safetySnapshot;
    }

    std::unique_ptr<nextcloud::MaintenanceGuard> guard;
    auto failed = [&](const QString& step, const Error& e) -> Error {
        if (guard && guard->held()) {
            guard->keepOn();
            QString said = e.message;
            while (said.endsWith(QLatin1Char('.')))
                said.chop(1);
            return Error::make(e.code, QStringLiteral("The database restore failed during %1: %2; the database may be "
                                                      "incomplete, so %3 stays in maintenance mode until a database "
                                                      "restore succeeds.")
                                           .arg(step, said, m_ctx.serverRoot()));
        }
        if (guard && guard->active())
            (void)guard->end();
        return Error::make(e.code, QStringLiteral("The database restore failed during %1: %2").arg(step, e.message));
    };
    auto phase = [&](const QString& name) {
        if (o.progress) {
            Progress p;
            p.phase = name;
            o.progress(p);
        }
    };
    if (o.useGuard) {
        phase(QStringLiteral("maintenance"));
        nextcloud::MaintenanceGuard::Options g;
        g.instanceName = m_ctx.config().name;
        g.deadlineSeconds = o.maintenanceDeadlineSeconds;
        g.repairsDatabase = true;
        if (repairing)
            g.takeOver = held;
        guard = std::make_unique<nextcloud::MaintenanceGuard>(m_ctx.occ(), m_repo.path(), g);
        if (Status s = guard->begin(); !s)
            return failed(QStringLiteral("turning maintenance mode on"), s.error());
        rep.repairedWithoutOcc = guard->beganWithoutOcc();
    }
    if (o.safetyDump && !repairing) {
        phase(QStringLiteral("safety dump"));
        auto id = writeSafetySnapshot(m_ctx, m_repo, m_rp.info().id);
        if (!id)
            return failed(QStringLiteral("the safety dump of the current database (nothing was changed)"), id.error());
        rep.safetySnapshotId = id.value();
    }
    phase(QStringLiteral("db"));
    const auto beforeChange = [&]() -> Status {
        if (!guard || guard->held())
            return {};
        return guard->hold(QStringLiteral("a database restore from Restoring Point %1 was replacing the database, which "
                                          "may be incomplete%2")
                               .arg(m_rp.info().id.left(12),
                                    rep.safetySnapshotId.isEmpty()
                                        ? QString()
                                        : QStringLiteral("; safety snapshot %1 holds it as it was")
                                              .arg(rep.safetySnapshotId.left(12))),
                           rep.safetySnapshotId);
    };
    if (Status s = importDump(m_ctx.host(), db, m_rp, &rep.bytes, beforeChange, owner ? &*owner : nullptr); !s)
        return failed(QStringLiteral("the import") +
                          (rep.safetySnapshotId.isEmpty() ? QString()
                                                          : QStringLiteral(" (safety snapshot %1 holds the database as it was)")
                                                                .arg(rep.safetySnapshotId.left(12))),
                      s.error());
    // The database is whole again. Nextcloud's own procedure after a restore: a new data fingerprint while in
    // maintenance (clients resync), maintenance off, then files:scan (in maintenance occ loads no app), so
    // files on disk that the restored database does not list are listed again.
    if (!o.useGuard)
        return rep; // the caller (an instance restore) does these steps itself
    phase(QStringLiteral("maintenance"));
    const QStringList fingerprint{QStringLiteral("maintenance:data-fingerprint")};
    auto fp = m_ctx.occChecked(fingerprint);
    if (fp) {
        static const QRegularExpression re(QStringLiteral("data-fingerprint to ([0-9A-Za-z]+)"));
        rep.dataFingerprint = re.match(QString::fromUtf8(fp.value())).captured(1);
    }
    if (Status s = guard->end(); !s)
        return failed(QStringLiteral("turning maintenance mode off"), s.error());
    const QString done = QStringLiteral("The database of %1 was restored from Restoring Point %2 and maintenance mode is "
                                        "off, but ")
                             .arg(m_ctx.config().name, m_rp.info().id.left(12));
    const QString byHand = QStringLiteral("; run `php occ maintenance:data-fingerprint` and `php occ files:scan --all` in %1 "
                                          "so that clients and file listings follow the restored database.")
                               .arg(m_ctx.serverRoot());
    const auto said = [](const Error& e) {
        QString m = e.message;
        while (m.endsWith(QLatin1Char('.')))
            m.chop(1);
        return m;
    };
    if (!fp)
        return Error::make(fp.error().code, done + said(fp.error()) + byHand);
    phase(QStringLiteral("files:scan"));
    if (auto scan = m_ctx.occChecked({QStringLiteral("files:scan"), QStringLiteral("--all")}, 0); !scan)
        return Error::make(scan.error().code, done + said(scan.error()) + byHand);
    rep.filesScanned = true;
    return rep;
}

} // namespace ncb::restore
