#pragma once
// RealPath: where paths on a host really lead (`readlink -f` there, as the Host's runAs user). A server root
// or data directory that is a symlink (a data folder on its own disk, side-by-side upgrades) must be walked
// at its real place: find does not follow a symlink given as its start point, so the scan of the link
// itself would see nothing inside.

#include "host/Host.h"

#include <QList>

namespace ncb::host {

// One answer per path, in order; an empty answer for a path that cannot be resolved (a missing folder on
// the way). One round trip.
Result<QList<QByteArray>> realPaths(Host& host, const QList<QByteArray>& paths, const ExecOptions& options = {});

} // namespace ncb::host
