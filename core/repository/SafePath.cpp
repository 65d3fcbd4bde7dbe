#include "SafePath.h"

#include "util/Limits.h"

#include <QList>

namespace ncb::repo {

Status checkSafeRelativePath(const QByteArray& path)
{
    auto refuse = [&](const QString& why) {
        QByteArray shown = path;
        shown.replace('\0', "\\0");
        return Error::make(Error::Unsafe, QStringLiteral("Refusing the unsafe path '%1': %2.")
                                              .arg(limits::shownPath(shown), why));
    };
    if (path.isEmpty())
        return refuse(QStringLiteral("it is empty"));
    // Past what a backup takes from a host (util/Limits.h): refused before anything is written.
    if (const QString past = limits::pathPastLimits(path); !past.isEmpty())
        return refuse(QStringLiteral("it ") + past);
    if (path.contains('\0'))
        return refuse(QStringLiteral("it contains a NUL byte"));
    if (path.startsWith('/'))
        return refuse(QStringLiteral("it is absolute"));
    for (const QByteArray& c : path.split('/')) {
        if (c.isEmpty())
            return refuse(QStringLiteral("it has an empty component"));
        if (c == ".")
            return refuse(QStringLiteral("it has a '.' component"));
        if (c == "..")
            return refuse(QStringLiteral("it has a '..' component"));
    }
    return {};
}

} // namespace ncb::repo
