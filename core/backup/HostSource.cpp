#include "HostSource.h"

#include "host/RemoteScanner.h"
#include "host/TarStreamReader.h"

#include <QSet>

#include <algorithm>

namespace ncb::backup {

namespace {

bool under(const QByteArray& path, const QByteArray& prefix)
{
    return path == prefix || (path.startsWith(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

QByteArray clean(QByteArray p)
{
    while (p.size() > 1 && p.endsWith('/'))
        p.chop(1);
    return p;
}

} // namespace

HostSource::HostSource(host::Host& host, QList<HostFolder> folders, const QStringList& exclusionGlobs)
    : m_host(host), m_folders(std::move(folders))
{
    for (auto& f : m_folders)
        f.hostPath = clean(f.hostPath);
    for (const QString& g : exclusionGlobs) {
        // Path globs: '*' and '?' stay inside one component.
        m_globs << QRegularExpression(QRegularExpression::wildcardToRegularExpression(g));
    }
}

QByteArray HostSource::treePathFor(const QByteArray& hostPath) const
{
    const QByteArray p = clean(hostPath);
    for (const auto& f : m_folders) {
        if (p == f.hostPath)
            return f.prefix;
        if (under(p, f.hostPath))
            return f.prefix + '/' + p.mid(f.hostPath.size() + 1);
    }
    return {};
}

Status HostSource::scan(std::vector<repo::TreeEntry>& entries, std::vector<repo::SkippedPath>& skipped,
                        const CancelCheck& cancel)
{
    for (const HostFolder& f : m_folders) {
        // Relative exclusions of this folder.
        QList<QPair<QByteArray, QString>> rel;
        for (const auto& [abs, why] : f.exclude) {
            const QByteArray a = clean(abs);
            if (under(a, f.hostPath) && a != f.hostPath)
                rel.append({a.mid(f.hostPath.size() + 1), why});
        }
        QList<QByteArray> skippedDirs;
        host::RemoteScanner scanner(m_host);
        scanner.setNames(false); // numeric ids while scanning, names once per distinct id below
        host::ExecOptions opt;   // streams: no time limit by default
        opt.cancel = cancel;
        const std::size_t first = entries.size();
        QSet<quint32> uids, gids;
        auto sum = scanner.scan(
            f.hostPath,
            [&](const host::ScanEntry& s) -> Status {
                const bool isTop = s.path == ".";
                const QByteArray treePath = isTop ? f.prefix : f.prefix + '/' + s.path;
                if (!isTop) {
                    for (const QByteArray& d : skippedDirs)
                        if (under(s.path, d))
                            return {};
                    for (const auto& [r, why] : rel) {
                        if (s.path == r) {
                            skipped.push_back({treePath, why});
                            if (s.type == host::ScanEntry::Dir)
                                skippedDirs << s.path;
                            return {};
                        }
                    }
                    for (const QRegularExpression& g : m_globs) {
                        if (g.match(QString::fromUtf8(treePath)).hasMatch()) {
                            skipped.push_back({treePath, QStringLiteral("excluded by the instance's settings")});
                            if (s.type == host::ScanEntry::Dir)
                                skippedDirs << s.path;
                            return {};
                        }
                    }
                }
                repo::TreeEntry e;
                e.path = treePath;
                switch (s.type) {
                case host::ScanEntry::File: e.type = repo::TreeEntry::File; break;
                case host::ScanEntry::Dir: e.type = repo::TreeEntry::Dir; break;
                case host::ScanEntry::Symlink:
                    e.type = repo::TreeEntry::Symlink;
                    e.linkTarget = s.symlinkTarget;
                    break;
                default:
                    skipped.push_back({treePath, QStringLiteral("not a file, folder or symlink")});
                    return {};
                }
                e.mode = s.mode;
                e.uid = s.uid;
                e.gid = s.gid;
                uids.insert(s.uid);
                gids.insert(s.gid);
                e.size = e.type == repo::TreeEntry::File ? s.size : 0;
                e.mtimeNs = s.mtimeNs;
                e.ctimeNs = s.ctimeNs;
                e.inode = s.inode;
                e.device = s.device;
                entries.push_back(std::move(e));
                return {};
            },
            opt);
        if (!sum)
            return sum.error();
        host::ExecOptions namesOpt;
        namesOpt.cancel = cancel;
        auto names = scanner.names(uids, gids, namesOpt);
        if (!names)
            return names.error();
        for (std::size_t i = first; i < entries.size(); ++i) {
            entries[i].owner = names->users.value(entries[i].uid).toUtf8();
            entries[i].group = names->groups.value(entries[i].gid).toUtf8();
        }
        for (const QByteArray& d : sum->skipped)
            skipped.push_back({f.prefix + '/' + d, QStringLiteral(".nobackup")});
    }
    std::sort(entries.begin(), entries.end(),
              [](const repo::TreeEntry& a, const repo::TreeEntry& b) { return repo::comparePaths(a.path, b.path) < 0; });
    return {};
}

Status HostSource::read(const QList<QByteArray>& paths, const SourceReader& reader, const CancelCheck& cancel)
{
    for (const HostFolder& f : m_folders) {
        QList<QByteArray> rel;
        for (const QByteArray& p : paths)
            if (under(p, f.prefix) && p != f.prefix)
                rel << p.mid(f.prefix.size() + 1);
        if (rel.isEmpty())
            continue;
        qsizetype next = 0; // tar sends the members in list order, leaving out what it could not read
        bool open = false;
        host::TarStreamReader::Consumer c;
        c.begin = [&](const host::TarEntry& e) -> Status {
            if (cancel && cancel())
                return Error::make(Error::Cancelled, QStringLiteral("The backup was cancelled while reading files."));
            qsizetype i = next;
            while (i < rel.size() && rel[i] != e.path)
                ++i;
            if (i == rel.size())
                return Error::make(Error::Remote, QStringLiteral("The tar stream from %1 sent %2, which was not asked for.")
                                                      .arg(m_host.displayName(), QString::fromUtf8(e.path)));
            for (; next < i; ++next)
                reader.missing(f.prefix + '/' + rel[next], QStringLiteral("vanished or unreadable before it was read"));
            ++next;
            if (e.type != host::TarEntry::File) {
                reader.missing(f.prefix + '/' + e.path, QStringLiteral("is no longer a file"));
                return {};
            }
            open = true;
            return reader.begin(f.prefix + '/' + e.path);
        };
        c.data = [&](const char* d, qint64 n) -> Status { return open ? reader.data(d, n) : Status{}; };
        c.end = [&]() -> Status {
            if (!open)
                return {};
            open = false;
            return reader.end();
        };
        host::TarStreamReader tar(m_host);
        host::ExecOptions opt;
        opt.cancel = cancel;
        auto sum = tar.read(f.hostPath, rel, c, opt);
        if (!sum)
            return sum.error();
        for (; next < rel.size(); ++next)
            reader.missing(f.prefix + '/' + rel[next], QStringLiteral("vanished or unreadable before it was read"));
    }
    return {};
}

} // namespace ncb::backup
