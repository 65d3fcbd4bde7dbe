#pragma once
// SnapshotSource: where the entries of a Restoring Point come from. scan() lists every file, folder and
// symlink (no contents) as TreeEntry values with their paths as they appear in the RP tree, sorted in
// comparePaths() order; read() then delivers the contents of a list of those files, in the order given,
// as a stream of blocks (one tar stream for a host, plain reads for a local folder). A file that vanished
// or cannot be read between the two is reported through `missing` and left out of the RP.

#include "repository/TreeEntry.h"
#include "repository/TreeScanner.h"
#include "util/Progress.h"
#include "util/Result.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <vector>

namespace ncb::backup {

// Reasons in an RP's skipped list. A folder the source could not list leaves the RP incomplete (its
// contents are unknown); an entry refused for its name (a hostile host's "../x", "a//b", an entry below a
// symlink) is left out on purpose and the RP stays complete.
inline QString unreadableFolderReason() { return QStringLiteral("unreadable folder: its contents could not be listed"); }
inline bool leavesIncomplete(const QString& skippedReason) { return skippedReason.startsWith(QLatin1String("unreadable")); }
inline QString unsafeNameReason(const QString& why) { return QStringLiteral("refused name: %1").arg(why); }
inline bool isRefusedName(const QString& skippedReason) { return skippedReason.startsWith(QLatin1String("refused name:")); }

struct SourceReader
{
    std::function<Status(const QByteArray& path)> begin; // a file of the list starts
    std::function<Status(const char* data, qint64 len)> data;
    std::function<Status()> end;                           // that file is complete
    std::function<void(const QByteArray& path, const QString& why)> missing; // never came
};

class SnapshotSource
{
public:
    virtual ~SnapshotSource() = default;

    // Every entry, sorted by comparePaths(); what is left out goes to `skipped` (path, reason).
    virtual Status scan(std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped,
                        const CancelCheck& cancel) = 0;
    // The contents of `paths` (tree paths of files, in tree order).
    virtual Status read(const QList<QByteArray>& paths, const SourceReader& reader, const CancelCheck& cancel) = 0;

    // The entries now, given `before`/`skippedBefore`: what the last scan() of this source returned (sorted;
    // files that could not be read may be missing). Same result as scan(); a source that can ask for what
    // changed since its last scan() does only that. `how` says which way it went, for the RP's record.
    virtual Status rescan(const std::vector<repo::TreeEntry>& before, const std::vector<repo::SkippedPath>& skippedBefore,
                          std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped,
                          QString& how, const CancelCheck& cancel)
    {
        (void)before;
        (void)skippedBefore;
        how = QStringLiteral("full rescan");
        return scan(entries, skipped, cancel);
    }
};

} // namespace ncb::backup
