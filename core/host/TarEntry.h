#pragma once
// TarEntry: one member of a tar stream as ncbackup reads or writes it (header fields only; the data
// travels separately in blocks).

#include <QByteArray>
#include <QString>

namespace ncb::host {

struct TarEntry
{
    enum Type { File, Dir, Symlink, Hardlink, Other };
    QByteArray path; // relative, raw bytes
    Type type = File;
    qint64 size = 0;     // data bytes that follow (File only)
    qint64 mtimeNs = 0;  // ns since the epoch (GNU tar streams carry whole seconds)
    quint32 mode = 0644; // permission bits (07777)
    quint32 uid = 0, gid = 0;
    QString owner, group;  // names; restored by name when tar -x runs as root
    QByteArray linkTarget; // Symlink / Hardlink
};

} // namespace ncb::host
