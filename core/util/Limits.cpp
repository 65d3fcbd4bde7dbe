#include "util/Limits.h"

#include <QLocale>

#include <algorithm>
#include <cstdlib>

namespace ncb::limits {

qint64 maxEntries()
{
    static const qint64 limit = [] {
        const char* env = std::getenv("NCBACKUP_LIMIT_ENTRIES");
        if (!env || !*env)
            return kMaxEntries;
        bool ok = false;
        const qint64 n = QByteArray(env).toLongLong(&ok);
        return ok && n > 0 ? std::min(n, kMaxEntries) : kMaxEntries;
    }();
    return limit;
}

QString pathPastLimits(QByteArrayView path)
{
    const QLocale english(QLocale::English); // "4,096": the sentences are English
    auto num = [&](qint64 n) { return english.toString(n); };
    if (path.size() > kMaxPathBytes)
        return QStringLiteral("is %1 bytes long (the limit is %2)").arg(num(path.size()), num(kMaxPathBytes));
    const qsizetype depth = std::count(path.begin(), path.end(), '/') + 1;
    if (depth > kMaxDepth)
        return QStringLiteral("is %1 folders deep (the limit is %2)").arg(num(depth), num(kMaxDepth));
    return {};
}

QString shownPath(QByteArrayView path)
{
    if (path.size() <= 200)
        return QString::fromUtf8(path);
    return QString::fromUtf8(path.first(120)) + QStringLiteral("…") + QString::fromUtf8(path.last(60));
}

} // namespace ncb::limits
