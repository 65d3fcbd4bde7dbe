// Throughput of `tar cf - DIR` read through SshHost (as the backup reads files) against the OpenSSH
// client piping the same command into /dev/null. Uses the NCB_SSH_* variables of the tests.
//   host_tar_bench DIR [rounds]      tar stream speed
//   host_tar_bench --scan DIR        scan speed
#include "SshTestEnv.h"
#include "host/RemoteScanner.h"
#include "host/SshHost.h"
#include "host/TarStreamReader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <cstdio>

using namespace ncb::host;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: host_tar_bench DIR [rounds]\n");
        return 2;
    }
    const bool scanOnly = QByteArray(argv[1]) == "--scan";
    if (scanOnly) {
        --argc;
        ++argv;
    }
    if (argc < 2) {
        std::fprintf(stderr, "usage: host_tar_bench [--scan] DIR [rounds]\n");
        return 2;
    }
    const QByteArray dir = argv[1];
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    SshTestEnv env;
    if (const QString m = env.load(); !m.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(m));
        return 2;
    }
    SshHost host(env.config());
    if (auto st = host.connect(); !st) {
        std::fprintf(stderr, "%s\n", qPrintable(st.error().message));
        return 1;
    }
    if (scanOnly) {
        // Scan speed: one round trip, entries parsed as they stream in.
        QElapsedTimer t;
        t.start();
        qint64 entries = 0;
        auto r = RemoteScanner(host).scan(dir, [&](const ScanEntry&) {
            ++entries;
            return ncb::Status{};
        });
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
            return 1;
        }
        std::printf("scan: %lld entries in %.2f s = %.0f entries/s\n", static_cast<long long>(entries), t.elapsed() / 1000.0,
                    entries / (t.elapsed() / 1000.0));
        return 0;
    }
    const QString cmd = QStringLiteral("tar cf - -C %1 .").arg(Host::quote(QString::fromUtf8(dir)));
    double bestOurs = 1e9, bestSsh = 1e9, bestSshSame = 1e9;
    qint64 bytes = 0;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        auto s = host.start(cmd);
        if (!s) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
            return 1;
        }
        std::vector<char> buf(1 << 20);
        qint64 n, total = 0;
        while ((n = (*s)->read(buf.data(), qint64(buf.size()))) > 0)
            total += n;
        auto fin = (*s)->finish();
        bestOurs = std::min(bestOurs, t.elapsed() / 1000.0);
        bytes = total;

        // The OpenSSH client with its own cipher choice, then with the cipher SshHost negotiated.
        for (bool same : {false, true}) {
            t.restart();
            QProcess p;
            p.setStandardOutputFile(QProcess::nullDevice());
            QStringList args = {QStringLiteral("-i"), env.key,
                                QStringLiteral("-p"), QString::number(env.port),
                                QStringLiteral("-o"), QStringLiteral("UserKnownHostsFile=") + env.knownHosts,
                                QStringLiteral("-o"), QStringLiteral("BatchMode=yes")};
            if (same)
                args << QStringLiteral("-c") << host.cipher();
            args << env.user + QLatin1Char('@') + env.host << cmd;
            p.start(QStringLiteral("ssh"), args);
            p.waitForFinished(-1);
            double& best = same ? bestSshSame : bestSsh;
            best = std::min(best, t.elapsed() / 1000.0);
        }
    }
    // The whole read path of a backup: scan, then the file list through TarStreamReader (libarchive).
    QList<QByteArray> files;
    auto scanned = RemoteScanner(host).scan(dir, [&](const ScanEntry& e) {
        if (e.type == ScanEntry::File)
            files << e.path;
        return ncb::Status{};
    });
    double bestReader = 1e9;
    for (int i = 0; scanned && i < rounds; ++i) {
        QElapsedTimer t;
        t.start();
        TarStreamReader::Consumer c;
        qint64 got = 0;
        c.data = [&](const char*, qint64 n) {
            got += n;
            return ncb::Status{};
        };
        auto r = TarStreamReader(host).read(dir, files, c);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
            return 1;
        }
        bestReader = std::min(bestReader, t.elapsed() / 1000.0);
    }
    const double mb = bytes / 1048576.0;
    std::printf("%.0f MiB, best of %d, SshHost cipher %s\n"
                "SshHost:                  %.2f s = %4.0f MiB/s\n"
                "ssh (its default cipher): %.2f s = %4.0f MiB/s  ratio %.2f\n"
                "ssh -c same cipher:       %.2f s = %4.0f MiB/s  ratio %.2f\n",
                mb, rounds, qPrintable(host.cipher()), bestOurs, mb / bestOurs, bestSsh, mb / bestSsh,
                bestSsh / bestOurs, bestSshSame, mb / bestSshSame, bestSshSame / bestOurs);
    std::printf("TarStreamReader (%lld files, libarchive): %.2f s = %4.0f MiB/s\n",
                static_cast<long long>(files.size()), bestReader, mb / bestReader);
    return 0;
}
