// Not a test: the "ncbackup side" of a maintenance window that the tests kill -9. It turns maintenance
// on through a MaintenanceGuard, prints ON, then waits to be killed (or renews, with "renew").
// usage: nc_guard_victim local|ssh|sudo ROOT REPO DEADLINE [renew]
#include "NcTestHost.h"
#include "nextcloud/MaintenanceGuard.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    if (a.size() < 5) {
        std::fprintf(stderr, "usage: nc_guard_victim local|ssh|sudo ROOT REPO DEADLINE [renew]\n");
        return 2;
    }
    QString why;
    auto host = makeTestHost(viaFromString(a[1]), &why);
    if (!host) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 1;
    }
    ncb::nextcloud::Occ occ(*host, a[2]);
    ncb::nextcloud::MaintenanceGuard guard(occ, a[3], {QStringLiteral("victim"), a[4].toInt(), 1, {}});
    if (auto s = guard.begin(); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
        return 1;
    }
    std::printf("ON %s\n", qPrintable(guard.watchdogDir()));
    std::fflush(stdout);
    const bool renew = a.size() > 5 && a[5] == QLatin1String("renew");
    for (;;) {
        QThread::msleep(500);
        if (renew) {
            if (auto s = guard.renewIfDue(); !s) {
                std::fprintf(stderr, "%s\n", qPrintable(s.error().message));
                return 1;
            }
        }
    }
}
