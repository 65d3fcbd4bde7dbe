#include "RepoCatalogBrowser.h"

#include "repository/SafePath.h"
#include "repository/Catalog.h"

namespace ncb::ui {

namespace {
QByteArray relative(QString path)
{
    return repo::normaliseRpPath(path);
}

// UTC: a local-time QDateTime costs a time-zone lookup (Qt calls tzset(), which stats
// /etc/localtime) for each of a folder's 100,000 entries; Format converts the few rows shown.
QDateTime fromNs(qint64 ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1000000, Qt::UTC);
}
} // namespace

RepoCatalogBrowser::RepoCatalogBrowser(QString repositoryId, QHash<QString, bool> rpFull, QString catalogDir)
    : m_repoId(std::move(repositoryId)), m_rpFull(std::move(rpFull)), m_dir(std::move(catalogDir))
{
}

Result<QList<repo::BrowseEntry>> RepoCatalogBrowser::list(const QString& snapshotId, const QString& dirPath)
{
    auto catalog = repo::Catalog::open(m_repoId, m_dir);
    if (!catalog)
        return catalog.error();
    auto entries = (*catalog)->list(snapshotId, relative(dirPath));
    if (!entries)
        return entries.error();
    QList<repo::BrowseEntry> out;
    out.reserve(entries->size());
    for (const repo::CatalogEntry& e : *entries) {
        repo::BrowseEntry b;
        b.name = QString::fromUtf8(e.name);
        b.isDir = e.type == repo::TreeEntry::Dir;
        b.size = b.isDir ? 0 : e.size;
        b.mtime = fromNs(e.mtimeNs);
        b.mode = e.mode;
        b.owner = e.owner.isEmpty() ? QString::number(e.uid) : QString::fromUtf8(e.owner);
        out.append(std::move(b));
    }
    return out;
}

Result<QList<repo::VersionEntry>> RepoCatalogBrowser::history(const QString& path)
{
    auto catalog = repo::Catalog::open(m_repoId, m_dir);
    if (!catalog)
        return catalog.error();
    auto items = (*catalog)->history(relative(path));
    if (!items)
        return items.error();
    QList<repo::VersionEntry> out;
    for (const repo::CatalogHistoryItem& i : *items) {
        auto it = m_rpFull.constFind(i.snapshotId);
        if (it == m_rpFull.constEnd())
            continue; // a database safety snapshot or another instance's RP
        repo::VersionEntry v;
        v.snapshotId = i.snapshotId;
        v.snapshotTime = i.time;
        v.size = i.entry.size;
        v.mtime = fromNs(i.entry.mtimeNs);
        v.full = it.value();
        out.append(v);
    }
    if (out.isEmpty())
        return Error::make(Error::NotFound, QStringLiteral("No Restoring Point holds %1.").arg(path));
    return out;
}

} // namespace ncb::ui
