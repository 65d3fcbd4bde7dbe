#include "RestoreTargets.h"

#include <QFile>

#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ncb::restore {

namespace {

// "1700000000.1234567890" (find's %T@) -> ns; up to 9 fraction digits count.
bool parseTime(const QByteArray& s, qint64* ns)
{
    const int dot = s.indexOf('.');
    bool ok = false;
    const qint64 sec = (dot < 0 ? s : s.left(dot)).toLongLong(&ok);
    if (!ok)
        return false;
    qint64 frac = 0;
    if (dot >= 0) {
        QByteArray f = s.mid(dot + 1).left(9);
        while (f.size() < 9)
            f += '0';
        frac = f.toLongLong(&ok);
        if (!ok)
            return false;
    }
    *ns = sec * 1000000000 + (sec < 0 ? -frac : frac);
    return true;
}

Existing::Kind kindOf(mode_t m)
{
    return S_ISREG(m) ? Existing::File : S_ISDIR(m) ? Existing::Dir : S_ISLNK(m) ? Existing::Symlink : Existing::Other;
}

// The folder holding `rel` below baseFd, opened one component at a time without following a symlink;
// -1 when it is missing or not a plain folder chain. *name gets the last component.
int openParent(int baseFd, const QByteArray& rel, QByteArray* name)
{
    const QList<QByteArray> parts = rel.split('/');
    int cur = ::dup(baseFd);
    for (qsizetype i = 0; cur >= 0 && i + 1 < parts.size(); ++i) {
        const int next = ::openat(cur, parts[i].constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        ::close(cur);
        cur = next;
    }
    *name = parts.last();
    return cur;
}

} // namespace

Result<QHash<QByteArray, Existing>> HostRestoreTarget::probe(const QByteArray& base, const QList<QByteArray>& rels)
{
    QHash<QByteArray, Existing> found;
    if (rels.isEmpty())
        return found;
    host::ExecOptions eo;
    for (const QByteArray& p : rels)
        eo.stdinData += "./" + p + '\0';
    // find -P (the default) never follows the path it is given; a missing path is a complaint on stderr
    // and exit 1 (xargs: 123), which only means "not there".
    const QString cmd = QStringLiteral("cd %1 2>/dev/null || exit 0; xargs -0 -r sh -c 'exec find \"$@\" -maxdepth 0 "
                                       "-printf \"%p\\0%y\\0%s\\0%T@\\0%l\\0\"' sh 2>/dev/null; r=$?; [ $r -eq 123 ] && r=0; exit $r")
                            .arg(host::Host::quote(QString::fromUtf8(base)));
    auto r = m_host.exec(cmd, eo);
    if (!r)
        return r.error();
    if (auto refused = m_host.sudoFailure(r->exitCode, r->err))
        return *refused;
    if (r->exitCode != 0)
        return Error::make(Error::Remote, QStringLiteral("Cannot check what %1 on %2 holds already (find exit %3): is GNU find installed there?")
                                              .arg(QString::fromUtf8(base), m_host.displayName())
                                              .arg(r->exitCode));
    const QList<QByteArray> f = r->out.split('\0');
    for (qsizetype i = 0; i + 4 < f.size(); i += 5) {
        if (!f[i].startsWith("./"))
            continue;
        Existing e;
        const char t = f[i + 1].isEmpty() ? '?' : f[i + 1][0];
        e.kind = t == 'f' ? Existing::File : t == 'd' ? Existing::Dir : t == 'l' ? Existing::Symlink : Existing::Other;
        e.size = f[i + 2].toLongLong();
        if (!parseTime(f[i + 3], &e.mtimeNs))
            e.mtimeNs = -1;
        e.linkTarget = f[i + 4];
        found.insert(f[i].mid(2), e);
    }
    return found;
}

Status HostRestoreTarget::read(const QByteArray& base, const QByteArray& rel, const std::function<Status(const char*, qint64)>& sink)
{
    auto s = m_host.start(QStringLiteral("exec cat -- %1").arg(host::Host::quote(QString::fromUtf8(base + '/' + rel))));
    if (!s)
        return s.error();
    std::vector<char> buf(256 * 1024);
    for (;;) {
        const qint64 n = (*s)->read(buf.data(), qint64(buf.size()));
        if (n < 0)
            return (*s)->error();
        if (n == 0)
            break;
        NCB_TRY(sink(buf.data(), n)); // stopping here drops the stream, which ends cat
    }
    auto done = (*s)->finish();
    if (!done)
        return done.error();
    if (done->exitCode != 0)
        return Error::make(Error::Remote, QStringLiteral("Cannot read %1 on %2.").arg(QString::fromUtf8(base + '/' + rel), m_host.displayName()));
    return {};
}

Status HostRestoreTarget::readEach(const QByteArray& base, const QList<QByteArray>& rels,
                                   const std::function<void(qsizetype, const char*, qint64)>& data,
                                   const std::function<void(qsizetype, bool)>& end)
{
    if (rels.isEmpty())
        return {};
    QByteArray list;
    for (const QByteArray& p : rels)
        list += "./" + p + '\0';
    auto s = m_host.start(QStringLiteral("cd %1 || exit 1; xargs -0 -r sh -c 'for p; do base64 -w0 \"$p\" 2>/dev/null; echo; done' sh")
                              .arg(host::Host::quote(QString::fromUtf8(base))));
    if (!s)
        return s.error();
    (*s)->queueStdin(list, true);
    qsizetype i = 0;
    QByteArray pending; // base64 of the current file not decoded yet (less than 4 characters, or a line's start)
    const auto decode = [&](bool last) {
        const qsizetype n = last ? pending.size() : pending.size() / 4 * 4;
        if (n == 0 || i >= rels.size())
            return;
        const QByteArray bytes = QByteArray::fromBase64(pending.left(n));
        data(i, bytes.constData(), bytes.size());
        pending.remove(0, n);
    };
    std::vector<char> buf(256 * 1024);
    for (;;) {
        const qint64 n = (*s)->read(buf.data(), qint64(buf.size()));
        if (n < 0)
            return (*s)->error();
        if (n == 0)
            break;
        const char* p = buf.data();
        const char* stop = p + n;
        while (p < stop) {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', std::size_t(stop - p)));
            pending.append(p, (nl ? nl : stop) - p);
            if (!nl) {
                decode(false);
                break;
            }
            decode(true);
            if (i < rels.size())
                end(i, true);
            ++i;
            pending.clear();
            p = nl + 1;
        }
    }
    auto done = (*s)->finish();
    for (; i < rels.size(); ++i) // cut short: not known to be the same
        end(i, false);
    if (!done)
        return done.error();
    if (auto refused = m_host.sudoFailure(done->exitCode, done->err))
        return *refused;
    return {};
}

Result<QHash<QByteArray, Existing>> LocalRestoreTarget::probe(const QByteArray& base, const QList<QByteArray>& rels)
{
    QHash<QByteArray, Existing> found;
    const int baseFd = ::open(base.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (baseFd < 0)
        return found; // not there yet: nothing is
    for (const QByteArray& rel : rels) {
        QByteArray name;
        const int dir = openParent(baseFd, rel, &name);
        if (dir < 0)
            continue;
        struct stat st;
        if (::fstatat(dir, name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
            Existing e;
            e.kind = kindOf(st.st_mode);
            e.size = st.st_size;
            e.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
            if (e.kind == Existing::Symlink) {
                char target[4096];
                const ssize_t n = ::readlinkat(dir, name.constData(), target, sizeof target);
                if (n > 0)
                    e.linkTarget = QByteArray(target, int(n));
            }
            found.insert(rel, e);
        }
        ::close(dir);
    }
    ::close(baseFd);
    return found;
}

Status LocalRestoreTarget::read(const QByteArray& base, const QByteArray& rel, const std::function<Status(const char*, qint64)>& sink)
{
    const int baseFd = ::open(base.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (baseFd < 0)
        return Error::make(Error::Io, QStringLiteral("Cannot open %1.").arg(QString::fromUtf8(base)));
    QByteArray name;
    const int dir = openParent(baseFd, rel, &name);
    ::close(baseFd);
    const int fd = dir < 0 ? -1 : ::openat(dir, name.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (dir >= 0)
        ::close(dir);
    if (fd < 0)
        return Error::make(Error::Io, QStringLiteral("Cannot read %1: %2.").arg(QString::fromUtf8(base + '/' + rel), QString::fromLocal8Bit(strerror(errno))));
    std::vector<char> buf(256 * 1024);
    Status st;
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            st = Error::make(Error::Io, QStringLiteral("Cannot read %1: %2.").arg(QString::fromUtf8(base + '/' + rel), QString::fromLocal8Bit(strerror(errno))));
            break;
        }
        if (n == 0)
            break;
        st = sink(buf.data(), n);
        if (!st.ok())
            break;
    }
    ::close(fd);
    return st;
}

} // namespace ncb::restore
