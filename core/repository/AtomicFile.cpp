#include "AtomicFile.h"

#include "crypto/Sodium.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ncb::repo {

namespace {
constexpr std::size_t kAlign = 4096;           // what O_DIRECT asks of buffers, offsets and lengths
constexpr std::size_t kStage = 8 * 1024 * 1024; // one direct write
} // namespace

void AtomicFile::FreeAligned::operator()(char* p) const { std::free(p); }

AtomicFile::AtomicFile(QString repoPath) : m_repo(std::move(repoPath)) {}

AtomicFile::~AtomicFile() { abort(); }

Error AtomicFile::ioError(int err, const QString& repo)
{
    switch (err) {
    case ENOSPC:
    case EDQUOT:
        return Error::make(Error::Io, QStringLiteral("Not enough space left to write to repository %1.").arg(repo));
    case EROFS:
        return Error::make(Error::Io, QStringLiteral("Repository %1 is read-only.").arg(repo));
    case EACCES:
    case EPERM:
        return Error::make(Error::Io, QStringLiteral("No permission to write to repository %1.").arg(repo));
    default:
        return Error::make(Error::Io, QStringLiteral("Cannot write to repository %1: %2.")
                                          .arg(repo, QString::fromLocal8Bit(std::strerror(err))));
    }
}

Status AtomicFile::open(const QString& dir, Mode mode)
{
    abort();
    m_tmp = dir + QStringLiteral("/.tmp-") + QString::fromLatin1(crypto::randomBytes(8).toHex());
    m_written = m_flushed = 0;
    m_staged = 0;
    m_direct = false;
    const QByteArray name = QFile::encodeName(m_tmp);
    const int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
    if (mode == Mode::Direct) {
        if (!m_stage) {
            void* p = nullptr;
            if (::posix_memalign(&p, kAlign, kStage) == 0)
                m_stage.reset(static_cast<char*>(p));
        }
        if (m_stage) {
            m_fd = ::open(name.constData(), flags | O_DIRECT, 0644);
            m_direct = m_fd >= 0;
            if (m_fd < 0 && errno == EINVAL) // a filesystem without O_DIRECT (tmpfs, some network mounts)
                ::unlink(name.constData());
        }
    }
    if (m_fd < 0)
        m_fd = ::open(name.constData(), flags, 0644);
    if (m_fd < 0) {
        const int e = errno;
        m_tmp.clear();
        return ioError(e, m_repo);
    }
    return {};
}

void AtomicFile::stopDirect()
{
    if (!m_direct)
        return;
    m_direct = false;
    const int fl = ::fcntl(m_fd, F_GETFL);
    if (fl >= 0)
        ::fcntl(m_fd, F_SETFL, fl & ~O_DIRECT);
}

Status AtomicFile::writeOut(const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EINVAL && m_direct) { // the device wants another alignment: write normally
                stopDirect();
                continue;
            }
            const int e = errno;
            abort();
            return ioError(e, m_repo);
        }
        data += n;
        size -= static_cast<std::size_t>(n);
        m_written += n;
    }
    return {};
}

// Writes the staged bytes: whole aligned blocks directly, and with all = true the unaligned rest too
// (normally: it is the end of the file). With all = false the rest stays staged.
Status AtomicFile::flushStaged(bool all)
{
    const std::size_t aligned = m_staged / kAlign * kAlign;
    NCB_TRY(writeOut(m_stage.get(), aligned));
    if (all && m_staged > aligned) {
        stopDirect();
        NCB_TRY(writeOut(m_stage.get() + aligned, m_staged - aligned));
        m_staged = 0;
        return {};
    }
    std::memmove(m_stage.get(), m_stage.get() + aligned, m_staged - aligned);
    m_staged -= aligned;
    return {};
}

Status AtomicFile::write(const char* data, std::size_t size)
{
    if (m_direct) {
        while (size > 0) {
            const std::size_t take = std::min(size, kStage - m_staged);
            std::memcpy(m_stage.get() + m_staged, data, take);
            m_staged += take;
            data += take;
            size -= take;
            if (m_staged == kStage)
                NCB_TRY(flushStaged(false));
        }
        if (m_direct || m_staged == 0)
            return {};
        // Direct writes were refused midway: what is staged goes out normally.
        NCB_TRY(flushStaged(true));
        return {};
    }
    NCB_TRY(writeOut(data, size));
    // Start writing back what is complete, so the fsync at commit finds little left to do and the disk
    // works while the next blobs are sealed.
    if (m_written - m_flushed >= 8 * 1024 * 1024) {
        ::sync_file_range(m_fd, m_flushed, m_written - m_flushed, SYNC_FILE_RANGE_WRITE);
        m_flushed = m_written;
    }
    return {};
}

Status AtomicFile::commit(const QString& finalPath, Durable durable)
{
    if (m_staged > 0)
        NCB_TRY(flushStaged(true));
    if ((durable == Durable::Yes && ::fsync(m_fd) != 0) || ::close(m_fd) != 0) {
        const int e = errno;
        m_fd = -1;
        abort();
        return ioError(e, m_repo);
    }
    m_fd = -1;
    if (::rename(QFile::encodeName(m_tmp).constData(), QFile::encodeName(finalPath).constData()) != 0) {
        const int e = errno;
        abort();
        return ioError(e, m_repo);
    }
    m_tmp.clear();
    if (durable == Durable::No)
        return {};
    return syncDir(m_repo, QFileInfo(finalPath).absolutePath());
}

void AtomicFile::abort()
{
    m_staged = 0;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (!m_tmp.isEmpty())
        ::unlink(QFile::encodeName(m_tmp).constData());
    m_tmp.clear();
}

Status AtomicFile::writeWhole(const QString& repo, const QString& finalPath, const QByteArray& data, Durable durable)
{
    AtomicFile f(repo);
    NCB_TRY(f.open(QFileInfo(finalPath).absolutePath()));
    NCB_TRY(f.write(data.constData(), static_cast<std::size_t>(data.size())));
    return f.commit(finalPath, durable);
}

Result<QByteArray> AtomicFile::readWhole(const QString& repo, const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (!f.exists())
            return Error::make(Error::NotFound, QStringLiteral("%1 is missing from repository %2.")
                                                    .arg(QDir(repo).relativeFilePath(path), repo));
        return Error::make(Error::Io, QStringLiteral("Cannot read %1 in repository %2: %3.")
                                          .arg(QDir(repo).relativeFilePath(path), repo, f.errorString()));
    }
    QByteArray b = f.readAll();
    if (f.error() != QFile::NoError)
        return Error::make(Error::Io, QStringLiteral("Cannot read %1 in repository %2: %3.")
                                          .arg(QDir(repo).relativeFilePath(path), repo, f.errorString()));
    return b;
}

Status AtomicFile::syncDir(const QString& repo, const QString& dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ioError(errno, repo);
    const int rc = ::fsync(fd);
    const int e = errno;
    ::close(fd);
    if (rc != 0 && e != EINVAL) // some filesystems cannot sync folders; the rename is still atomic
        return ioError(e, repo);
    return {};
}

Status AtomicFile::mkdirs(const QString& repo, const QString& dir)
{
    if (QFileInfo(dir).isDir())
        return {};
    const QByteArray p = QFile::encodeName(dir);
    if (::mkdir(p.constData(), 0755) == 0 || errno == EEXIST)
        return {};
    if (errno == ENOENT) {
        NCB_TRY(mkdirs(repo, QFileInfo(dir).absolutePath()));
        if (::mkdir(p.constData(), 0755) == 0 || errno == EEXIST)
            return {};
    }
    return ioError(errno, repo);
}

} // namespace ncb::repo
