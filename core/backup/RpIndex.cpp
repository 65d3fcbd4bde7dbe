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

namespace {
QList<RpInfo::PathNote> pathNotes(const QJsonValue& v)
{
    QList<RpInfo::PathNote> out;
    for (const QJsonValue& e : v.toArray())
        out.append({e.toObject().value(QStringLiteral("path")).toString(), e.toObject().value(QStringLiteral("reason")).toString()});
    return out;
}
} // namespace

#define NCB_RP_STRING(fn, key) \
    QString RpInfo::fn() const { return manifest.extra.value(QStringLiteral(key)).toString(); }
NCB_RP_STRING(instance, "instance")
NCB_RP_STRING(host, "host")
NCB_RP_STRING(serverRoot, "serverRoot")
NCB_RP_STRING(serverRootRealPath, "serverRootRealPath")
NCB_RP_STRING(dataDirectory, "dataDirectory")
NCB_RP_STRING(dataDirectoryRealPath, "dataDirectoryRealPath")
NCB_RP_STRING(nextcloudVersion, "nextcloudVersion")
NCB_RP_STRING(nextcloudVersionString, "nextcloudVersionString")
NCB_RP_STRING(dbType, "dbType")
NCB_RP_STRING(dbName, "dbName")
NCB_RP_STRING(dbDump, "dbDump")
#undef NCB_RP_STRING

qint64 RpInfo::dumpSize() const { return manifest.extra.value(QStringLiteral("dumpSize")).toInteger(); }
double RpInfo::maintenanceWindowSeconds() const { return manifest.extra.value(QStringLiteral("maintenanceWindowSeconds")).toDouble(); }
int RpInfo::occCalls() const { return manifest.extra.value(QStringLiteral("occCalls")).toInt(); }
QJsonObject RpInfo::phases() const { return manifest.extra.value(QStringLiteral("phases")).toObject(); }
QList<RpInfo::PathNote> RpInfo::skipped() const { return pathNotes(manifest.extra.value(QStringLiteral("skipped"))); }
QList<RpInfo::PathNote> RpInfo::incomplete() const { return pathNotes(manifest.extra.value(QStringLiteral("incomplete"))); }

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
        if (m->extra.value(QStringLiteral("instance")).toString() != instance) // (RpInfo::instance(), before there is one)
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
