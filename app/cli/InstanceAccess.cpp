#include "InstanceAccess.h"

#include "Command.h"
#include "settings/InstanceStore.h"


namespace ncb::cli {

void addInstanceOptions(QCommandLineParser& p)
{
    p.addOption({QStringLiteral("password-file"), QStringLiteral("Read the repository password from FILE."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("no-keychain"), QStringLiteral("Neither read nor store the key in the OS keychain.")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print the result as JSON.")});
}

Result<InstanceAccess> openInstance(const QCommandLineParser& p, const QString& name)
{
    settings::InstanceStore store;
    auto cfg = store.get(name);
    if (!cfg)
        return cfg.error();
    if (cfg->repository.isEmpty())
        return Error::make(Error::NotFound, QStringLiteral("Instance %1 has no repository configured.").arg(name));
    RepoOptions o;
    o.repo = cfg->repository;
    o.passwordFile = p.value(QStringLiteral("password-file"));
    o.noKeychain = p.isSet(QStringLiteral("no-keychain"));
    auto r = openAndUnlock(o);
    if (!r)
        return r.error();
    return InstanceAccess{cfg.value(), std::move(r.value())};
}

int prepareInstanceCommand(InstanceCommand& x, const QStringList& args, const QString& syn, const QString& summary,
                           int minPos, int maxPos, const std::function<void(QCommandLineParser&)>& extra)
{
    addInstanceOptions(x.p);
    if (extra)
        extra(x.p);
    if (int rc = parseOrExit(x.p, args, syn, summary); rc >= 0)
        return rc;
    const int n = int(x.p.positionalArguments().size());
    if (n < minPos || n > maxPos)
        return usage(QStringLiteral("Usage: ncbackup-cli %1").arg(syn));
    auto a = openInstance(x.p, x.p.positionalArguments().first());
    if (!a)
        return fail(a.error());
    x.access = std::move(a.value());
    x.json = x.p.isSet(QStringLiteral("json"));
    return -1;
}

} // namespace ncb::cli
