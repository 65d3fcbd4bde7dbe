#include "AtomicFile.h"

#include "crypto/Sodium.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ncb::repo {

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

Status AtomicFile::open(const QString& dir)
{
    abort();
    m_tmp = dir + QStringLiteral("/.tmp-") + QString::fromLatin1(crypto::randomBytes(8).toHex());
    m_written = m_flushed = 0;
    m_fd = ::open(QFile::encodeName(m_tmp).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        const int e = errno;
        m_tmp.clear();
        return ioError(e, m_repo);
    }
    return {};
}

Status AtomicFile::write(const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int e = errno;
            abort();
            return ioError(e, m_repo);
        }
        data += n;
        size -= static_cast<std::size_t>(n);
        m_written += n;
    }
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
