#pragma once
// Limits: how much a host can make ncbackup hold, in one place. A real Nextcloud instance never comes
// near them; a host whose `find` (or tar) sends more is misbehaving, and the backup stops with one
// sentence naming the limit (Error::Remote, exit 12) before maintenance mode goes on. A restore refuses
// a Restoring Point path past them the same way it refuses an unsafe path (Error::Unsafe, exit 10), so
// whatever a backup accepted, a restore takes.
//
//   entries   50,000,000   files, folders and symlinks one backup keeps (both folders together)
//   path      4,096 bytes  one Restoring Point path ("data/alice/files/a.txt") or symlink target
//   depth     1,000        folders in one Restoring Point path (the top folder "data"/"root" included)
//   output    64 MiB       what one command run with Host::exec() may print (occ, getent, ...; the
//                          scan, the tar stream and the dump are streamed and never held whole)
//
// NCBACKUP_LIMIT_ENTRIES (a diagnostic, used by the tests) lowers the entry limit; it never raises it.

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

namespace ncb::limits {

inline constexpr qint64 kMaxEntries = 50'000'000;
inline constexpr qsizetype kMaxPathBytes = 4096;
inline constexpr int kMaxDepth = 1000;
inline constexpr qsizetype kMaxExecOutputBytes = 64 * 1024 * 1024;

// kMaxEntries, or NCBACKUP_LIMIT_ENTRIES when that is a smaller positive number (read once).
qint64 maxEntries();

// Empty when `path` (bytes, components separated by '/') is within the path and depth limits; else
// why not, as the end of a sentence: "is 5,012 bytes long (the limit is 4,096)".
QString pathPastLimits(QByteArrayView path);

// A long path cut for a sentence: its first 120 bytes, "…", its last 60.
QString shownPath(QByteArrayView path);

} // namespace ncb::limits
