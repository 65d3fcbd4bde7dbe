#pragma once
// RemoteScanner: the tree under a root on a host, in one round trip. GNU find prints every entry as
// NUL-terminated fields (safe for any file name, newlines included) and the stream is parsed as it
// arrives, one entry at a time: a million files never sit in memory as one string.
//
// Rules: other filesystems than the root's own are not entered (find -xdev: a mount point shows up as
// an empty folder); a folder holding a file named `.nobackup` is skipped with everything in it (the
// same command lists those first, so filtering happens while streaming; setOnePass() saves that walk and
// leaves the filtering to the caller). The root itself is reported as ".". Each scan also reports the
// host's clock at its start and the root's filesystem type, so that a later changedSince() +
// listAndScan() can find what changed since without listing everything again (HostSource::rescan).
// Needs GNU find (findutils) on the host.

#include "host/Host.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QList>
#include <functional>

namespace ncb::host {

struct ScanEntry
{
    enum Type : char {
        File = 'f',
        Dir = 'd',
        Symlink = 'l',
        Block = 'b',
        Char = 'c',
        Fifo = 'p',
        Socket = 's',
        Other = '?'
    };
    QByteArray path; // relative to the root, raw bytes as on disk; "." for the root itself
    Type type = Other;
    qint64 size = 0;
    qint64 mtimeNs = 0; // nanoseconds since the epoch
    qint64 ctimeNs = 0;
    quint64 inode = 0;
    quint32 mode = 0; // permission bits incl. setuid/setgid/sticky (07777)
    quint32 uid = 0, gid = 0;
    QString owner, group; // names, or the numbers when the host has no name for them (empty with
                          // setNames(false): look them up once with RemoteScanner::names())
    quint64 device = 0;
    QByteArray symlinkTarget; // for Symlink
};

struct ScanSummary
{
    qint64 entries = 0;
    qint64 bytes = 0;          // sum of regular file sizes
    QList<QByteArray> skipped; // folders left out because they hold .nobackup
    QList<QByteArray> unreadable; // folders scan() found but cannot list or enter (their contents are unknown)
    QByteArray warnings;       // what find said on stderr (unreadable folders ...)
    int findExitCode = 0;      // 1 when some entries could not be read
    qint64 hostClockNs = 0;    // the host's clock (date +%s.%N) right before find started; 0 = unknown
    QByteArray fsType;         // the root's filesystem type (stat -f -c %T: "ext2/ext3", "xfs", "nfs" ...)
};

class RemoteScanner
{
public:
    using EntryCallback = std::function<Status(const ScanEntry&)>;

    explicit RemoteScanner(Host& host) : m_host(host) {}

    // Calls onEntry for each entry (parents before children); an error returned by onEntry stops the scan.
    // A missing root is Error::NotFound.
    Result<ScanSummary> scan(const QByteArray& root, const EntryCallback& onEntry,
                             const ExecOptions& options = {});

    // false: find prints numeric ids only and owner/group stay empty. Looking up a name per entry
    // makes find three times slower; callers that keep every entry resolve the distinct ids with
    // names() afterwards (one more round trip).
    void setNames(bool withNames) { m_withNames = withNames; }

    // true: one walk of the tree instead of two (the first one only looks for .nobackup files). A
    // .nobackup is then only known when the walk reaches it, so entries of its folder that came before
    // it still reach onEntry: the caller drops what lies at or under summary.skipped afterwards.
    void setOnePass(bool onePass) { m_onePass = onePass; }

    // Paths under the root (relative, e.g. "data" when the data directory sits inside the server root)
    // that scan() and changedSince() report but never enter: find prunes them, so a skipped subtree
    // costs nothing on the host. The caller still decides what to do with the entry itself.
    void setPrune(QList<QByteArray> relPaths) { m_prune = std::move(relPaths); }

    // Names of these user and group ids on the host, in one round trip (getent). An id the host has
    // no name for maps to its number, as find's %u/%g print it.
    struct Names
    {
        QHash<quint32, QString> users, groups;
    };
    Result<Names> names(const QSet<quint32>& uids, const QSet<quint32>& gids, const ExecOptions& options = {});

    // The entries under root (root included) whose status changed (ctime) at or after sinceNs on the
    // host's clock, parents before children, in one round trip that stats every entry but prints only
    // those. Nothing is left out for .nobackup here: the caller decides. summary.hostClockNs is the host's
    // clock when this started. Numeric ids only.
    Result<ScanSummary> changedSince(const QByteArray& root, qint64 sinceNs, const EntryCallback& onEntry,
                                     const ExecOptions& options = {});

    // In one round trip: the direct children of every folder in `list`, then every entry of the subtrees
    // `trees` (each top included; folders holding .nobackup left out as scan() does, in summary.skipped).
    // Paths in and out are relative to root ("." is root itself); each folder must be on root's filesystem.
    // Numeric ids only. A folder that vanished meanwhile makes summary.findExitCode 1.
    Result<ScanSummary> listAndScan(const QByteArray& root, const QList<QByteArray>& list,
                                    const QList<QByteArray>& trees, const EntryCallback& onEntry,
                                    const ExecOptions& options = {});

    // The commands scan(), changedSince() and listAndScan() run (exposed for tests and docs).
    static QByteArray command(const QByteArray& root, bool withNames = true, bool onePass = false,
                              const QList<QByteArray>& prune = {});
    static QByteArray changedCommand(const QByteArray& root, qint64 sinceNs, const QList<QByteArray>& prune = {});
    static QByteArray listCommand(const QByteArray& root, const QList<QByteArray>& list, const QList<QByteArray>& trees);

private:
    Result<ScanSummary> run(const QByteArray& command, const QByteArray& root, bool withNames, bool relPaths,
                            const EntryCallback& onEntry, const ExecOptions& options);

    Host& m_host;
    bool m_withNames = true;
    bool m_onePass = false;
    QList<QByteArray> m_prune;
};

// Incremental parser of the scan command's output, fed with whatever the stream delivers.
class ScanOutputParser
{
public:
    using EntryCallback = RemoteScanner::EntryCallback;
    // relPaths: entries were printed with find's %p from inside the root ("./a/b"), not %P.
    explicit ScanOutputParser(EntryCallback onEntry, bool withNames = true, bool relPaths = false)
        : m_onEntry(std::move(onEntry)), m_withNames(withNames), m_relPaths(relPaths)
    {
    }
    // Past util/Limits.h (more entries than limits::maxEntries(), a symlink target longer than
    // limits::kMaxPathBytes, a record longer than 64 KiB): Error::Remote with one sentence naming the
    // limit. Path length and depth are the caller's to check, after its own exclusions (HostSource).
    Status feed(const char* data, qint64 len);
    Status finish(); // the stream ended: a cut-off record is an error
    const ScanSummary& summary() const { return m_summary; }

private:
    Status record(const QByteArrayView* fields); // as many as the record's tag needs
    bool isSkipped(const QByteArray& path) const;

    QByteArray pathOf(QByteArrayView field) const;

    EntryCallback m_onEntry;
    bool m_withNames = true;
    bool m_relPaths = false;
    QByteArray m_buf;
    qint64 m_records = 0; // entries and .nobackup records, against limits::maxEntries()
    ScanSummary m_summary;
};

} // namespace ncb::host
