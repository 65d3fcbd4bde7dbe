#pragma once
// HostSource: folders of a Host (the Nextcloud server root, its data directory) as one RP tree, each
// under its own top folder ("root", "data"). The scan is one `find -printf` round trip per folder
// (RemoteScanner: other filesystems and `.nobackup` folders are left out there); the contents of the
// files to read come as ONE tar stream per folder over one exec channel (TarStreamReader), never as
// per-file transfers. Paths inside a folder that must not be backed up (the data directory when it
// sits inside the server root, local external storages, the SQLite database files, the instance's
// exclusion globs on RP paths) are dropped with everything below them and listed as skipped.
//
// rescan() (the delta pass) does not walk the tree again when it can avoid it: each scan notes the host's
// clock when it started (T0); rescan asks the host for the entries whose ctime is at or after T0 minus a
// little slack (one find that stats everything but prints only those), lists the direct children of every
// changed folder (creating, deleting or renaming an entry changes its folder's ctime) to find deletions
// and entries moved in, and scans again, whole, every folder that is new at its path (a folder moved in
// keeps the old ctimes of everything inside). The same rules as scan() apply to what it finds. It falls
// back to a full scan of a folder when the host's clock was unknown or went back, when the folder's
// filesystem may stamp times with another clock (network filesystems), or when find reported an error.

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
    Status rescan(const std::vector<repo::TreeEntry>& before, const std::vector<repo::SkippedPath>& skippedBefore,
                  std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped, QString& how,
                  const CancelCheck& cancel) override;

    // The RP path of a host path under one of the folders, or empty.
    QByteArray treePathFor(const QByteArray& hostPath) const;

    // About how many entries scan() will find (the last RP's count): the list is sized once instead of
    // growing by copies, which on a large instance briefly doubles the biggest thing in memory.
    void setExpectedEntries(std::size_t n) { m_expectedEntries = n; }

private:
    struct LastScan
    {
        qint64 hostClockNs = 0; // the host's clock when the scan of the folder started
        QByteArray fsType;
    };
    Status scanFolder(const HostFolder& f, std::vector<repo::TreeEntry>& entries,
                      std::vector<repo::SkippedPath>& skipped, const CancelCheck& cancel);
    // The changes of one folder since its last scan merged into `before`; false (with why) when only a full
    // scan can tell.
    Result<bool> changesOf(const HostFolder& f, const std::vector<repo::TreeEntry>& before,
                           const std::vector<repo::SkippedPath>& skippedBefore, std::vector<repo::TreeEntry>& entries,
                           std::vector<repo::SkippedPath>& skipped, QString& why, const CancelCheck& cancel);
    // Why the instance's settings leave out this path of folder f (relative to it), or empty.
    QString excludedBy(const HostFolder& f, const QList<QPair<QByteArray, QString>>& rel, const QByteArray& path) const;

    host::Host& m_host;
    QList<HostFolder> m_folders;
    QList<QRegularExpression> m_globs;
    QHash<QByteArray, LastScan> m_lastScan; // by prefix
    std::size_t m_expectedEntries = 0;
};

} // namespace ncb::backup
