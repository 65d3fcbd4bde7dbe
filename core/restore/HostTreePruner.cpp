#include "HostTreePruner.h"

#include <QSet>

namespace ncb::restore {

namespace {

bool under(const QByteArray& path, const QByteArray& prefix)
{
    return path == prefix || (path.startsWith(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

char findType(repo::TreeEntry::Type t)
{
    return t == repo::TreeEntry::Dir ? 'd' : t == repo::TreeEntry::Symlink ? 'l' : 'f';
}

} // namespace

HostTreePruner::HostTreePruner(host::Host& host, QByteArray folder, QHash<QByteArray, repo::TreeEntry::Type> keep,
                               QList<QByteArray> protect)
    : m_host(host), m_folder(std::move(folder)), m_keep(std::move(keep)), m_protect(std::move(protect))
{
}

QList<QByteArray> HostTreePruner::toRemove(const QList<HostEntry>& onHost, const QHash<QByteArray, repo::TreeEntry::Type>& keep,
                                           const QList<QByteArray>& protect)
{
    // Folders that hold something protected or a mount point cannot go as a whole: their other contents
    // are looked at one by one instead.
    QSet<QByteArray> pinned;
    auto pinAncestors = [&](QByteArray p) {
        for (int i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/')) {
            p.truncate(i);
            pinned.insert(p);
        }
    };
    for (const QByteArray& p : protect)
        pinAncestors(p);
    for (const HostEntry& e : onHost)
        if (e.otherFilesystem)
            pinAncestors(e.path);

    QList<QByteArray> out;
    QByteArray removed; // find lists a folder's contents right after it: skip them once it goes
    for (const HostEntry& e : onHost) {
        if (e.path.isEmpty() || (!removed.isEmpty() && under(e.path, removed)))
            continue;
        if (e.otherFilesystem)
            continue;
        bool isProtected = false;
        for (const QByteArray& p : protect)
            if (under(e.path, p))
                isProtected = true;
        if (isProtected)
            continue;
        const auto k = keep.constFind(e.path);
        if (k != keep.constEnd() && findType(k.value()) == e.type)
            continue;
        if (pinned.contains(e.path))
            continue; // tar -x says what it cannot put there
        out << e.path;
        removed = e.path;
    }
    return out;
}

Result<qint64> HostTreePruner::run()
{
    const QString folder = host::Host::quote(QString::fromUtf8(m_folder));
    // %D: the device, so mount points (entries of another filesystem than the folder's) are known.
    host::ExecOptions lo;
    lo.timeoutMs = 0;
    auto listed = m_host.exec(QStringLiteral("cd %1 2>/dev/null || exit 0; exec find . -xdev -printf '%D\\t%y\\t%P\\0'").arg(folder), lo);
    if (!listed)
        return listed.error();
    if (listed->exitCode != 0)
        return Error::make(Error::Remote, QStringLiteral("Cannot list %1 on %2 to clear what the Restoring Point does not hold: %3")
                                              .arg(QString::fromUtf8(m_folder), m_host.displayName(),
                                                   QString::fromUtf8(listed->err.trimmed().left(300))));
    QList<HostEntry> entries;
    QByteArray device;
    for (const QByteArray& rec : listed->out.split('\0')) {
        const int t1 = rec.indexOf('\t');
        const int t2 = t1 < 0 ? -1 : rec.indexOf('\t', t1 + 1);
        if (t2 < 0 || t2 != t1 + 2)
            continue;
        HostEntry e;
        e.path = rec.mid(t2 + 1);
        e.type = rec[t1 + 1];
        const QByteArray dev = rec.left(t1);
        if (e.path.isEmpty()) {
            device = dev; // the folder itself comes first
            continue;
        }
        e.otherFilesystem = dev != device;
        entries << e;
    }
    const QList<QByteArray> gone = toRemove(entries, m_keep, m_protect);
    if (gone.isEmpty())
        return qint64(0);
    QByteArray list;
    for (const QByteArray& p : gone)
        list += p + '\0';
    host::ExecOptions ro;
    ro.stdinData = list;
    ro.timeoutMs = 0;
    auto rm = m_host.exec(QStringLiteral("cd %1 && exec xargs -0 -r rm -rf --one-file-system --").arg(folder), ro);
    if (!rm)
        return rm.error();
    if (rm->exitCode != 0)
        return Error::make(Error::Remote, QStringLiteral("Cannot remove what the Restoring Point does not hold from %1 on %2: %3")
                                              .arg(QString::fromUtf8(m_folder), m_host.displayName(),
                                                   QString::fromUtf8(rm->err.trimmed().left(300))));
    return qint64(gone.size());
}

} // namespace ncb::restore
