#include "host/SshHost.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ncb::host {

namespace {

constexpr qint64 kMaxStderr = 1024 * 1024;
constexpr int kKeepaliveIdleMs = 15000;

QString sshError(ssh_session s)
{
    QString e = QString::fromUtf8(ssh_get_error(s)).trimmed();
    while (e.endsWith(QLatin1Char('.')))
        e.chop(1);
    return e;
}

QString fingerprintOf(ssh_key key)
{
    unsigned char* hash = nullptr;
    size_t len = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) != 0)
        return QStringLiteral("SHA256:?");
    char* fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len);
    QString s = QString::fromLatin1(fp);
    ssh_string_free_char(fp);
    ssh_clean_pubkey_hash(&hash);
    return s;
}

bool cpuHasAes()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("aes");
#elif defined(__aarch64__)
    return true; // ARMv8 crypto extensions are near universal on 64-bit ARM servers
#else
    return false;
#endif
}

// Passphrase prompt from libssh (encrypted key files). Routes to Config::passphrase, never a terminal.
int authCallback(const char* prompt, char* buf, size_t len, int /*echo*/, int /*verify*/, void* userdata)
{
    auto* cfg = static_cast<SshHost::Config*>(userdata);
    if (!cfg || !cfg->passphrase || len == 0)
        return -1;
    const QString keyFile = cfg->identityFile.isEmpty() ? QString::fromUtf8(prompt) : cfg->identityFile;
    std::optional<QString> pass = cfg->passphrase(keyFile);
    if (!pass)
        return -1;
    QByteArray utf8 = pass->toUtf8();
    if (static_cast<size_t>(utf8.size()) >= len)
        return -1;
    std::memcpy(buf, utf8.constData(), utf8.size());
    buf[utf8.size()] = '\0';
    utf8.fill('\0');
    return 0;
}

class SshExecStream : public ExecStream
{
public:
    SshExecStream(ssh_session s, ssh_channel c, const ExecOptions& o, QString name)
        : m_session(s), m_channel(c), m_options(o), m_name(std::move(name))
    {
        m_clock.start();
        m_idle.start();
        m_stderrClock.start();
    }

    ~SshExecStream() override
    {
        if (m_channel) {
            // Dropped before its end (cancel, timeout, error): stop the command too, not only the channel.
            // sshd passes the signal on (OpenSSH ≥ 7.9); sudo relays it to its child.
            if (ssh_channel_is_open(m_channel) && !ssh_channel_is_eof(m_channel))
                ssh_channel_request_send_signal(m_channel, "TERM");
            ssh_channel_close(m_channel);
            ssh_channel_free(m_channel);
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
        if (m_eof)
            return 0;
        const uint32_t want = static_cast<uint32_t>(qMin<qint64>(max, 0x7fffffff));
        for (;;) {
            if (auto e = checkStop()) {
                m_error = *e;
                return -1;
            }
            if (!feedQueue())
                return -1;
            // Every 20 ms is enough to keep the command's stderr moving; each look costs a poll() of the
            // socket, once per SSH packet (~32 KiB) when done on every read.
            if (m_stderrClock.elapsed() >= 20) {
                drainStderr();
                m_stderrClock.restart();
            }
            // Short waits while we still have input to feed, so the feed goes on as the window opens.
            const int n = ssh_channel_read_timeout(m_channel, buf, want, 0, m_queue.isEmpty() ? 500 : 20);
            if (n > 0) {
                m_idle.restart();
                return n;
            }
            if (n == SSH_ERROR) {
                m_error = networkError();
                return -1;
            }
            if (ssh_channel_is_eof(m_channel) || ssh_channel_is_closed(m_channel)) {
                m_eof = true;
                return 0;
            }
            if (m_idle.elapsed() > kKeepaliveIdleMs) {
                ssh_send_ignore(m_session, ""); // keeps NATs and idle firewalls from dropping the link
                m_idle.restart();
            }
        }
    }

    Status write(const char* data, qint64 len) override
    {
        if (!m_queue.isEmpty()) { // keep the order: what was queued goes first
            m_queue.append(data, len);
            return writeQueue();
        }
        while (len > 0) {
            if (m_stdinClosed)
                return stdinClosedError();
            if (auto e = checkStop())
                return *e;
            const uint32_t window = ssh_channel_window_size(m_channel);
            if (window == 0) {
                // Let the server's window adjust arrive; keep its output so it never blocks on us.
                if (!pumpOutput(50))
                    return m_error;
                continue;
            }
            const uint32_t chunk =
                static_cast<uint32_t>(std::min<qint64>({len, qint64(window), qint64(1) << 20}));
            const int n = ssh_channel_write(m_channel, data, chunk);
            if (n == SSH_ERROR) {
                if (remoteClosedChannel())
                    return stdinClosedError();
                return networkError();
            }
            data += n;
            len -= n;
        }
        return {};
    }

    void queueStdin(const QByteArray& data, bool closeAfter) override
    {
        m_queue += data;
        m_closeAfterQueue = m_closeAfterQueue || closeAfter;
        if (m_queue.isEmpty() && m_closeAfterQueue)
            (void)closeStdin();
    }

    Status closeStdin() override
    {
        if (!m_queue.isEmpty()) {
            m_closeAfterQueue = true;
            return {};
        }
        if (m_stdinClosed)
            return {};
        m_stdinClosed = true;
        if (ssh_channel_is_open(m_channel) && !ssh_channel_is_closed(m_channel) &&
            ssh_channel_send_eof(m_channel) == SSH_ERROR)
            return networkError();
        return {};
    }

    Result<ExecResult> finish() override
    {
        m_closeAfterQueue = true;
        if (!m_queue.isEmpty()) {
            if (Status st = writeQueue(); !st)
                return st.error();
        }
        if (Status st = closeStdin(); !st)
            return st.error();
        ExecResult res;
        QByteArray buf(256 * 1024, Qt::Uninitialized);
        for (;;) {
            const qint64 n = read(buf.data(), buf.size());
            if (n < 0)
                return m_error;
            if (n == 0)
                break;
            res.out.append(buf.constData(), n);
        }
        drainStderr();
        // The exit status comes with or right after EOF; wait for it (bounded by the session timeout).
        res.exitCode = ssh_channel_get_exit_status(m_channel);
        drainStderr();
        res.err = m_errBuf;
        ssh_channel_close(m_channel);
        ssh_channel_free(m_channel);
        m_channel = nullptr;
        return res;
    }

    Error error() const override { return m_error; }
    QByteArray stderrSoFar() const override { return m_errBuf; }

private:
    std::optional<Error> checkStop() const
    {
        return stopReason(m_options, m_clock.elapsed(), m_name, Error::Network);
    }

    // A write failed because the command already ended and the server closed the channel: libssh
    // refuses writes then ("Remote channel is closed", SSH_REQUEST_DENIED) while the command's last
    // output (say, tar's "Cannot open: No such file") may still wait unread, so ssh_channel_is_eof()
    // is still false. Not a network failure: the command's own result is what the user must see.
    bool remoteClosedChannel() const
    {
        return ssh_channel_is_closed(m_channel) || ssh_channel_is_eof(m_channel)
               || ssh_get_error_code(m_session) == SSH_REQUEST_DENIED;
    }

    Error networkError()
    {
        m_error =
            Error::make(Error::Network,
                        QStringLiteral("The connection to %1 failed: %2.").arg(m_name, sshError(m_session)));
        return m_error;
    }

    Error stdinClosedError()
    {
        m_error = Error::make(Error::Io, QStringLiteral("A command on %1 stopped reading its input: %2")
                                             .arg(m_name, QString::fromUtf8(m_errBuf.trimmed().left(300))));
        return m_error;
    }

    void drainStderr()
    {
        char b[16384];
        while (ssh_channel_poll(m_channel, 1) > 0) {
            const int n = ssh_channel_read_nonblocking(m_channel, b, sizeof b, 1);
            if (n <= 0)
                break;
            if (m_errBuf.size() < kMaxStderr)
                m_errBuf.append(b, qMin<qint64>(n, kMaxStderr - m_errBuf.size()));
        }
    }

    // Process incoming packets for up to ms, keeping stdout for later read()s.
    bool pumpOutput(int ms)
    {
        char b[65536];
        const int n = ssh_channel_read_timeout(m_channel, b, sizeof b, 0, ms);
        if (n == SSH_ERROR) {
            networkError();
            return false;
        }
        if (n > 0)
            m_outPending.append(b, n);
        drainStderr();
        if (ssh_channel_is_eof(m_channel) || ssh_channel_is_closed(m_channel)) {
            // The command ended while we still had input for it.
            m_queue.clear();
            m_stdinClosed = true;
            stdinClosedError();
            return false;
        }
        return true;
    }

    // Write as much queued stdin as the window takes without blocking (from read()).
    bool feedQueue()
    {
        while (!m_queue.isEmpty() && !m_stdinClosed) {
            const uint32_t window = ssh_channel_window_size(m_channel);
            if (window == 0)
                return true;
            const uint32_t chunk = static_cast<uint32_t>(
                std::min<qint64>({qint64(m_queue.size()), qint64(window), qint64(1) << 20}));
            const int n = ssh_channel_write(m_channel, m_queue.constData(), chunk);
            if (n == SSH_ERROR) {
                if (remoteClosedChannel()) {
                    m_queue
                        .clear(); // the command exited without reading all input: read() reports its output
                    m_stdinClosed = true;
                    return true;
                }
                networkError();
                return false;
            }
            m_queue.remove(0, n);
        }
        if (m_queue.isEmpty() && m_closeAfterQueue && !m_stdinClosed) {
            m_queue = QByteArray();
            if (!closeStdin())
                return false;
        }
        return true;
    }

    Status writeQueue()
    {
        QByteArray q = std::move(m_queue);
        m_queue.clear();
        const bool closeAfter = m_closeAfterQueue;
        m_closeAfterQueue = false;
        NCB_TRY(write(q.constData(), q.size()));
        m_closeAfterQueue = closeAfter;
        if (closeAfter)
            return closeStdin();
        return {};
    }

    ssh_session m_session;
    ssh_channel m_channel;
    ExecOptions m_options;
    QString m_name;
    QElapsedTimer m_clock, m_idle, m_stderrClock;
    QByteArray m_queue;
    bool m_closeAfterQueue = false;
    bool m_stdinClosed = false;
    bool m_eof = false;
    QByteArray m_outPending, m_errBuf;
    Error m_error;
};

// libssh reports most failed TCP connects as "Socket error: disconnected". A plain connect to the same
// address says what really happened (no route, unreachable, timed out), or, when it succeeds, that the
// server itself dropped the SSH handshake.
QString probeTcp(const QByteArray& host, int port, int timeoutMs)
{
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (::getaddrinfo(host.constData(), QByteArray::number(port).constData(), &hints, &res) != 0 || !res)
        return {};
    QString said;
    for (addrinfo* a = res; a; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0)
            continue;
        int err = 0;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            err = errno;
            if (err == EINPROGRESS) {
                pollfd p{fd, POLLOUT, 0};
                const int r = ::poll(&p, 1, timeoutMs);
                socklen_t len = sizeof err;
                if (r == 0)
                    err = ETIMEDOUT;
                else if (r < 0 || ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
                    err = errno;
            }
        }
        ::close(fd);
        if (err == 0) {
            said = QStringLiteral("the server accepted the connection, then closed it before the SSH handshake "
                                  "finished (is an SSH server listening on that port, and does it allow this address?)");
            break;
        }
        said = QString::fromLocal8Bit(std::strerror(err));
    }
    ::freeaddrinfo(res);
    return said;
}
} // namespace

SshHost::SshHost(Config config) : m_config(std::move(config))
{
    m_user = m_config.user;
    if (m_user.isEmpty()) {
        if (const passwd* pw = ::getpwuid(::geteuid()))
            m_user = QString::fromLocal8Bit(pw->pw_name);
    }
    if (m_config.port <= 0)
        m_config.port = 22;
}

SshHost::~SshHost()
{
    disconnect();
}

void SshHost::disconnect()
{
    if (m_session) {
        ssh_disconnect(m_session);
        ssh_free(m_session);
        m_session = nullptr;
    }
}

QString SshHost::hostPort() const
{
    return QStringLiteral("%1:%2").arg(m_config.host).arg(m_config.port);
}

QString SshHost::displayName() const
{
    return QStringLiteral("%1@%2").arg(m_user, hostPort());
}

QString SshHost::loginUser() const
{
    return m_user;
}

QString SshHost::knownHostsPath() const
{
    if (!m_config.knownHostsFile.isEmpty())
        return m_config.knownHostsFile;
    return QDir::homePath() + QStringLiteral("/.ssh/known_hosts");
}

QString SshHost::cipher() const
{
    return m_session ? QString::fromLatin1(ssh_get_cipher_out(m_session)) : QString();
}

Status SshHost::connect()
{
    if (m_session)
        return {};
    if (m_config.host.isEmpty())
        return Error::make(Error::Usage, QStringLiteral("No SSH host given."));
    ssh_session s = ssh_new();
    if (!s)
        return Error::make(Error::Generic, QStringLiteral("Cannot create an SSH session (out of memory)."));
    auto fail = [&](Error e) -> Status {
        ssh_disconnect(s);
        ssh_free(s);
        return e;
    };

    const QByteArray host = m_config.host.toUtf8();
    const QByteArray user = m_user.toUtf8();
    const QByteArray known = knownHostsPath().toUtf8();
    unsigned int port = static_cast<unsigned int>(m_config.port);
    long timeoutSec = qMax(1, (m_config.connectTimeoutMs + 999) / 1000);
    bool processConfig = false;
    ssh_options_set(s, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(s, SSH_OPTIONS_PORT, &port);
    ssh_options_set(s, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeoutSec);
    ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &processConfig);
    ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, known.constData());
    if (!m_config.knownHostsFile.isEmpty())
        ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
    // Bulk data goes through these ciphers: AES-GCM is far faster than ChaCha20 where AES-NI exists.
    const char* ciphers = cpuHasAes() ? "aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@"
                                        "openssh.com,aes128-ctr,aes256-ctr"
                                      : "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@"
                                        "openssh.com,aes128-ctr,aes256-ctr";
    ssh_options_set(s, SSH_OPTIONS_CIPHERS_C_S, ciphers);
    ssh_options_set(s, SSH_OPTIONS_CIPHERS_S_C, ciphers);
    // No SSH compression (libssh's default, stated here): most bytes are media, and the repository
    // compresses what compresses; zlib on the link would only cost CPU on both ends.
    ssh_options_set(s, SSH_OPTIONS_COMPRESSION, "no");
    // No Nagle delay. While a tar stream runs we send the file list on its stdin and small window
    // adjustments back, and the server only sends on when those arrive: held back by Nagle's algorithm
    // behind unacknowledged list data (and the server's delayed ACK), each adjustment stalled the
    // stream. Measured: the reader waited 7.6 s of a 10.3 s files pass for data; see PERFORMANCE.md.
    const int noDelay = 1;
    ssh_options_set(s, SSH_OPTIONS_NODELAY, &noDelay);

    if (ssh_connect(s) != SSH_OK) {
        QString why = sshError(s);
        if (why.isEmpty())
            why = QStringLiteral("no answer");
        else if (why.startsWith(QLatin1String("Socket error: disconnected"))
                 || why.startsWith(QLatin1String("Socket error: Connection reset")))
            if (const QString probe = probeTcp(host, m_config.port, qMin(m_config.connectTimeoutMs, 5000)); !probe.isEmpty())
                why = probe;
        return fail(
            Error::make(Error::Network, QStringLiteral("Cannot connect to %1: %2.").arg(hostPort(), why)));
    }

    // A dropped link must end the run instead of hanging it: TCP keepalive on the session's socket.
    const socket_t fd = ssh_get_fd(s);
    if (fd >= 0) {
        int on = 1, idle = 30, intvl = 10, cnt = 3;
        ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
        ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
        ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
        ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
    }

    m_session = s;
    if (Status st = checkHostKey(); !st) {
        m_session = nullptr;
        return fail(st.error());
    }
    if (Status st = authenticate(); !st) {
        m_session = nullptr;
        return fail(st.error());
    }
    return {};
}

Status SshHost::checkHostKey()
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(m_session, &key) != SSH_OK)
        return Error::make(Error::Network,
                           QStringLiteral("%1 sent no host key: %2.").arg(hostPort(), sshError(m_session)));
    m_fingerprint = fingerprintOf(key);
    ssh_key_free(key);

    const QString file = knownHostsPath();
    switch (ssh_session_is_known_server(m_session)) {
    case SSH_KNOWN_HOSTS_OK:
        return {};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER: {
        // Name the key we knew: look it up in the file the way libssh matched it.
        QString old;
        const QByteArray entryHost =
            m_config.port == 22 ? m_config.host.toUtf8()
                                : QStringLiteral("[%1]:%2").arg(m_config.host).arg(m_config.port).toUtf8();
        QFile f(file);
        if (f.open(QIODevice::ReadOnly)) {
            while (!f.atEnd() && old.isEmpty()) {
                const QByteArray line = f.readLine().trimmed();
                if (line.isEmpty() || line.startsWith('#'))
                    continue;
                ssh_knownhosts_entry* entry = nullptr;
                if (ssh_known_hosts_parse_line(entryHost.constData(), line.constData(), &entry) == SSH_OK &&
                    entry) {
                    if (entry->publickey)
                        old = fingerprintOf(entry->publickey);
                }
                ssh_knownhosts_entry_free(entry);
            }
        }
        if (old.isEmpty())
            old = QStringLiteral("another key");
        return Error::make(
            Error::HostKey,
            QStringLiteral("The host key of %1 has changed: %2 knows %3, the server now shows %4; "
                           "this can be an attack, so nothing was sent (if the server was "
                           "reinstalled, remove its old line from %2).")
                .arg(hostPort(), file, old, m_fingerprint));
    }
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND: {
        const bool accept =
            m_config.acceptNewHostKey || (m_config.confirmHostKey && m_config.confirmHostKey(m_fingerprint));
        if (!accept)
            return Error::make(
                Error::HostKey,
                QStringLiteral("The host key of %1 is not known (%2). Check it and accept it with "
                               "--accept-new-host-key.")
                    .arg(hostPort(), m_fingerprint));
        QDir().mkpath(QFileInfo(file).absolutePath());
        if (ssh_session_update_known_hosts(m_session) != SSH_OK)
            return Error::make(Error::Io, QStringLiteral("Cannot add the host key of %1 to %2: %3.")
                                              .arg(hostPort(), file, sshError(m_session)));
        return {};
    }
    case SSH_KNOWN_HOSTS_ERROR:
    default:
        return Error::make(
            Error::Io,
            QStringLiteral("Cannot read the known hosts file %1: %2.").arg(file, sshError(m_session)));
    }
}

Status SshHost::authenticate()
{
    // libssh keeps the pointer for the session's life: the struct is a member.
    m_callbacks = std::make_unique<ssh_callbacks_struct>();
    std::memset(m_callbacks.get(), 0, sizeof(ssh_callbacks_struct));
    m_callbacks->userdata = &m_config;
    m_callbacks->auth_function = authCallback;
    ssh_callbacks_init(m_callbacks.get());
    ssh_set_callbacks(m_session, m_callbacks.get());

    int rc;
    if (!m_config.identityFile.isEmpty()) {
        const QString path = m_config.identityFile;
        QFileInfo fi(path);
        if (!fi.exists())
            return Error::make(Error::NotFound,
                               QStringLiteral("The SSH key file %1 does not exist.").arg(path));
        if (!fi.isReadable())
            return Error::make(Error::Io,
                               QStringLiteral("The SSH key file %1 cannot be read (permissions).").arg(path));
        ssh_key key = nullptr;
        const QByteArray p = QFile::encodeName(path);
        if (ssh_pki_import_privkey_file(p.constData(), nullptr, authCallback, &m_config, &key) != SSH_OK) {
            return Error::make(
                Error::Auth,
                QStringLiteral("The SSH key file %1 cannot be used: wrong passphrase, or not a private key.")
                    .arg(path));
        }
        rc = ssh_userauth_publickey(m_session, nullptr, key);
        ssh_key_free(key);
        if (rc == SSH_AUTH_SUCCESS)
            return {};
        if (rc == SSH_AUTH_ERROR)
            return Error::make(Error::Network, QStringLiteral("The connection to %1 failed during login: %2.")
                                                   .arg(hostPort(), sshError(m_session)));
        return Error::make(
            Error::Auth,
            QStringLiteral(
                "%1 refused the key %2: add its public half to ~%3/.ssh/authorized_keys on the host.")
                .arg(displayName(), path, m_user));
    }
    rc = ssh_userauth_publickey_auto(m_session, nullptr, nullptr);
    if (rc == SSH_AUTH_SUCCESS)
        return {};
    if (rc == SSH_AUTH_ERROR)
        return Error::make(Error::Network, QStringLiteral("The connection to %1 failed during login: %2.")
                                               .arg(hostPort(), sshError(m_session)));
    return Error::make(
        Error::Auth, QStringLiteral("%1 accepted none of the keys from ssh-agent or ~/.ssh: give a key file "
                                    "whose public half is in ~%2/.ssh/authorized_keys on the host.")
                         .arg(displayName(), m_user));
}

Result<std::unique_ptr<ExecStream>> SshHost::startRaw(const QString& commandLine, const ExecOptions& options)
{
    ssh_channel ch = ssh_channel_new(m_session);
    if (!ch)
        return Error::make(
            Error::Network,
            QStringLiteral("Cannot open a channel to %1: %2.").arg(displayName(), sshError(m_session)));
    if (ssh_channel_open_session(ch) != SSH_OK) {
        const QString why = sshError(m_session);
        ssh_channel_free(ch);
        // The session is likely dead, but other streams may still hold channels of it: the owner
        // decides when to disconnect() (and a later connect() starts a fresh session).
        return Error::make(Error::Network,
                           QStringLiteral("Cannot open a channel to %1: %2.").arg(displayName(), why));
    }
    const QByteArray cmd = commandLine.toUtf8();
    if (ssh_channel_request_exec(ch, cmd.constData()) != SSH_OK) {
        const QString why = sshError(m_session);
        ssh_channel_close(ch);
        ssh_channel_free(ch);
        return Error::make(Error::Network,
                           QStringLiteral("%1 refused to run a command: %2.").arg(displayName(), why));
    }
    return std::unique_ptr<ExecStream>(new SshExecStream(m_session, ch, options, displayName()));
}

} // namespace ncb::host
