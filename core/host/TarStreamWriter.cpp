#include "host/TarStreamWriter.h"

#include "repository/SafePath.h"

#include <QList>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>

namespace ncb::host {

struct TarStreamWriter::Context
{
    ExecStream* stream = nullptr;
    bool streamFailed = false;
    Error error;
};

namespace {

la_ssize_t writeCallback(struct archive* a, void* ctx, const void* buf, size_t len)
{
    auto* c = static_cast<TarStreamWriter::Context*>(ctx);
    Status st = c->stream->write(static_cast<const char*>(buf), static_cast<qint64>(len));
    if (!st) {
        c->streamFailed = true;
        c->error = st.error();
        archive_set_error(a, EIO, "stream failed");
        return -1;
    }
    return static_cast<la_ssize_t>(len);
}

// The one path rule (repository/SafePath): no "..", ".", empty components, absolute paths or NUL.
bool unsafePath(const QByteArray& p)
{
    return !repo::unsafePathReason(p).isEmpty();
}

} // namespace

TarStreamWriter::TarStreamWriter(Host& host) : m_host(host)
{
}

TarStreamWriter::~TarStreamWriter()
{
    if (m_archive)
        archive_write_free(m_archive); // unfinished: the stream is dropped, tar -x sees a cut archive
}

QByteArray TarStreamWriter::command(const QByteArray& root)
{
    // -p: modes as in the archive, not masked by umask. As root, tar also restores owners (by name).
    return "mkdir -p -- " + Host::quote(root) + " && exec tar -C " + Host::quote(root) + " -xpf -";
}

Status TarStreamWriter::archiveError(const char* what)
{
    if (m_ctx && m_ctx->streamFailed) {
        // Prefer what tar said (disk full, permission) over "stopped reading its input".
        const QByteArray err = m_stream ? m_stream->stderrSoFar().trimmed() : QByteArray();
        if (!err.isEmpty())
            return Error::make(Error::Remote,
                               QStringLiteral("tar on %1 failed: %2")
                                   .arg(m_host.displayName(), QString::fromUtf8(err.left(300))));
        return m_ctx->error;
    }
    return Error::make(Error::Generic,
                       QStringLiteral("Cannot build the tar stream (%1: %2).")
                           .arg(QLatin1String(what), QString::fromUtf8(archive_error_string(m_archive))));
}

Status TarStreamWriter::open(const QByteArray& root, const ExecOptions& options)
{
    if (m_archive)
        return Error::make(Error::Generic, QStringLiteral("The tar stream is already open."));
    m_options = options;
    auto started = m_host.start(QString::fromUtf8(command(root)), options);
    if (!started)
        return started.error();
    m_stream = std::move(started.value());
    m_ctx = std::make_unique<Context>();
    m_ctx->stream = m_stream.get();
    m_archive = archive_write_new();
    archive_write_set_format_pax(m_archive);
    archive_write_set_bytes_per_block(m_archive, 64 * 1024);
    if (archive_write_open(m_archive, m_ctx.get(), nullptr, writeCallback, nullptr) != ARCHIVE_OK)
        return archiveError("open");
    return {};
}

Status TarStreamWriter::add(const TarEntry& e)
{
    if (!m_archive)
        return Error::make(Error::Generic, QStringLiteral("The tar stream is not open."));
    if (m_remaining != 0)
        return Error::make(Error::Generic,
                           QStringLiteral("The previous file in the tar stream is incomplete."));
    if (e.path != "." && unsafePath(e.path))
        return Error::make(Error::Unsafe,
                           QStringLiteral("Refusing to restore %1: paths must stay inside the target folder.")
                               .arg(QString::fromUtf8(e.path.left(200))));
    if (e.type == TarEntry::Hardlink && unsafePath(e.linkTarget))
        return Error::make(Error::Unsafe,
                           QStringLiteral("Refusing to restore %1: it links outside the target folder.")
                               .arg(QString::fromUtf8(e.path.left(200))));
    archive_entry* ae = archive_entry_new();
    archive_entry_copy_pathname(ae, e.path.constData());
    switch (e.type) {
    case TarEntry::File:
        archive_entry_set_filetype(ae, AE_IFREG);
        archive_entry_set_size(ae, e.size);
        break;
    case TarEntry::Dir:
        archive_entry_set_filetype(ae, AE_IFDIR);
        archive_entry_set_size(ae, 0);
        break;
    case TarEntry::Symlink:
        archive_entry_set_filetype(ae, AE_IFLNK);
        archive_entry_copy_symlink(ae, e.linkTarget.constData());
        archive_entry_set_size(ae, 0);
        break;
    case TarEntry::Hardlink:
        archive_entry_set_filetype(ae, AE_IFREG);
        archive_entry_copy_hardlink(ae, e.linkTarget.constData());
        archive_entry_set_size(ae, 0);
        break;
    case TarEntry::Other:
        archive_entry_free(ae);
        return Error::make(Error::Generic,
                           QStringLiteral("Cannot restore %1: only files, folders and links can be restored.")
                               .arg(QString::fromUtf8(e.path.left(200))));
    }
    archive_entry_set_perm(ae, e.mode & 07777);
    archive_entry_set_mtime(ae, e.mtimeNs / 1000000000LL, e.mtimeNs % 1000000000LL);
    archive_entry_set_uid(ae, e.uid);
    archive_entry_set_gid(ae, e.gid);
    if (!e.owner.isEmpty())
        archive_entry_copy_uname(ae, e.owner.toUtf8().constData());
    if (!e.group.isEmpty())
        archive_entry_copy_gname(ae, e.group.toUtf8().constData());
    const int r = archive_write_header(m_archive, ae);
    archive_entry_free(ae);
    if (r < ARCHIVE_WARN)
        return archiveError("header");
    m_remaining = e.type == TarEntry::File ? e.size : 0;
    return {};
}

Status TarStreamWriter::write(const char* data, qint64 len)
{
    if (len > m_remaining)
        return Error::make(Error::Generic,
                           QStringLiteral("More data than the file's size was given to the tar stream."));
    while (len > 0) {
        if (m_options.cancel && m_options.cancel())
            return Error::make(Error::Cancelled, QStringLiteral("Stopped by the user."));
        const la_ssize_t n =
            archive_write_data(m_archive, data, static_cast<size_t>(qMin<qint64>(len, 1 << 20)));
        if (n < 0)
            return archiveError("data");
        data += n;
        len -= n;
        m_remaining -= n;
    }
    return {};
}

Status TarStreamWriter::addFile(const TarEntry& entry, const QByteArray& data)
{
    TarEntry e = entry;
    e.type = TarEntry::File;
    e.size = data.size();
    NCB_TRY(add(e));
    return write(data.constData(), data.size());
}

Result<ExecResult> TarStreamWriter::close()
{
    if (!m_archive)
        return Error::make(Error::Generic, QStringLiteral("The tar stream is not open."));
    if (m_remaining != 0)
        return Error::make(Error::Generic, QStringLiteral("The last file in the tar stream is incomplete."));
    const int r = archive_write_close(m_archive);
    if (r < ARCHIVE_WARN) {
        // tar -x stops reading once it has the two zero blocks that end the archive, and may exit before
        // the rest of the last record (padding) arrives: its input is then closed under our last write.
        // That is no failure when tar itself succeeded.
        const bool inputClosed = m_ctx && m_ctx->streamFailed && m_ctx->error.code == Error::Io;
        Status st = archiveError("close");
        archive_write_free(m_archive);
        m_archive = nullptr;
        if (inputClosed) {
            auto fin = m_stream->finish();
            m_stream.reset();
            if (fin && fin->exitCode == 0)
                return fin;
        }
        return st.error();
    }
    archive_write_free(m_archive);
    m_archive = nullptr;
    auto fin = m_stream->finish();
    m_stream.reset();
    if (!fin)
        return fin.error();
    if (auto sudoErr = m_host.sudoFailure(fin->exitCode, fin->err); sudoErr && m_options.useRunAs)
        return *sudoErr;
    if (fin->exitCode != 0)
        return Error::make(Error::Remote,
                           QStringLiteral("tar on %1 failed: %2")
                               .arg(m_host.displayName(), QString::fromUtf8(fin->err.trimmed().left(300))));
    return fin;
}

} // namespace ncb::host
