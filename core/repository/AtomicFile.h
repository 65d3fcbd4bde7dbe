#pragma once
// Files that appear whole or not at all: written to a hidden temporary name in the target folder, synced,
// renamed to their final name and the folder synced. A failure (disk full, read-only) removes the
// temporary file, so nothing half-written ever carries a final name.

#include "util/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <sys/types.h>

namespace ncb::repo {

class AtomicFile
{
public:
    // repoPath names the repository in error sentences.
    AtomicFile(QString repoPath);
    ~AtomicFile(); // removes the temporary file unless committed

    // Direct: large files (packs) bypass the page cache where the filesystem allows it (O_DIRECT, in
    // aligned 8 MiB writes; the unaligned tail is written normally at commit). Copying into the page
    // cache cost 2.3 s of kernel CPU per GiB on the machines measured (docs/PERFORMANCE.md), direct
    // writes 0.15 s; a backup also no longer evicts the server's cached files. Falls back to buffered
    // writes when the filesystem refuses O_DIRECT.
    enum class Mode { Buffered, Direct };
    Status open(const QString& dir, Mode mode = Mode::Buffered);
    Status write(const char* data, std::size_t size);
    // fsync, rename, fsync dir. Durable::No skips both fsyncs (still atomic: rename): for files that only
    // matter while this process lives (lock files), where a crash makes them stale anyway.
    enum class Durable { Yes, No };
    Status commit(const QString& finalPath, Durable durable = Durable::Yes);
    void abort();

    // One sentence for a failed system call on a repository (disk full, read-only, permission, ...).
    static Error ioError(int err, const QString& repoPath);
    static Status writeWhole(const QString& repoPath, const QString& finalPath, const QByteArray& data,
                             Durable durable = Durable::Yes);
    static Result<QByteArray> readWhole(const QString& repoPath, const QString& path);
    static Status syncDir(const QString& repoPath, const QString& dir);
    static Status mkdirs(const QString& repoPath, const QString& dir);

private:
    Status writeOut(const char* data, std::size_t size);
    Status flushStaged(bool all);
    void stopDirect();

    struct FreeAligned
    {
        void operator()(char* p) const;
    };
    std::unique_ptr<char, FreeAligned> m_stage; // Direct: aligned buffer of kStage bytes
    std::size_t m_staged = 0;
    bool m_direct = false;
    QString m_repo;
    QString m_tmp;
    int m_fd = -1;
    off_t m_written = 0, m_flushed = 0;
};

} // namespace ncb::repo
