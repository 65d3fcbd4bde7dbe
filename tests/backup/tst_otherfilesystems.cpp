// BackupJob::otherFilesystems: the mount points an RP lists as skipped ("other filesystem") — folders
// whose device differs from their top's (root/ or data/), as the host's find reports them. The scan does
// not enter them; a real mount cannot be made by the tests without root tricks, so the rule is checked
// here on scanned entries.
#include "backup/BackupJob.h"

#include <QtTest>

using namespace ncb;

class TestOtherFilesystems : public QObject
{
    Q_OBJECT

    static repo::TreeEntry entry(const char* path, repo::TreeEntry::Type type, std::uint64_t device)
    {
        repo::TreeEntry e;
        e.path = path;
        e.type = type;
        e.device = device;
        return e;
    }

private slots:
    void mountPointsAreListed()
    {
        using T = repo::TreeEntry::Type;
        const std::vector<repo::TreeEntry> entries{
            entry("data", T::Dir, 64769),          entry("data/alice", T::Dir, 64769),
            entry("data/alice/files", T::Dir, 64769), entry("data/alice/files/NAS", T::Dir, 42), // a mount
            entry("data/readme", T::File, 64769),  entry("db", T::Dir, 0), entry("db/dump.sql", T::File, 0),
            entry("root", T::Dir, 2049),           entry("root/apps", T::Dir, 2049), entry("root/tmpfs", T::Dir, 77)};
        const auto s = backup::BackupJob::otherFilesystems(entries);
        QCOMPARE(s.size(), std::size_t(2));
        QCOMPARE(s[0].path, QByteArray("data/alice/files/NAS"));
        QCOMPARE(s[0].reason, QStringLiteral("other filesystem"));
        QCOMPARE(s[1].path, QByteArray("root/tmpfs"));
    }

    void sameFilesystemListsNothing()
    {
        using T = repo::TreeEntry::Type;
        const std::vector<repo::TreeEntry> entries{entry("data", T::Dir, 5), entry("data/a", T::Dir, 5), entry("data/a/f", T::File, 5)};
        QVERIFY(backup::BackupJob::otherFilesystems(entries).empty());
    }
};

QTEST_GUILESS_MAIN(TestOtherFilesystems)
#include "tst_otherfilesystems.moc"
