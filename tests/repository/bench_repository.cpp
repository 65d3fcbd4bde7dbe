// Throughput of the storage path a backup takes: chunk -> keyed id -> zstd -> seal -> pack, on N threads.
// Not a test (timings depend on the machine); run by hand: bench_repository [MIB] [THREADS] [DIR]
#include "repository/Chunker.h"
#include "repository/RepoLock.h"
#include "repository/Repository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <atomic>
#include <cstdio>
#include <thread>

using namespace ncb::repo;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int mib = argc > 1 ? atoi(argv[1]) : 512;
    const int threads = argc > 2 ? atoi(argv[2]) : 2;
    QTemporaryDir tmp(argc > 3 ? QString::fromLocal8Bit(argv[3]) + "/bench-XXXXXX" : QDir::tempPath() + "/bench-XXXXXX");
    auto r = Repository::init(tmp.filePath("repo"), "bench");
    if (!r)
        return 1;
    // Half random, half text-like (compressible) data, as files of 8 MiB.
    const qsizetype fileSize = 8 << 20;
    const int files = mib / 8;
    QList<QByteArray> data;
    QRandomGenerator g(1);
    for (int i = 0; i < files; ++i) {
        QByteArray b(fileSize, Qt::Uninitialized);
        if (i % 2 == 0) {
            g.fillRange(reinterpret_cast<quint32*>(b.data()), b.size() / 4);
        } else {
            for (qsizetype j = 0; j < b.size(); ++j)
                b[j] = "lorem ipsum dolor sit amet, consectetur adipiscing elit "[(j * 7 + j / 4099) % 56];
        }
        data << b;
    }
    std::atomic<int> next{0};
    auto cpu = [] {
        rusage u;
        getrusage(RUSAGE_SELF, &u);
        return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    };
    const double cpu0 = cpu();
    QElapsedTimer t;
    t.start();
    auto work = [&] {
        Chunker c((*r)->config().chunker, (*r)->gearTable());
        for (int i; (i = next++) < files;) {
            const QByteArray& f = data[i];
            c.reset();
            std::size_t off = 0;
            while (off < std::size_t(f.size())) {
                std::size_t n = c.findCut(f.constData() + off, f.size() - off);
                if (n == Chunker::npos)
                    n = f.size() - off;
                const BlobId id = (*r)->blobId(f.constData() + off, n);
                if (!(*r)->putBlob(BlobType::Data, id, f.constData() + off, n))
                    std::abort();
                off += n;
            }
        }
    };
    std::vector<std::thread> ts;
    for (int i = 0; i < threads; ++i)
        ts.emplace_back(work);
    for (auto& th : ts)
        th.join();
    if (!(*r)->flush())
        return 1;
    const double s = t.nsecsElapsed() / 1e9;
    const double c = cpu() - cpu0;
    std::printf("%d MiB on %d threads: %.2f s wall, %.0f MiB/s; %.2f s CPU, %.0f MiB per CPU second\n", files * 8,
                threads, s, files * 8 / s, c, files * 8 / c);
    return 0;
}
