#include "SnapshotManifest.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ncb::repo {

QByteArray SnapshotManifest::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("format"), kFormat);
    o.insert(QStringLiteral("time"), time.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("hostname"), hostname);
    o.insert(QStringLiteral("paths"), QJsonArray::fromStringList(sourcePaths));
    o.insert(QStringLiteral("parent"), parent);
    o.insert(QStringLiteral("kind"), kind == Full ? QStringLiteral("full") : QStringLiteral("incremental"));
    QJsonArray trees;
    for (const BlobId& id : treeBlobs)
        trees.append(blobHex(id));
    o.insert(QStringLiteral("tree"), trees);
    QJsonObject s;
    s.insert(QStringLiteral("files"), stats.files);
    s.insert(QStringLiteral("dirs"), stats.dirs);
    s.insert(QStringLiteral("symlinks"), stats.symlinks);
    s.insert(QStringLiteral("bytes"), stats.bytes);
    s.insert(QStringLiteral("bytes_read"), stats.bytesRead);
    s.insert(QStringLiteral("new_bytes"), stats.newBytes);
    s.insert(QStringLiteral("new_blobs"), stats.newBlobs);
    s.insert(QStringLiteral("duration"), stats.durationSeconds);
    o.insert(QStringLiteral("stats"), s);
    QJsonArray sk;
    for (const SkippedPath& p : skipped)
        sk.append(QJsonObject{{QStringLiteral("path"), QString::fromUtf8(p.path)}, {QStringLiteral("reason"), p.reason}});
    o.insert(QStringLiteral("skipped"), sk);
    o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
    o.insert(QStringLiteral("extra"), extra);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

static Error bad(const QString& what)
{
    return Error::make(Error::Corrupt, QStringLiteral("A snapshot manifest is damaged: %1.").arg(what));
}

static bool isHex64(const QString& s)
{
    if (s.size() != 64)
        return false;
    for (QChar c : s)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return true;
}

Result<SnapshotManifest> parseManifest(const QByteArray& json)
{
    if (json.size() > 256 * 1024 * 1024)
        return bad(QStringLiteral("it is too large"));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return bad(QStringLiteral("it is not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toInt(-1) != SnapshotManifest::kFormat)
        return bad(QStringLiteral("its format version is unknown"));
    SnapshotManifest m;
    m.time = QDateTime::fromString(o.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs);
    if (!m.time.isValid())
        return bad(QStringLiteral("its time is invalid"));
    m.hostname = o.value(QStringLiteral("hostname")).toString();
    for (const QJsonValue& v : o.value(QStringLiteral("paths")).toArray())
        m.sourcePaths << v.toString();
    m.parent = o.value(QStringLiteral("parent")).toString();
    if (!m.parent.isEmpty() && !isHex64(m.parent))
        return bad(QStringLiteral("its parent id is invalid"));
    const QString kind = o.value(QStringLiteral("kind")).toString();
    if (kind != QLatin1String("full") && kind != QLatin1String("incremental"))
        return bad(QStringLiteral("its kind is invalid"));
    m.kind = kind == QLatin1String("full") ? SnapshotManifest::Full : SnapshotManifest::Incremental;
    const QJsonValue trees = o.value(QStringLiteral("tree"));
    if (!trees.isArray())
        return bad(QStringLiteral("it has no tree list"));
    for (const QJsonValue& v : trees.toArray()) {
        const QString h = v.toString();
        if (!isHex64(h))
            return bad(QStringLiteral("a tree blob id is invalid"));
        BlobId id;
        const QByteArray raw = QByteArray::fromHex(h.toLatin1());
        std::memcpy(id.data(), raw.constData(), 32);
        m.treeBlobs << id;
    }
    const QJsonObject s = o.value(QStringLiteral("stats")).toObject();
    auto num = [&](const char* k) { return qint64(s.value(QLatin1String(k)).toDouble()); };
    m.stats.files = num("files");
    m.stats.dirs = num("dirs");
    m.stats.symlinks = num("symlinks");
    m.stats.bytes = num("bytes");
    m.stats.bytesRead = num("bytes_read");
    m.stats.newBytes = num("new_bytes");
    m.stats.newBlobs = num("new_blobs");
    m.stats.durationSeconds = s.value(QStringLiteral("duration")).toDouble();
    for (const QJsonValue& v : o.value(QStringLiteral("skipped")).toArray()) {
        const QJsonObject so = v.toObject();
        m.skipped.push_back({so.value(QStringLiteral("path")).toString().toUtf8(), so.value(QStringLiteral("reason")).toString()});
    }
    for (const QJsonValue& v : o.value(QStringLiteral("warnings")).toArray())
        m.warnings << v.toString();
    m.extra = o.value(QStringLiteral("extra")).toObject();
    return m;
}

} // namespace ncb::repo
