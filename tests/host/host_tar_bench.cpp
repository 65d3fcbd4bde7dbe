// Throughput of `tar cf - DIR` read through SshHost (as the backup reads files) against the OpenSSH
// client piping the same command into /dev/null. Uses the NCB_SSH_* variables of the tests.
//   host_tar_bench DIR [rounds]
#include "host/SshHost.h"
#include "SshTestEnv.h"

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
    const QString cmd = QStringLiteral("tar cf - -C %1 .").arg(Host::quote(QString::fromUtf8(dir)));
    double bestOurs = 1e9, bestSsh = 1e9;
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

        t.restart();
        QProcess p;
        p.setStandardOutputFile(QProcess::nullDevice());
        p.start(QStringLiteral("ssh"), {QStringLiteral("-i"), env.key, QStringLiteral("-p"), QString::number(env.port),
                                       QStringLiteral("-o"), QStringLiteral("UserKnownHostsFile=") + env.knownHosts,
                                       QStringLiteral("-o"), QStringLiteral("BatchMode=yes"),
                                       env.user + QLatin1Char('@') + env.host, cmd});
        p.waitForFinished(-1);
        bestSsh = std::min(bestSsh, t.elapsed() / 1000.0);
    }
    const double mb = bytes / 1048576.0;
    std::printf("%.0f MiB, cipher %s\nSshHost: %.2f s = %.0f MiB/s\nssh | /dev/null: %.2f s = %.0f MiB/s\nratio: %.2f\n", mb,
                qPrintable(host.cipher()), bestOurs, mb / bestOurs, bestSsh, mb / bestSsh, bestSsh / bestOurs);
    return 0;
}
