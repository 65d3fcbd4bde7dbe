// Test helper (not part of the product): writes a Restoring Point for instance NAME whose tree holds a
// hostile path, as a tampered or malicious repository could, so the tests can check that restoring it
// onto the host is refused before anything is written (restore instance) or leaves that entry out
// (restore files). Any GOOD path after the kind is added as a plain file, so there is something to restore.
//   make_hostile_rp REPO PASSWORD_FILE NAME dotdot|symlink|absolute|deep [GOOD...]   -> prints the RP id
#include "repository/RepoLock.h"
#include "repository/Repository.h"
#include "repository/SnapshotManifest.h"
#include "repository/TreeWriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace ncb::repo;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 5) {
        std::fprintf(stderr, "usage: make_hostile_rp REPO PASSWORD_FILE NAME dotdot|symlink|absolute|deep [GOOD...]\n");
        return 2;
    }
    auto r = Repository::open(QString::fromLocal8Bit(argv[1]));
    if (!r)
        return 1;
    QFile pw(QString::fromLocal8Bit(argv[2]));
    if (!pw.open(QIODevice::ReadOnly) || !(*r)->unlockWithPassword(pw.readAll().trimmed()))
        return 1;
    Repository& repo = **r;
    auto lock = repo.lock(Repository::LockMode::Exclusive);
    if (!lock)
        return 1;
    const QByteArray kind = argv[4];
    const QByteArray content = "written by a hostile Restoring Point\n";
    const BlobId blob = repo.blobId(content.constData(), std::size_t(content.size()));
    if (!repo.putBlob(BlobType::Data, blob, content.constData(), std::size_t(content.size())))
        return 1;
    auto dir = [](const QByteArray& p) {
        TreeEntry e;
        e.path = p;
        e.type = TreeEntry::Dir;
        e.mode = 0755;
        return e;
    };
    auto file = [&](const QByteArray& p) {
        TreeEntry e;
        e.path = p;
        e.type = TreeEntry::File;
        e.mode = 0644;
        e.size = content.size();
        e.chunks.push_back(ChunkRef{blob, std::uint32_t(content.size())});
        return e;
    };
    std::vector<TreeEntry> entries{dir("data"), dir("data/alice"), dir("data/alice/files")};
    if (kind == "dotdot") {
        entries.push_back(file("data/alice/files/../../../../../../tmp/ncb-hostile-dotdot"));
    } else if (kind == "symlink") {
        TreeEntry l;
        l.path = "data/alice/files/link";
        l.type = TreeEntry::Symlink;
        l.mode = 0777;
        l.linkTarget = "/tmp";
        entries.push_back(l);
        entries.push_back(file("data/alice/files/link/ncb-hostile-symlink"));
    } else if (kind == "deep") { // 1,002 folders: past util/Limits.h's depth limit
        entries.push_back(file("data/alice/files/" + QByteArray("d/").repeated(998) + "ncb-hostile-deep"));
    } else {
        entries.push_back(file("data/alice/files//tmp/ncb-hostile-absolute"));
    }
    for (int i = 5; i < argc; ++i)
        entries.push_back(file(QByteArray(argv[i])));
    std::sort(entries.begin(), entries.end(), [](const TreeEntry& a, const TreeEntry& b) { return comparePaths(a.path, b.path) < 0; });
    SnapshotManifest m;
    m.time = QDateTime::currentDateTimeUtc();
    m.hostname = QStringLiteral("hostile");
    TreeWriter w(repo.gearTable(), [&](const QByteArray& b) -> ncb::Status {
        const BlobId id = repo.blobId(b.constData(), std::size_t(b.size()));
        auto put = repo.putBlob(BlobType::Tree, id, b.constData(), std::size_t(b.size()));
        if (!put)
            return put.error();
        m.treeBlobs << id;
        return {};
    });
    for (const auto& e : entries)
        if (!w.add(e))
            return 1;
    if (!w.finish() || !repo.flush())
        return 1;
    m.extra = QJsonObject{{QStringLiteral("instance"), QString::fromLocal8Bit(argv[3])},
                          {QStringLiteral("kind"), QStringLiteral("full")},
                          {QStringLiteral("type"), QStringLiteral("nextcloud-rp")}};
    auto id = repo.writeManifest(m.toJson(), m.time);
    if (!id)
        return 1;
    std::printf("%s\n", qPrintable(id.value()));
    return 0;
}
