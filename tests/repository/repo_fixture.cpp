// Test helper for the CLI script tests: stores MIB mebibytes of random data (chunked as a backup would)
// and one manifest in an existing repository, like a small backup run would. Until the snapshot commands
// exist this is how the scripts get packs to damage, fill disks with and check.
// usage: repo_fixture REPO PASSWORD_FILE MIB [SEED]
#include "repository/Chunker.h"
#include "repository/RepoLock.h"
#include "repository/Repository.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
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
    const int mib = QString::fromLatin1(argv[3]).toInt();
    QRandomGenerator g(argc > 4 ? QString::fromLatin1(argv[4]).toUInt() : 1);
    Chunker chunker((*r)->config().chunker, (*r)->gearTable());
    QByteArray buf(1 << 20, Qt::Uninitialized), chunk;
    QByteArray list;
    auto store = [&](const QByteArray& c) -> Status {
        const BlobId id = (*r)->blobId(c.constData(), c.size());
        auto put = (*r)->putBlob(BlobType::Data, id, c.constData(), c.size());
        if (!put)
            return put.error();
        list += toHex(id).toLatin1() + '\n';
        return {};
    };
    for (int i = 0; i < mib; ++i) {
        g.fillRange(reinterpret_cast<quint32*>(buf.data()), buf.size() / 4);
        std::size_t off = 0;
        while (off < std::size_t(buf.size())) {
            const std::size_t n = chunker.findCut(buf.constData() + off, buf.size() - off);
            const std::size_t take = n == Chunker::npos ? buf.size() - off : n;
            chunk.append(buf.constData() + off, qsizetype(take));
            off += take;
            if (n != Chunker::npos) {
                if (Status s = store(chunk); !s)
                    return fail(s.error());
                chunk.clear();
            }
        }
    }
    if (!chunk.isEmpty())
        if (Status s = store(chunk); !s)
            return fail(s.error());
    if (Status s = (*r)->flush(); !s)
        return fail(s.error());
    auto m = (*r)->writeManifest(list);
    if (!m)
        return fail(m.error());
    std::printf("%s\n", qPrintable(*m));
    return 0;
}
