#include "LocalFileRestorer.h"

#include "repository/SnapshotRestorer.h"
#include "restore/RestoreTargets.h"

#include <QDir>
#include <QFileInfo>

namespace ncb::restore {

Result<FileRestoreReport> LocalFileRestorer::run(const FileRestoreOptions& o, FileRestoreReport* reportOut)
{
    if (o.target.isEmpty())
        return Error::make(Error::Usage, QStringLiteral("Name the folder to restore into."));
    const QString folder = QDir::cleanPath(QFileInfo(o.target).absoluteFilePath());
    Placement pl;
    pl.folder = QFile::encodeName(folder);
    LocalRestoreTarget local;
    FileRestoreReport rep;
    auto plan = planRestore(m_rp, local, pl, o, &rep);
    if (!plan)
        return plan.error();
    if (o.dryRun) {
        if (reportOut)
            *reportOut = rep;
        return rep;
    }
    std::vector<repo::RestoreItem> items;
    for (PlanItem& it : plan->items)
        if (it.writes())
            items.push_back(repo::RestoreItem{std::move(it.entry), it.rel, it.action == PlanItem::Replace});
    repo::SnapshotRestoreOptions so;
    so.targetDir = folder;
    so.progress = o.progress;
    so.sameOwner = o.sameOwner;
    so.keepSpecialBits = o.keepSpecialBits;
    repo::SnapshotRestoreReport srep;
    const Status s = repo::SnapshotRestorer(m_rp.repository()).runItems(std::move(items), so, &srep);
    rep.failures = srep.failures;
    rep.files = srep.files;
    rep.dirs = srep.dirs;
    rep.symlinks = srep.symlinks;
    if (reportOut)
        *reportOut = rep;
    if (!s.ok())
        return s.error();
    return rep;
}

} // namespace ncb::restore
