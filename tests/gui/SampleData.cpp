#include "SampleData.h"

#include "MemoryCatalog.h"

using namespace ncb::ui;

namespace SampleData {

QList<TimelineEntry> timeline(const QDateTime& end)
{
    QList<TimelineEntry> out;
    qint64 repo = 0;
    const QDateTime start = end.addDays(-60);
    int n = 0;
    for (QDateTime t = QDateTime(start.date(), QTime(2, 0)); t <= end; t = t.addDays(1), ++n) {
        TimelineEntry e;
        e.time = t.addSecs((n * 37) % 40 * 60);
        e.full = n % 28 == 0;
        e.failed = n == 17 || n == 44;
        e.id = e.failed ? QString() : QStringLiteral("rp%1").arg(n, 3, 10, QLatin1Char('0'));
        if (e.failed) {
            e.message = n == 17 ? QStringLiteral("The host did not answer on port 22.")
                                : QStringLiteral("The repository disk was full.");
        } else {
            e.addedBytes = e.full ? 38LL * 1024 * 1024 * 1024 + n * 50LL * 1024 * 1024
                                  : (80 + (n * 53) % 700) * 1024LL * 1024;
            repo += e.full ? e.addedBytes / 6 : e.addedBytes; // dedup keeps fulls small after the first
            if (n == 0)
                repo = e.addedBytes;
            e.repoBytes = repo;
            e.maintenanceSeconds = e.full ? 95 + n : 8 + n % 7;
        }
        out.append(e);
    }
    return out;
}

std::shared_ptr<MemoryCatalog> catalog()
{
    auto c = std::make_shared<MemoryCatalog>();
    const QDateTime t(QDate(2026, 11, 20), QTime(16, 42));
    for (const QString& user : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
        const QString base = QStringLiteral("/data/%1/files").arg(user);
        c->addFile(base + QStringLiteral("/Documents/Budget 2026.ods"), 48213, t.addDays(-3), user);
        c->addFile(base + QStringLiteral("/Documents/Meeting notes.md"), 5120, t.addDays(-1), user);
        c->addFile(base + QStringLiteral("/Documents/Contract signed.pdf"), 1843221, t.addDays(-40), user);
        c->addFile(base + QStringLiteral("/Photos/2026-08 Holidays/IMG_2041.jpg"), 4210044, t.addDays(-90),
                   user);
        c->addFile(base + QStringLiteral("/Photos/2026-08 Holidays/IMG_2042.jpg"), 3987211, t.addDays(-90),
                   user);
        c->addFile(base + QStringLiteral("/Nextcloud Manual.pdf"), 12764211, t.addDays(-200), user);
        c->addFile(base + QStringLiteral("/Readme.md"), 206, t.addDays(-200), user);
    }
    c->addDir(QStringLiteral("/data/appdata_oc8xk2p1/preview"));
    c->addFile(QStringLiteral("/config/config.php"), 1532, t.addDays(-12));
    c->addFile(QStringLiteral("/database/nextcloud.sql.zst"), 81234567, t);
    ncb::repo::VersionEntry v;
    const QString doc = QStringLiteral("/data/alice/files/Documents/Budget 2026.ods");
    for (int i = 0; i < 5; ++i) {
        v.snapshotId = QStringLiteral("rp%1").arg(i * 9, 3, 10, QLatin1Char('0'));
        v.snapshotTime = t.addDays(-40 + i * 9);
        v.size = 40000 + i * 2100;
        v.mtime = v.snapshotTime.addSecs(-3600 * 5);
        v.full = i == 0;
        c->addVersion(doc, v);
    }
    return c;
}

QList<InstanceSummary> instances(const QDateTime& now)
{
    InstanceSummary a;
    a.id = QStringLiteral("cloud");
    a.name = QStringLiteral("cloud.example.org");
    a.host = QStringLiteral("backup@cloud.example.org");
    a.nextcloudVersion = QStringLiteral("32.0.1");
    a.lastRp = now.addSecs(-6 * 3600);
    a.lastState = InstanceSummary::State::Ok;
    a.nextDue = now.addSecs(18 * 3600);
    InstanceSummary b;
    b.id = QStringLiteral("family");
    b.name = QStringLiteral("Family cloud");
    b.host = QStringLiteral("this computer");
    b.nextcloudVersion = QStringLiteral("31.0.9");
    b.lastRp = now.addDays(-2);
    b.lastState = InstanceSummary::State::Failed;
    b.nextDue = now.addSecs(3 * 3600);
    return {a, b};
}

} // namespace SampleData
