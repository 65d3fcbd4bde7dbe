#pragma once
// Host: the machine that runs Nextcloud, as ncbackup sees it — a place to run shell commands.
// Everything ncbackup does on a host (scan, tar streams, occ, DB dumps) is a command run through
// exec() or start(); LocalHost runs them on this machine, SshHost over one SSH session.
//
// Commands are POSIX sh command lines. Build them with quote() for every path or value: it is safe
// for any byte string (spaces, quotes, newlines, leading dashes are the caller's job: use "--" or "./").
// With setRunAs("www-data") every command is wrapped as `sudo -n -u www-data -- sh -c '<command>'`;
// when sudo wants a password the command fails with one sentence that says how to fix it.
//
// Threading: a Host and the streams it starts are used from one thread at a time (the job's worker).

#include "util/Progress.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>

namespace ncb::host {

struct ExecOptions
{
    QByteArray stdinData; // exec(): written to the command's stdin, which is then closed
    // Limit for the whole run, then Error::Network (SSH) / Generic (local). 0 = none;
    // -1 = the default: 120 s for exec(), none for start() (streams run as long as the data lasts).
    int timeoutMs = -1;
    CancelCheck cancel;   // polled while waiting; true → Error::Cancelled
    bool useRunAs = true; // false: run as the login user even when runAs is set
};

// Why a running command must stop now: the user cancelled (Error::Cancelled), or it has run for longer
// than options.timeoutMs (timeoutCode, naming hostName). Nothing when it may go on.
std::optional<Error> stopReason(const ExecOptions& options, qint64 elapsedMs, const QString& hostName,
                                Error::Code timeoutCode);

struct ExecResult
{
    int exitCode = -1;
    QByteArray out; // stdout (exec(); for a stream, whatever was left unread at finish())
    QByteArray err; // stderr, capped at 1 MiB
};

// A running command: pull its stdout with read(), push its stdin with write()/queueStdin().
// read() matches what a libarchive read callback or a line parser needs. Not copyable; destroying
// an unfinished stream closes the channel / kills the process.
class ExecStream
{
public:
    virtual ~ExecStream() = default;

    // Up to max bytes of stdout: > 0 bytes read, 0 at end of stdout, -1 on failure (see error()).
    // Blocks until some data arrives; queued stdin is written meanwhile, stderr is collected.
    virtual qint64 read(char* buf, qint64 max) = 0;
    // Write to stdin, blocking until accepted. For bulk input whose command prints little (tar -x).
    virtual Status write(const char* data, qint64 len) = 0;
    Status write(const QByteArray& data) { return write(data.constData(), data.size()); }
    // Data written to stdin while read() waits for output (no deadlock when both sides are large);
    // closeAfter: close stdin once it is all written.
    virtual void queueStdin(const QByteArray& data, bool closeAfter) = 0;
    virtual Status closeStdin() = 0;
    // Close stdin, read what is left of stdout (kept in ExecResult::out), wait for the exit status.
    virtual Result<ExecResult> finish() = 0;
    // The reason of the last failed read(); code Network, Cancelled, ...
    virtual Error error() const = 0;
    // stderr collected so far.
    virtual QByteArray stderrSoFar() const = 0;
};

class Host
{
public:
    virtual ~Host() = default;

    // "ncbtest@backup.example.org:22" or "this machine": used in every error sentence.
    virtual QString displayName() const = 0;
    // The user commands run as before any sudo.
    virtual QString loginUser() const = 0;
    // Prepare the connection (SshHost: connect + host key + auth). exec()/start() call it when needed.
    virtual Status connect() = 0;

    void setRunAs(const QString& user) { m_runAs = user; }
    QString runAs() const { return m_runAs; }

    // Run a command to its end. A non-zero exit code is a value, not an error; errors are: cannot
    // reach the host, timeout, cancel, sudo refusing.
    Result<ExecResult> exec(const QString& command, const ExecOptions& options = {});
    // Start a command whose stdout is read as a stream (tar -c, find) or whose stdin is fed (tar -x).
    // A sudo refusal shows up as an empty stream and a failed exit: pass finish()'s result through
    // sudoFailure() (RemoteScanner and the tar streams do).
    Result<std::unique_ptr<ExecStream>> start(const QString& command, const ExecOptions& options = {});

    // Single-quote a string for sh: safe for any content ('it'"'"'s' style escaping).
    static QString quote(const QString& s);
    static QByteArray quote(const QByteArray& s);
    // The command line really sent: wrapped in sudo when runAs is set and differs from loginUser().
    QString wrapped(const QString& command, bool useRunAs = true) const;
    // If res is sudo refusing (password needed, no rule, no sudo), the sentence that says so.
    std::optional<Error> sudoFailure(int exitCode, const QByteArray& err) const;

protected:
    // Start `sh -c <commandLine>` (already wrapped) on the host.
    virtual Result<std::unique_ptr<ExecStream>> startRaw(const QString& commandLine,
                                                         const ExecOptions& options) = 0;

private:
    QString m_runAs;
};

} // namespace ncb::host
