#pragma once
// The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows) through
// QtKeychain, with synchronous calls. QtKeychain's insecure plain-text fallback is never enabled: when
// no keychain is reachable, the caller gets an error and asks for the password another way.
//
// Every entry lives under the service name "ncbackup"; the key of a repository's password entry is
// "repository/<repo-id>" (docs/SECRETS.md). Values are stored as binary data.
//
// All QtKeychain jobs run on one private thread with its own event loop: QtKeychain queues its jobs
// in an unsynchronised process-wide executor, so this class is the only way the product touches the
// keychain. The calls work from any thread, before QCoreApplication::exec() runs, and in the CLI.
// A QCoreApplication (or QApplication) must exist.

#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace ncb::settings {

class Keychain
{
public:
    static QString serviceName();                            // "ncbackup"
    static QString repositoryEntry(const QString& repoId);   // "repository/<repoId>"

    // Error::NotFound when the entry is absent; Error::Generic with a clear sentence when no keychain
    // is reachable (no Secret Service on the session bus, no session bus at all).
    static Result<QByteArray> read(const QString& entry);
    static Status write(const QString& entry, const QByteArray& secret);
    // Removing an absent entry succeeds: the result the caller wanted holds.
    static Status remove(const QString& entry);

    // A cheap probe, answered once per process: can read() reach a keychain at all?
    static bool available();
};

} // namespace ncb::settings
