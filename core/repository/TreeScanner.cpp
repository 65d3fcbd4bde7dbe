#include "TreeScanner.h"
#include "util/Limits.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ncb::repo {

TreeScanner::TreeScanner(const QString& root) : m_root(root) {}

TreeScanner::~TreeScanner()
{
    for (Frame& f : m_stack)
        if (f.fd >= 0)
            ::close(f.fd);
}

Status TreeScanner::open()
{
    const QByteArray root = m_root.toLocal8Bit();
    const int fd = ::open(root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        return Error::make(err == ENOENT ? Error::NotFound : Error::Io,
                           QStringLiteral("Cannot open the folder %1: %2.").arg(m_root, QString::fromLocal8Bit(strerror(err))));
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return Error::make(Error::Io, QStringLiteral("Cannot read the folder %1.").arg(m_root));
    }
    m_rootDev = st.st_dev;
    if (!pushDir(fd, {}, {}))
        return Error::make(Error::Io, QStringLiteral("Cannot read the folder %1.").arg(m_root));
    return {};
}

// Reads all names of a folder (fd is consumed into the frame on success).
bool TreeScanner::pushDir(int fd, const QByteArray& /*name*/, const QByteArray& relPath)
{
    const int dupFd = ::dup(fd);
    if (dupFd < 0) {
        ::close(fd);
        return false;
    }
    DIR* dir = ::fdopendir(dupFd);
    if (!dir) {
        ::close(dupFd);
        ::close(fd);
        return false;
    }
    Frame f;
    f.fd = fd;
    f.path = relPath;
    bool nobackup = false;
    while (dirent* de = ::readdir(dir)) {
        if (!std::strcmp(de->d_name, ".") || !std::strcmp(de->d_name, ".."))
            continue;
        if (!std::strcmp(de->d_name, ".nobackup"))
            nobackup = true;
        f.names.emplace_back(de->d_name);
    }
    ::closedir(dir);
    if (nobackup && !relPath.isEmpty()) {
        ::close(fd);
        m_skipped.push_back({relPath, QStringLiteral(".nobackup")});
        return true; // skipped, not an error
    }
    std::sort(f.names.begin(), f.names.end(), [](const QByteArray& a, const QByteArray& b) {
        return std::strcmp(a.constData(), b.constData()) < 0;
    });
    m_stack.push_back(std::move(f));
    return true;
}

QByteArray TreeScanner::userName(std::uint32_t uid)
{
    auto it = m_users.constFind(uid);
    if (it != m_users.constEnd())
        return *it;
    char buf[4096];
    passwd pw, *res = nullptr;
    QByteArray name;
    if (::getpwuid_r(uid, &pw, buf, sizeof buf, &res) == 0 && res)
        name = QByteArray(res->pw_name).left(256);
    m_users.insert(uid, name);
    return name;
}

QByteArray TreeScanner::groupName(std::uint32_t gid)
{
    auto it = m_groups.constFind(gid);
    if (it != m_groups.constEnd())
        return *it;
    char buf[4096];
    group gr, *res = nullptr;
    QByteArray name;
    if (::getgrgid_r(gid, &gr, buf, sizeof buf, &res) == 0 && res)
        name = QByteArray(res->gr_name).left(256);
    m_groups.insert(gid, name);
    return name;
}

bool TreeScanner::next(TreeEntry& e)
{
    while (!m_stack.empty()) {
        Frame& f = m_stack.back();
        if (f.pos >= f.names.size()) {
            ::close(f.fd);
            m_stack.pop_back();
            continue;
        }
        const QByteArray name = f.names[f.pos++];
        const QByteArray rel = f.path.isEmpty() ? name : f.path + '/' + name;
        if (rel.size() > limits::kMaxPathBytes) { // what a restore takes (util/Limits.h)
            m_skipped.push_back({rel, QStringLiteral("path longer than %1 bytes").arg(limits::kMaxPathBytes)});
            continue;
        }
        struct stat st;
        if (::fstatat(f.fd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT) // vanished between readdir and lstat: simply not part of the snapshot
                m_skipped.push_back({rel, QStringLiteral("unreadable: %1").arg(QString::fromLocal8Bit(strerror(errno)))});
            continue;
        }
        e = TreeEntry{};
        e.path = rel;
        e.mode = st.st_mode & 07777;
        e.uid = st.st_uid;
        e.gid = st.st_gid;
        e.owner = userName(st.st_uid);
        e.group = groupName(st.st_gid);
        e.mtimeNs = std::int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        e.ctimeNs = std::int64_t(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
        e.inode = st.st_ino;
        e.device = st.st_dev;
        if (S_ISREG(st.st_mode)) {
            e.type = TreeEntry::File;
            e.size = st.st_size;
            ++m_files;
            m_bytes += st.st_size;
            return true;
        }
        if (S_ISLNK(st.st_mode)) {
            e.type = TreeEntry::Symlink;
            QByteArray target(qsizetype(std::max<off_t>(st.st_size, 255) + 1), Qt::Uninitialized);
            const ssize_t n = ::readlinkat(f.fd, name.constData(), target.data(), size_t(target.size()));
            if (n < 0 || n >= target.size()) {
                m_skipped.push_back({rel, QStringLiteral("unreadable symlink")});
                continue;
            }
            target.truncate(n);
            e.linkTarget = target;
            return true;
        }
        if (S_ISDIR(st.st_mode)) {
            if (std::uint64_t(st.st_dev) != m_rootDev) {
                m_skipped.push_back({rel, QStringLiteral("other filesystem")});
                continue;
            }
            e.type = TreeEntry::Dir;
            if (m_stack.size() >= kMaxDepth) { // one open fd per level: stay far from the fd limit
                m_skipped.push_back({rel, QStringLiteral("nested too deep")});
                continue;
            }
            const int fd = ::openat(f.fd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0) {
                m_skipped.push_back({rel, QStringLiteral("unreadable: %1").arg(QString::fromLocal8Bit(strerror(errno)))});
                continue;
            }
            const std::size_t before = m_skipped.size();
            const std::size_t depth = m_stack.size();
            if (!pushDir(fd, name, rel)) { // `f` may dangle after this call
                m_skipped.push_back({rel, QStringLiteral("unreadable folder")});
                continue;
            }
            if (m_stack.size() == depth && m_skipped.size() > before)
                continue; // .nobackup: the folder is left out entirely
            return true;
        }
        const char* kind = S_ISSOCK(st.st_mode) ? "socket" : S_ISFIFO(st.st_mode) ? "fifo"
                         : S_ISCHR(st.st_mode) ? "character device" : S_ISBLK(st.st_mode) ? "block device" : "special file";
        m_skipped.push_back({rel, QString::fromLatin1(kind)});
    }
    return false;
}

} // namespace ncb::repo
