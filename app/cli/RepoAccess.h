#pragma once
// Opening and unlocking a repository from the command line, the same way for every command:
//   --repo PATH            the repository (or --instance NAME: that instance's repository)
//   --password-file FILE   the password, from a file (never from argv)
//   --no-keychain          neither read nor store the key in the OS keychain
// Unlocking follows settings::RepositoryUnlock, the same order as the desktop app's: an explicit password
// source (--password-file, NCBACKUP_PASSWORD_FILE, NCBACKUP_PASSWORD_COMMAND), then the master key in the
// keychain, then a prompt on the terminal; after a password unlock the key is stored in the keychain.

#include "repository/Repository.h"
#include "util/Result.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <functional>
#include <memory>

namespace ncb::cli {

void addRepoOptions(QCommandLineParser& parser);

struct RepoOptions
{
    QString repo;
    QString passwordFile;
    bool noKeychain = false;
};
// Error::Usage when neither --repo nor --instance is given; Error::NotFound for an unknown instance.
Result<RepoOptions> repoOptions(const QCommandLineParser& parser);

// Opens the repository (config only): Error::NotFound "No ncbackup repository at PATH.".
Result<std::unique_ptr<repo::Repository>> openRepository(const RepoOptions& options);
// Opens and unlocks; Error::Auth "Wrong password for repository PATH." when the password is wrong.
Result<std::unique_ptr<repo::Repository>> openAndUnlock(const RepoOptions& options);
// The same from the parsed addRepoOptions() options (repoOptions() + openAndUnlock()).
Result<std::unique_ptr<repo::Repository>> openAndUnlock(const QCommandLineParser& parser);
// Stores the master key of an unlocked repository in the keychain (quietly skipped when there is none).
void rememberKey(const repo::Repository& repository, const RepoOptions& options);

// repo check: storage damage as text lines or JSON. The snapshot layer adds its own checks (manifests,
// trees, referenced blobs) with registerCheckExtension; their damages are reported with the storage ones.
using CheckExtension =
    std::function<QList<repo::Damage>(repo::Repository&, bool readData, const repo::StorageCheckReport& storage)>;
void registerCheckExtension(CheckExtension extension);
const QList<CheckExtension>& checkExtensions();
QJsonObject damageToJson(const repo::Damage& damage);
QString damageKindName(repo::Damage::Kind kind);

} // namespace ncb::cli
