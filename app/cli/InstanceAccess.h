#pragma once
// The instance commands (backup, rp, restore) share this: the instance NAME from the settings store,
// its repository unlocked the usual way (keychain first, then --password-file / NCBACKUP_PASSWORD_FILE /
// NCBACKUP_PASSWORD_COMMAND / a prompt; see RepoAccess.h).

#include "RepoAccess.h"
#include "settings/InstanceConfig.h"
#include "util/Progress.h"

#include <QCommandLineParser>

#include <functional>

namespace ncb::cli {

void addInstanceOptions(QCommandLineParser& parser); // --password-file, --no-keychain, --json

struct InstanceAccess
{
    settings::InstanceConfig config;
    std::unique_ptr<repo::Repository> repo;
};
Result<InstanceAccess> openInstance(const QCommandLineParser& parser, const QString& name);

// One instance command's parsed arguments and its opened instance (the first positional argument).
struct InstanceCommand
{
    QCommandLineParser p;
    InstanceAccess access;
    bool json = false;
};
// Adds the instance options (and `extra`), parses, checks the positional count, opens the instance.
// Returns -1 to go on, otherwise the exit code.
int prepareInstanceCommand(InstanceCommand& x, const QStringList& args, const QString& synopsis,
                           const QString& summary, int minPositional, int maxPositional,
                           const std::function<void(QCommandLineParser&)>& extra = {});

} // namespace ncb::cli
