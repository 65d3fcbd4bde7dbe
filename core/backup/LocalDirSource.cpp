#include "LocalDirSource.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace ncb::backup {

LocalDirSource::LocalDirSource(QString dir, QByteArray prefix) : m_dir(std::move(dir)), m_prefix(std::move(prefix)) {}

Status LocalDirSource::scan(std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped,
                            const CancelCheck& cancel)
{
    repo::TreeScanner scanner(m_dir);
    NCB_TRY(scanner.open());
    repo::TreeEntry e;
    if (!m_prefix.isEmpty()) {
        repo::TreeEntry top;
        top.path = m_prefix;
        top.type = repo::TreeEntry::Dir;
        top.mode = 0755;
        entries.push_back(top);
    }
    while (scanner.next(e)) {
        if (cancel && cancel())
            return Error::make(Error::Cancelled, QStringLiteral("The backup was cancelled during the scan."));
        if (!m_prefix.isEmpty())
            e.path = m_prefix + '/' + e.path;
        entries.push_back(std::move(e));
    }
    for (const auto& s : scanner.skipped())
        skipped.push_back({m_prefix.isEmpty() ? s.path : m_prefix + '/' + s.path, s.reason});
    return {};
}

Status LocalDirSource::read(const QList<QByteArray>& paths, const SourceReader& reader, const CancelCheck& cancel)
{
    const QByteArray root = QFile::encodeName(m_dir);
    std::vector<char> buf(1 << 20);
    for (const QByteArray& p : paths) {
        if (cancel && cancel())
            return Error::make(Error::Cancelled, QStringLiteral("The backup was cancelled while reading files."));
        const QByteArray rel = m_prefix.isEmpty() ? p : p.mid(m_prefix.size() + 1);
        const int fd = ::open((root + '/' + rel).constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            reader.missing(p, QString::fromLocal8Bit(strerror(errno)));
            continue;
        }
        Status st = reader.begin(p);
        while (st.ok()) {
            const ssize_t n = ::read(fd, buf.data(), buf.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                st = Error::make(Error::Io, QStringLiteral("Cannot read %1: %2.")
                                                .arg(QString::fromUtf8(p), QString::fromLocal8Bit(strerror(errno))));
                break;
            }
            if (n == 0)
                break;
            st = reader.data(buf.data(), n);
        }
        ::close(fd);
        NCB_TRY(st);
        NCB_TRY(reader.end());
    }
    return {};
}

} // namespace ncb::backup
