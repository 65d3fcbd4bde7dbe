#pragma once
// TreeScanner: walks a local folder and yields its files, folders and symlinks one at a time in
// comparePaths() order (readdir + sort per folder, lstat only), holding only the current folder chain
// in memory, so a million-file tree costs little. Other file types, other filesystems than the root's,
// folders holding a `.nobackup` file and unreadable folders are skipped and recorded.

#include "repository/TreeEntry.h"
#include "util/Result.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace ncb::repo {

struct SkippedPath
{
    QByteArray path;
    QString reason; // "other filesystem", ".nobackup", "socket", "unreadable: ..."
};

class TreeScanner
{
public:
    explicit TreeScanner(const QString& root);
    ~TreeScanner();

    static constexpr std::size_t kMaxDepth = 256;

    Status open(); // Error::NotFound / Io when the root is missing or not a folder

    // Next entry (no chunks); false at the end.
    bool next(TreeEntry& e);

    const std::vector<SkippedPath>& skipped() const { return m_skipped; }
    qint64 filesSeen() const { return m_files; }
    qint64 bytesSeen() const { return m_bytes; }

private:
    struct Frame
    {
        int fd = -1;
        QByteArray path; // relative, "" for the root
        std::vector<QByteArray> names;
        std::size_t pos = 0;
    };
    bool pushDir(int parentFd, const QByteArray& name, const QByteArray& relPath);
    QByteArray userName(std::uint32_t uid);
    QByteArray groupName(std::uint32_t gid);

    QString m_root;
    std::uint64_t m_rootDev = 0;
    std::vector<Frame> m_stack;
    std::vector<SkippedPath> m_skipped;
    QHash<std::uint32_t, QByteArray> m_users, m_groups;
    qint64 m_files = 0;
    qint64 m_bytes = 0;
};

} // namespace ncb::repo
