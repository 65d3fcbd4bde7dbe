#include "settings/PasswordSource.h"

#include "crypto/SecureBytes.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>

#include <csignal>
#include <utility>
#include <cstdio>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace ncb::settings {

namespace {

const char kEnvFile[] = "NCBACKUP_PASSWORD_FILE";
const char kEnvCommand[] = "NCBACKUP_PASSWORD_COMMAND";

QString tr(const char* text)
{
    return QCoreApplication::translate("PasswordSource", text);
}

Error noSource()
{
    return Error::make(Error::Usage, tr("No password given: use --password-file, NCBACKUP_PASSWORD_FILE, "
                                        "NCBACKUP_PASSWORD_COMMAND or run on a terminal."));
}

void stripOneNewline(QByteArray& bytes)
{
    if (bytes.endsWith('\n')) {
        bytes.chop(1);
        if (bytes.endsWith('\r'))
            bytes.chop(1);
    }
}

Result<QByteArray> fromFile(const QString& path, const QString& origin)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(Error::Io, tr("Cannot read the password file %1 (%2): %3.")
                                          .arg(path, origin, file.errorString()));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        crypto::wipe(bytes);
        return Error::make(Error::Io, tr("Cannot read the password file %1 (%2): %3.")
                                          .arg(path, origin, file.errorString()));
    }
    stripOneNewline(bytes);
    if (bytes.isEmpty())
        return Error::make(Error::Usage, tr("The password file %1 is empty.").arg(path));
    return bytes;
}

Result<QByteArray> fromCommand(const QString& command)
{
    QProcess process;
    // stdin and stderr stay the user's, so a command like `pass show x` or gpg can ask for its own
    // passphrase; only stdout carries the password.
    process.setInputChannelMode(QProcess::ForwardedInputChannel);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    if (!process.waitForStarted(-1))
        return Error::make(Error::Generic, tr("The password command (NCBACKUP_PASSWORD_COMMAND) could not "
                                              "be started: %1.").arg(process.errorString()));
    process.waitForFinished(-1);
    QByteArray bytes = process.readAllStandardOutput();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        crypto::wipe(bytes);
        if (process.exitStatus() != QProcess::NormalExit)
            return Error::make(Error::Generic,
                               tr("The password command (NCBACKUP_PASSWORD_COMMAND) crashed."));
        return Error::make(Error::Generic, tr("The password command (NCBACKUP_PASSWORD_COMMAND) failed "
                                              "with exit code %1.").arg(process.exitCode()));
    }
    stripOneNewline(bytes);
    if (bytes.isEmpty())
        return Error::make(Error::Usage,
                           tr("The password command (NCBACKUP_PASSWORD_COMMAND) printed an empty password."));
    return bytes;
}

// --- the terminal prompt -------------------------------------------------------------------------

// Restores echo when the user presses Ctrl-C (or the session ends) while echo is off.
int g_ttyFd = -1;
struct termios g_saved;
struct sigaction g_oldInt, g_oldTerm, g_oldHup;

extern "C" void restoreTerminalAndReraise(int sig)
{
    if (g_ttyFd >= 0)
        tcsetattr(g_ttyFd, TCSAFLUSH, &g_saved);
    struct sigaction* old = sig == SIGINT ? &g_oldInt : sig == SIGTERM ? &g_oldTerm : &g_oldHup;
    sigaction(sig, old, nullptr);
    raise(sig);
}

class TerminalPrompt
{
public:
    TerminalPrompt()
    {
        m_fd = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
        if (m_fd >= 0) {
            m_owned = true;
        } else {
            m_fd = STDIN_FILENO;
        }
    }
    ~TerminalPrompt()
    {
        if (m_owned)
            ::close(m_fd);
    }

    // Asks once with echo off. Empty result on end of input.
    Result<QByteArray> ask(const QString& prompt)
    {
        struct termios saved;
        const bool haveTermios = tcgetattr(m_fd, &saved) == 0;
        if (haveTermios) {
            g_saved = saved;
            g_ttyFd = m_fd;
            struct sigaction sa {};
            sa.sa_handler = restoreTerminalAndReraise;
            sigemptyset(&sa.sa_mask);
            // Only where the signal would end the process: an ignored signal stays ignored.
            for (auto [sig, old] : {std::pair{SIGINT, &g_oldInt}, {SIGTERM, &g_oldTerm}, {SIGHUP, &g_oldHup}}) {
                sigaction(sig, &sa, old);
                if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler == SIG_IGN)
                    sigaction(sig, old, nullptr);
            }
            struct termios quiet = saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            quiet.c_lflag |= ECHONL;
            tcsetattr(m_fd, TCSAFLUSH, &quiet);
        }
        // Echo is off before the prompt appears: whatever is typed after it stays hidden.
        writeOut(prompt.toUtf8());
        QByteArray line;
        line.reserve(1024); // no reallocation leaving copies of the password behind
        bool eof = false;
        for (;;) {
            char c;
            const ssize_t n = ::read(m_fd, &c, 1);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                eof = true;
                break;
            }
            if (c == '\n')
                break;
            line.append(c);
        }
        if (haveTermios) {
            tcsetattr(m_fd, TCSAFLUSH, &saved);
            sigaction(SIGINT, &g_oldInt, nullptr);
            sigaction(SIGTERM, &g_oldTerm, nullptr);
            sigaction(SIGHUP, &g_oldHup, nullptr);
            g_ttyFd = -1;
        }
        if (eof)
            writeOut("\n");
        if (line.endsWith('\r'))
            line.chop(1);
        if (eof && line.isEmpty())
            return Error::make(Error::Cancelled, tr("No password was entered."));
        if (line.isEmpty())
            return Error::make(Error::Usage, tr("The password is empty."));
        return line;
    }

private:
    void writeOut(const QByteArray& bytes)
    {
        const int fd = m_owned ? m_fd : STDERR_FILENO;
        qsizetype done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd, bytes.constData() + done, static_cast<size_t>(bytes.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return;
            done += n;
        }
    }

    int m_fd = -1;
    bool m_owned = false;
};

bool canPrompt(const PasswordOptions& options)
{
    return options.allowPrompt && ::isatty(STDIN_FILENO);
}

// The non-interactive sources in order; call only when hasExplicitPasswordSource() holds.
Result<QByteArray> fromExplicitSource(const PasswordOptions& options)
{
    if (!options.passwordFile.isEmpty())
        return fromFile(options.passwordFile, QStringLiteral("--password-file"));
    const QString envFile = qEnvironmentVariable(kEnvFile);
    if (!envFile.isEmpty())
        return fromFile(envFile, QLatin1String(kEnvFile));
    return fromCommand(qEnvironmentVariable(kEnvCommand));
}

} // namespace

bool hasExplicitPasswordSource(const PasswordOptions& options)
{
    return !options.passwordFile.isEmpty() || !qEnvironmentVariable(kEnvFile).isEmpty()
           || !qEnvironmentVariable(kEnvCommand).isEmpty();
}

Result<QByteArray> obtainPassword(const PasswordOptions& options, const QString& prompt)
{
    if (hasExplicitPasswordSource(options))
        return fromExplicitSource(options);
    if (!canPrompt(options))
        return noSource();
    TerminalPrompt terminal;
    return terminal.ask(prompt);
}

Result<QByteArray> promptSecret(const QString& prompt)
{
    if (!::isatty(STDIN_FILENO))
        return noSource();
    TerminalPrompt terminal;
    return terminal.ask(prompt);
}

Result<QByteArray> obtainSecret(const QString& file, const QString& fileOption, const QString& prompt)
{
    if (!file.isEmpty())
        return fromFile(file, fileOption);
    if (!::isatty(STDIN_FILENO))
        return Error::make(Error::Usage, tr("Give the password with %1 FILE, or run on a terminal.").arg(fileOption));
    return promptSecret(prompt);
}

Result<QByteArray> obtainNewPassword(const PasswordOptions& options, const QString& prompt)
{
    if (hasExplicitPasswordSource(options))
        return fromExplicitSource(options);
    if (!canPrompt(options))
        return noSource();
    TerminalPrompt terminal;
    auto first = terminal.ask(prompt);
    if (!first)
        return first;
    auto second = terminal.ask(tr("Repeat the password: "));
    if (!second) {
        crypto::wipe(first.value());
        return second;
    }
    const bool same = first.value() == second.value();
    crypto::wipe(second.value());
    if (!same) {
        crypto::wipe(first.value());
        return Error::make(Error::Usage, tr("The two passwords do not match."));
    }
    return first;
}

} // namespace ncb::settings
