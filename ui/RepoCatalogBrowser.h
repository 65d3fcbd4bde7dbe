#pragma once
// RepoCatalogBrowser: the CatalogBrowser of one instance's Restoring Points, read from the repository's
// SQLite catalog (repo::Catalog). The catalog must have been synced (AppController does it on the job
// runner after every backup and when an instance is opened). Callable from any thread: every call
// opens its own connection to the catalog file, so pool threads never share one.

#include "repository/CatalogBrowser.h"

#include <QHash>

namespace ncb::ui {

class RepoCatalogBrowser : public repo::CatalogBrowser
{
public:
    // rpFull: the instance's Restoring Points (id -> was a full backup); history() lists only those.
    RepoCatalogBrowser(QString repositoryId, QHash<QString, bool> rpFull, QString catalogDir = {});
    Result<QList<repo::BrowseEntry>> list(const QString& snapshotId, const QString& dirPath) override;
    Result<QList<repo::VersionEntry>> history(const QString& path) override;

private:
    QString m_repoId;
    QHash<QString, bool> m_rpFull;
    QString m_dir;
};

} // namespace ncb::ui
