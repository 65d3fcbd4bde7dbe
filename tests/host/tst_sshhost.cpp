// SshHost against a real sshd: host key policy (unknown refused with its fingerprint, accepted and
// remembered, changed always refused), auth (wrong key, encrypted key through the passphrase
// callback), network errors within seconds, sudo to www-data and the sentence when sudo wants a password.
#include "SshTestEnv.h"
#include "host/RemoteScanner.h"
#include "host/SshHost.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <arpa/inet.h>
#include <atomic>
#include <libssh/libssh.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

// A TCP relay to the test sshd that can cut the link: the way a dropped connection looks from here.
class CuttableRelay
{
public:
    bool start(int targetPort)
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(m_listen, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(m_listen, 1) != 0)
            return false;
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this, targetPort] { run(targetPort); });
        return true;
    }
    int port() const { return m_port; }
    void cut() { m_cut = true; }
    ~CuttableRelay()
    {
        m_cut = true;
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_listen);
    }

private:
    void run(int targetPort)
    {
        pollfd lp{m_listen, POLLIN, 0};
        while (!m_cut && ::poll(&lp, 1, 100) == 0) {
        }
        if (m_cut)
            return;
        const int c = ::accept(m_listen, nullptr, nullptr);
        const int t = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(targetPort);
        if (::connect(t, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0) {
            char buf[65536];
            while (!m_cut) {
                pollfd p[2] = {{c, POLLIN, 0}, {t, POLLIN, 0}};
                if (::poll(p, 2, 50) <= 0)
                    continue;
                bool done = false;
                for (int i = 0; i < 2; ++i) {
                    if (!(p[i].revents & (POLLIN | POLLHUP)))
                        continue;
                    const ssize_t n = ::read(p[i].fd, buf, sizeof buf);
                    if (n <= 0 || ::write(i == 0 ? t : c, buf, n) != n)
                        done = true;
                }
                if (done)
                    break;
            }
        }
        // RST, as when a router or the host vanishes: no orderly goodbye.
        linger l{1, 0};
        ::setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof l);
        ::close(c);
        ::close(t);
    }

    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_cut{false};
    std::thread m_thread;
};

} // namespace

using namespace ncb;
using namespace ncb::host;

class TestSshHost : public QObject
{
    Q_OBJECT

    SshTestEnv m_env;
    QTemporaryDir m_tmp;

    QString msg(const Status& st) { return st.ok() ? QString() : st.error().message; }

private slots:
    void initTestCase()
    {
        const QString missing = m_env.load();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
        QVERIFY(m_tmp.isValid());
    }

    void connectsAndNegotiatesAFastCipher()
    {
        SshHost h(m_env.config());
        QVERIFY2(h.connect().ok(), qPrintable(msg(h.connect())));
        QCOMPARE(h.hostKeyFingerprint(), m_env.fingerprint);
        QVERIFY2(h.cipher().contains(QLatin1String("gcm")) || h.cipher().contains(QLatin1String("chacha20")),
                 qPrintable(h.cipher()));
        QCOMPARE(h.displayName(), QStringLiteral("%1@%2:%3").arg(m_env.user, m_env.host).arg(m_env.port));
        auto r = h.exec(QStringLiteral("id -un"));
        QVERIFY(r.ok());
        QCOMPARE(r->out.trimmed(), m_env.user.toUtf8());
    }

    void unknownHostKeyRefusedThenAccepted()
    {
        const QString known =
            m_tmp.filePath(QStringLiteral("new/.ssh/known_hosts")); // folder does not exist yet
        auto cfg = m_env.config();
        cfg.knownHostsFile = known;
        {
            SshHost h(cfg);
            Status st = h.connect();
            QVERIFY(!st.ok());
            QCOMPARE(st.error().code, Error::HostKey);
            QCOMPARE(st.error().message, QStringLiteral("The host key of %1:%2 is not known (%3). Check it "
                                                        "and accept it with --accept-new-host-key.")
                                             .arg(m_env.host)
                                             .arg(m_env.port)
                                             .arg(m_env.fingerprint));
            QVERIFY(!QFile::exists(known));
        }
        {
            // The GUI's question: saying no keeps it refused, nothing written.
            cfg.confirmHostKey = [&](const QString& fp) {
                return fp == QLatin1String("nothing matches this");
            };
            SshHost h(cfg);
            QCOMPARE(h.connect().error().code, Error::HostKey);
            QVERIFY(!QFile::exists(known));
        }
        {
            QString asked;
            cfg.confirmHostKey = [&](const QString& fp) {
                asked = fp;
                return true;
            };
            SshHost h(cfg);
            QVERIFY2(h.connect().ok(), qPrintable(msg(h.connect())));
            QCOMPARE(asked, m_env.fingerprint);
            QVERIFY(h.exec(QStringLiteral("true")).ok());
        }
        QFile f(known);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray line = f.readAll();
        QVERIFY2(line.startsWith(QStringLiteral("[%1]:%2 ").arg(m_env.host).arg(m_env.port).toUtf8()),
                 line.constData());
        f.close();
        {
            // Remembered: no option, no question now.
            cfg.confirmHostKey = nullptr;
            SshHost h(cfg);
            QVERIFY2(h.connect().ok(), qPrintable(msg(h.connect())));
        }
    }

    void acceptOptionWritesKnownHosts()
    {
        const QString known = m_tmp.filePath(QStringLiteral("accept_known_hosts"));
        auto cfg = m_env.config();
        cfg.knownHostsFile = known;
        cfg.acceptNewHostKey = true;
        SshHost h(cfg);
        QVERIFY2(h.connect().ok(), qPrintable(msg(h.connect())));
        cfg.acceptNewHostKey = false;
        SshHost again(cfg);
        QVERIFY2(again.connect().ok(), qPrintable(msg(again.connect())));
    }

    void changedHostKeyAlwaysRefused()
    {
        const QString known = m_tmp.filePath(QStringLiteral("other_known_hosts"));
        QVERIFY(QFile::copy(m_env.otherKnownHosts, known));
        QFile orig(known);
        QVERIFY(orig.open(QIODevice::ReadOnly));
        const QByteArray before = orig.readAll();
        orig.close();
        auto cfg = m_env.config();
        cfg.knownHostsFile = known;
        cfg.acceptNewHostKey = true; // does not apply to a changed key
        bool asked = false;
        cfg.confirmHostKey = [&](const QString&) {
            asked = true;
            return true;
        };
        SshHost h(cfg);
        Status st = h.connect();
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::HostKey);
        const QString m = st.error().message;
        qInfo("%s", qPrintable(m));
        QVERIFY2(
            m.startsWith(QStringLiteral("The host key of %1:%2 has changed").arg(m_env.host).arg(m_env.port)),
            qPrintable(m));
        QVERIFY2(m.contains(QStringLiteral("the server now shows %1").arg(m_env.fingerprint)), qPrintable(m));
        QVERIFY2(m.count(QLatin1String("SHA256:")) == 2, qPrintable(m)); // the old one is named too
        QVERIFY(!asked);
        QVERIFY(orig.open(QIODevice::ReadOnly));
        QCOMPARE(orig.readAll(), before);
    }

    void wrongKeyRefused()
    {
        ssh_key key = nullptr;
        QCOMPARE(ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key), SSH_OK);
        const QString path = m_tmp.filePath(QStringLiteral("wrong_key"));
        QCOMPARE(
            ssh_pki_export_privkey_file(key, nullptr, nullptr, nullptr, QFile::encodeName(path).constData()),
            SSH_OK);
        ssh_key_free(key);
        auto cfg = m_env.config();
        cfg.identityFile = path;
        SshHost h(cfg);
        Status st = h.connect();
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Auth);
        qInfo("%s", qPrintable(st.error().message));
        QVERIFY2(st.error().message.contains(QLatin1String("refused the key")) &&
                     st.error().message.contains(path),
                 qPrintable(st.error().message));

        cfg.identityFile = m_tmp.filePath(QStringLiteral("no_such_key"));
        SshHost missing(cfg);
        QCOMPARE(missing.connect().error().code, Error::NotFound);
    }

    void encryptedKeyThroughPassphraseCallback()
    {
        ssh_key key = nullptr;
        QCOMPARE(ssh_pki_import_privkey_file(QFile::encodeName(m_env.key).constData(), nullptr, nullptr,
                                             nullptr, &key),
                 SSH_OK);
        const QString path = m_tmp.filePath(QStringLiteral("encrypted_key"));
        QCOMPARE(ssh_pki_export_privkey_file(key, "correct horse", nullptr, nullptr,
                                             QFile::encodeName(path).constData()),
                 SSH_OK);
        ssh_key_free(key);
        auto cfg = m_env.config();
        cfg.identityFile = path;

        SshHost noCallback(cfg);
        Status st = noCallback.connect();
        QCOMPARE(st.error().code, Error::Auth);
        QVERIFY2(st.error().message.contains(QLatin1String("wrong passphrase")),
                 qPrintable(st.error().message));

        cfg.passphrase = [](const QString&) { return std::optional<QString>(QStringLiteral("wrong")); };
        SshHost wrong(cfg);
        QCOMPARE(wrong.connect().error().code, Error::Auth);

        QString askedFor;
        cfg.passphrase = [&](const QString& file) {
            askedFor = file;
            return std::optional<QString>(QStringLiteral("correct horse"));
        };
        SshHost right(cfg);
        QVERIFY2(right.connect().ok(), qPrintable(msg(right.connect())));
        QCOMPARE(askedFor, path);
    }

    void unreachablePortIsNetworkError()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const int port = probe.serverPort();
        probe.close(); // nothing listens there now
        auto cfg = m_env.config();
        cfg.port = port;
        QElapsedTimer t;
        t.start();
        SshHost h(cfg);
        Status st = h.connect();
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Network);
        qInfo("%s", qPrintable(st.error().message));
        QVERIFY2(st.error().message.startsWith(
                     QStringLiteral("Cannot connect to %1:%2").arg(m_env.host).arg(port)),
                 qPrintable(st.error().message));
        QVERIFY(t.elapsed() < 5000);
        // exec reports the same instead of crashing on a missing session.
        auto r = h.exec(QStringLiteral("true"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Network);
    }

    // A service that is not SSH (or refuses this address) accepts and hangs up: libssh only says
    // "Socket error: disconnected"; the sentence must say what happened instead.
    void peerThatHangsUpIsExplained()
    {
        const int ls = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(ls >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QVERIFY(::bind(ls, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::listen(ls, 8) == 0);
        socklen_t len = sizeof a;
        QVERIFY(::getsockname(ls, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        std::atomic_bool stop{false};
        std::thread hangUp([&] {
            while (!stop) {
                pollfd p{ls, POLLIN, 0};
                if (::poll(&p, 1, 100) > 0) {
                    const int c = ::accept(ls, nullptr, nullptr);
                    if (c >= 0)
                        ::close(c);
                }
            }
        });
        auto cfg = m_env.config();
        cfg.host = QStringLiteral("127.0.0.1");
        cfg.port = ntohs(a.sin_port);
        SshHost h(cfg);
        Status st = h.connect();
        stop = true;
        hangUp.join();
        ::close(ls);
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Network);
        qInfo("%s", qPrintable(st.error().message));
        QCOMPARE(st.error().message,
                 QStringLiteral("Cannot connect to 127.0.0.1:%1: the server accepted the connection, then closed it before "
                                "the SSH handshake finished (is an SSH server listening on that port, and does it allow "
                                "this address?).")
                     .arg(cfg.port));
    }

    void silentPeerTimesOut()
    {
        // A TCP server that never speaks SSH: connect must give up within the timeout.
        QTcpServer mute;
        QVERIFY(mute.listen(QHostAddress::LocalHost, 0));
        auto cfg = m_env.config();
        cfg.port = mute.serverPort();
        cfg.connectTimeoutMs = 1500;
        QElapsedTimer t;
        t.start();
        SshHost h(cfg);
        Status st = h.connect();
        QVERIFY(!st.ok());
        QCOMPARE(st.error().code, Error::Network);
        qInfo("%s", qPrintable(st.error().message));
        QVERIFY2(st.error().message.contains(QStringLiteral("%1:%2").arg(m_env.host).arg(cfg.port)),
                 qPrintable(st.error().message));
        QVERIFY2(t.elapsed() < 6000, qPrintable(QString::number(t.elapsed())));
    }

    void droppedLinkMidStreamIsNetworkError()
    {
        CuttableRelay relay;
        QVERIFY(relay.start(m_env.port));
        auto cfg = m_env.config();
        cfg.port = relay.port();
        cfg.acceptNewHostKey = true; // the relay's port is a new host:port for known_hosts
        cfg.knownHostsFile = m_tmp.filePath(QStringLiteral("relay_known_hosts"));
        SshHost h(cfg);
        QVERIFY2(h.connect().ok(), qPrintable(msg(h.connect())));
        auto s = h.start(QStringLiteral("head -c 1000000 /dev/zero; sleep 30"));
        QVERIFY(s.ok());
        char buf[65536];
        qint64 got = 0;
        while (got < 1000000) {
            const qint64 n = (*s)->read(buf, sizeof buf);
            QVERIFY(n > 0);
            got += n;
        }
        relay.cut();
        QElapsedTimer t;
        t.start();
        const qint64 n = (*s)->read(buf, sizeof buf);
        QCOMPARE(n, qint64(-1));
        QCOMPARE((*s)->error().code, Error::Network);
        qInfo("%s", qPrintable((*s)->error().message));
        QVERIFY2((*s)->error().message.contains(h.displayName()), qPrintable((*s)->error().message));
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    }

    void sudoToWwwDataAndClearSentence()
    {
        SshHost h(m_env.config());
        h.setRunAs(QStringLiteral("www-data"));
        auto r = h.exec(QStringLiteral("id -un"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->out, QByteArray("www-data\n"));
        // Opting out per command: runs as the login user.
        ExecOptions plain;
        plain.useRunAs = false;
        r = h.exec(QStringLiteral("id -un"), plain);
        QVERIFY(r.ok());
        QCOMPARE(r->out.trimmed(), m_env.user.toUtf8());

        // No sudo rule for this one: sudo -n wants a password.
        h.setRunAs(QStringLiteral("nobody"));
        r = h.exec(QStringLiteral("id -un"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Auth);
        qInfo("%s", qPrintable(r.error().message));
        QVERIFY2(
            r.error().message.startsWith(QStringLiteral("sudo on %1 needs a password for %2: allow NOPASSWD")
                                             .arg(h.displayName(), m_env.user)),
            qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(QLatin1String("nobody")));
        // The same sentence from a streamed command (the scan), not a parse error.
        auto scan = RemoteScanner(h).scan("/tmp", [](const ScanEntry&) { return Status{}; });
        QVERIFY(!scan.ok());
        QCOMPARE(scan.error().code, Error::Auth);
        QVERIFY2(scan.error().message.contains(QLatin1String("needs a password")),
                 qPrintable(scan.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSshHost)
#include "tst_sshhost.moc"
