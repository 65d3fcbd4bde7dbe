#include "host/RemoteScanner.h"

#include "util/Limits.h"

#include <QLocale>
#include <QSet>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

namespace ncb::host {

namespace {

constexpr int kEntryFields = 13;        // with owner and group names
constexpr int kNumericEntryFields = 11; // ids only
// One record is a path and a symlink target (each at most limits::kMaxPathBytes) plus numbers and two
// names: a record longer than this is a host that misbehaves, and is not buffered any further.
constexpr qsizetype kMaxRecordBytes = 64 * 1024;

template <typename T>
bool parseNumber(QByteArrayView s, T* out, int base = 10)
{
    if (s.isEmpty())
        return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), *out, base);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// "1700000000.1234567890" (find's %T@) → ns. Up to 9 fraction digits count; the rest is below 1 ns.
bool parseTime(QByteArrayView s, qint64* ns)
{
    const qsizetype dot = s.indexOf('.');
    qint64 sec = 0;
    if (!parseNumber(dot < 0 ? s : s.first(dot), &sec))
        return false;
    qint64 frac = 0;
    if (dot >= 0) {
        const QByteArrayView f = s.sliced(dot + 1);
        const qsizetype digits = std::min<qsizetype>(f.size(), 9);
        for (qsizetype i = 0; i < f.size(); ++i)
            if (f[i] < '0' || f[i] > '9')
                return false;
        for (qsizetype i = 0; i < 9; ++i)
            frac = frac * 10 + (i < digits ? f[i] - '0' : 0);
    }
    *ns = sec * 1000000000LL + (s.startsWith('-') ? -frac : frac);
    return true;
}

ScanEntry::Type typeOf(QByteArrayView y)
{
    switch (y.isEmpty() ? '?' : y.at(0)) {
    case 'f':
        return ScanEntry::File;
    case 'd':
        return ScanEntry::Dir;
    case 'l':
        return ScanEntry::Symlink;
    case 'b':
        return ScanEntry::Block;
    case 'c':
        return ScanEntry::Char;
    case 'p':
        return ScanEntry::Fifo;
    case 's':
        return ScanEntry::Socket;
    default:
        return ScanEntry::Other;
    }
}

QByteArray dirOf(const QByteArray& relPath)
{
    const int slash = relPath.lastIndexOf('/');
    return slash < 0 ? QByteArray(".") : relPath.left(slash);
}

} // namespace

namespace {

constexpr const char* kNumericFields = "\\0%y\\0%s\\0%T@\\0%C@\\0%i\\0%m\\0%U\\0%G\\0%D\\0%l\\0'";

// A root like "-x" would be taken for an option by find.
QByteArray quotedRoot(const QByteArray& root)
{
    QByteArray r = root;
    if (!r.startsWith('/') && !r.startsWith('.'))
        r.prepend("./");
    return Host::quote(r);
}

// find's tests that keep it out of `prune` (paths relative to root): always true, so they can lead any
// expression. A pruned folder itself is still printed.
QByteArray pruneExpr(const QByteArray& root, const QList<QByteArray>& prune)
{
    if (prune.isEmpty())
        return {};
    QByteArray start = root;
    if (!start.startsWith('/') && !start.startsWith('.'))
        start.prepend("./");
    QByteArray r = "\\( ";
    for (const QByteArray& rel : prune) {
        QByteArray pattern;
        const QByteArray path = start + '/' + rel;
        for (char c : path) {
            if (c == '\\' || c == '*' || c == '?' || c == '[')
                pattern += '\\';
            pattern += c;
        }
        r += "-path " + Host::quote(pattern) + " -prune -o ";
    }
    return r + "-true \\) ";
}

QByteArray notAFolder(const QByteArray& q)
{
    return "[ -d " + q + " ] || { printf 'ncbackup: not a folder: %s\\n' " + q + " >&2; exit 3; }\n";
}

// A path relative to the root as a start point for find run inside the root.
QByteArray startPoint(const QByteArray& rel)
{
    return Host::quote(rel == "." ? QByteArray(".") : "./" + rel);
}

QByteArray startPoints(const QList<QByteArray>& rels)
{
    QByteArray r;
    for (const QByteArray& p : rels)
        r += ' ' + startPoint(p);
    return r;
}

} // namespace

QByteArray RemoteScanner::command(const QByteArray& root, bool withNames, bool onePass, const QList<QByteArray>& prune)
{
    const QByteArray q = quotedRoot(root);
    const QByteArray pr = pruneExpr(root, prune);
    // A folder the scan cannot list (or enter) is printed as an entry and then once more as "U": find says
    // so only on stderr, and a folder stored empty would look like a complete backup of it.
    const QByteArray entry = QByteArray(withNames ? "-printf 'E%P\\0%y\\0%s\\0%T@\\0%C@\\0%i\\0%m\\0%U\\0%G\\0%u\\0%g\\0%D\\0%l\\0'"
                                                  : "-printf 'E%P" + QByteArray(kNumericFields)) +
                             " \\( -type d \\( ! -readable -o ! -executable \\) -printf 'U%P\\0' \\)";
    // The host's clock before anything is looked at (the delta pass asks for what changed since), and the
    // root's filesystem type (whether its timestamps come from this host's clock).
    QByteArray c = notAFolder(q) + "printf 'T%s\\0F%s\\0' \"$(date +%s.%N 2>/dev/null)\" \"$(stat -f -c %T " + q +
                   " 2>/dev/null)\"\n";
    if (onePass)
        return c + "find " + q + " -xdev " + pr + "\\( -name .nobackup ! -type d -printf 'N%P\\0' \\) -o " + entry + "\n";
    return c + "find " + q + " -xdev " + pr + "-name .nobackup ! -type d -printf 'N%P\\0'; a=$?\n" + "find " + q + " -xdev " +
           pr + entry + "; b=$?\n" + "[ $a -ne 0 ] && exit $a; exit $b\n";
}

QByteArray RemoteScanner::changedCommand(const QByteArray& root, qint64 sinceNs, const QList<QByteArray>& prune)
{
    const QByteArray q = quotedRoot(root);
    const qint64 sec = sinceNs >= 0 ? sinceNs / 1000000000LL : -((-sinceNs + 999999999LL) / 1000000000LL);
    const qint64 frac = sinceNs - sec * 1000000000LL;
    const QByteArray since = QByteArray::number(sec) + '.' + QByteArray::number(frac).rightJustified(9, '0');
    return notAFolder(q) + "printf 'T%s\\0' \"$(date +%s.%N 2>/dev/null)\"\n" + "find " + q +
           " -xdev " + pruneExpr(root, prune) + "-newerct @" + since + " -printf 'E%P" + kNumericFields + "\n";
}

QByteArray RemoteScanner::listCommand(const QByteArray& root, const QList<QByteArray>& list,
                                      const QList<QByteArray>& trees)
{
    const QByteArray q = quotedRoot(root);
    QByteArray c = notAFolder(q) + "cd " + q + " || exit 3\nr=0\n";
    if (!list.isEmpty())
        c += "find" + startPoints(list) + " -mindepth 1 -maxdepth 1 -xdev -printf 'E%p" + kNumericFields +
             " || r=$?\n";
    if (!trees.isEmpty()) {
        const QByteArray t = startPoints(trees);
        c += "find" + t + " -xdev -name .nobackup ! -type d -printf 'N%p\\0' || r=$?\n";
        c += "find" + t + " -xdev -printf 'E%p" + kNumericFields + " || r=$?\n";
    }
    return c + "exit $r\n";
}

Result<ScanSummary> RemoteScanner::scan(const QByteArray& root, const EntryCallback& onEntry,
                                        const ExecOptions& options)
{
    auto sum = run(command(root, m_withNames, m_onePass, m_prune), root, m_withNames, false, onEntry, options);
    if (sum && sum->findExitCode == 1 && sum->entries == 0)
        return Error::make(Error::Io, QStringLiteral("Cannot read %1 on %2: %3")
                                          .arg(QString::fromUtf8(root), m_host.displayName(),
                                               QString::fromUtf8(sum->warnings.trimmed().left(300))));
    return sum;
}

Result<ScanSummary> RemoteScanner::changedSince(const QByteArray& root, qint64 sinceNs, const EntryCallback& onEntry,
                                                const ExecOptions& options)
{
    return run(changedCommand(root, sinceNs, m_prune), root, false, false, onEntry, options);
}

Result<ScanSummary> RemoteScanner::listAndScan(const QByteArray& root, const QList<QByteArray>& list,
                                               const QList<QByteArray>& trees, const EntryCallback& onEntry,
                                               const ExecOptions& options)
{
    return run(listCommand(root, list, trees), root, false, true, onEntry, options);
}

Result<ScanSummary> RemoteScanner::run(const QByteArray& command, const QByteArray& root, bool withNames,
                                       bool relPaths, const EntryCallback& onEntry, const ExecOptions& options)
{
    auto started = m_host.start(QString::fromUtf8(command), options);
    if (!started)
        return started.error();
    std::unique_ptr<ExecStream> s = std::move(started.value());
    s->queueStdin({}, true);
    ScanOutputParser parser(onEntry, withNames, relPaths);
    QByteArray buf(1024 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = s->read(buf.data(), buf.size());
        if (n < 0)
            return s->error();
        if (n == 0)
            break;
        NCB_TRY(parser.feed(buf.constData(), n));
    }
    auto fin = s->finish();
    if (!fin)
        return fin.error();
    if (auto sudoErr = m_host.sudoFailure(fin->exitCode, fin->err); sudoErr && options.useRunAs)
        return *sudoErr;
    if (fin->exitCode == 3 && fin->err.contains("ncbackup: not a folder"))
        return Error::make(
            Error::NotFound,
            QStringLiteral("%1 on %2 is not a folder.").arg(QString::fromUtf8(root), m_host.displayName()));
    if (fin->exitCode == 127)
        return Error::make(
            Error::Remote,
            QStringLiteral("find is missing on %1: install findutils there.").arg(m_host.displayName()));
    if (fin->exitCode != 0 && fin->exitCode != 1)
        return Error::make(Error::Remote, QStringLiteral("Scanning %1 on %2 failed: %3")
                                              .arg(QString::fromUtf8(root), m_host.displayName(),
                                                   QString::fromUtf8(fin->err.trimmed().left(300))));
    NCB_TRY(parser.finish());
    ScanSummary sum = parser.summary();
    sum.warnings = fin->err;
    sum.findExitCode = fin->exitCode;
    return sum;
}

Result<RemoteScanner::Names> RemoteScanner::names(const QSet<quint32>& uids, const QSet<quint32>& gids,
                                                  const ExecOptions& options)
{
    Names n;
    if (uids.isEmpty() && gids.isEmpty())
        return n;
    auto ids = [](const QSet<quint32>& set) {
        QList<quint32> sorted(set.begin(), set.end());
        std::sort(sorted.begin(), sorted.end());
        QByteArray r;
        for (quint32 id : sorted)
            r += ' ' + QByteArray::number(id);
        return r;
    };
    // One line per known id, "P:" or "G:" then getent's line; an unknown id prints nothing.
    QByteArray cmd;
    if (!uids.isEmpty())
        cmd += "getent passwd" + ids(uids) + " | sed 's/^/P:/'\n";
    if (!gids.isEmpty())
        cmd += "getent group" + ids(gids) + " | sed 's/^/G:/'\n";
    cmd += "exit 0\n";
    auto r = m_host.exec(QString::fromUtf8(cmd), options);
    if (!r)
        return r.error();
    for (const QByteArray& line : r->out.split('\n')) {
        const QList<QByteArray> f = line.split(':');
        if (f.size() < 4 || (f[0] != "P" && f[0] != "G"))
            continue;
        bool ok = false;
        const quint32 id = f[3].toUInt(&ok);
        if (!ok || f[1].isEmpty() || f[1].size() > 256) // longer than a snapshot keeps: the number stands
            continue;
        auto& table = f[0] == "P" ? n.users : n.groups;
        if (!table.contains(id)) // getent may list an id twice (files, then LDAP): the first wins, as for find
            table.insert(id, QString::fromUtf8(f[1]));
    }
    for (quint32 id : uids)
        if (!n.users.contains(id))
            n.users.insert(id, QString::number(id));
    for (quint32 id : gids)
        if (!n.groups.contains(id))
            n.groups.insert(id, QString::number(id));
    return n;
}

Status ScanOutputParser::feed(const char* data, qint64 len)
{
    // Records are parsed where they lie in the buffer (no copy per field); a record cut off at the end of
    // this block stays in the buffer until the rest arrives.
    m_buf.append(data, len);
    const char* b = m_buf.constData();
    const qsizetype n = m_buf.size();
    const int entryFields = m_withNames ? kEntryFields : kNumericEntryFields;
    std::array<QByteArrayView, kEntryFields> fields;
    qsizetype pos = 0;
    while (pos < n) {
        const char tag = b[pos];
        const int need = tag == 'N' || tag == 'T' || tag == 'F' || tag == 'U' ? 1 : tag == 'E' ? entryFields : -1;
        if (need < 0)
            return Error::make(
                Error::Remote,
                QStringLiteral("The host's find printed something unexpected: is it GNU find?"));
        qsizetype p = pos;
        int got = 0;
        while (got < need) {
            const void* z = std::memchr(b + p, 0, std::size_t(n - p));
            if (!z)
                break;
            const qsizetype end = static_cast<const char*>(z) - b;
            fields[std::size_t(got++)] = QByteArrayView(b + p, end - p);
            p = end + 1;
        }
        if (got < need)
            break;
        if (++m_records > limits::maxEntries())
            return Error::make(Error::Remote,
                               QStringLiteral("The host's find listed more than %1 entries, the most ncbackup accepts "
                                              "from a host: no real instance has that many, so the host is not "
                                              "behaving as it should.")
                                   .arg(QLocale(QLocale::English).toString(limits::maxEntries())));
        NCB_TRY(record(fields.data()));
        pos = p;
    }
    m_buf.remove(0, pos);
    if (m_buf.size() > kMaxRecordBytes)
        return Error::make(Error::Remote, QStringLiteral("The host's find sent an entry longer than %1 KiB, which no real "
                                                         "file has: the host is not behaving as it should.")
                                              .arg(kMaxRecordBytes / 1024));
    return {};
}

Status ScanOutputParser::finish()
{
    if (!m_buf.isEmpty())
        return Error::make(
            Error::Network,
            QStringLiteral("The list of files from the host ended in the middle of an entry."));
    return {};
}

bool ScanOutputParser::isSkipped(const QByteArray& path) const
{
    if (m_summary.skipped.isEmpty() || path == ".")
        return false;
    if (m_summary.skipped.contains(QByteArray(".")))
        return true;
    QByteArray p = path;
    for (;;) {
        if (m_summary.skipped.contains(p))
            return true;
        const int slash = p.lastIndexOf('/');
        if (slash < 0)
            return false;
        p.truncate(slash);
    }
}

QByteArray ScanOutputParser::pathOf(QByteArrayView field) const
{
    QByteArrayView p = field.sliced(1);
    if (m_relPaths && p.startsWith("./"))
        p = p.sliced(2);
    return p.isEmpty() ? QByteArray(".") : p.toByteArray();
}

Status ScanOutputParser::record(const QByteArrayView* f)
{
    switch (f[0].at(0)) {
    case 'N':
        m_summary.skipped.append(dirOf(pathOf(f[0])));
        return {};
    case 'T': {
        qint64 ns = 0;
        // A date without %N prints it literally: the clock stays unknown.
        if (parseTime(f[0].sliced(1), &ns))
            m_summary.hostClockNs = ns;
        return {};
    }
    case 'F':
        m_summary.fsType = f[0].sliced(1).toByteArray();
        return {};
    case 'U': {
        const QByteArray p = pathOf(f[0]);
        if (!isSkipped(p))
            m_summary.unreadable.append(p);
        return {};
    }
    default: break;
    }
    ScanEntry e;
    e.path = pathOf(f[0]);
    if (isSkipped(e.path))
        return {};
    bool ok = true;
    e.type = typeOf(f[1]);
    ok &= parseNumber(f[2], &e.size);
    ok &= parseTime(f[3], &e.mtimeNs);
    ok &= parseTime(f[4], &e.ctimeNs);
    ok &= parseNumber(f[5], &e.inode);
    ok &= parseNumber(f[6], &e.mode, 8);
    ok &= parseNumber(f[7], &e.uid);
    ok &= parseNumber(f[8], &e.gid);
    int i = 9;
    if (m_withNames) {
        e.owner = QString::fromUtf8(f[i++]);
        e.group = QString::fromUtf8(f[i++]);
    }
    ok &= parseNumber(f[i++], &e.device);
    if (f[i].size() > limits::kMaxPathBytes)
        return Error::make(Error::Remote, QStringLiteral("The host's find listed a symlink whose target is %1 bytes "
                                                         "long (the limit is %2), which no real symlink has: %3.")
                                              .arg(QLocale(QLocale::English).toString(f[i].size()),
                                                   QLocale(QLocale::English).toString(limits::kMaxPathBytes),
                                                   limits::shownPath(e.path)));
    if (!f[i].isEmpty())
        e.symlinkTarget = f[i].toByteArray();
    if (!ok)
        return Error::make(Error::Remote,
                           QStringLiteral("The host's find printed an entry that cannot be read (%1).")
                               .arg(QString::fromUtf8(e.path.left(200))));
    ++m_summary.entries;
    if (e.type == ScanEntry::File)
        m_summary.bytes += e.size;
    return m_onEntry ? m_onEntry(e) : Status{};
}

} // namespace ncb::host
