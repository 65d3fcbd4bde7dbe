#include "SafePath.h"

#include "util/Limits.h"

#include <QList>

namespace ncb::repo {

QString unsafePathReason(const QByteArray& path)
{
    if (path.isEmpty())
        return QStringLiteral("it is empty");
    if (path.contains('\0'))
        return QStringLiteral("it contains a NUL byte");
    if (path.startsWith('/'))
        return QStringLiteral("it is absolute");
    for (const QByteArray& c : path.split('/')) {
        if (c.isEmpty())
            return QStringLiteral("it has an empty component");
        if (c == ".")
            return QStringLiteral("it has a '.' component");
        if (c == "..")
            return QStringLiteral("it has a '..' component");
    }
    return {};
}

Status checkSafeRelativePath(const QByteArray& path)
{
    QString why = unsafePathReason(path);
    // Past what a backup takes from a host (util/Limits.h): refused before anything is written.
    if (why.isEmpty())
        if (const QString past = limits::pathPastLimits(path); !past.isEmpty())
            why = QStringLiteral("it ") + past;
    if (why.isEmpty())
        return {};
    QByteArray shown = path;
    shown.replace('\0', "\\0");
    return Error::make(Error::Unsafe, QStringLiteral("Refusing the unsafe path '%1': %2.").arg(limits::shownPath(shown), why));
}

QByteArray normaliseRpPath(const QString& path)
{
    QList<QByteArray> kept;
    for (const QByteArray& c : path.toUtf8().split('/'))
        if (!c.isEmpty() && c != ".")
            kept << c;
    return kept.join('/');
}

Result<QByteArray> checkedRpPath(const QString& path)
{
    const QByteArray p = normaliseRpPath(path);
    if (!p.isEmpty())
        NCB_TRY(checkSafeRelativePath(p));
    return p;
}

} // namespace ncb::repo
