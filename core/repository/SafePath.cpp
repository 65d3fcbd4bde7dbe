#include "SafePath.h"

#include <QList>

namespace ncb::repo {

Status checkSafeRelativePath(const QByteArray& path)
{
    auto refuse = [&](const char* why) {
        QByteArray shown = path;
        shown.replace('\0', "\\0");
        return Error::make(Error::Unsafe, QStringLiteral("Refusing the unsafe path '%1': %2.")
                                              .arg(QString::fromUtf8(shown), QString::fromLatin1(why)));
    };
    if (path.isEmpty())
        return refuse("it is empty");
    if (path.contains('\0'))
        return refuse("it contains a NUL byte");
    if (path.startsWith('/'))
        return refuse("it is absolute");
    for (const QByteArray& c : path.split('/')) {
        if (c.isEmpty())
            return refuse("it has an empty component");
        if (c == ".")
            return refuse("it has a '.' component");
        if (c == "..")
            return refuse("it has a '..' component");
    }
    return {};
}

} // namespace ncb::repo
