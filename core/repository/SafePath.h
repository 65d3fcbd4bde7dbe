#pragma once
// SafePath: the rule that keeps a restore inside its target folder. A path from a (possibly tampered)
// tree or from the user is accepted only when it is relative, non-empty, free of NUL, and made of
// components that are neither empty, "." nor "..", and when it is within the path and depth limits a
// backup takes from a host (util/Limits.h: 4,096 bytes, 1,000 folders). A pure function.

#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace ncb::repo {

// Error::Unsafe naming the path when it could leave the restore folder.
Status checkSafeRelativePath(const QByteArray& path);
// The same rule: why the path is unsafe ("it has a '..' component"), or empty when it is safe. The one rule
// for paths from a host (backup scan, tar members) and from an RP (restore).
QString unsafePathReason(const QByteArray& path);

// The one normalisation of an RP path a user typed or a face passed on ("/data/alice/", "data//alice",
// "./data" are all "data/alice" or "data"): leading, trailing and doubled slashes and "." components go,
// ".." stays (so that the rule above refuses it). "" and "/" are "" (the top of the RP). UTF-8.
QByteArray normaliseRpPath(const QString& path);
// normaliseRpPath() then the rule: "" stays "" (the whole RP); an unsafe path is Error::Unsafe.
Result<QByteArray> checkedRpPath(const QString& path);

} // namespace ncb::repo
