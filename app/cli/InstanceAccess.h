#pragma once
// The instance commands (backup, rp, restore) share this: the instance NAME from the settings store,
// its repository unlocked the usual way (keychain first, then --password-file / NCBACKUP_PASSWORD_FILE /
// NCBACKUP_PASSWORD_COMMAND / a prompt; see RepoAccess.h).

#include "RepoAccess.h"
#include "settings/InstanceConfig.h"
#include "util/Progress.h"

#include <QCommandLineParser>

namespace ncb::cli {

void addInstanceOptions(QCommandLineParser& parser); // --password-file, --no-keychain, --json

struct InstanceAccess
{
    settings::InstanceConfig config;
    std::unique_ptr<repo::Repository> repo;
};
Result<InstanceAccess> openInstance(const QCommandLineParser& parser, const QString& name);

} // namespace ncb::cli
