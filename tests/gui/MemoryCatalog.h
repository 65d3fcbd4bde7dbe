#pragma once
// MemoryCatalog: a CatalogBrowser over a tree held in memory, for GUI tests and screenshots.
// Thread-safe for reads after setup (the model lists folders from a pool thread).

#include "repository/CatalogBrowser.h"

#include <QHash>
#include <QMutex>

class MemoryCatalog : public ncb::repo::CatalogBrowser
{
public:
    void addFile(const QString& path, qint64 size, const QDateTime& mtime,
                 const QString& owner = QStringLiteral("www-data"));
    void addDir(const QString& path);
    // Bulk: `count` files "file-000000" ... in `dir`.
    void addManyFiles(const QString& dir, int count);
    void addVersion(const QString& path, const ncb::repo::VersionEntry& v);
    int listCalls() const;

    ncb::Result<QList<ncb::repo::BrowseEntry>> list(const QString& snapshotId,
                                                     const QString& dirPath) override;
    ncb::Result<QList<ncb::repo::VersionEntry>> history(const QString& path) override;

private:
    void ensureDir(const QString& path);
    QHash<QString, QList<ncb::repo::BrowseEntry>> m_dirs;
    QHash<QString, QList<ncb::repo::VersionEntry>> m_versions;
    mutable QMutex m_mutex;
    int m_listCalls = 0;
};
