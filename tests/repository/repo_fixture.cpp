// Test helper for the CLI script tests: stores MIB mebibytes of random data (chunked as a backup would)
// and one manifest in an existing repository, like a small backup run would. Until the snapshot commands
// exist this was how the scripts got packs to damage; it now makes a real snapshot of random files.
// usage: repo_fixture REPO PASSWORD_FILE MIB [SEED]
#include "repository/SnapshotCreator.h"
#include "repository/RepoLock.h"
#include "repository/Repository.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace ncb;
using namespace ncb::repo;

static int fail(const Error& e)
{
    std::fprintf(stderr, "repo_fixture: %s\n", qPrintable(e.message));
    return exitCodeFor(e);
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 4)
        return 2;
    QFile pf(QString::fromLocal8Bit(argv[2]));
    if (!pf.open(QIODevice::ReadOnly))
        return 2;
    const QByteArray pw = pf.readAll().trimmed();
    auto r = Repository::open(QString::fromLocal8Bit(argv[1]));
    if (!r)
        return fail(r.error());
    if (Status s = (*r)->unlockWithPassword(pw); !s)
        return fail(s.error());
    auto lock = (*r)->lock(Repository::LockMode::Exclusive);
    if (!lock)
        return fail(lock.error());
    // NCB_FIXTURE_HOLD_SECONDS: keep the lock a while, so a script can try a second writer meanwhile.
    if (const int hold = qEnvironmentVariableIntValue("NCB_FIXTURE_HOLD_SECONDS"); hold > 0)
        QThread::sleep(static_cast<unsigned long>(hold));
    (*r)->setPackSizeTarget(1024 * 1024);
    // MIB mebibytes of seeded random data in a few files, stored as a real snapshot, like a backup run.
    const int mib = QString::fromLatin1(argv[3]).toInt();
    QRandomGenerator g(argc > 4 ? QString::fromLatin1(argv[4]).toUInt() : 1);
    QTemporaryDir src;
    if (!src.isValid())
        return 2;
    QByteArray buf(1 << 20, Qt::Uninitialized);
    for (int i = 0; i < mib; ++i) {
        QFile f(src.filePath(QStringLiteral("data-%1.bin").arg(i / 4)));
        if (!f.open(QIODevice::Append))
            return 2;
        g.fillRange(reinterpret_cast<quint32*>(buf.data()), buf.size() / 4);
        f.write(buf);
    }
    SnapshotCreateOptions opts;
    opts.sourceDir = src.path();
    opts.full = true;
    auto m = SnapshotCreator(**r).run(opts);
    if (!m)
        return fail(m.error());
    std::printf("%s\n", qPrintable(m->snapshotId));
    return 0;
}
