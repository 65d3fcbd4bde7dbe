#include "FilesPass.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <iterator>
#include <optional>

namespace ncb::backup {

FilesPass::FilesPass(StreamChunker& chunker) : m_chunker(chunker) {}

bool FilesPass::sameFile(const repo::TreeEntry& a, const repo::TreeEntry& b)
{
    return a.type == repo::TreeEntry::File && b.type == repo::TreeEntry::File && a.size == b.size &&
           a.mtimeNs == b.mtimeNs && a.ctimeNs == b.ctimeNs && a.inode == b.inode;
}

Result<PassResult> FilesPass::run(SnapshotSource& source, const Previous& previous, const QString& phase,
                                  const ProgressCallback& progress, const CancelCheck& cancel,
                                  const PassResult* since)
{
    PassResult r;
    QElapsedTimer t;
    t.start();
    if (progress) {
        Progress p;
        p.phase = phase == QLatin1String("files") ? QStringLiteral("scan") : phase;
        p.current = QStringLiteral("scanning");
        progress(p);
    }
    // Files the pass before could not read are looked at again: still there, they are read again (a file
    // left out stays named as missing); gone meanwhile, they are no loss.
    QSet<QByteArray> retry;
    std::vector<repo::TreeEntry> beforeWithMissing;
    if (since && !since->missingEntries.empty()) {
        beforeWithMissing.reserve(since->entries.size() + since->missingEntries.size());
        std::merge(since->entries.begin(), since->entries.end(), since->missingEntries.begin(), since->missingEntries.end(),
                   std::back_inserter(beforeWithMissing),
                   [](const repo::TreeEntry& a, const repo::TreeEntry& b) { return repo::comparePaths(a.path, b.path) < 0; });
        for (const auto& e : since->missingEntries)
            retry.insert(e.path);
    }
    if (since)
        NCB_TRY(source.rescan(retry.isEmpty() ? since->entries : beforeWithMissing, since->skipped, r.entries, r.skipped,
                              r.scanHow, cancel));
    else
        NCB_TRY(source.scan(r.entries, r.skipped, cancel));
    r.scanSeconds = t.elapsed() / 1000.0;
    t.restart();

    // Which files to read.
    QList<QByteArray> toRead;
    std::vector<std::size_t> toReadAt; // toRead[i] is r.entries[toReadAt[i]]
    qint64 bytesToRead = 0;
    for (std::size_t i = 0; i < r.entries.size(); ++i) {
        repo::TreeEntry& e = r.entries[i];
        if (e.type != repo::TreeEntry::File)
            continue;
        const repo::TreeEntry* prev = previous ? previous(e.path) : nullptr;
        if (prev && sameFile(*prev, e) && !retry.contains(e.path)) {
            e.chunks = prev->chunks;
            continue;
        }
        toRead << e.path;
        toReadAt.push_back(i);
        bytesToRead += e.size;
    }

    // Read them as one stream.
    QSet<QByteArray> dropped;
    repo::TreeEntry* current = nullptr;
    qint64 filesDone = 0, bytesDone = 0;
    QElapsedTimer lastReport;
    lastReport.start();
    auto report = [&](bool force) {
        if (!progress || (!force && lastReport.elapsed() < 200))
            return;
        lastReport.restart();
        Progress p;
        p.phase = phase;
        p.filesDone = filesDone;
        p.filesTotal = toRead.size();
        p.bytesDone = bytesDone;
        p.bytesTotal = bytesToRead;
        const double secs = t.elapsed() / 1000.0;
        p.bytesPerSecond = secs > 0 ? bytesDone / secs : 0;
        p.etaSeconds = p.bytesPerSecond > 0 ? (bytesToRead - bytesDone) / p.bytesPerSecond : -1;
        p.current = current ? QString::fromUtf8(current->path) : QString();
        progress(p);
    };
    SourceReader reader;
    // Sources deliver the files in the order asked for, leaving out those they could not read: the next
    // one is found by looking ahead, not through a map of every path (a large instance has 10^6).
    std::size_t cursor = 0;
    QHash<QByteArray, std::size_t> index; // only for a source that answers out of order
    const auto find = [&](const QByteArray& path) -> std::optional<std::size_t> {
        if (index.isEmpty()) {
            for (std::size_t at = cursor; at < toReadAt.size(); ++at)
                if (toRead[qsizetype(at)] == path) {
                    cursor = at + 1;
                    return at;
                }
            for (std::size_t i = 0; i < toReadAt.size(); ++i) // out of order: from now on by the map
                index.insert(toRead[qsizetype(i)], i);
        }
        const auto it = index.constFind(path);
        return it == index.constEnd() ? std::nullopt : std::optional<std::size_t>(it.value());
    };
    reader.begin = [&](const QByteArray& path) -> Status {
        const auto at = find(path);
        if (!at)
            return Error::make(Error::Generic, QStringLiteral("Internal error: %1 was read but not asked for.")
                                                   .arg(QString::fromUtf8(path)));
        current = &r.entries[toReadAt[*at]];
        m_chunker.reset();
        return {};
    };
    reader.data = [&](const char* d, qint64 n) -> Status {
        bytesDone += n;
        report(false);
        return m_chunker.write(d, n);
    };
    reader.end = [&]() -> Status {
        // The chunk list arrives in waitAll() below: the next file is read while this one is stored.
        NCB_TRY(m_chunker.finishLater(&current->chunks));
        if (m_chunker.size() != current->size)
            r.warnings << QStringLiteral("%1: changed while it was read").arg(QString::fromUtf8(current->path));
        current->size = m_chunker.size();
        ++filesDone;
        r.bytesRead += current->size;
        current = nullptr;
        return {};
    };
    reader.missing = [&](const QByteArray& path, const QString& why) {
        dropped.insert(path);
        r.missing.append({path, why});
    };
    Status read = source.read(toRead, reader, cancel);
    Status stored = m_chunker.waitAll(); // before r.entries may move, even after an error
    NCB_TRY(read);
    NCB_TRY(stored);
    r.filesRead = filesDone;
    if (!dropped.isEmpty()) {
        std::vector<repo::TreeEntry> kept;
        kept.reserve(r.entries.size());
        for (auto& e : r.entries)
            (dropped.contains(e.path) ? r.missingEntries : kept).push_back(std::move(e));
        r.entries = std::move(kept);
    }
    for (const auto& e : r.entries) {
        switch (e.type) {
        case repo::TreeEntry::File:
            ++r.files;
            r.bytes += e.size;
            break;
        case repo::TreeEntry::Dir: ++r.dirs; break;
        case repo::TreeEntry::Symlink: ++r.symlinks; break;
        }
    }
    r.readSeconds = t.elapsed() / 1000.0;
    report(true);
    return r;
}

} // namespace ncb::backup
