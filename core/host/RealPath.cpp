#include "host/RealPath.h"

namespace ncb::host {

Result<QList<QByteArray>> realPaths(Host& host, const QList<QByteArray>& paths, const ExecOptions& options)
{
    if (paths.isEmpty())
        return QList<QByteArray>{};
    // NUL after each answer (any byte may be in a name); a path that does not resolve answers an empty field.
    QByteArray cmd;
    for (const QByteArray& p : paths)
        cmd += "readlink -f -z -- " + Host::quote(p) + " 2>/dev/null || printf '\\0'\n";
    cmd += "exit 0\n";
    auto r = host.exec(QString::fromUtf8(cmd), options);
    if (!r)
        return r.error();
    if (auto sudoErr = host.sudoFailure(r->exitCode, r->err); sudoErr && options.useRunAs)
        return *sudoErr;
    if (r->exitCode == 127 || r->err.contains("readlink: not found"))
        return Error::make(Error::Remote, QStringLiteral("readlink is missing on %1: install coreutils there.").arg(host.displayName()));
    QList<QByteArray> out = r->out.split('\0');
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    if (out.size() != paths.size())
        return Error::make(Error::Remote, QStringLiteral("%1 answered %2 paths for %3 asked (readlink -f): it is not a usual Linux host.")
                                              .arg(host.displayName())
                                              .arg(out.size())
                                              .arg(paths.size()));
    return out;
}

} // namespace ncb::host
