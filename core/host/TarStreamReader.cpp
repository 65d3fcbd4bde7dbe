#include "host/TarStreamReader.h"

#include <QList>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstring>
#include <vector>

namespace ncb::host {

namespace {

struct ReadContext
{
    ExecStream* stream = nullptr;
    std::vector<char> buf = std::vector<char>(1024 * 1024);
    bool streamFailed = false;
};

la_ssize_t readCallback(struct archive* a, void* ctx, const void** buffer)
{
    auto* c = static_cast<ReadContext*>(ctx);
    const qint64 n = c->stream->read(c->buf.data(), static_cast<qint64>(c->buf.size()));
    if (n < 0) {
        c->streamFailed = true;
        archive_set_error(a, EIO, "stream failed");
        return -1;
    }
    *buffer = c->buf.data();
    return static_cast<la_ssize_t>(n);
}

TarEntry entryFrom(archive_entry* ae)
{
    TarEntry e;
    const char* p = archive_entry_pathname(ae);
    e.path = p ? QByteArray(p) : QByteArray();
    while (e.path.size() > 1 && e.path.endsWith('/'))
        e.path.chop(1);
    if (e.path.startsWith("./") && e.path.size() > 2)
        e.path.remove(0, 2);
    if (e.path == "./" || e.path.isEmpty())
        e.path = ".";
    if (const char* h = archive_entry_hardlink(ae)) {
        e.type = TarEntry::Hardlink;
        e.linkTarget = h;
    } else {
        switch (archive_entry_filetype(ae)) {
        case AE_IFREG:
            e.type = TarEntry::File;
            break;
        case AE_IFDIR:
            e.type = TarEntry::Dir;
            break;
        case AE_IFLNK:
            e.type = TarEntry::Symlink;
            if (const char* t = archive_entry_symlink(ae))
                e.linkTarget = t;
            break;
        default:
            e.type = TarEntry::Other;
            break;
        }
    }
    e.size = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : 0;
    e.mtimeNs = qint64(archive_entry_mtime(ae)) * 1000000000LL + archive_entry_mtime_nsec(ae);
    e.mode = archive_entry_perm(ae) & 07777;
    e.uid = static_cast<quint32>(archive_entry_uid(ae));
    e.gid = static_cast<quint32>(archive_entry_gid(ae));
    if (const char* u = archive_entry_uname(ae))
        e.owner = QString::fromUtf8(u);
    if (const char* g = archive_entry_gname(ae))
        e.group = QString::fromUtf8(g);
    return e;
}

bool unsafePath(const QByteArray& p)
{
    if (p.isEmpty() || p.startsWith('/') || p.contains('\0'))
        return true;
    for (const QByteArray& part : p.split('/'))
        if (part == "..")
            return true;
    return false;
}

} // namespace

QByteArray TarStreamReader::command(const QByteArray& root)
{
    // --verbatim-files-from / --no-unquote: names from the list are taken literally, even "-C" or "a\\n";
    // --hard-dereference: every listed file comes with its data, never as a link to an earlier member.
    return "exec tar -C " + Host::quote(root) +
           " -cf - --format=gnu --null --verbatim-files-from --no-unquote --no-recursion"
           " --hard-dereference --ignore-failed-read -T -";
}

Result<TarReadSummary> TarStreamReader::parse(ExecStream& stream, const Consumer& consumer)
{
    TarReadSummary sum;
    ReadContext ctx;
    ctx.stream = &stream;
    archive* a = archive_read_new();
    archive_read_support_format_tar(a);
    struct Closer
    {
        archive* a;
        ~Closer() { archive_read_free(a); }
    } closer{a};

    auto archiveError = [&](const char* what) -> Error {
        if (ctx.streamFailed)
            return stream.error();
        return Error::make(Error::Remote,
                           QStringLiteral("The tar stream from the host is damaged (%1: %2).")
                               .arg(QLatin1String(what), QString::fromUtf8(archive_error_string(a))));
    };

    if (archive_read_open(a, &ctx, nullptr, readCallback, nullptr) != ARCHIVE_OK)
        return archiveError("open");
    for (;;) {
        archive_entry* ae = nullptr;
        const int r = archive_read_next_header(a, &ae);
        if (r == ARCHIVE_EOF)
            break;
        if (r < ARCHIVE_WARN)
            return archiveError("header");
        const TarEntry e = entryFrom(ae);
        if (consumer.begin)
            NCB_TRY(consumer.begin(e));
        qint64 written = 0;
        if (e.type == TarEntry::File) {
            static const char zeros[65536] = {};
            for (;;) {
                const void* block = nullptr;
                size_t size = 0;
                la_int64_t offset = 0;
                const int d = archive_read_data_block(a, &block, &size, &offset);
                if (d == ARCHIVE_EOF)
                    break;
                if (d < ARCHIVE_WARN)
                    return archiveError("data");
                while (written < offset) { // a hole in a sparse member
                    const qint64 z = qMin<qint64>(offset - written, sizeof zeros);
                    if (consumer.data)
                        NCB_TRY(consumer.data(zeros, z));
                    written += z;
                }
                if (size > 0 && consumer.data)
                    NCB_TRY(consumer.data(static_cast<const char*>(block), static_cast<qint64>(size)));
                written += static_cast<qint64>(size);
            }
            while (written < e.size) { // trailing hole
                const qint64 z = qMin<qint64>(e.size - written, sizeof zeros);
                if (consumer.data)
                    NCB_TRY(consumer.data(zeros, z));
                written += z;
            }
        }
        if (consumer.end)
            NCB_TRY(consumer.end());
        ++sum.entries;
        sum.bytes += written;
    }
    return sum;
}

Result<TarReadSummary> TarStreamReader::read(const QByteArray& root, const QList<QByteArray>& files,
                                             const Consumer& consumer, const ExecOptions& options)
{
    if (files.isEmpty())
        return TarReadSummary{};
    QByteArray list;
    for (const QByteArray& f : files) {
        if (unsafePath(f) && f != ".")
            return Error::make(Error::Unsafe,
                               QStringLiteral("Refusing to read %1: paths must stay inside the root.")
                                   .arg(QString::fromUtf8(f.left(200))));
        list += f;
        list += '\0';
    }
    auto started = m_host.start(QString::fromUtf8(command(root)), options);
    if (!started)
        return started.error();
    std::unique_ptr<ExecStream> s = std::move(started.value());
    s->queueStdin(list, true); // fed while we read, so a long list never blocks against the output
    list = QByteArray();

    auto parsed = parse(*s, consumer);
    if (!parsed && parsed.error().code != Error::Remote)
        return parsed.error(); // the consumer or the link stopped it: drop the stream, do not drain it
    if (!parsed) {
        // A failed start (no tar, sudo, missing root) shows up as a stream that is not a tar at all.
        auto fin = s->finish();
        if (fin) {
            if (auto sudoErr = m_host.sudoFailure(fin->exitCode, fin->err); sudoErr && options.useRunAs)
                return *sudoErr;
            if (fin->exitCode != 0 && parsed.error().code == Error::Remote)
                return Error::make(Error::Remote, QStringLiteral("tar on %1 failed: %2")
                                                      .arg(m_host.displayName(),
                                                           QString::fromUtf8(fin->err.trimmed().left(300))));
        }
        return parsed.error();
    }
    auto fin = s->finish();
    if (!fin)
        return fin.error();
    if (auto sudoErr = m_host.sudoFailure(fin->exitCode, fin->err); sudoErr && options.useRunAs)
        return *sudoErr;
    // 1: a file changed while tar read it (the delta pass catches it); 2+: fatal.
    if (fin->exitCode != 0 && fin->exitCode != 1)
        return Error::make(Error::Remote,
                           QStringLiteral("tar on %1 failed: %2")
                               .arg(m_host.displayName(), QString::fromUtf8(fin->err.trimmed().left(300))));
    parsed->warnings = fin->err;
    return parsed;
}

} // namespace ncb::host
