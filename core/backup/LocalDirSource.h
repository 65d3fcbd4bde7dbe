#pragma once
// LocalDirSource: a local folder as a SnapshotSource (TreeScanner for the scan, plain O_NOFOLLOW reads),
// with its entries placed under `prefix` in the tree ("" for the folder itself at the top).

#include "backup/SnapshotSource.h"

namespace ncb::backup {

class LocalDirSource : public SnapshotSource
{
public:
    LocalDirSource(QString dir, QByteArray prefix = {});
    Status scan(std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped,
                const CancelCheck& cancel) override;
    Status read(const QList<QByteArray>& paths, const SourceReader& reader, const CancelCheck& cancel) override;

private:
    QString m_dir;
    QByteArray m_prefix;
};

} // namespace ncb::backup
