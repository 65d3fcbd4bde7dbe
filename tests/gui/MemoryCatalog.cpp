#include "MemoryCatalog.h"

#include <QMutexLocker>

using namespace ncb;

static QString parentOf(const QString& path)
{
    const int slash = path.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : path.left(slash);
}

void MemoryCatalog::ensureDir(const QString& path)
{
    if (m_dirs.contains(path))
        return;
    m_dirs.insert(path, {});
    if (path == QLatin1String("/"))
        return;
    const QString parent = parentOf(path);
    ensureDir(parent);
    repo::BrowseEntry e;
    e.name = path.section(QLatin1Char('/'), -1);
    e.isDir = true;
    e.mode = 040750;
    e.owner = QStringLiteral("www-data");
    e.mtime = QDateTime(QDate(2026, 11, 2), QTime(9, 30));
    m_dirs[parent].append(e);
}

void MemoryCatalog::addDir(const QString& path)
{
    ensureDir(path);
}

void MemoryCatalog::addFile(const QString& path, qint64 size, const QDateTime& mtime, const QString& owner)
{
    const QString parent = parentOf(path);
    ensureDir(parent);
    repo::BrowseEntry e;
    e.name = path.section(QLatin1Char('/'), -1);
    e.size = size;
    e.mtime = mtime;
    e.mode = 0100640;
    e.owner = owner;
    m_dirs[parent].append(e);
}

void MemoryCatalog::addManyFiles(const QString& dir, int count)
{
    ensureDir(dir);
    auto& list = m_dirs[dir];
    list.reserve(list.size() + count);
    const QDateTime base(QDate(2026, 10, 1), QTime(12, 0));
    for (int i = 0; i < count; ++i) {
        repo::BrowseEntry e;
        e.name = QStringLiteral("file-%1.dat").arg(i, 6, 10, QLatin1Char('0'));
        e.size = 1000 + i;
        e.mtime = base.addSecs(i);
        e.mode = 0100640;
        e.owner = QStringLiteral("www-data");
        list.append(e);
    }
}

void MemoryCatalog::addVersion(const QString& path, const repo::VersionEntry& v)
{
    m_versions[path].append(v);
}

int MemoryCatalog::listCalls() const
{
    QMutexLocker l(&m_mutex);
    return m_listCalls;
}

Result<QList<repo::BrowseEntry>> MemoryCatalog::list(const QString&, const QString& dirPath)
{
    {
        QMutexLocker l(&m_mutex);
        ++m_listCalls;
    }
    auto it = m_dirs.constFind(dirPath);
    if (it == m_dirs.cend())
        return Error::make(Error::NotFound,
                           QStringLiteral("The folder %1 is not in this Restoring Point.").arg(dirPath));
    return *it;
}

Result<QList<repo::VersionEntry>> MemoryCatalog::history(const QString& path)
{
    auto it = m_versions.constFind(path);
    if (it == m_versions.cend())
        return Error::make(Error::NotFound, QStringLiteral("No Restoring Point holds %1.").arg(path));
    return *it;
}
