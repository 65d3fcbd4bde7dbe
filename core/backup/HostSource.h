#pragma once
// HostSource: folders of a Host (the Nextcloud server root, its data directory) as one RP tree, each
// under its own top folder ("root", "data"). The scan is one `find -printf` round trip per folder
// (RemoteScanner: other filesystems and `.nobackup` folders are left out there); the contents of the
// files to read come as ONE tar stream per folder over one exec channel (TarStreamReader), never as
// per-file transfers. Paths inside a folder that must not be backed up (the data directory when it
// sits inside the server root, local external storages, the SQLite database files, the instance's
// exclusion globs on RP paths) are dropped with everything below them and listed as skipped.

#include "backup/SnapshotSource.h"
#include "host/Host.h"

#include <QRegularExpression>

namespace ncb::backup {

struct HostFolder
{
    QByteArray prefix;   // top folder in the tree: "root", "data"
    QByteArray hostPath; // absolute path on the host
    // Absolute host paths to leave out (with a reason each), e.g. the data dir inside the root.
    QList<QPair<QByteArray, QString>> exclude;
};

class HostSource : public SnapshotSource
{
public:
    HostSource(host::Host& host, QList<HostFolder> folders, const QStringList& exclusionGlobs);

    Status scan(std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped,
                const CancelCheck& cancel) override;
    Status read(const QList<QByteArray>& paths, const SourceReader& reader, const CancelCheck& cancel) override;

    // The RP path of a host path under one of the folders, or empty.
    QByteArray treePathFor(const QByteArray& hostPath) const;

private:
    host::Host& m_host;
    QList<HostFolder> m_folders;
    QList<QRegularExpression> m_globs;
};

} // namespace ncb::backup
