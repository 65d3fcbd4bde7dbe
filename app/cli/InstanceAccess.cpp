#include "InstanceAccess.h"

#include "Command.h"
#include "settings/InstanceStore.h"

#include <QElapsedTimer>

#include <memory>
#include <unistd.h>

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

namespace {
QString human(double bytes)
{
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1024 && u < 4) {
        bytes /= 1024;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(bytes, 0, 'f', u == 0 ? 0 : 1).arg(QLatin1String(units[u]));
}
} // namespace

ProgressCallback stderrProgress()
{
    const bool tty = ::isatty(STDERR_FILENO);
    auto lastPhase = std::make_shared<QString>();
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [tty, lastPhase, timer](const Progress& p) {
        const bool changed = p.phase != *lastPhase;
        if (!tty && !changed && timer->elapsed() < 1000)
            return;
        timer->restart();
        *lastPhase = p.phase;
        QString line = QStringLiteral("[%1]").arg(p.phase);
        if (p.filesTotal >= 0 || p.filesDone > 0)
            line += QStringLiteral(" %1%2 files").arg(p.filesDone).arg(p.filesTotal >= 0 ? QStringLiteral("/%1").arg(p.filesTotal) : QString());
        if (p.bytesDone > 0 || p.bytesTotal > 0)
            line += QStringLiteral(" %1%2").arg(human(p.bytesDone), p.bytesTotal >= 0 ? QStringLiteral(" of ") + human(p.bytesTotal) : QString());
        if (p.bytesPerSecond > 0)
            line += QStringLiteral(", %1/s").arg(human(p.bytesPerSecond));
        if (p.etaSeconds >= 0)
            line += QStringLiteral(", ETA %1 s").arg(qRound(p.etaSeconds));
        if (!p.current.isEmpty() && p.filesDone == 0)
            line += QStringLiteral(" ") + p.current;
        if (tty)
            err() << "\r\033[K" << line.left(160) << Qt::flush;
        else
            err() << line << '\n' << Qt::flush;
    };
}

} // namespace ncb::cli
