#pragma once
// TarStreamReader: reads files from a host as one tar stream. The host runs
//   tar -C ROOT -cf - --null -T -          (plus options that keep names literal, see command())
// with the NUL-separated file list fed on stdin while the stream is read (no deadlock for long lists),
// and libarchive parses the stream pulled from the exec channel. Each member's header and then its data
// blocks go to the consumer as they arrive: a 10 GB file never sits in memory. The stream is pulled on a
// helper thread up to 8 MiB ahead, so the transfer overlaps what the consumer does with the data.
// Files that vanished between scan and read are skipped by tar (--ignore-failed-read) and named in
// TarReadSummary::warnings; the caller sees which paths never came.

#include "host/Host.h"
#include "host/TarEntry.h"

#include <QList>
#include <atomic>
#include <functional>

namespace ncb::host {

struct TarReadSummary
{
    qint64 entries = 0;
    qint64 bytes = 0;
    QByteArray warnings; // tar's stderr
};

class TarStreamReader
{
public:
    struct Consumer
    {
        std::function<Status(const TarEntry&)> begin;    // header
        std::function<Status(const char*, qint64)> data; // data blocks, in order
        std::function<Status()> end;                     // member complete (optional)
    };

    explicit TarStreamReader(Host& host) : m_host(host) {}

    // files: paths relative to root. Directories are not recursed into (--no-recursion): list what you want.
    Result<TarReadSummary> read(const QByteArray& root, const QList<QByteArray>& files,
                                const Consumer& consumer, const ExecOptions& options = {});
    // Parse a tar stream from any ExecStream (exposed for tests and for streams started elsewhere).
    // The stream is read on a helper thread, up to 8 MiB ahead of the consumer (see ReadAhead in the
    // .cpp); the stream must not be used elsewhere until parse() returns.
    static Result<TarReadSummary> parse(ExecStream& stream, const Consumer& consumer);
    // abandon: set while parse() stops early, so a read blocked on the stream gives up (the stream's
    // cancel check must poll it); false again when parse() returns.
    static Result<TarReadSummary> parse(ExecStream& stream, const Consumer& consumer,
                                        std::atomic_bool* abandon);

    static QByteArray command(const QByteArray& root);

private:
    Host& m_host;
};

} // namespace ncb::host
