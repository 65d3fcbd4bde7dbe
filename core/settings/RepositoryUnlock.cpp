#include "RepositoryUnlock.h"

#include "settings/Keychain.h"
#include "settings/PasswordSource.h"

namespace ncb::settings {

namespace {

const char kNeedsPassword[] = "needs its password";

} // namespace

bool RepositoryUnlock::needsPassword(const Error& e)
{
    return e.code == Error::Auth && e.message.contains(QLatin1String(kNeedsPassword));
}

Result<Unlocked> RepositoryUnlock::open(const QString& path, const UnlockSources& s)
{
    auto r = repo::Repository::open(path);
    if (!r)
        return r.error();
    Unlocked u;
    u.repo = std::move(r.value());
    repo::Repository& repo = *u.repo;

    // 1. an explicit password
    QByteArray pw = s.password;
    const PasswordOptions explicitSource{s.passwordFile, false};
    if (pw.isEmpty() && hasExplicitPasswordSource(explicitSource)) {
        auto got = obtainPassword(explicitSource, QString());
        if (!got)
            return got.error();
        pw = *got;
    }
    if (pw.isEmpty()) {
        // 2. the session's key, 3. the keychain's
        if (!s.sessionKey.isEmpty() && repo.unlockWithMasterKey(s.sessionKey)) {
            u.via = Unlocked::Via::SessionKey;
            return u;
        }
        if (s.useKeychain && Keychain::available()) {
            auto key = Keychain::read(Keychain::repositoryEntry(repo.id()));
            if (key && repo.unlockWithMasterKey(*key)) {
                u.via = Unlocked::Via::Keychain;
                return u;
            }
            // no entry, or a stale one: the password decides
        }
        // 4. the terminal (its own sentence when there is none: every source it could have used)
        if (!s.allowPrompt)
            return Error::make(Error::Auth, QStringLiteral("The repository %1 %2.").arg(repo.path(), QLatin1String(kNeedsPassword)));
        auto got = obtainPassword(PasswordOptions{QString(), true}, QStringLiteral("Password for repository %1: ").arg(repo.path()));
        if (!got)
            return got.error();
        pw = *got;
    }
    if (Status st = repo.unlockWithPassword(pw); !st)
        return st.error();
    u.via = Unlocked::Via::Password;
    u.storage = rememberKey(repo, s.useKeychain);
    return u;
}

KeyStorage RepositoryUnlock::rememberKey(const repo::Repository& r, bool useKeychain, QString* keychainError)
{
    if (!useKeychain || !r.isUnlocked())
        return KeyStorage::NotAsked;
    if (!Keychain::available())
        return KeyStorage::NoKeychain;
    if (Status s = Keychain::write(Keychain::repositoryEntry(r.id()), r.masterKey()); !s) {
        if (keychainError)
            *keychainError = s.error().message;
        return KeyStorage::KeychainFailed;
    }
    return KeyStorage::Keychain;
}

QString RepositoryUnlock::describe(KeyStorage s)
{
    switch (s) {
    case KeyStorage::Keychain:
        return QStringLiteral("The repository key is kept in the system keychain, so scheduled backups keep running.");
    case KeyStorage::NoKeychain:
        return QStringLiteral("No keychain is available, so ncbackup asks for the password when it needs it.");
    case KeyStorage::KeychainFailed:
        return QStringLiteral("The key could not be stored in the keychain, so ncbackup asks for the password when it "
                              "needs it.");
    case KeyStorage::NotAsked:
        break;
    }
    return {};
}

Result<RepositoryUnlock::PasswordChanged> RepositoryUnlock::changePassword(const QString& path, const QByteArray& current,
                                                                          const QByteArray& next, bool useKeychain)
{
    if (next.isEmpty())
        return Error::make(Error::Usage, QStringLiteral("The new password is empty, so the password was not changed."));
    auto r = repo::Repository::open(path);
    if (!r)
        return r.error();
    repo::Repository& repo = **r;
    if (Status s = repo.unlockWithPassword(current); !s) {
        if (s.error().code == Error::Auth)
            return Error::make(Error::Auth, QStringLiteral("The current password is wrong, so the password was not changed."));
        return s.error();
    }
    auto lock = repo.lock(repo::Repository::LockMode::Exclusive);
    if (!lock)
        return lock.error();
    if (Status s = repo.changePassword(next); !s)
        return s.error();
    PasswordChanged out;
    out.masterKey = repo.masterKey();
    out.storage = rememberKey(repo, useKeychain, &out.keychainError);
    return out;
}

} // namespace ncb::settings
