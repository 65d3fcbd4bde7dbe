#pragma once
// HostTreePruner: makes a folder on a host hold nothing the Restoring Point does not hold — the step that
// lets `restore instance` onto existing paths leave the server root and the data directory equal to the
// RP's. One `find -P -xdev` lists the folder (symlinks are never followed; other filesystems are never
// entered, and their mount points are never removed), the paths to remove are worked out here, and one
// `rm -rf --one-file-system` removes them, each named relative to the folder, so nothing outside it is
// touched. Protected paths (what the backup skipped and listed in the RP: .nobackup folders, external
// storages, the SQLite file, exclusions; the data directory inside the root) are left alone, with
// everything below them. An entry whose type differs from the RP's (a folder where the RP has a file)
// is removed too, so `tar -x` can put the RP's one in its place.

#include "host/Host.h"
#include "repository/TreeEntry.h"

#include <QHash>
#include <QList>

namespace ncb::restore {

class HostTreePruner
{
public:
    struct HostEntry
    {
        QByteArray path; // relative to the folder
        char type = 'f'; // find's %y: f d l p s c b
        bool otherFilesystem = false;
    };

    // keep: what the RP holds under the folder (relative path -> type); protect: relative paths.
    HostTreePruner(host::Host& host, QByteArray folder, QHash<QByteArray, repo::TreeEntry::Type> keep, QList<QByteArray> protect);

    // Lists the folder and removes what is not kept. Returns how many paths were removed (a removed folder
    // counts once). A missing folder is nothing to prune.
    Result<qint64> run();

    // The paths to remove, given the folder's entries in find's order (a folder before its contents):
    // the topmost ones only, never a protected path or one below it, never a mount point.
    static QList<QByteArray> toRemove(const QList<HostEntry>& onHost, const QHash<QByteArray, repo::TreeEntry::Type>& keep,
                                      const QList<QByteArray>& protect);

private:
    host::Host& m_host;
    QByteArray m_folder;
    QHash<QByteArray, repo::TreeEntry::Type> m_keep;
    QList<QByteArray> m_protect;
};

} // namespace ncb::restore
