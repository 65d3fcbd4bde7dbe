#include "host/LocalHost.h"

#include <QElapsedTimer>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ncb::host {

namespace {

constexpr qint64 kMaxStderr = 1024 * 1024;
constexpr int kSliceMs = 200;

void closeFd(int& fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// One child process. stdin is a socketpair end so writes can use MSG_NOSIGNAL: a command that exits
// early gives EPIPE here instead of a SIGPIPE that would kill ncbackup.
class LocalExecStream : public ExecStream
{
public:
    LocalExecStream(pid_t pid, int in, int out, int err, const ExecOptions& o, QString name)
        : m_pid(pid), m_in(in), m_out(out), m_err(err), m_options(o), m_name(std::move(name))
    {
        m_clock.start();
    }

    ~LocalExecStream() override
    {
        closeFd(m_in);
        closeFd(m_out);
        closeFd(m_err);
        if (m_pid > 0) {
            ::kill(-m_pid, SIGKILL);
            int st;
            while (::waitpid(m_pid, &st, 0) < 0 && errno == EINTR) {
            }
        }
    }

    qint64 read(char* buf, qint64 max) override
    {
        if (!m_outPending.isEmpty()) {
            const qint64 n = qMin<qint64>(max, m_outPending.size());
            std::memcpy(buf, m_outPending.constData(), n);
            m_outPending.remove(0, n);
            return n;
        }
        for (;;) {
            if (m_out < 0)
                return 0;
            if (auto e = checkStop()) {
                m_error = *e;
                return -1;
            }
            const int r = pump(kSliceMs, true);
            if (r < 0)
                return -1;
            if (r == 0)
                continue;
            const ssize_t n = ::read(m_out, buf, max);
            if (n > 0)
                return n;
            if (n == 0) {
                closeFd(m_out);
                return 0;
            }
            if (errno == EINTR || errno == EAGAIN)
                continue;
            m_error =
                Error::make(Error::Io, QStringLiteral("Reading the output of a command on %1 failed: %2.")
                                           .arg(m_name, QString::fromLocal8Bit(std::strerror(errno))));
            return -1;
        }
    }

    Status write(const char* data, qint64 len) override
    {
        m_queue.append(data, len);
        while (!m_queue.isEmpty()) {
            if (m_in < 0)
                return stdinClosedError();
            if (auto e = checkStop())
                return *e;
            if (pump(kSliceMs, false) < 0)
                return m_error;
        }
        return {};
    }

    void queueStdin(const QByteArray& data, bool closeAfter) override
    {
        m_queue += data;
        m_closeAfterQueue = m_closeAfterQueue || closeAfter;
        if (m_queue.isEmpty() && m_closeAfterQueue)
            closeFd(m_in);
    }

    Status closeStdin() override
    {
        if (!m_queue.isEmpty()) {
            m_closeAfterQueue = true;
            return {};
        }
        closeFd(m_in);
        return {};
    }

    Result<ExecResult> finish() override
    {
        m_closeAfterQueue = true;
        if (m_queue.isEmpty())
            closeFd(m_in);
        ExecResult res;
        QByteArray buf(64 * 1024, Qt::Uninitialized);
        for (;;) {
            const qint64 n = read(buf.data(), buf.size());
            if (n < 0)
                return m_error;
            if (n == 0)
                break;
            res.out.append(buf.constData(), n);
        }
        while (m_err >= 0) { // stderr may still be open after stdout closed
            if (auto e = checkStop())
                return *e;
            if (pump(kSliceMs, false) < 0)
                return m_error;
        }
        int st = 0;
        while (::waitpid(m_pid, &st, 0) < 0) {
            if (errno != EINTR)
                break;
        }
        m_pid = -1;
        res.exitCode = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
        res.err = m_errBuf;
        return res;
    }

    Error error() const override { return m_error; }
    QByteArray stderrSoFar() const override { return m_errBuf; }

private:
    std::optional<Error> checkStop() const
    {
        return stopReason(m_options, m_clock.elapsed(), m_name, Error::Generic);
    }

    Error stdinClosedError() const
    {
        return Error::make(Error::Io, QStringLiteral("A command on %1 stopped reading its input: %2")
                                          .arg(m_name, QString::fromUtf8(m_errBuf.trimmed().left(300))));
    }

    // Wait up to ms for something to do: collect stderr, feed queued stdin, and report whether stdout is
    // readable (1) or not yet (0), when wantOut. When !wantOut, stdout data is kept in m_outPending so the
    // child never blocks on a full pipe while we feed it. -1 on failure (m_error set).
    int pump(int ms, bool wantOut)
    {
        pollfd p[3];
        int n = 0, iOut = -1, iErr = -1, iIn = -1;
        if (m_out >= 0) {
            iOut = n;
            p[n++] = {m_out, POLLIN, 0};
        }
        if (m_err >= 0) {
            iErr = n;
            p[n++] = {m_err, POLLIN, 0};
        }
        if (m_in >= 0 && !m_queue.isEmpty()) {
            iIn = n;
            p[n++] = {m_in, POLLOUT, 0};
        }
        if (n == 0)
            return 1;
        const int r = ::poll(p, n, ms);
        if (r < 0)
            return 0; // EINTR: try again on the next turn
        if (iErr >= 0 && (p[iErr].revents & (POLLIN | POLLHUP | POLLERR))) {
            char b[16384];
            const ssize_t k = ::read(m_err, b, sizeof b);
            if (k > 0) {
                if (m_errBuf.size() < kMaxStderr)
                    m_errBuf.append(b, qMin<qint64>(k, kMaxStderr - m_errBuf.size()));
            } else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
                closeFd(m_err);
            }
        }
        if (iIn >= 0 && (p[iIn].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t k = ::send(m_in, m_queue.constData(), qMin<qint64>(m_queue.size(), 1 << 20),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (k > 0) {
                m_queue.remove(0, k);
                if (m_queue.isEmpty()) {
                    m_queue = QByteArray(); // release a large list
                    if (m_closeAfterQueue)
                        closeFd(m_in);
                }
            } else if (k < 0 && errno != EINTR && errno != EAGAIN) {
                // The command does not read any more (exited or closed stdin): drop the rest.
                closeFd(m_in);
                m_queue.clear();
                if (!wantOut) {
                    m_error = stdinClosedError();
                    return -1;
                }
            }
        }
        if (iOut >= 0 && (p[iOut].revents & (POLLIN | POLLHUP | POLLERR))) {
            if (wantOut)
                return 1;
            char b[65536];
            const ssize_t k = ::read(m_out, b, sizeof b);
            if (k > 0)
                m_outPending.append(b, k);
            else if (k == 0)
                closeFd(m_out);
        }
        return 0;
    }

    pid_t m_pid;
    int m_in, m_out, m_err;
    ExecOptions m_options;
    QString m_name;
    QElapsedTimer m_clock;
    QByteArray m_queue;
    bool m_closeAfterQueue = false;
    QByteArray m_outPending;
    QByteArray m_errBuf;
    Error m_error;
};

} // namespace

LocalHost::LocalHost()
{
    if (const passwd* pw = ::getpwuid(::geteuid()))
        m_user = QString::fromLocal8Bit(pw->pw_name);
    else
        m_user = QString::number(::geteuid());
}

QString LocalHost::displayName() const
{
    return QStringLiteral("this machine");
}

QString LocalHost::loginUser() const
{
    return m_user;
}

Result<std::unique_ptr<ExecStream>> LocalHost::startRaw(const QString& commandLine,
                                                        const ExecOptions& options)
{
    int inPair[2], outPipe[2], errPipe[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, inPair) != 0)
        return Error::make(
            Error::Io,
            QStringLiteral("Cannot start a command: %1.").arg(QString::fromLocal8Bit(std::strerror(errno))));
    if (::pipe2(outPipe, O_CLOEXEC) != 0) {
        ::close(inPair[0]);
        ::close(inPair[1]);
        return Error::make(
            Error::Io,
            QStringLiteral("Cannot start a command: %1.").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        for (int fd : {inPair[0], inPair[1], outPipe[0], outPipe[1]})
            ::close(fd);
        return Error::make(
            Error::Io,
            QStringLiteral("Cannot start a command: %1.").arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    // The child gets the plain read end; we keep inPair[1]. Shut the unused direction of the pair.
    ::shutdown(inPair[0], SHUT_WR);

    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, inPair[0], 0);
    posix_spawn_file_actions_adddup2(&fa, outPipe[1], 1);
    posix_spawn_file_actions_adddup2(&fa, errPipe[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Own process group: cancel kills the whole pipeline, not only sh. Default signal dispositions.
    sigset_t def;
    sigemptyset(&def);
    sigaddset(&def, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &def);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

    const QByteArray cmd = commandLine.toUtf8();
    char sh[] = "/bin/sh";
    char dashC[] = "-c";
    char* argv[] = {sh, dashC, const_cast<char*>(cmd.constData()), nullptr};
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, "/bin/sh", &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    ::close(inPair[0]);
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    if (rc != 0) {
        for (int fd : {inPair[1], outPipe[0], errPipe[0]})
            ::close(fd);
        return Error::make(
            Error::Io,
            QStringLiteral("Cannot start /bin/sh: %1.").arg(QString::fromLocal8Bit(std::strerror(rc))));
    }
    return std::unique_ptr<ExecStream>(
        new LocalExecStream(pid, inPair[1], outPipe[0], errPipe[0], options, displayName()));
}

} // namespace ncb::host
