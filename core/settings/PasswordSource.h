#pragma once
// Where a repository password comes from, in one place for the CLI and for scheduled runs.
// NEVER from a command-line argument: argv is visible to every user of the machine (ps, /proc).
//
// Order: PasswordOptions::passwordFile (--password-file FILE), then the environment variable
// NCBACKUP_PASSWORD_FILE, then NCBACKUP_PASSWORD_COMMAND (run through /bin/sh -c; its standard output
// is the password), then a prompt on the terminal with echo off (only when stdin is a terminal and
// allowPrompt is set). One trailing newline is stripped from file and command output; everything else
// (spaces included) is part of the password. See docs/SECRETS.md.

#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace ncb::settings {

struct PasswordOptions
{
    QString passwordFile; // --password-file FILE
    bool allowPrompt = true;
};

// Error::Usage when no source is available or the password is empty; Error::Io naming the file when
// the password file cannot be read; Error::Generic when the password command fails.
Result<QByteArray> obtainPassword(const PasswordOptions& options, const QString& prompt);

// For a new password: the same sources; on a terminal it asks twice and refuses a mismatch.
Result<QByteArray> obtainNewPassword(const PasswordOptions& options, const QString& prompt);

// Another secret (a database password for a copy of an instance): from `file` when given (fileOption
// names it in errors), else asked once on the terminal. Never from the repository password's sources.
Result<QByteArray> obtainSecret(const QString& file, const QString& fileOption, const QString& prompt);
// Asks on the terminal with echo off (any secret: an app password); Error::Usage when there is none.
Result<QByteArray> promptSecret(const QString& prompt);

// True when the file option or one of the two environment variables is set (non-empty).
bool hasExplicitPasswordSource(const PasswordOptions& options);

} // namespace ncb::settings
