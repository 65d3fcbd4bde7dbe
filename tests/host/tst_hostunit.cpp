// Quoting, sudo wrapping and the scan output parser: the pieces that must be right for any file name.
#include "host/LocalHost.h"
#include "host/RemoteScanner.h"
#include "host/StreamLineReader.h"
#include "util/Limits.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace ncb;
using namespace ncb::host;

class TestHostUnit : public QObject
{
    Q_OBJECT
private slots:
    void quoteForms()
    {
        QCOMPARE(Host::quote(QByteArray("plain")), QByteArray("'plain'"));
        QCOMPARE(Host::quote(QByteArray("")), QByteArray("''"));
        QCOMPARE(Host::quote(QByteArray("it's")), QByteArray("'it'\\''s'"));
        QCOMPARE(Host::quote(QString::fromUtf8("ü x")), QString::fromUtf8("'ü x'"));
    }

    void quoteRoundTripsThroughSh_data()
    {
        QTest::addColumn<QByteArray>("s");
        QTest::newRow("space") << QByteArray("a b");
        QTest::newRow("quote") << QByteArray("it's");
        QTest::newRow("quotes") << QByteArray("'''");
        QTest::newRow("subst") << QByteArray("$(touch /tmp/ncb-pwned-$$)");
        QTest::newRow("backtick") << QByteArray("`id`");
        QTest::newRow("newline") << QByteArray("new\nline\n");
        QTest::newRow("dash") << QByteArray("-rf");
        QTest::newRow("glob") << QByteArray("* ? [a]");
        QTest::newRow("escape") << QByteArray("back\\slash\\'");
        QTest::newRow("inject") << QByteArray("'; rm -rf ~; echo '");
        QTest::newRow("unicode") << QByteArray("ünïcødé ✓ 日本");
        QTest::newRow("bang-tab") << QByteArray("!bang\t$HOME ~ %s %%");
        QByteArray ascii;
        for (int c = 1; c < 128; ++c)
            ascii += char(c);
        QTest::newRow("every-ascii-byte") << ascii;
    }
    void quoteRoundTripsThroughSh()
    {
        QFETCH(QByteArray, s);
        LocalHost local;
        // printf %s prints its argument as is: what sh handed over must be exactly s.
        auto r = local.exec(QStringLiteral("printf %s ") + QString::fromUtf8(Host::quote(s)));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->exitCode, 0);
        QCOMPARE(r->out, s);
    }

    void stdinCarriesEveryByte()
    {
        QByteArray all;
        for (int c = 0; c < 256; ++c)
            all += char(c);
        LocalHost local;
        auto r = local.exec(QStringLiteral("od -An -v -tx1 | tr -d ' \\n'"), [&] {
            ExecOptions o;
            o.stdinData = all;
            return o;
        }());
        QVERIFY(r.ok());
        QCOMPARE(r->out, all.toHex());
    }

    void lineReader()
    {
        LocalHost local;
        // 300k lines (several reads' worth), an empty line, a last line without newline.
        auto s = local.start(QStringLiteral("seq 1 300000; printf '\\nlast'"));
        QVERIFY(s.ok());
        StreamLineReader lines(**s);
        qint64 n = 0;
        for (;;) {
            auto r = lines.next();
            QVERIFY(r.ok());
            if (!r->has_value())
                break;
            ++n;
            if (n <= 300000)
                QCOMPARE(**r, QByteArray::number(n));
            else if (n == 300001)
                QCOMPARE(**r, QByteArray());
            else
                QCOMPARE(**r, QByteArray("last"));
        }
        QCOMPARE(n, 300002);
        QCOMPARE((*s)->finish()->exitCode, 0);

        auto z = local.start(QStringLiteral("printf 'a\\nb\\0c\\0'"));
        QVERIFY(z.ok());
        StreamLineReader names(**z, '\0');
        QCOMPARE(*names.next().value(), QByteArray("a\nb"));
        QCOMPARE(*names.next().value(), QByteArray("c"));
        QVERIFY(!names.next().value().has_value());
    }

    void sudoWrapping()
    {
        LocalHost local;
        QCOMPARE(local.wrapped(QStringLiteral("id")), QStringLiteral("id"));
        local.setRunAs(local.loginUser());
        QCOMPARE(local.wrapped(QStringLiteral("id")), QStringLiteral("id"));
        local.setRunAs(QStringLiteral("www-data"));
        if (local.loginUser() != QLatin1String("www-data"))
            QCOMPARE(local.wrapped(QStringLiteral("echo 'x'")),
                     QStringLiteral("sudo -n -u 'www-data' -- sh -c 'echo '\\''x'\\'''"));
        auto e = local.sudoFailure(1, "sudo: a password is required\n");
        QVERIFY(e.has_value());
        QCOMPARE(e->code, Error::Auth);
        QVERIFY2(e->message.startsWith(
                     QStringLiteral("sudo on this machine needs a password for %1: allow NOPASSWD")
                         .arg(local.loginUser())),
                 qPrintable(e->message));
        QVERIFY(!local.sudoFailure(1, "grep found nothing").has_value());
        QVERIFY(!local.sudoFailure(0, "sudo: a password is required").has_value());
    }

    void parserAnySplit()
    {
        // Two N records, then entries; one of them is inside a .nobackup folder.
        QByteArray out;
        out += QByteArray("Nskip/.nobackup") + '\0';
        auto rec = [](QByteArray path, char type, QByteArray size, QByteArray link = {}) {
            QList<QByteArray> f = {"E" + path,
                                   QByteArray(1, type),
                                   size,
                                   "1700000000.1234567890",
                                   "1700000001.5",
                                   "42",
                                   "4755",
                                   "1000",
                                   "33",
                                   "alice",
                                   "www-data",
                                   "2049",
                                   link};
            QByteArray r;
            for (const auto& x : f)
                r += x + '\0';
            return r;
        };
        out += rec("", 'd', "4096");
        out += rec("a\nb", 'f', "12");
        out += rec("skip", 'd', "4096");
        out += rec("skip/x", 'f', "3");
        out += rec("skipper", 'f', "5");
        out += rec("ln", 'l', "7", "tar\nget");
        for (int step : {1, 3, 7, 1 << 20}) {
            QList<ScanEntry> got;
            ScanOutputParser p([&](const ScanEntry& e) {
                got.append(e);
                return Status{};
            });
            for (qsizetype i = 0; i < out.size(); i += step)
                QVERIFY(p.feed(out.constData() + i, qMin<qsizetype>(step, out.size() - i)).ok());
            QVERIFY(p.finish().ok());
            QCOMPARE(got.size(), 4);
            QCOMPARE(got[0].path, QByteArray("."));
            QCOMPARE(got[1].path, QByteArray("a\nb"));
            QCOMPARE(got[1].size, 12);
            QCOMPARE(got[1].mtimeNs, 1700000000123456789LL);
            QCOMPARE(got[1].ctimeNs, 1700000001500000000LL);
            QCOMPARE(got[1].mode, 04755u);
            QCOMPARE(got[1].owner, QStringLiteral("alice"));
            QCOMPARE(got[1].gid, 33u);
            QCOMPARE(got[1].device, 2049u);
            QCOMPARE(got[2].path, QByteArray("skipper")); // a sibling with the same prefix stays
            QCOMPARE(got[3].type, ScanEntry::Symlink);
            QCOMPARE(got[3].symlinkTarget, QByteArray("tar\nget"));
            QCOMPARE(p.summary().skipped, QList<QByteArray>{QByteArray("skip")});
        }
    }

    void parserNumericIds()
    {
        // setNames(false): 11 fields per entry, owner and group left empty.
        QByteArray out;
        for (const char* f : {"Ea", "f", "12", "1700000000.5", "1700000001", "42", "644", "1000", "33", "2049", "",
                              "Eln", "l", "3", "1", "1", "43", "777", "0", "0", "2049", "a/b"})
            out += QByteArray(f) + '\0';
        QList<ScanEntry> got;
        ScanOutputParser p(
            [&](const ScanEntry& e) {
                got.append(e);
                return Status{};
            },
            false);
        QVERIFY(p.feed(out.constData(), out.size()).ok());
        QVERIFY(p.finish().ok());
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].uid, 1000u);
        QCOMPARE(got[0].gid, 33u);
        QCOMPARE(got[0].device, 2049u);
        QVERIFY(got[0].owner.isEmpty() && got[0].group.isEmpty());
        QCOMPARE(got[1].type, ScanEntry::Symlink);
        QCOMPARE(got[1].symlinkTarget, QByteArray("a/b"));
    }

    void parserClockAndRelativePaths()
    {
        // The host's clock and filesystem type before the entries; listAndScan()'s paths are find's %p
        // from inside the root ("./a/b", "."), given back relative to it like %P ones.
        QByteArray out;
        for (const char* f : {"T1700000000.123456789", "Fext2/ext3", "E.", "d", "4096", "1", "1", "2", "755", "0", "0",
                              "2049", "", "E./a b/c", "f", "3", "1", "1700000002.5", "3", "644", "0", "0", "2049", "",
                              "N./skip/.nobackup", "E./skip/x", "f", "1", "1", "1", "4", "644", "0", "0", "2049", ""})
            out += QByteArray(f) + '\0';
        QList<ScanEntry> got;
        ScanOutputParser p(
            [&](const ScanEntry& e) {
                got.append(e);
                return Status{};
            },
            false, true);
        for (qsizetype i = 0; i < out.size(); i += 5)
            QVERIFY(p.feed(out.constData() + i, qMin<qsizetype>(5, out.size() - i)).ok());
        QVERIFY(p.finish().ok());
        QCOMPARE(p.summary().hostClockNs, 1700000000123456789LL);
        QCOMPARE(p.summary().fsType, QByteArray("ext2/ext3"));
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].path, QByteArray("."));
        QCOMPARE(got[1].path, QByteArray("a b/c"));
        QCOMPARE(got[1].ctimeNs, 1700000002500000000LL);
        QCOMPARE(p.summary().skipped, QList<QByteArray>{QByteArray("skip")});

        // A date without %N: the clock stays unknown (the delta pass then scans everything again).
        ScanOutputParser q([](const ScanEntry&) { return Status{}; }, false);
        const QByteArray t = QByteArray("T1700000000.N") + '\0';
        QVERIFY(q.feed(t.constData(), t.size()).ok());
        QCOMPARE(q.summary().hostClockNs, 0);

        // The changed-since command asks find for ctimes from that instant on, nanoseconds included.
        QVERIFY(RemoteScanner::changedCommand("/srv/x", 1700000000000000042LL).contains("-newerct @1700000000.000000042 "));
        const QByteArray l = RemoteScanner::listCommand("/srv/x", {".", "a'b"}, {"-n"});
        QVERIFY(l.contains("find '.' './a'\\''b' -mindepth 1 -maxdepth 1"));
        QVERIFY(l.contains("find './-n' -xdev -name .nobackup"));
    }

    void pruneKeepsFindOutOfExcludedFolders()
    {
        // The data directory inside the server root, a name with glob characters, and a file excluded by
        // path: each is reported itself, nothing under a pruned folder is, the rest is untouched.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString r = dir.path();
        for (const char* d : {"data/alice/files", "da[ta]*/x", "apps/files", "dat"})
            QVERIFY(QDir().mkpath(r + "/" + d));
        for (const char* f : {"data/alice/files/a.txt", "da[ta]*/x/y", "apps/files/app.php", "dat/z", "owncloud.db"}) {
            QFile file(r + "/" + f);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        LocalHost local;
        RemoteScanner scanner(local);
        scanner.setNames(false);
        scanner.setPrune({"data", "da[ta]*", "owncloud.db"});
        QSet<QByteArray> seen;
        auto sum = scanner.scan(r.toUtf8(), [&](const ScanEntry& e) {
            seen.insert(e.path);
            return Status{};
        });
        QVERIFY2(sum.ok(), sum ? "" : qPrintable(sum.error().message));
        const QSet<QByteArray> want{".", "data", "da[ta]*", "apps", "apps/files", "apps/files/app.php", "dat", "dat/z", "owncloud.db"};
        QCOMPARE(seen, want);

        // The delta pass's question prunes the same way.
        QSet<QByteArray> changed;
        auto ch = scanner.changedSince(r.toUtf8(), 0, [&](const ScanEntry& e) {
            changed.insert(e.path);
            return Status{};
        });
        QVERIFY(ch.ok());
        QCOMPARE(changed, want);
    }

    void parserRejectsCutAndGarbage()
    {
        ScanOutputParser cut([](const ScanEntry&) { return Status{}; });
        QByteArray half = QByteArray("Ea") + '\0' + "f" + '\0' + "12";
        QVERIFY(cut.feed(half.constData(), half.size()).ok());
        QCOMPARE(cut.finish().error().code, Error::Network);

        ScanOutputParser junk([](const ScanEntry&) { return Status{}; });
        QByteArray j = QByteArray("find: unknown predicate") + '\0';
        QCOMPARE(junk.feed(j.constData(), j.size()).error().code, Error::Remote);

        ScanOutputParser bad([](const ScanEntry&) { return Status{}; });
        QByteArray b;
        for (const char* f : {"Ex", "f", "notanumber", "1", "1", "1", "644", "0", "0", "r", "r", "1", ""})
            b += QByteArray(f) + '\0';
        QCOMPARE(bad.feed(b.constData(), b.size()).error().code, Error::Remote);
    }

    // What a host can make the client hold (util/Limits.h): past a limit the parse stops with one
    // sentence naming it; at the limit everything is accepted.
    void parserStopsAtLimits()
    {
        QVERIFY(qEnvironmentVariableIsEmpty("NCBACKUP_LIMIT_ENTRIES"));
        QCOMPARE(limits::maxEntries(), qint64(50'000'000)); // the real default, not a test value
        auto record = [](const QByteArray& path, const QByteArray& target = {}) {
            QByteArray r;
            for (const QByteArray& f : {QByteArray("E") + path, QByteArray(target.isEmpty() ? "f" : "l"), QByteArray("1"),
                                        QByteArray("1.0"), QByteArray("1.0"), QByteArray("1"), QByteArray("644"),
                                        QByteArray("0"), QByteArray("0"), QByteArray("1"), target})
                r += f + '\0';
            return r;
        };
        auto parse = [](const QByteArray& out) {
            ScanOutputParser p([](const ScanEntry&) { return Status{}; }, false);
            Status st = p.feed(out.constData(), out.size());
            return st.ok() ? p.finish() : st;
        };
        // A symlink target of 4,096 bytes is taken, a longer one is not. (Path length and depth are
        // checked by HostSource after its exclusions: tests/backup/backup_limits.sh.)
        QVERIFY(parse(record("l", QByteArray(4096, 't'))).ok());
        Status st = parse(record("l", QByteArray(4097, 't')));
        QCOMPARE(st.error().code, Error::Remote);
        QVERIFY2(st.error().message.contains("target is 4,097 bytes long (the limit is 4,096)"), qPrintable(st.error().message));
        // A record that never ends is not buffered without bound.
        ScanOutputParser endless([](const ScanEntry&) { return Status{}; }, false);
        const QByteArray block(256 * 1024, 'x');
        QVERIFY(endless.feed("E", 1).ok());
        st = endless.feed(block.constData(), block.size());
        QCOMPARE(st.error().code, Error::Remote);
        QVERIFY2(st.error().message.contains("longer than 64 KiB"), qPrintable(st.error().message));
    }
};

QTEST_GUILESS_MAIN(TestHostUnit)
#include "tst_hostunit.moc"
