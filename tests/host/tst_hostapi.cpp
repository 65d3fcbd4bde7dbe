// The Host API, the same checks for LocalHost (host_api_local) and SshHost against a real sshd
// (host_api_ssh): exec, stdin/stdout streaming, quoting of hostile names, timeout and cancel, sudo,
// the one-round-trip scan compared with a local lstat walk, tar streams in both directions.
// The SSH variant expects the sshd on this machine (127.0.0.1): it scans and reads the same temp dirs.
#include "host/LocalHost.h"
#include "host/RemoteScanner.h"
#include "host/SshHost.h"
#include "host/TarStreamReader.h"
#include "host/TarStreamWriter.h"
#ifndef NCB_TEST_LOCAL_HOST
#include "SshTestEnv.h"
#endif

#include <QElapsedTimer>
#include <QMap>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace ncb;
using namespace ncb::host;

namespace {

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator g(seed);
    g.fillRange(reinterpret_cast<quint32*>(b.data()), n / 4);
    return b;
}

bool writeFile(const QByteArray& path, const QByteArray& data, mode_t mode)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, data.constData(), data.size()) == data.size();
    ::fchmod(fd, mode);
    ::close(fd);
    return ok;
}

void setMtime(const QByteArray& path, qint64 ns)
{
    timespec t[2] = {{ns / 1000000000, ns % 1000000000}, {ns / 1000000000, ns % 1000000000}};
    ::utimensat(AT_FDCWD, path.constData(), t, AT_SYMLINK_NOFOLLOW);
}

// What lstat says about every entry under root, keyed like RemoteScanner paths ("." is the root).
void lstatWalk(const QByteArray& root, const QByteArray& rel, QMap<QByteArray, ScanEntry>* out)
{
    const QByteArray full = rel == "." ? root : root + '/' + rel;
    struct stat st;
    if (::lstat(full.constData(), &st) != 0)
        return;
    ScanEntry e;
    e.path = rel;
    e.type = S_ISREG(st.st_mode)   ? ScanEntry::File
             : S_ISDIR(st.st_mode) ? ScanEntry::Dir
             : S_ISLNK(st.st_mode) ? ScanEntry::Symlink
                                   : ScanEntry::Other;
    e.size = st.st_size;
    e.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    e.ctimeNs = qint64(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
    e.inode = st.st_ino;
    e.mode = st.st_mode & 07777;
    e.uid = st.st_uid;
    e.gid = st.st_gid;
    e.device = st.st_dev;
    if (e.type == ScanEntry::Symlink) {
        char t[4096];
        const ssize_t n = ::readlink(full.constData(), t, sizeof t);
        e.symlinkTarget = QByteArray(t, n > 0 ? n : 0);
    }
    out->insert(rel, e);
    if (e.type != ScanEntry::Dir)
        return;
    if (::access((full + "/.nobackup").constData(), F_OK) == 0 && rel != ".")
        out->remove(rel); // the rule: a folder holding .nobackup is left out with its contents
    if (::access((full + "/.nobackup").constData(), F_OK) == 0)
        return;
    DIR* d = ::opendir(full.constData());
    if (!d)
        return;
    while (dirent* de = ::readdir(d)) {
        const QByteArray name(de->d_name);
        if (name == "." || name == "..")
            continue;
        lstatWalk(root, rel == "." ? name : rel + '/' + name, out);
    }
    ::closedir(d);
}

} // namespace

class TestHostApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<Host> m_host;
    QTemporaryDir m_tmp;
    QByteArray m_tree;                    // the odd-names tree, readable by the ssh test user
    QMap<QByteArray, QByteArray> m_files; // relative path → content

    std::unique_ptr<Host> makeHost()
    {
#ifdef NCB_TEST_LOCAL_HOST
        return std::make_unique<LocalHost>();
#else
        SshTestEnv env;
        const QString missing = env.load();
        if (!missing.isEmpty())
            return nullptr;
        return std::make_unique<SshHost>(env.config());
#endif
    }

    QByteArray hostTempDir()
    {
        auto r = m_host->exec(QStringLiteral("mktemp -d /tmp/ncb-host-test.XXXXXX"));
        if (!r.ok() || r->exitCode != 0)
            return {};
        return r->out.trimmed();
    }

private slots:
    void initTestCase()
    {
#ifndef NCB_TEST_LOCAL_HOST
        SshTestEnv env;
        const QString missing = env.load();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
#endif
        m_host = makeHost();
        QVERIFY(m_host);
        Status st = m_host->connect();
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));

        QVERIFY(m_tmp.isValid());
        m_tree = QFile::encodeName(m_tmp.path()) + "/tree";
        const QByteArray t = m_tree;
        QVERIFY(::mkdir(t.constData(), 0755) == 0);
        ::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755);
        for (const char* d :
             {"dir with space", "dir with space/nested", "emptydir", "skipme", "skipme/sub", "new\nline dir"})
            QVERIFY(::mkdir((t + '/' + d).constData(), 0755) == 0);
        m_files = {
            {"plain.txt", "plain\n"},
            {"space name.txt", "with space"},
            {"new\nline", "newline in name"},
            {"ünïcødé ✓.txt", "unicode"},
            {"quote'\"$(x)`y`", "shell chars"},
            {"-dash", "dash"},
            {"back\\slash", "backslash"},
            {"new\nline dir/in", "inside"},
            {"dir with space/nested/deep.bin", randomBytes(3 * 1024 * 1024 + 17, 7)},
            {"empty", ""},
        };
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
            QVERIFY(writeFile(t + '/' + it.key(), it.value(), 0644));
        ::chmod((t + "/-dash").constData(), 0754);
        setMtime(t + "/plain.txt", 1600000000123456789LL);
        QVERIFY(writeFile(t + "/skipme/.nobackup", "", 0644));
        QVERIFY(writeFile(t + "/skipme/secret.txt", "secret", 0644));
        QVERIFY(writeFile(t + "/skipme/sub/x", "x", 0644));
        QVERIFY(::symlink("plain.txt", (t + "/link to plain").constData()) == 0);
        QVERIFY(::symlink("target\nwith newline", (t + "/link\nnl").constData()) == 0);
    }

    void execOutputAndExitCodes()
    {
        auto r = m_host->exec(QStringLiteral("printf 'out\\n'; printf 'err\\n' >&2; exit 7"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->exitCode, 7);
        QCOMPARE(r->out, QByteArray("out\n"));
        QCOMPARE(r->err, QByteArray("err\n"));
        r = m_host->exec(QStringLiteral("true"));
        QVERIFY(r.ok());
        QCOMPARE(r->exitCode, 0);
        r = m_host->exec(QStringLiteral("no-such-command-ncb"));
        QVERIFY(r.ok());
        QCOMPARE(r->exitCode, 127);
    }

    // A command that floods its output is stopped at util/Limits.h's 64 MiB, not held without bound;
    // just under it everything arrives.
    void execOutputIsBounded()
    {
        auto r = m_host->exec(QStringLiteral("head -c 60000000 /dev/zero"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->out.size(), qsizetype(60000000));
        r = m_host->exec(QStringLiteral("head -c 2000000000 /dev/zero"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Remote);
        QVERIFY2(r.error().message.contains(QLatin1String("printed more than 64 MiB, more than ncbackup reads from one command (head -c")),
                 qPrintable(r.error().message));
    }

    void execManyInARow()
    {
        for (int i = 0; i < 25; ++i) {
            auto r = m_host->exec(QStringLiteral("echo %1").arg(i));
            QVERIFY(r.ok());
            QCOMPARE(r->out, QByteArray::number(i) + '\n');
        }
    }

    void stdinAndStdoutBothLarge()
    {
        // 3 MB through cat: stdin is fed while stdout is read, neither side may block the other.
        ExecOptions o;
        o.stdinData = randomBytes(3 * 1024 * 1024, 11);
        auto r = m_host->exec(QStringLiteral("cat"), o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->exitCode, 0);
        QCOMPARE(r->out.size(), o.stdinData.size());
        QVERIFY(r->out == o.stdinData);
    }

    void streamingWriteIntoCommand()
    {
        const QByteArray dir = hostTempDir();
        QVERIFY(!dir.isEmpty());
        const QByteArray target = dir + "/out.bin";
        auto started = m_host->start(QString::fromUtf8("cat > " + Host::quote(target)));
        QVERIFY(started.ok());
        auto s = std::move(started.value());
        const QByteArray data = randomBytes(2 * 1024 * 1024, 5);
        for (qsizetype i = 0; i < data.size(); i += 100000)
            QVERIFY(s->write(data.constData() + i, qMin<qsizetype>(100000, data.size() - i)).ok());
        auto fin = s->finish();
        QVERIFY(fin.ok());
        QCOMPARE(fin->exitCode, 0);
        auto back =
            m_host->exec(QString::fromUtf8("cat " + Host::quote(target) + "; rm -rf " + Host::quote(dir)));
        QVERIFY(back.ok());
        QVERIFY(back->out == data);
    }

    void hostilePathsRoundTrip()
    {
        const QByteArray dir = hostTempDir();
        QVERIFY(!dir.isEmpty());
        const QList<QByteArray> names = {
            "a b",         "it's", "$(touch pwned)",     "`touch pwned2`", "new\nline", "-rf", "\"dq\"",
            "back\\slash", "*",    "'; touch pwned3; '", "ünï ✓",          "!x\ty"};
        for (const QByteArray& n : names) {
            const QByteArray path = dir + '/' + n;
            auto w =
                m_host->exec(QString::fromUtf8("printf %s " + Host::quote(n) + " > " + Host::quote(path)));
            QVERIFY(w.ok());
            QCOMPARE(w->exitCode, 0);
            auto r = m_host->exec(QString::fromUtf8("cat -- " + Host::quote(path)));
            QVERIFY(r.ok());
            QCOMPARE(r->out, n);
        }
        // One file per name, and none created by an injection (they would land in the working folder).
        auto count = m_host->exec(QString::fromUtf8("find " + Host::quote(dir) +
                                                    " -mindepth 1 -printf x; rm -rf " + Host::quote(dir)));
        QVERIFY(count.ok());
        QCOMPARE(count->out, QByteArray(names.size(), 'x'));
        auto pwned = m_host->exec(QStringLiteral("ls -d pwned pwned2 pwned3 2>/dev/null"));
        QVERIFY(pwned.ok());
        QCOMPARE(pwned->out, QByteArray());
    }

    void timeoutAndCancel()
    {
        const QByteArray dir = hostTempDir();
        QVERIFY(!dir.isEmpty());
        QElapsedTimer t;
        t.start();
        ExecOptions o;
        o.timeoutMs = 700;
        auto r = m_host->exec(QStringLiteral("sleep 20"), o);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("did not finish within 0.7 s")),
                 qPrintable(r.error().message));
        QVERIFY2(t.elapsed() < 4000, qPrintable(QString::number(t.elapsed())));

        t.restart();
        ExecOptions c;
        c.cancel = [&] { return t.elapsed() > 300; };
        const QByteArray marker = dir + "/still running";
        r = m_host->exec(QString::fromUtf8("sleep 2 && touch " + Host::quote(marker)), c);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Cancelled);
        QVERIFY(t.elapsed() < 4000);
        // A cancelled command is stopped on the host, not left running behind the user's back.
        QTest::qWait(2500);
        auto left =
            m_host->exec(QString::fromUtf8("ls " + Host::quote(dir) + "; rm -rf " + Host::quote(dir)));
        QVERIFY(left.ok());
        QCOMPARE(left->out, QByteArray());

        // The host is still usable after a dropped command.
        auto after = m_host->exec(QStringLiteral("echo alive"));
        QVERIFY(after.ok());
        QCOMPARE(after->out, QByteArray("alive\n"));
    }

    void runAsWwwData()
    {
        m_host->setRunAs(QStringLiteral("www-data"));
        auto r = m_host->exec(QStringLiteral("id -un; printf '%s' \"it's\""));
        m_host->setRunAs({});
#ifdef NCB_TEST_LOCAL_HOST
        if (::geteuid() != 0) {
            // No sudo rule for the user running the tests here: the sentence says what to do.
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, Error::Auth);
            QVERIFY2(r.error().message.contains(QLatin1String("needs a password")),
                     qPrintable(r.error().message));
            return;
        }
#endif
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->out, QByteArray("www-data\nit's"));
    }

    void scanMatchesLstatWalk()
    {
        QMap<QByteArray, ScanEntry> want;
        lstatWalk(m_tree, ".", &want);
        QVERIFY(!want.contains("skipme") && !want.contains("skipme/secret.txt"));
        QMap<QByteArray, ScanEntry> got;
        RemoteScanner scanner(*m_host);
        auto sum = scanner.scan(m_tree, [&](const ScanEntry& e) {
            if (got.contains(e.path))
                return Status(
                    Error::make(Error::Generic, QStringLiteral("twice: ") + QString::fromUtf8(e.path)));
            got.insert(e.path, e);
            return Status{};
        });
        QVERIFY2(sum.ok(), qPrintable(sum.ok() ? QString() : sum.error().message));
        QCOMPARE(sum->skipped, QList<QByteArray>{QByteArray("skipme")});
        QCOMPARE(got.keys(), want.keys());
        for (auto it = want.cbegin(); it != want.cend(); ++it) {
            const ScanEntry& w = it.value();
            const ScanEntry& g = got.value(it.key());
            const QByteArray what = "entry " + it.key();
            QVERIFY2(g.type == w.type, what.constData());
            if (w.type != ScanEntry::Dir)
                QVERIFY2(g.size == w.size, what.constData());
            QVERIFY2(g.mtimeNs == w.mtimeNs, what.constData());
            QVERIFY2(g.ctimeNs == w.ctimeNs, what.constData());
            QVERIFY2(g.inode == w.inode, what.constData());
            QVERIFY2(g.mode == w.mode, what.constData());
            QVERIFY2(g.uid == w.uid && g.gid == w.gid, what.constData());
            QVERIFY2(g.device == w.device, what.constData());
            QVERIFY2(g.symlinkTarget == w.symlinkTarget, what.constData());
            QVERIFY2(!g.owner.isEmpty() && !g.group.isEmpty(), what.constData());
        }
        QCOMPARE(got.value("plain.txt").mtimeNs, 1600000000123456789LL);
        QCOMPARE(got.value("-dash").mode, 0754u);
        QCOMPARE(got.value("link\nnl").symlinkTarget, QByteArray("target\nwith newline"));
    }

    void scanNumericIdsThenNames()
    {
        // Numeric scan + one names() round trip gives the same owners and groups as find's %u/%g.
        QMap<QByteArray, ScanEntry> named, numeric;
        RemoteScanner scanner(*m_host);
        QVERIFY(scanner.scan(m_tree, [&](const ScanEntry& e) {
            named.insert(e.path, e);
            return Status{};
        }).ok());
        scanner.setNames(false);
        QSet<quint32> uids{4000000000u}, gids{4000000000u}; // an id with no name: its number
        auto sum = scanner.scan(m_tree, [&](const ScanEntry& e) {
            numeric.insert(e.path, e);
            uids.insert(e.uid);
            gids.insert(e.gid);
            return Status{};
        });
        QVERIFY2(sum.ok(), qPrintable(sum.ok() ? QString() : sum.error().message));
        QCOMPARE(numeric.keys(), named.keys());
        auto names = scanner.names(uids, gids);
        QVERIFY2(names.ok(), qPrintable(names.ok() ? QString() : names.error().message));
        QCOMPARE(names->users.value(4000000000u), QStringLiteral("4000000000"));
        QCOMPARE(names->groups.value(4000000000u), QStringLiteral("4000000000"));
        for (auto it = named.cbegin(); it != named.cend(); ++it) {
            const ScanEntry& n = numeric.value(it.key());
            QVERIFY2(n.owner.isEmpty() && n.group.isEmpty(), it.key().constData());
            QCOMPARE(n.uid, it->uid);
            QCOMPARE(n.size, it->size);
            QCOMPARE(n.symlinkTarget, it->symlinkTarget);
            QCOMPARE(names->users.value(n.uid), it->owner);
            QCOMPARE(names->groups.value(n.gid), it->group);
        }
    }

    void scanMissingRoot()
    {
        RemoteScanner scanner(*m_host);
        auto r = scanner.scan(m_tree + "/does not exist", [](const ScanEntry&) { return Status{}; });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::NotFound);
        QVERIFY2(r.error().message.contains(QLatin1String("is not a folder")), qPrintable(r.error().message));
    }

    void tarFromHost()
    {
        QList<QByteArray> list = m_files.keys();
        list << "link to plain"
             << "emptydir";
        QMap<QByteArray, TarEntry> headers;
        QMap<QByteArray, QByteArray> data;
        QByteArray current;
        qint64 maxBlock = 0;
        TarStreamReader::Consumer c;
        c.begin = [&](const TarEntry& e) {
            current = e.path;
            headers.insert(e.path, e);
            data.insert(e.path, {});
            return Status{};
        };
        c.data = [&](const char* p, qint64 n) {
            data[current].append(p, n);
            maxBlock = qMax(maxBlock, n);
            return Status{};
        };
        TarStreamReader reader(*m_host);
        auto r = reader.read(m_tree, list, c);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QVERIFY2(r->entries == list.size(), r->warnings.constData());
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
            QVERIFY2(data.contains(it.key()), it.key().constData());
            QVERIFY2(data.value(it.key()) == it.value(), it.key().constData());
            QCOMPARE(headers.value(it.key()).type, TarEntry::File);
        }
        QCOMPARE(headers.value("-dash").mode, 0754u);
        QCOMPARE(headers.value("plain.txt").mtimeNs / 1000000000, 1600000000LL);
        QCOMPARE(headers.value("link to plain").type, TarEntry::Symlink);
        QCOMPARE(headers.value("link to plain").linkTarget, QByteArray("plain.txt"));
        QCOMPARE(headers.value("emptydir").type, TarEntry::Dir);
        QVERIFY(maxBlock <= 1024 * 1024); // handed over in blocks, not whole files

        // A file that vanished since the scan is left out with a warning, the rest still comes.
        headers.clear();
        auto partial = reader.read(m_tree, {"plain.txt", "gone-since-scan", "empty"}, c);
        QVERIFY2(partial.ok(), qPrintable(partial.ok() ? QString() : partial.error().message));
        QCOMPARE(partial->entries, 2);
        QVERIFY(partial->warnings.contains("gone-since-scan"));
        QVERIFY(reader.read(m_tree, {"../etc/passwd"}, c).error().code == Error::Unsafe);
        auto noRoot = reader.read(m_tree + "/no such root", {"x"}, c);
        QVERIFY(!noRoot.ok());
        QCOMPARE(noRoot.error().code, Error::Remote);
        QVERIFY2(noRoot.error().message.contains(QLatin1String("no such root")),
                 qPrintable(noRoot.error().message));
        // tar ends at once here, often before its file list is fully sent: over SSH the write of the
        // list then meets a closed channel. That is tar's failure, never "the connection failed"
        // (seen under load before the fix: 2 to 12 runs in 20). Repeated to give the race its chances.
        for (int i = 0; i < 15; ++i) {
            auto again = reader.read(m_tree + "/no such root", {"x", "y", "z"}, c);
            QVERIFY(!again.ok());
            QVERIFY2(again.error().code == Error::Remote && again.error().message.contains(QLatin1String("no such root")),
                     qPrintable(again.error().message));
        }
    }

    // The stream is read ahead of the consumer (up to 8 MiB): a file several times that size arrives
    // whole and in order, and a consumer that stops in the middle gets its own error back at once,
    // with the host still usable for the next command.
    void tarReadAheadAndEarlyStop()
    {
        const QByteArray dir = QFile::encodeName(m_tmp.path()) + "/ahead";
        QVERIFY(::mkdir(dir.constData(), 0755) == 0);
        const QByteArray big = randomBytes(20 * 1024 * 1024 + 5, 11);
        QVERIFY(writeFile(dir + "/big.bin", big, 0644));
        QVERIFY(writeFile(dir + "/after.txt", "after", 0644));
        QByteArray got, after;
        QByteArray current;
        TarStreamReader::Consumer c;
        c.begin = [&](const TarEntry& e) {
            current = e.path;
            return Status{};
        };
        c.data = [&](const char* p, qint64 n) {
            (current == "big.bin" ? got : after).append(p, n);
            return Status{};
        };
        TarStreamReader reader(*m_host);
        auto whole = reader.read(dir, {"big.bin", "after.txt"}, c);
        QVERIFY2(whole.ok(), qPrintable(whole.ok() ? QString() : whole.error().message));
        QCOMPARE(whole->entries, 2);
        QVERIFY(got == big);
        QCOMPARE(after, QByteArray("after"));

        qint64 seen = 0;
        c.data = [&](const char*, qint64 n) {
            seen += n;
            if (seen > 2 * 1024 * 1024)
                return Status(Error::make(Error::Io, QStringLiteral("The disk is full.")));
            return Status{};
        };
        QElapsedTimer t;
        t.start();
        auto stopped = reader.read(dir, {"big.bin", "after.txt"}, c);
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code, Error::Io);
        QCOMPARE(stopped.error().message, QStringLiteral("The disk is full."));
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        auto next = m_host->exec(QStringLiteral("echo still here"));
        QVERIFY2(next.ok(), qPrintable(next.ok() ? QString() : next.error().message));
        QCOMPARE(next->out, QByteArray("still here\n"));
    }

    void tarToHost()
    {
        const QByteArray dir = hostTempDir();
        QVERIFY(!dir.isEmpty());
        const QByteArray target = dir + "/restored here";
        const QByteArray big = randomBytes(2 * 1024 * 1024 + 3, 9);
        struct Item
        {
            QByteArray path;
            TarEntry::Type type;
            quint32 mode;
            qint64 mtimeNs;
            QByteArray data;
        };
        const QList<Item> items = {
            {"d ir", TarEntry::Dir, 0750, 1500000000000000000LL, {}},
            {"d ir/f\nile", TarEntry::File, 0640, 1500000001123456789LL, "first file"},
            {"big.bin", TarEntry::File, 0755, 1500000002000000001LL, big},
            {"ünï'code $(x)", TarEntry::File, 0600, 1500000003500000000LL, "unicode"},
            {"empty", TarEntry::File, 0644, 1500000004000000000LL, ""},
        };
        TarStreamWriter w(*m_host);
        Status st = w.open(target);
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));
        for (const Item& it : items) {
            TarEntry e;
            e.path = it.path;
            e.type = it.type;
            e.mode = it.mode;
            e.mtimeNs = it.mtimeNs;
            if (it.type == TarEntry::File)
                st = w.addFile(e, it.data);
            else
                st = w.add(e);
            QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));
        }
        TarEntry ln;
        ln.path = "ln";
        ln.type = TarEntry::Symlink;
        ln.linkTarget = "d ir/f\nile";
        QVERIFY(w.add(ln).ok());
        TarEntry owned;
        owned.path = "owned by www-data";
        owned.mode = 0644;
        owned.owner = owned.group = QStringLiteral("www-data");
        owned.uid = owned.gid = 33;
        QVERIFY(w.addFile(owned, "owner").ok());
        TarEntry evil;
        evil.path = "../escape";
        QCOMPARE(w.add(evil).error().code, Error::Unsafe);
        auto closed = w.close();
        QVERIFY2(closed.ok(), qPrintable(closed.ok() ? QString() : closed.error().message));

        // What the host now has, by the host's own find: modes and nanosecond mtimes kept.
        QMap<QByteArray, ScanEntry> got;
        RemoteScanner scanner(*m_host);
        auto sum = scanner.scan(target, [&](const ScanEntry& e) {
            got.insert(e.path, e);
            return Status{};
        });
        QVERIFY2(sum.ok(), qPrintable(sum.ok() ? QString() : sum.error().message));
        QCOMPARE(got.size(), items.size() + 3); // + "." + ln + owned
        // tar -x keeps owners when it runs as root; otherwise files belong to whoever ran it.
        const bool asRoot = m_host->loginUser() == QLatin1String("root");
        QCOMPARE(got.value("owned by www-data").owner,
                 asRoot ? QStringLiteral("www-data") : m_host->loginUser());
        for (const Item& it : items) {
            QVERIFY2(got.contains(it.path), it.path.constData());
            QCOMPARE(got.value(it.path).mode, it.mode);
            QCOMPARE(got.value(it.path).mtimeNs, it.mtimeNs);
            if (it.type == TarEntry::File)
                QCOMPARE(got.value(it.path).size, it.data.size());
        }
        QCOMPARE(got.value("ln").symlinkTarget, QByteArray("d ir/f\nile"));

        // And the bytes, read back through tar -c.
        QMap<QByteArray, QByteArray> data;
        QByteArray current;
        TarStreamReader::Consumer c;
        c.begin = [&](const TarEntry& e) {
            current = e.path;
            data.insert(e.path, {});
            return Status{};
        };
        c.data = [&](const char* p, qint64 n) {
            data[current].append(p, n);
            return Status{};
        };
        QList<QByteArray> files;
        for (const Item& it : items)
            if (it.type == TarEntry::File)
                files << it.path;
        auto back = TarStreamReader(*m_host).read(target, files, c);
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        for (const Item& it : items)
            if (it.type == TarEntry::File)
                QVERIFY2(data.value(it.path) == it.data, it.path.constData());
        QVERIFY(m_host->exec(QString::fromUtf8("rm -rf " + Host::quote(dir))).ok());
    }

    void tarToHostReportsTarErrors()
    {
        // tar -x cannot create its root: the sentence carries what the host said.
        TarStreamWriter w(*m_host);
        QVERIFY(w.open("/proc/ncb-no-such-place/x").ok());
        TarEntry e;
        e.path = "f";
        (void)w.addFile(e, "data");
        auto r = w.close();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("/proc/ncb-no-such-place")),
                 qPrintable(r.error().message));
    }
};

QTEST_GUILESS_MAIN(TestHostApi)
#include "tst_hostapi.moc"
