#include "BackupJob.h"

#include "schedule/SchedulePolicy.h"

#include "util/BulkMemory.h"

#include "backup/FilesPass.h"
#include "backup/HostSource.h"
#include "backup/JobHistory.h"
#include "backup/RpIndex.h"
#include "backup/StreamChunker.h"
#include "host/RealPath.h"
#include "nextcloud/DatabaseDumper.h"
#include "nextcloud/InstanceInfo.h"
#include "nextcloud/MaintenanceGuard.h"
#include "repository/RepoLock.h"
#include "repository/TreeReader.h"
#include "repository/TreeWriter.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <optional>

namespace ncb::backup {

namespace {

QString stepLabel(const QString& step)
{
    static const QHash<QString, QString> labels{
        {QStringLiteral("start"), QStringLiteral("preparing")},
        {QStringLiteral("files"), QStringLiteral("the files pass (step 1)")},
        {QStringLiteral("maintenance"), QStringLiteral("turning maintenance mode on (step 2)")},
        {QStringLiteral("db"), QStringLiteral("the database dump (step 3)")},
        {QStringLiteral("delta"), QStringLiteral("the delta pass (step 4)")},
        {QStringLiteral("maintenance-off"), QStringLiteral("turning maintenance mode off (step 5)")},
        {QStringLiteral("manifest"), QStringLiteral("writing the Restoring Point")},
    };
    return labels.value(step, step);
}

// Local external storages inside the backed-up folders: `occ files_external:list --output=json`.
// A disabled files_external app (no such command) means none. In maintenance mode occ loads no app, so
// the storages cannot be known: that is an error, not "none" (an external storage is never read by mistake).
Result<QList<QByteArray>> externalStorages(InstanceContext& ctx)
{
    QList<QByteArray> out;
    const QStringList args{QStringLiteral("files_external:list"), QStringLiteral("--output=json")};
    auto r = ctx.occ().run(args);
    ctx.addOccCalls(1);
    if (!r)
        return r.error();
    if (r->exitCode != 0) {
        const QByteArray said = r->err + r->out;
        if (said.contains("maintenance mode"))
            return Error::make(Error::Remote, QStringLiteral("Nextcloud on %1 is in maintenance mode, so occ cannot list its external "
                                                             "storages: turn maintenance mode off (occ maintenance:mode --off) and "
                                                             "back up again.")
                                                  .arg(ctx.host().displayName()));
        if (said.contains("no commands defined in the \"files_external\""))
            return out;
        return ctx.occ().failure(args, *r);
    }
    QByteArray body = r->out.trimmed(); // the JSON is the last line (occ may warn before it)
    if (const int nl = body.lastIndexOf('\n'); nl >= 0)
        body = body.mid(nl + 1);
    QJsonParseError pe;
    const QJsonDocument d = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !d.isArray())
        return Error::make(Error::Remote, QStringLiteral("occ files_external:list on %1 did not answer with JSON: %2.")
                                              .arg(ctx.host().displayName(), QString::fromUtf8(body.left(200))));
    for (const QJsonValue& v : d.array()) {
        const QJsonObject o = v.toObject();
        const QString dir = o.value(QStringLiteral("configuration")).toObject().value(QStringLiteral("datadir")).toString();
        if (!dir.isEmpty() && o.value(QStringLiteral("storage")).toString().endsWith(QLatin1String("\\Local")))
            out << QDir::cleanPath(dir).toUtf8();
    }
    return out;
}

} // namespace

QString BackupJob::incompleteSentence(const QString& rpId, std::size_t leftOut)
{
    return QStringLiteral("Restoring Point %1 was written but is incomplete: %2 path(s) on the server could not be read "
                          "and are not in it.")
        .arg(rpId.left(12))
        .arg(leftOut);
}

BackupJob::BackupJob(InstanceContext& instance, repo::Repository& repo) : m_ctx(instance), m_repo(repo) {}

Result<BackupOptions::Mode> BackupJob::decideMode(const repo::Repository& repo, const settings::InstanceConfig& config)
{
    auto state = schedule::SchedulePolicy::stateOf(repo, config.name);
    if (!state)
        return state.error();
    return schedule::SchedulePolicy(config.schedule).kind(state->lastFull, QDateTime::currentDateTime()) ==
                   schedule::ScheduleDecision::Kind::Full
               ? BackupOptions::Full
               : BackupOptions::Incremental;
}

std::vector<repo::SkippedPath> BackupJob::otherFilesystems(const std::vector<repo::TreeEntry>& entries)
{
    std::vector<repo::SkippedPath> out;
    QHash<QByteArray, std::uint64_t> topDevice;
    for (const repo::TreeEntry& e : entries)
        if (!e.path.contains('/'))
            topDevice.insert(e.path, e.device);
    for (const repo::TreeEntry& e : entries) {
        const int slash = e.path.indexOf('/');
        if (slash < 0 || e.type != repo::TreeEntry::Dir)
            continue;
        const auto top = topDevice.constFind(e.path.left(slash));
        if (top != topDevice.constEnd() && top.value() != e.device)
            out.push_back({e.path, QStringLiteral("other filesystem")});
    }
    return out;
}

Result<BackupResult> BackupJob::run(const BackupOptions& o)
{
    JobRecord record;
    record.job = QStringLiteral("backup");
    record.instance = m_ctx.config().name;
    record.started = QDateTime::currentDateTimeUtc();
    QJsonObject& counts = record.counts;
    Result<BackupResult> r = [&] {
        const BulkMemory bulk;
        return runSteps(o, record);
    }();
    record.finished = QDateTime::currentDateTimeUtc();
    if (r) {
        record.status = r->isIncomplete() ? JobRecord::Status::Incomplete : JobRecord::Status::Ok;
        record.rp = r->rpId;
        counts.insert(QStringLiteral("kind"), r->manifest.extra.value(QStringLiteral("kind")));
        const auto paths = [](const std::vector<repo::SkippedPath>& list) {
            QJsonArray a;
            for (const auto& s : list)
                a.append(QJsonObject{{QStringLiteral("path"), QString::fromUtf8(s.path)}, {QStringLiteral("reason"), s.reason}});
            return a;
        };
        if (r->isIncomplete()) {
            counts.insert(QStringLiteral("leftOut"), paths(r->incomplete));
            record.message = incompleteSentence(r->rpId, r->incomplete.size());
        } else {
            record.message = QStringLiteral("Restoring Point %1 written.").arg(r->rpId.left(12));
        }
        if (!r->refused.empty())
            counts.insert(QStringLiteral("refusedNames"), paths(r->refused));
    } else {
        // A run the user stopped is not a failure of the instance: the timeline shows failures only.
        record.status = r.error().code == Error::Cancelled ? JobRecord::Status::Cancelled : JobRecord::Status::Failed;
        record.message = r.error().message;
    }
    // The history is a record for the user; failing to write it must not hide the backup's own result.
    (void)JobHistory(m_ctx.config().name, o.historyDir).append(record);
    return r;
}

Result<BackupResult> BackupJob::runSteps(const BackupOptions& o, JobRecord& record)
{
    const QString name = m_ctx.config().name;
    QString step = QStringLiteral("start");
    std::unique_ptr<nextcloud::MaintenanceGuard> guard;
    auto failed = [&](const Error& e) -> Error {
        if (guard && guard->active())
            (void)guard->end(); // an error here is secondary; the watchdog and the marker remain as nets
        record.step = step;
        return Error::make(e.code, QStringLiteral("The backup of %1 failed during %2: %3").arg(name, stepLabel(step), e.message));
    };
#define STEP_TRY(expr)                                                                                                 \
    do {                                                                                                               \
        auto&& _r = (expr);                                                                                            \
        if (!_r.ok())                                                                                                  \
            return failed(_r.error());                                                                                 \
    } while (0)

    auto progress = [&](const QString& phase, const QString& current) {
        if (!o.progress)
            return;
        Progress p;
        p.phase = phase;
        p.current = current;
        o.progress(p);
    };

    BackupResult result;
    QElapsedTimer total;
    total.start();

    // Clean up after an interrupted run before anything else.
    int recoveryCalls = 0;
    nextcloud::HeldMaintenance held;
    auto recovered = nextcloud::MaintenanceGuard::recoverIfNeeded(m_ctx.occ(), m_repo.path(), &recoveryCalls, &held);
    m_ctx.addOccCalls(recoveryCalls);
    if (!recovered)
        return failed(recovered.error());
    if (held.held) // an interrupted restore left the database incomplete: nothing to back up until it is repaired
        return failed(Error::make(Error::Usage, recovered.value()));
    result.recovered = recovered.value();

    auto lock = m_repo.lock(repo::Repository::LockMode::Append);
    if (!lock)
        return failed(lock.error());

    // Full or incremental, and the parent.
    BackupOptions::Mode mode = o.mode;
    if (mode == BackupOptions::Auto) {
        auto m = decideMode(m_repo, m_ctx.config());
        if (!m)
            return failed(m.error());
        mode = m.value();
    }
    std::optional<RpInfo> parent;
    {
        auto rps = RpIndex::list(m_repo, name, false);
        if (!rps)
            return failed(rps.error());
        if (!rps->isEmpty())
            parent = rps->last();
    }
    if (mode == BackupOptions::Incremental && !parent)
        mode = BackupOptions::Full; // nothing to compare with
    const bool full = mode == BackupOptions::Full;

    // What to back up.
    const QByteArray root = m_ctx.serverRoot().toUtf8();
    const QByteArray dataDir = m_ctx.dataDirectory().toUtf8();
    QList<QPair<QByteArray, QString>> exclude;
    exclude.append({dataDir, QStringLiteral("the data directory (backed up as data/)")});
    auto externals = externalStorages(m_ctx);
    if (!externals)
        return failed(externals.error());
    for (const QByteArray& ext : externals.value())
        exclude.append({ext, QStringLiteral("external storage")});
    const nextcloud::DatabaseSettings& db = m_ctx.database();
    if (db.type == nextcloud::DatabaseSettings::Sqlite && !db.sqliteFile.isEmpty()) {
        const QByteArray f = db.sqliteFile.toUtf8();
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            exclude.append({f + suffix, QStringLiteral("the SQLite database (backed up as a dump in db/)")});
    }
    // Where the two folders really are: a symlinked server root or data directory is walked at its real place
    // (find does not follow a symlink it starts from), and so are the paths left out inside them.
    QByteArray rootReal, dataReal;
    {
        const auto parentOf = [](const QByteArray& p) {
            const int slash = p.lastIndexOf('/');
            return slash <= 0 ? QByteArray("/") : p.left(slash);
        };
        QList<QByteArray> ask{root, dataDir};
        for (const auto& [path, why] : exclude)
            ask << path << parentOf(path);
        auto real = host::realPaths(m_ctx.host(), ask);
        if (!real)
            return failed(real.error());
        rootReal = real->at(0);
        dataReal = real->at(1);
        if (rootReal.isEmpty())
            return failed(Error::make(Error::NotFound, QStringLiteral("The server root %1 on %2 cannot be resolved to a folder.")
                                                           .arg(QString::fromUtf8(root), m_ctx.host().displayName())));
        if (dataReal.isEmpty())
            return failed(Error::make(Error::NotFound, QStringLiteral("The data directory %1 on %2 cannot be resolved to a folder.")
                                                           .arg(QString::fromUtf8(dataDir), m_ctx.host().displayName())));
        // Each excluded path as find will print it (its folder resolved, its own name kept: a symlink there is
        // listed as a symlink) and, when it is a symlink itself, also where it leads.
        QList<QPair<QByteArray, QString>> resolved;
        for (qsizetype i = 0; i < exclude.size(); ++i) {
            const QByteArray& path = exclude[i].first;
            const QByteArray& full = real->at(2 + 2 * i);
            const QByteArray& parent = real->at(3 + 2 * i);
            resolved.append(exclude[i]);
            if (!parent.isEmpty()) {
                const QByteArray inParent = (parent == "/" ? QByteArray() : parent) + path.mid(path.lastIndexOf('/'));
                if (inParent != path)
                    resolved.append({inParent, exclude[i].second});
            }
            if (!full.isEmpty() && full != path)
                resolved.append({full, exclude[i].second});
        }
        exclude = resolved;
    }
    record.counts.insert(QStringLiteral("serverRootRealPath"), QString::fromUtf8(rootReal));
    record.counts.insert(QStringLiteral("dataDirectoryRealPath"), QString::fromUtf8(dataReal));
    HostSource source(m_ctx.host(), {HostFolder{"data", dataReal, exclude}, HostFolder{"root", rootReal, exclude}},
                      m_ctx.config().exclusions);
    const bool objectStore = m_ctx.serverConfig().values.contains(QStringLiteral("objectstore")) ||
                             m_ctx.serverConfig().values.contains(QStringLiteral("objectstore_multibucket"));
    // A top the RP would hold empty is never a success: a backup without user files or without config.php
    // looks fine until the day it is restored.
    const auto emptyTop = [&](const std::vector<repo::TreeEntry>& entries) -> std::optional<Error> {
        bool dataHas = false, rootHas = false;
        for (const auto& e : entries) {
            dataHas = dataHas || e.path.startsWith("data/");
            rootHas = rootHas || e.path.startsWith("root/");
            if (dataHas && rootHas)
                return std::nullopt;
        }
        if (!rootHas)
            return Error::make(Error::Remote, QStringLiteral("The server root %1 on %2 gave no files to back up, so the "
                                                             "Restoring Point would not hold config.php: check that "
                                                             "its user can read it.")
                                                  .arg(QString::fromUtf8(rootReal), m_ctx.host().displayName()));
        if (!dataHas && !objectStore)
            return Error::make(Error::Remote, QStringLiteral("The data directory %1 on %2 gave no files to back up, so the "
                                                             "Restoring Point would hold no user files: check that "
                                                             "its user can read it.")
                                                  .arg(QString::fromUtf8(dataReal), m_ctx.host().displayName()));
        return std::nullopt;
    };
    if (parent)
        source.setExpectedEntries(std::size_t(parent->manifest.stats.files + parent->manifest.stats.dirs +
                                              parent->manifest.stats.symlinks));
    StreamChunker chunker(m_repo);
    FilesPass pass(chunker);

    // Step 1: files pass, online.
    step = QStringLiteral("files");
    std::unique_ptr<repo::TreeReader> parentTree;
    if (!full) {
        parentTree = std::make_unique<repo::TreeReader>(parent->manifest.treeBlobs,
                                                        [this](const repo::BlobId& id) { return m_repo.getBlob(id); });
    }
    repo::TreeEntry parentCurrent;
    const FilesPass::Previous fromParent = [&](const QByteArray& path) -> const repo::TreeEntry* {
        while (const repo::TreeEntry* pe = parentTree->peek()) {
            const int c = repo::comparePaths(pe->path, path);
            if (c > 0)
                return nullptr;
            parentTree->next(parentCurrent);
            if (c == 0)
                return &parentCurrent;
        }
        return nullptr;
    };
    auto pass1 = pass.run(source, full ? FilesPass::Previous() : fromParent, QStringLiteral("files"), o.progress, o.cancel);
    if (!pass1)
        return failed(pass1.error());
    if (parentTree && parentTree->failed())
        return failed(parentTree->error());
    if (auto e = emptyTop(pass1->entries))
        return failed(*e);
    // What pass 1 read goes to disk before the instance goes offline: a full disk stops the backup here,
    // not after the maintenance window, and a run killed later leaves these packs for the next one.
    STEP_TRY(m_repo.flush());

    // Step 2: maintenance on.
    step = QStringLiteral("maintenance");
    progress(QStringLiteral("maintenance"), QStringLiteral("maintenance mode on"));
    if (o.cancel && o.cancel())
        return failed(Error::make(Error::Cancelled, QStringLiteral("cancelled.")));
    nextcloud::MaintenanceGuard::Options gopt;
    gopt.instanceName = name;
    gopt.deadlineSeconds = o.maintenanceDeadlineSeconds;
    gopt.renewEverySeconds = std::max(1, o.maintenanceDeadlineSeconds / 4);
    guard = std::make_unique<nextcloud::MaintenanceGuard>(m_ctx.occ(), m_repo.path(), gopt);
    QElapsedTimer window;
    window.start();
    m_ctx.addOccCalls(2);
    STEP_TRY(guard->begin());

    // Step 3: database dump, streamed into the repository.
    step = QStringLiteral("db");
    QElapsedTimer dbTimer;
    dbTimer.start();
    nextcloud::DatabaseDumper dumper(m_ctx.host(), db);
    repo::TreeEntry dbFile;
    dbFile.path = "db/" + dumper.fileName().toUtf8();
    dbFile.type = repo::TreeEntry::File;
    dbFile.mode = 0600;
    dbFile.mtimeNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    dbFile.ctimeNs = dbFile.mtimeNs;
    {
        auto dump = dumper.start();
        if (!dump)
            return failed(dump.error());
        chunker.reset();
        std::vector<char> buf(1 << 20);
        QElapsedTimer last;
        last.start();
        for (;;) {
            if (o.cancel && o.cancel())
                return failed(Error::make(Error::Cancelled, QStringLiteral("cancelled.")));
            const qint64 n = dump.value()->read(buf.data(), qint64(buf.size()));
            if (n <= 0)
                break; // finish() tells whether the dump is complete
            STEP_TRY(chunker.write(buf.data(), n));
            if (last.elapsed() > 200) {
                last.restart();
                STEP_TRY(guard->renewIfDue());
                if (o.progress) {
                    Progress p;
                    p.phase = QStringLiteral("db");
                    p.bytesDone = chunker.size();
                    p.bytesPerSecond = dbTimer.elapsed() > 0 ? chunker.size() * 1000.0 / dbTimer.elapsed() : 0;
                    p.current = QString::fromUtf8(dbFile.path);
                    o.progress(p);
                }
            }
        }
        auto size = dump.value()->finish();
        if (!size)
            return failed(size.error());
        STEP_TRY(chunker.finish());
        dbFile.size = chunker.size();
        dbFile.chunks = chunker.takeChunks();
    }
    const double dbSeconds = dbTimer.elapsed() / 1000.0;
    STEP_TRY(guard->renewIfDue());

    // Step 4: delta pass against pass 1.
    step = QStringLiteral("delta");
    std::size_t p1 = 0;
    const std::vector<repo::TreeEntry>& pass1Entries = pass1->entries;
    const FilesPass::Previous fromPass1 = [&](const QByteArray& path) -> const repo::TreeEntry* {
        while (p1 < pass1Entries.size()) {
            const int c = repo::comparePaths(pass1Entries[p1].path, path);
            if (c > 0)
                return nullptr;
            ++p1;
            if (c == 0)
                return &pass1Entries[p1 - 1];
        }
        return nullptr;
    };
    // Only what changed since pass 1's scan is looked at (HostSource::rescan), not the whole tree again.
    auto pass2 = pass.run(source, fromPass1, QStringLiteral("delta"), o.progress, o.cancel, &pass1.value());
    if (!pass2)
        return failed(pass2.error());
    if (auto e = emptyTop(pass2->entries))
        return failed(*e);
    // Proves the window held: if the watchdog's deadline passed during the delta pass, maintenance went
    // off under it and the RP would not be consistent.
    STEP_TRY(guard->renew());

    // Step 5: maintenance off.
    step = QStringLiteral("maintenance-off");
    progress(QStringLiteral("maintenance"), QStringLiteral("maintenance mode off"));
    m_ctx.addOccCalls(1);
    STEP_TRY(guard->end());
    const double windowSeconds = window.elapsed() / 1000.0;

    // The tree and the manifest.
    step = QStringLiteral("manifest");
    progress(QStringLiteral("manifest"), QString());
    QElapsedTimer manifestTimer;
    manifestTimer.start();
    // Pass 1's list is no longer needed (the delta pass merged it): on a large instance it is the
    // biggest thing in memory.
    std::vector<repo::TreeEntry>().swap(pass1->entries);
    const std::vector<repo::TreeEntry>& entries = pass2->entries; // sorted (HostSource)
    repo::TreeEntry dbDir;
    dbDir.path = "db";
    dbDir.type = repo::TreeEntry::Dir;
    dbDir.mode = 0700;
    dbDir.mtimeNs = dbFile.mtimeNs;
    // db/ and its dump go into the tree at their place in path order; not appended to the list, whose
    // growth would copy all of it.
    const repo::TreeEntry* const dbEntries[] = {&dbDir, &dbFile};

    repo::SnapshotManifest m;
    m.time = QDateTime::currentDateTimeUtc();
    m.hostname = m_ctx.host().displayName();
    m.sourcePaths << m_ctx.serverRoot() << m_ctx.dataDirectory();
    m.kind = full ? repo::SnapshotManifest::Full : repo::SnapshotManifest::Incremental;
    if (!full)
        m.parent = parent->id;
    repo::TreeWriter tree(m_repo.gearTable(), [&](const QByteArray& blob) -> Status {
        const repo::BlobId id = m_repo.blobId(blob.constData(), std::size_t(blob.size()));
        if (!m_repo.hasBlob(id)) {
            auto put = m_repo.putBlob(repo::BlobType::Tree, id, blob.constData(), std::size_t(blob.size()));
            if (!put)
                return put.error();
            if (put.value()) {
                m.stats.newBytes += blob.size();
                ++m.stats.newBlobs;
            }
        }
        m.treeBlobs << id;
        return {};
    });
    std::size_t nextDb = 0;
    for (const auto& e : entries) {
        for (; nextDb < 2 && repo::comparePaths(dbEntries[nextDb]->path, e.path) < 0; ++nextDb)
            STEP_TRY(tree.add(*dbEntries[nextDb]));
        STEP_TRY(tree.add(e));
    }
    for (; nextDb < 2; ++nextDb)
        STEP_TRY(tree.add(*dbEntries[nextDb]));
    STEP_TRY(tree.finish());
    STEP_TRY(m_repo.flush());

    m.stats.files = pass2->files + 1;
    m.stats.dirs = pass2->dirs + 1;
    m.stats.symlinks = pass2->symlinks;
    m.stats.bytes = pass2->bytes + dbFile.size;
    m.stats.bytesRead = pass1->bytesRead + pass2->bytesRead + dbFile.size;
    m.stats.newBytes += chunker.newBytes();
    m.stats.newBlobs += chunker.newBlobs();
    m.skipped = pass2->skipped;
    for (auto& s : otherFilesystems(entries))
        m.skipped.push_back(std::move(s));
    m.warnings = pass2->warnings;
    // What the host could not give: folders it could not list (in the skipped list already) and files the delta
    // pass could not read (it tried again every file pass 1 could not read). The RP is written, marked incomplete.
    for (const auto& [path, why] : pass2->missing)
        m.skipped.push_back({path, QStringLiteral("unreadable file: %1").arg(why)});
    for (const auto& s : m.skipped) {
        if (leavesIncomplete(s.reason))
            result.incomplete.push_back(s);
        else if (isRefusedName(s.reason))
            result.refused.push_back(s);
    }
    if (objectStore)
        m.warnings.prepend(nextcloud::InstanceInfo::objectStoreSentence());
    m.stats.durationSeconds = total.elapsed() / 1000.0;

    QJsonArray skipped, incomplete;
    for (const auto& s : m.skipped)
        skipped.append(QJsonObject{{QStringLiteral("path"), QString::fromUtf8(s.path)}, {QStringLiteral("reason"), s.reason}});
    for (const auto& s : result.incomplete)
        incomplete.append(QJsonObject{{QStringLiteral("path"), QString::fromUtf8(s.path)}, {QStringLiteral("reason"), s.reason}});
    const double manifestSeconds = manifestTimer.elapsed() / 1000.0;
    m.extra = QJsonObject{
        {QStringLiteral("type"), QStringLiteral("nextcloud-rp")},
        {QStringLiteral("instance"), name},
        {QStringLiteral("kind"), full ? QStringLiteral("full") : QStringLiteral("incremental")},
        {QStringLiteral("host"), m_ctx.host().displayName()},
        {QStringLiteral("serverRoot"), m_ctx.serverRoot()},
        {QStringLiteral("dataDirectory"), m_ctx.dataDirectory()},
        {QStringLiteral("nextcloudVersion"), m_ctx.serverConfig().version},
        {QStringLiteral("nextcloudVersionString"), m_ctx.serverConfig().versionString},
        {QStringLiteral("dbType"), db.typeName()},
        {QStringLiteral("dbName"), db.name},
        {QStringLiteral("dbDump"), QString::fromUtf8(dbFile.path)},
        {QStringLiteral("dumpSize"), qint64(dbFile.size)},
        {QStringLiteral("maintenanceWindowSeconds"), windowSeconds},
        {QStringLiteral("phases"),
         QJsonObject{{QStringLiteral("scan"), pass1->scanSeconds},
                     {QStringLiteral("files"), pass1->readSeconds},
                     {QStringLiteral("maintenanceWindow"), windowSeconds},
                     {QStringLiteral("dbDump"), dbSeconds},
                     {QStringLiteral("delta"), pass2->scanSeconds + pass2->readSeconds},
                     {QStringLiteral("manifest"), manifestSeconds}}},
        {QStringLiteral("filesReadPass1"), pass1->filesRead},
        {QStringLiteral("filesReadDelta"), pass2->filesRead},
        {QStringLiteral("deltaScan"), pass2->scanHow},
        {QStringLiteral("sizes"),
         QJsonObject{{QStringLiteral("files"), m.stats.files},
                     {QStringLiteral("bytes"), m.stats.bytes},
                     {QStringLiteral("bytesRead"), m.stats.bytesRead},
                     {QStringLiteral("newBytes"), m.stats.newBytes}}},
        {QStringLiteral("skipped"), skipped},
        {QStringLiteral("serverRootRealPath"), QString::fromUtf8(rootReal)},
        {QStringLiteral("dataDirectoryRealPath"), QString::fromUtf8(dataReal)},
        {QStringLiteral("occCalls"), m_ctx.occCalls()},
    };
    if (!incomplete.isEmpty())
        m.extra.insert(QStringLiteral("incomplete"), incomplete); // RpInfo::isIncomplete()
    auto id = m_repo.writeManifest(m.toJson(), m.time);
    if (!id)
        return failed(id.error());
    result.rpId = id.value();
    result.manifest = std::move(m);
    progress(QStringLiteral("done"), result.rpId);
    return result;
#undef STEP_TRY
}

} // namespace ncb::backup
