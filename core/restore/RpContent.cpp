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
    return collect(paths, nullptr);
}

Result<std::vector<repo::TreeEntry>> RpContent::safeEntriesUnder(const QList<QByteArray>& paths, QStringList* leftOut) const
{
    QStringList none;
    return collect(paths, leftOut ? leftOut : &none);
}

// leftOut null: a hostile entry refuses everything; otherwise it is left out and named there.
Result<std::vector<repo::TreeEntry>> RpContent::collect(const QList<QByteArray>& paths, QStringList* leftOut) const
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
        bool wanted = paths.isEmpty();
        for (const QByteArray& p : paths)
            wanted = wanted || under(e.path, p);
        // A name the tree writer would never make; shown with its NUL bytes visible (made only when said).
        const auto shown = [&e] {
            QByteArray s = e.path.left(200);
            s.replace('\0', "\\0");
            return QString::fromUtf8(s);
        };
        // Past the limits a backup never stores (a tampered repository): refused whole.
        if (const QString past = limits::pathPastLimits(e.path); !past.isEmpty())
            return Error::make(Error::Unsafe, QStringLiteral("Restoring Point %1 holds a path that %2, more than ncbackup "
                                                             "restores, %3: nothing was restored.")
                                                  .arg(m_rp.id.left(12), past, limits::shownPath(e.path)));
        if (!repo::unsafePathReason(e.path).isEmpty()) { // the limits were checked just above
            if (!leftOut)
                return Error::make(Error::Unsafe, QStringLiteral("Restoring Point %1 holds a hostile path, %2: nothing was restored.")
                                                      .arg(m_rp.id.left(12), shown()));
            if (wanted || paths.isEmpty())
                *leftOut << QStringLiteral("%1: its name could lead out of the folder it is restored into").arg(shown());
            continue;
        }
        QByteArray link;
        for (const QByteArray& s : symlinks)
            if (under(e.path, s) && e.path != s)
                link = s;
        if (!link.isEmpty()) {
            if (!leftOut)
                return Error::make(Error::Unsafe,
                                   QStringLiteral("Restoring Point %1 holds %2 below the symlink %3: nothing was restored.")
                                       .arg(m_rp.id.left(12), shown(), QString::fromUtf8(link)));
            if (wanted)
                *leftOut << QStringLiteral("%1: it lies below the symlink %2, so it would be written wherever that points")
                                .arg(shown(), QString::fromUtf8(link));
            continue;
        }
        if (e.type == repo::TreeEntry::Symlink)
            symlinks << e.path;
        for (const QByteArray& p : paths)
            if (e.path == p)
                found << p;
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
