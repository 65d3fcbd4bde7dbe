#include "host/RemoteScanner.h"

#include <QSet>

#include <algorithm>

namespace ncb::host {

namespace {

constexpr int kEntryFields = 13;        // with owner and group names
constexpr int kNumericEntryFields = 11; // ids only

// "1700000000.1234567890" (find's %T@) → ns. Up to 9 fraction digits count; the rest is below 1 ns.
bool parseTime(const QByteArray& s, qint64* ns)
{
    const int dot = s.indexOf('.');
    bool ok = false;
    const qint64 sec = (dot < 0 ? s : s.left(dot)).toLongLong(&ok);
    if (!ok)
        return false;
    qint64 frac = 0;
    if (dot >= 0) {
        QByteArray f = s.mid(dot + 1).left(9);
        if (f.isEmpty())
            f = "0";
        while (f.size() < 9)
            f += '0';
        frac = f.toLongLong(&ok);
        if (!ok)
            return false;
    }
    *ns = sec * 1000000000LL + (s.startsWith('-') ? -frac : frac);
    return true;
}

ScanEntry::Type typeOf(const QByteArray& y)
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

QByteArray RemoteScanner::command(const QByteArray& root, bool withNames)
{
    const QByteArray q = quotedRoot(root);
    // The host's clock before anything is looked at (the delta pass asks for what changed since), and the
    // root's filesystem type (whether its timestamps come from this host's clock).
    return notAFolder(q) + "printf 'T%s\\0F%s\\0' \"$(date +%s.%N 2>/dev/null)\" \"$(stat -f -c %T " + q +
           " 2>/dev/null)\"\n"
           "find " +
           q +
           " -xdev -name .nobackup ! -type d -printf 'N%P\\0'; a=$?\n"
           "find " +
           q +
           (withNames ? " -xdev -printf 'E%P\\0%y\\0%s\\0%T@\\0%C@\\0%i\\0%m\\0%U\\0%G\\0%u\\0%g\\0%D\\0%l\\0'; b=$?\n"
                       : " -xdev -printf 'E%P" + QByteArray(kNumericFields) + "; b=$?\n") +
           "[ $a -ne 0 ] && exit $a; exit $b\n";
}

QByteArray RemoteScanner::changedCommand(const QByteArray& root, qint64 sinceNs)
{
    const QByteArray q = quotedRoot(root);
    const qint64 sec = sinceNs >= 0 ? sinceNs / 1000000000LL : -((-sinceNs + 999999999LL) / 1000000000LL);
    const qint64 frac = sinceNs - sec * 1000000000LL;
    const QByteArray since = QByteArray::number(sec) + '.' + QByteArray::number(frac).rightJustified(9, '0');
    return notAFolder(q) + "printf 'T%s\\0' \"$(date +%s.%N 2>/dev/null)\"\n" + "find " + q +
           " -xdev -newerct @" + since + " -printf 'E%P" + kNumericFields + "\n";
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
    auto sum = run(command(root, m_withNames), root, m_withNames, false, onEntry, options);
    if (sum && sum->findExitCode == 1 && sum->entries == 0)
        return Error::make(Error::Io, QStringLiteral("Cannot read %1 on %2: %3")
                                          .arg(QString::fromUtf8(root), m_host.displayName(),
                                               QString::fromUtf8(sum->warnings.trimmed().left(300))));
    return sum;
}

Result<ScanSummary> RemoteScanner::changedSince(const QByteArray& root, qint64 sinceNs, const EntryCallback& onEntry,
                                                const ExecOptions& options)
{
    return run(changedCommand(root, sinceNs), root, false, false, onEntry, options);
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
        if (!ok || f[1].isEmpty())
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
    m_buf.append(data, len);
    qsizetype pos = 0;
    for (;;) {
        const qsizetype nul = m_buf.indexOf('\0', pos);
        if (nul < 0)
            break;
        m_fields.append(m_buf.mid(pos, nul - pos));
        pos = nul + 1;
        const QByteArray& first = m_fields.first();
        const int entryFields = m_withNames ? kEntryFields : kNumericEntryFields;
        const char tag = first.isEmpty() ? '\0' : first.at(0);
        const int need = tag == 'N' || tag == 'T' || tag == 'F' ? 1 : tag == 'E' ? entryFields : -1;
        if (need < 0)
            return Error::make(
                Error::Remote,
                QStringLiteral("The host's find printed something unexpected: is it GNU find?"));
        if (m_fields.size() == need) {
            NCB_TRY(record(m_fields));
            m_fields.clear();
        }
    }
    m_buf.remove(0, pos);
    return {};
}

Status ScanOutputParser::finish()
{
    if (!m_buf.isEmpty() || !m_fields.isEmpty())
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

QByteArray ScanOutputParser::pathOf(const QByteArray& field) const
{
    QByteArray p = field.mid(1);
    if (m_relPaths && p.startsWith("./"))
        p.remove(0, 2);
    return p.isEmpty() ? QByteArray(".") : p;
}

Status ScanOutputParser::record(const QList<QByteArray>& f)
{
    switch (f.first().at(0)) {
    case 'N':
        m_summary.skipped.append(dirOf(pathOf(f.first())));
        return {};
    case 'T': {
        qint64 ns = 0;
        // A date without %N prints it literally: the clock stays unknown.
        if (parseTime(f.first().mid(1), &ns))
            m_summary.hostClockNs = ns;
        return {};
    }
    case 'F':
        m_summary.fsType = f.first().mid(1);
        return {};
    default: break;
    }
    ScanEntry e;
    e.path = pathOf(f[0]);
    if (isSkipped(e.path))
        return {};
    bool ok = true, k;
    e.type = typeOf(f[1]);
    e.size = f[2].toLongLong(&k);
    ok &= k;
    ok &= parseTime(f[3], &e.mtimeNs);
    ok &= parseTime(f[4], &e.ctimeNs);
    e.inode = f[5].toULongLong(&k);
    ok &= k;
    e.mode = f[6].toUInt(&k, 8);
    ok &= k;
    e.uid = f[7].toUInt(&k);
    ok &= k;
    e.gid = f[8].toUInt(&k);
    ok &= k;
    int i = 9;
    if (m_withNames) {
        e.owner = QString::fromUtf8(f[i++]);
        e.group = QString::fromUtf8(f[i++]);
    }
    e.device = f[i++].toULongLong(&k);
    ok &= k;
    e.symlinkTarget = f[i];
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
