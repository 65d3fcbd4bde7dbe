#pragma once
// RepositoryUnlock: the one way a repository is opened and unlocked, for the desktop app and the CLI
// alike, and the one rule for changing its password.
//
// Unlock order:
//   1. an explicit password: one typed into the app's dialog, else --password-file FILE, else the
//      environment's NCBACKUP_PASSWORD_FILE / NCBACKUP_PASSWORD_COMMAND (settings/PasswordSource.h);
//   2. the master key this process already holds for the repository (the app keeps it for its session);
//   3. the master key stored in the OS keychain for the repository id (no key derivation);
//   4. a prompt on the terminal (CLI only, when stdin is one); the app asks with a dialog instead, on
//      Error::Auth with needsPassword(), and calls again with the typed password.
// After a password unlock the master key is stored in the keychain when one is reachable (unless the
// caller said not to), so the next run — a timer's too — needs no password.
//
// Changing the password needs the current password itself (a key from the keychain is not enough: a
// stolen session must not lock the owner out), takes the repository lock, re-wraps the master key (the
// data and the recovery key stay as they are) and stores the key in the keychain again.

#include "repository/Repository.h"
#include "util/Result.h"

#include <memory>

namespace ncb::settings {

struct UnlockSources
{
    QByteArray password;    // typed into a dialog; empty: none
    QString passwordFile;   // --password-file FILE; empty: none
    QByteArray sessionKey;  // a master key this process holds already; empty: none
    bool useKeychain = true;  // read and store the key in the OS keychain (--no-keychain: false)
    bool allowPrompt = true;  // ask on the terminal as the last resort
};

// Where the master key is kept after an unlock or a password change.
enum class KeyStorage { Keychain, NoKeychain, KeychainFailed, NotAsked };

struct Unlocked
{
    std::unique_ptr<repo::Repository> repo;
    enum class Via { Password, SessionKey, Keychain } via = Via::Password;
    KeyStorage storage = KeyStorage::NotAsked; // after a password unlock: was the key stored
};

class RepositoryUnlock
{
public:
    // Error::NotFound "No ncbackup repository at PATH."; Error::Auth for a wrong password, or when no
    // source had one (needsPassword() is then true).
    static Result<Unlocked> open(const QString& path, const UnlockSources& sources);
    static bool needsPassword(const Error& e);

    // Stores the master key of an unlocked repository in the keychain; says how it went.
    static KeyStorage rememberKey(const repo::Repository& repository, bool useKeychain = true, QString* keychainError = nullptr);
    // One sentence for a KeyStorage (English; the app words its own).
    static QString describe(KeyStorage storage);

    struct PasswordChanged
    {
        QByteArray masterKey;
        KeyStorage storage = KeyStorage::NotAsked;
        QString keychainError; // with KeychainFailed: what the keychain said
    };
    // Error::Auth "The current password is wrong, so the password was not changed." when it is.
    static Result<PasswordChanged> changePassword(const QString& path, const QByteArray& current, const QByteArray& next,
                                                  bool useKeychain = true);
};

} // namespace ncb::settings
