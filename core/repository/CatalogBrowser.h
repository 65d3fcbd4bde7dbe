#pragma once
// CatalogBrowser: read access to what a Restoring Point holds, folder by folder, and to the versions of
// one file across Restoring Points. The GUI's file tree and "Show versions" dialog and the CLI's `ls`
// read through it; the catalog implements it. Implementations must be callable from a pool thread
// (the GUI lists folders off the GUI thread) and should answer a 100,000-entry folder in well under
// a second.

#include "util/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace ncb::repo {

struct BrowseEntry
{
    QString name; // one path component, never containing '/'
    bool isDir = false;
    qint64 size = 0; // bytes; 0 for folders
    QDateTime mtime;
    quint32 mode = 0; // POSIX permission bits and type, as stored
    QString owner;    // user name on the host (or the numeric uid when unknown)
};

struct VersionEntry
{
    QString snapshotId; // the Restoring Point that holds this version
    QDateTime snapshotTime;
    qint64 size = 0;
    QDateTime mtime;
    bool full = false; // the Restoring Point was a full backup
};

class CatalogBrowser
{
public:
    virtual ~CatalogBrowser() = default;
    // Children of `dirPath` ("" or "/" for the root) in Restoring Point `snapshotId`, in any order.
    // Error::NotFound when the RP or the folder does not exist.
    virtual Result<QList<BrowseEntry>> list(const QString& snapshotId, const QString& dirPath) = 0;
    // One entry per Restoring Point holding a version of `path` different from the previous one,
    // oldest first. Error::NotFound when no Restoring Point holds the path.
    virtual Result<QList<VersionEntry>> history(const QString& path) = 0;
};

} // namespace ncb::repo
