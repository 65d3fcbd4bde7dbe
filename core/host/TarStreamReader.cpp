#include "host/TarStreamReader.h"

#include "repository/SafePath.h"

#include <QList>
#include <archive.h>
#include <archive_entry.h>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace ncb::host {

namespace {

// Reads the stream on its own thread, up to kPieces x kPiece bytes ahead of libarchive. The transfer
// (for SSH: receiving, decrypting and acknowledging packets, which keeps the channel window open) thus
// goes on while the consumer chunks, hashes or waits for the repository; reading only from the parsing
// thread left the sender idle whenever the consumer was busy. Only this thread touches the stream until
// the ReadAhead is destroyed.
class ReadAhead
{
public:
    static constexpr std::size_t kPiece = 256 * 1024; // handed over when full, or at the end
    static constexpr int kPieces = 32;                // 8 MiB ahead

    ReadAhead(ExecStream& stream, std::atomic_bool* abandon) : m_stream(stream), m_abandon(abandon)
    {
        for (int i = 0; i < kPieces; ++i)
            m_free.emplace_back(kPiece);
        m_thread = std::thread([this] { run(); });
    }

    ~ReadAhead()
    {
        {
            std::lock_guard g(m_mutex);
            m_stop = true;
        }
        if (m_abandon && m_early)
            m_abandon->store(true); // a read() blocked on a silent command gives up within its poll
        m_cv.notify_all();
        m_thread.join();
        if (m_abandon)
            m_abandon->store(false);
    }

    // The parse reached the end of the archive: let the last read finish instead of abandoning it.
    void completed() { m_early = false; }

    // The next piece; valid until the next call. 0 at the end of the stream, -1 when it failed.
    la_ssize_t next(const void** buffer)
    {
        std::unique_lock g(m_mutex);
        if (!m_current.data.empty())
            m_free.push_back(std::move(m_current.data));
        m_current = {};
        m_cv.notify_all();
        if (m_full.empty() && !m_done) {
            m_waiting.store(true, std::memory_order_relaxed);
            m_cv.wait(g, [this] { return !m_full.empty() || m_done; });
            m_waiting.store(false, std::memory_order_relaxed);
        }
        if (m_full.empty())
            return m_failed ? -1 : 0;
        m_current = std::move(m_full.front());
        m_full.pop_front();
        m_cv.notify_all();
        *buffer = m_current.data.data();
        return static_cast<la_ssize_t>(m_current.size);
    }

private:
    struct Piece
    {
        std::vector<char> data;
        std::size_t size = 0;
    };

    void run()
    {
        for (;;) {
            Piece p;
            {
                std::unique_lock g(m_mutex);
                m_cv.wait(g, [this] { return m_stop || !m_free.empty(); });
                if (m_stop)
                    break;
                p.data = std::move(m_free.back());
                m_free.pop_back();
            }
            // Fill the piece; one read returns what has arrived (often a few SSH packets).
            qint64 n = 0;
            bool end = false, failed = false;
            while (p.size < p.data.size()) {
                n = m_stream.read(p.data.data() + p.size, qint64(p.data.size() - p.size));
                if (n <= 0) {
                    end = true;
                    failed = n < 0;
                    break;
                }
                p.size += std::size_t(n);
                if (p.size >= kPiece / 2 && m_waiting.load(std::memory_order_relaxed))
                    break; // the consumer is idle: hand over what we have
            }
            std::lock_guard g(m_mutex);
            if (p.size > 0)
                m_full.push_back(std::move(p));
            else
                m_free.push_back(std::move(p.data));
            if (end) {
                m_done = true;
                m_failed = failed;
                m_cv.notify_all();
                return;
            }
            m_cv.notify_all();
        }
        std::lock_guard g(m_mutex);
        m_done = true;
        m_cv.notify_all();
    }

    ExecStream& m_stream;
    std::atomic_bool* m_abandon;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<std::vector<char>> m_free;
    std::deque<Piece> m_full;
    Piece m_current;
    std::atomic_bool m_waiting{false};
    bool m_stop = false, m_done = false, m_failed = false;
    bool m_early = true;
};

struct ReadContext
{
    ReadAhead* ahead = nullptr;
    bool streamFailed = false;
};

la_ssize_t readCallback(struct archive* a, void* ctx, const void** buffer)
{
    auto* c = static_cast<ReadContext*>(ctx);
    const la_ssize_t n = c->ahead->next(buffer);
    if (n < 0) {
        c->streamFailed = true;
        archive_set_error(a, EIO, "stream failed");
        return -1;
    }
    return n;
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
    return parse(stream, consumer, nullptr);
}

Result<TarReadSummary> TarStreamReader::parse(ExecStream& stream, const Consumer& consumer,
                                              std::atomic_bool* abandon)
{
    TarReadSummary sum;
    ReadAhead ahead(stream, abandon); // destroyed after the archive (declared first): no read in flight
    ReadContext ctx;
    ctx.ahead = &ahead;
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
    ahead.completed();
    return sum;
}

Result<TarReadSummary> TarStreamReader::read(const QByteArray& root, const QList<QByteArray>& files,
                                             const Consumer& consumer, const ExecOptions& options)
{
    if (files.isEmpty())
        return TarReadSummary{};
    QByteArray list;
    for (const QByteArray& f : files) {
        if (f != "." && !repo::unsafePathReason(f).isEmpty()) // the one path rule (repository/SafePath.h)
            return Error::make(Error::Unsafe,
                               QStringLiteral("Refusing to read %1: paths must stay inside the root (%2).")
                                   .arg(QString::fromUtf8(f.left(200)), repo::unsafePathReason(f)));
        list += f;
        list += '\0';
    }
    // The read-ahead thread polls this, so a consumer that stops early does not wait for a silent command.
    auto abandon = std::make_shared<std::atomic_bool>(false);
    ExecOptions opts = options;
    opts.cancel = [abandon, user = options.cancel] { return abandon->load() || (user && user()); };
    auto started = m_host.start(QString::fromUtf8(command(root)), opts);
    if (!started)
        return started.error();
    std::unique_ptr<ExecStream> s = std::move(started.value());
    s->queueStdin(list, true); // fed while we read, so a long list never blocks against the output
    list = QByteArray();

    auto parsed = parse(*s, consumer, abandon.get());
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
