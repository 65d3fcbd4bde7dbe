#include "RpIndex.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace ncb::backup {

QString RpInfo::kind() const
{
    return manifest.extra.value(QStringLiteral("kind")).toString();
}

bool RpInfo::isIncomplete() const
{
    return !manifest.extra.value(QStringLiteral("incomplete")).toArray().isEmpty();
}

QString RpIndex::damagedSentence(const repo::Repository::DamagedSnapshot& d)
{
    return QStringLiteral("Restoring Point %1 is damaged: its manifest file %2 cannot be read; repo check lists what "
                          "is damaged.")
        .arg(d.id.left(12), d.file);
}

Result<QList<RpInfo>> RpIndex::list(const repo::Repository& repo, const QString& instance, bool includeSafety)
{
    auto refs = repo.listSnapshots();
    if (!refs)
        return refs.error();
    QList<RpInfo> out;
    for (const auto& ref : refs.value()) {
        auto plain = repo.readManifest(ref.id);
        if (!plain)
            return plain.error();
        auto m = repo::parseManifest(plain.value());
        if (!m)
            return m.error();
        if (m->extra.value(QStringLiteral("instance")).toString() != instance)
            continue;
        RpInfo info{ref.id, m.value()};
        if (info.isSafety() && !includeSafety)
            continue;
        out << info;
    }
    return out;
}

Result<RpInfo> RpIndex::resolve(const repo::Repository& repo, const QString& instance, const QString& idOrLatest)
{
    auto all = list(repo, instance, true);
    if (!all)
        return all.error();
    if (idOrLatest == QLatin1String("latest")) {
        for (qsizetype i = all->size() - 1; i >= 0; --i)
            if (!all->at(i).isSafety())
                return all->at(i);
        return Error::make(Error::NotFound, QStringLiteral("Instance %1 has no Restoring Point yet.").arg(instance));
    }
    if (idOrLatest.size() < 4 || !QRegularExpression(QStringLiteral("^[0-9a-f]+$")).match(idOrLatest).hasMatch())
        return Error::make(Error::Usage, QStringLiteral("\"%1\" is not a Restoring Point id (at least 4 hex digits) or \"latest\".").arg(idOrLatest));
    QList<RpInfo> hits;
    for (const auto& r : all.value())
        if (r.id.startsWith(idOrLatest))
            hits << r;
    if (hits.isEmpty())
        for (const auto& d : damaged(repo))
            if (d.id.startsWith(idOrLatest))
                return Error::make(Error::Corrupt, damagedSentence(d));
    if (hits.isEmpty())
        return Error::make(Error::NotFound, QStringLiteral("Instance %1 has no Restoring Point %2.").arg(instance, idOrLatest));
    if (hits.size() > 1)
        return Error::make(Error::Usage, QStringLiteral("%1 matches %2 Restoring Points; give more digits.").arg(idOrLatest).arg(hits.size()));
    return hits.first();
}

} // namespace ncb::backup
