#include "host/Host.h"
#include "util/Limits.h"

#include <QElapsedTimer>

namespace ncb::host {

std::optional<Error> stopReason(const ExecOptions& options, qint64 elapsedMs, const QString& hostName,
                                Error::Code timeoutCode)
{
    if (options.cancel && options.cancel())
        return Error::make(Error::Cancelled, QStringLiteral("Stopped by the user."));
    if (options.timeoutMs > 0 && elapsedMs > options.timeoutMs)
        return Error::make(timeoutCode, QStringLiteral("A command on %1 did not finish within %2 s.")
                                            .arg(hostName)
                                            .arg(options.timeoutMs / 1000.0));
    return std::nullopt;
}

QString Host::quote(const QString& s)
{
    return QString::fromUtf8(quote(s.toUtf8()));
}

QByteArray Host::quote(const QByteArray& s)
{
    // Inside single quotes sh takes every byte literally except the quote itself, which is closed,
    // escaped and reopened. Nothing else (newlines, $, `, \, !) needs care.
    QByteArray q;
    q.reserve(s.size() + 2);
    q += '\'';
    for (char c : s) {
        if (c == '\'')
            q += "'\\''";
        else
            q += c;
    }
    q += '\'';
    return q;
}

QString Host::wrapped(const QString& command, bool useRunAs) const
{
    if (!useRunAs || m_runAs.isEmpty() || m_runAs == loginUser())
        return command;
    return QStringLiteral("sudo -n -u %1 -- sh -c %2").arg(quote(m_runAs), quote(command));
}

std::optional<Error> Host::sudoFailure(int exitCode, const QByteArray& err) const
{
    if (m_runAs.isEmpty() || m_runAs == loginUser() || exitCode == 0)
        return std::nullopt;
    const QString e = QString::fromUtf8(err);
    if (exitCode == 1 && e.contains(QLatin1String("sudo: a password is required")))
        return Error::make(Error::Auth,
                           QStringLiteral("sudo on %1 needs a password for %2: allow NOPASSWD for running "
                                          "commands as %3 (e.g. \"%2 ALL=(%3) NOPASSWD: ALL\" in "
                                          "/etc/sudoers.d/ncbackup) or connect as %3 directly.")
                               .arg(displayName(), loginUser(), m_runAs));
    if (exitCode == 1 && e.contains(QLatin1String("sudo:")) &&
        (e.contains(QLatin1String("not allowed")) || e.contains(QLatin1String("not in the sudoers")) ||
         e.contains(QLatin1String("may not run sudo"))))
        return Error::make(
            Error::Auth,
            QStringLiteral("sudo on %1 does not let %2 run commands as %3: add \"%2 ALL=(%3) "
                           "NOPASSWD: ALL\" to /etc/sudoers.d/ncbackup or connect as %3 directly.")
                .arg(displayName(), loginUser(), m_runAs));
    if (exitCode == 1 && e.contains(QLatin1String("sudo: unknown user")))
        return Error::make(Error::NotFound,
                           QStringLiteral("sudo on %1 cannot run commands as %2: there is no such user.")
                               .arg(displayName(), m_runAs));
    if (exitCode == 127 && e.contains(QLatin1String("sudo")) && e.contains(QLatin1String("not found")))
        return Error::make(
            Error::Remote,
            QStringLiteral("sudo is not installed on %1: install it or connect as %2 directly.")
                .arg(displayName(), m_runAs));
    return std::nullopt;
}

Result<std::unique_ptr<ExecStream>> Host::start(const QString& command, const ExecOptions& options)
{
    NCB_TRY(connect());
    ExecOptions o = options;
    if (o.timeoutMs < 0)
        o.timeoutMs = 0;
    return startRaw(wrapped(command, o.useRunAs), o);
}

Result<ExecResult> Host::exec(const QString& command, const ExecOptions& options)
{
    ExecOptions o = options;
    if (o.timeoutMs < 0)
        o.timeoutMs = 120000;
    auto started = start(command, o);
    if (!started)
        return started.error();
    std::unique_ptr<ExecStream> s = std::move(started.value());
    s->queueStdin(options.stdinData, true);

    ExecResult res;
    QByteArray buf(256 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = s->read(buf.data(), buf.size());
        if (n < 0)
            return s->error();
        if (n == 0)
            break;
        if (res.out.size() + n > limits::kMaxExecOutputBytes) // a command that floods: not held without bound
            return Error::make(Error::Remote, QStringLiteral("A command on %1 printed more than %2 MiB, more than ncbackup "
                                                             "reads from one command (%3).")
                                                  .arg(displayName())
                                                  .arg(limits::kMaxExecOutputBytes >> 20)
                                                  .arg(command.left(80).simplified()));
        res.out.append(buf.constData(), n);
    }
    auto fin = s->finish();
    if (!fin)
        return fin.error();
    res.exitCode = fin->exitCode;
    res.out += fin->out;
    res.err = fin->err;
    if (auto sudoErr = sudoFailure(res.exitCode, res.err); sudoErr && options.useRunAs)
        return *sudoErr;
    return res;
}

} // namespace ncb::host
