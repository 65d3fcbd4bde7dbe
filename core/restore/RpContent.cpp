#include "RpContent.h"

#include "repository/SafePath.h"
#include "repository/TreeReader.h"
#include "util/Limits.h"

namespace ncb::restore {

namespace {
bool under(const QByteArray& path, const QByteArray& prefix)
{
    return prefix.isEmpty() || path == prefix ||
           (path.startsWith(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}
} // namespace

RpContent::RpContent(repo::Repository& repo, backup::RpInfo rp) : m_repo(repo), m_rp(std::move(rp)) {}

Result<std::vector<repo::TreeEntry>> RpContent::entriesUnder(const QList<QByteArray>& paths) const
{
    for (const QByteArray& p : paths)
        NCB_TRY(repo::checkSafeRelativePath(p));
    repo::TreeReader tree(m_rp.manifest.treeBlobs, [this](const repo::BlobId& id) { return m_repo.getBlob(id); });
    std::vector<repo::TreeEntry> out;
    QList<QByteArray> found;
    QList<QByteArray> symlinks;
    repo::TreeEntry e;
    while (tree.next(e)) {
        // Hostile trees: a path that leaves its folder, or one that would be written through a symlink.
        if (const QString past = limits::pathPastLimits(e.path); !past.isEmpty())
            return Error::make(Error::Unsafe, QStringLiteral("Restoring Point %1 holds a path that %2, more than ncbackup "
                                                             "restores, %3: nothing was restored.")
                                                  .arg(m_rp.id.left(12), past, limits::shownPath(e.path)));
        if (!repo::checkSafeRelativePath(e.path).ok())
            return Error::make(Error::Unsafe, QStringLiteral("Restoring Point %1 holds a hostile path, %2: nothing was restored.")
                                                  .arg(m_rp.id.left(12), QString::fromUtf8(e.path.left(200))));
        for (const QByteArray& s : symlinks)
            if (under(e.path, s) && e.path != s)
                return Error::make(Error::Unsafe,
                                   QStringLiteral("Restoring Point %1 holds %2 below the symlink %3: nothing was restored.")
                                       .arg(m_rp.id.left(12), QString::fromUtf8(e.path.left(200)), QString::fromUtf8(s)));
        if (e.type == repo::TreeEntry::Symlink)
            symlinks << e.path;
        bool wanted = paths.isEmpty();
        for (const QByteArray& p : paths) {
            if (under(e.path, p)) {
                wanted = true;
                if (e.path == p)
                    found << p;
            }
        }
        if (wanted)
            out.push_back(std::move(e));
    }
    if (tree.failed())
        return tree.error();
    for (const QByteArray& p : paths)
        if (!found.contains(p))
            return Error::make(Error::NotFound, QStringLiteral("%1 is not in Restoring Point %2.")
                                                    .arg(QString::fromUtf8(p), m_rp.id.left(12)));
    return out;
}

Result<repo::TreeEntry> RpContent::entry(const QByteArray& path) const
{
    auto all = entriesUnder({path});
    if (!all)
        return all.error();
    for (auto& e : all.value())
        if (e.path == path)
            return e;
    return Error::make(Error::NotFound, QStringLiteral("%1 is not in Restoring Point %2.").arg(QString::fromUtf8(path), m_rp.id.left(12)));
}

Status RpContent::readFile(const repo::TreeEntry& e, const std::function<Status(const char*, qint64)>& sink) const
{
    for (const repo::ChunkRef& c : e.chunks) {
        auto blob = m_repo.getBlob(c.id);
        if (!blob)
            return Error::make(blob.error().code, QStringLiteral("%1 cannot be read from the repository: %2")
                                                      .arg(QString::fromUtf8(e.path), blob.error().message));
        NCB_TRY(sink(blob->constData(), blob->size()));
    }
    return {};
}

} // namespace ncb::restore
