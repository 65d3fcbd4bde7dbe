#pragma once
// TarStreamWriter: writes files onto a host as one tar stream piped into `tar -x` there (restore).
// libarchive builds a pax stream (nanosecond mtimes, any file name) whose blocks go straight into
// the command's stdin; mode and mtime are kept, owners too when tar -x runs as root on the host.
// Paths must be relative and stay inside the root: anything else is refused (Error::Unsafe).
//
//   TarStreamWriter w(host);
//   NCB_TRY(w.open("/var/www/nextcloud/data/alice/files"));
//   NCB_TRY(w.add(entry));             // a File entry: then exactly entry.size bytes through write()
//   NCB_TRY(w.write(data, len));
//   auto done = w.close();             // waits for tar; its complaints become Error::Remote

#include "host/Host.h"
#include "host/TarEntry.h"

#include <memory>

struct archive;

namespace ncb::host {

class TarStreamWriter
{
public:
    explicit TarStreamWriter(Host& host);
    ~TarStreamWriter();
    TarStreamWriter(const TarStreamWriter&) = delete;
    TarStreamWriter& operator=(const TarStreamWriter&) = delete;

    // Creates root when missing (mkdir -p) and starts tar -x in it.
    Status open(const QByteArray& root, const ExecOptions& options = {});
    Status add(const TarEntry& entry);
    Status write(const char* data, qint64 len);
    Status addFile(const TarEntry& entry, const QByteArray& data);
    // Ends the archive, waits for tar on the host. Without close() nothing is promised to be written.
    Result<ExecResult> close();

    static QByteArray command(const QByteArray& root);

    struct Context; // libarchive's callback state (public for the C callback only)

private:
    Status archiveError(const char* what);

    Host& m_host;
    ExecOptions m_options;
    std::unique_ptr<ExecStream> m_stream;
    std::unique_ptr<Context> m_ctx;
    archive* m_archive = nullptr;
    qint64 m_remaining = 0; // data bytes the current File entry still needs
};

} // namespace ncb::host
