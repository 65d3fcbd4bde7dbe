#include "RpFileModel.h"

#include "Format.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QStyle>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <unordered_map>

namespace ncb::ui {

struct RpFileModel::Node
{
    enum State { NotLoaded, Loading, Loaded, Failed };
    Node* parent = nullptr;
    int entryIndex = -1; // index in parent->entries
    QString path;
    State state = NotLoaded;
    QList<repo::BrowseEntry> entries; // sorted: folders first, then by name
    QList<int> visible;                // indices into entries passing the filter, ascending
    int fetched = 0;                   // rows given to the view so far
    mutable std::unordered_map<int, std::unique_ptr<Node>> folders; // by entry index, made on demand
};

RpFileModel::RpFileModel(QObject* parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
    m_root->path = QStringLiteral("/");
    if (qApp) {
        m_dirIcon = qApp->style()->standardIcon(QStyle::SP_DirIcon);
        m_fileIcon = qApp->style()->standardIcon(QStyle::SP_FileIcon);
    }
}

RpFileModel::~RpFileModel() = default;

void RpFileModel::setSource(std::shared_ptr<repo::CatalogBrowser> browser, const QString& snapshotId)
{
    beginResetModel();
    ++m_generation; // loads still running for the old source are dropped when they land
    m_browser = std::move(browser);
    m_snapshotId = snapshotId;
    m_root = std::make_unique<Node>();
    m_root->path = QStringLiteral("/");
    if (m_loading > 0) {
        m_loading = 0;
        emit loadingChanged(false);
    }
    endResetModel();
}

void RpFileModel::setFilter(const QString& text)
{
    if (text == m_filter)
        return;
    beginResetModel();
    m_filter = text;
    applyFilter(m_root.get());
    endResetModel();
}

void RpFileModel::computeVisible(Node* node) const
{
    node->visible.clear();
    node->visible.reserve(m_filter.isEmpty() ? node->entries.size() : 64);
    for (int i = 0; i < node->entries.size(); ++i) {
        const auto& e = node->entries.at(i);
        if (m_filter.isEmpty() || e.isDir || e.name.contains(m_filter, Qt::CaseInsensitive))
            node->visible.append(i);
    }
}

void RpFileModel::applyFilter(Node* node)
{
    if (node->state == Node::Loaded) {
        computeVisible(node);
        node->fetched = std::min<int>(kBatchSize, node->visible.size());
    }
    for (auto& [idx, child] : node->folders)
        applyFilter(child.get());
}

RpFileModel::Node* RpFileModel::childNode(Node* folder, int entryIndex) const
{
    auto it = folder->folders.find(entryIndex);
    if (it != folder->folders.end())
        return it->second.get();
    auto node = std::make_unique<Node>();
    node->parent = folder;
    node->entryIndex = entryIndex;
    const QString& name = folder->entries.at(entryIndex).name;
    node->path = folder->path.endsWith(QLatin1Char('/')) ? folder->path + name
                                                         : folder->path + QLatin1Char('/') + name;
    Node* raw = node.get();
    folder->folders.emplace(entryIndex, std::move(node));
    return raw;
}

RpFileModel::Node* RpFileModel::nodeFor(const QModelIndex& index) const
{
    if (!index.isValid())
        return m_root.get();
    auto* folder = static_cast<Node*>(index.internalPointer());
    const int entry = folder->visible.at(index.row());
    if (!folder->entries.at(entry).isDir)
        return nullptr;
    return childNode(folder, entry);
}

int RpFileModel::rowOf(const Node* folder, int entryIndex) const
{
    auto it = std::lower_bound(folder->visible.cbegin(), folder->visible.cend(), entryIndex);
    if (it == folder->visible.cend() || *it != entryIndex)
        return -1;
    return int(it - folder->visible.cbegin());
}

QModelIndex RpFileModel::indexOf(Node* folder) const
{
    if (!folder || folder == m_root.get() || !folder->parent)
        return {};
    const int row = rowOf(folder->parent, folder->entryIndex);
    if (row < 0 || row >= folder->parent->fetched)
        return {};
    return createIndex(row, 0, folder->parent);
}

QModelIndex RpFileModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    Node* folder = nodeFor(parent);
    if (!folder || row >= folder->fetched)
        return {};
    return createIndex(row, column, folder);
}

QModelIndex RpFileModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexOf(static_cast<Node*>(child.internalPointer()));
}

int RpFileModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    Node* folder = nodeFor(parent);
    return folder ? folder->fetched : 0;
}

int RpFileModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool RpFileModel::hasChildren(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return true;
    return isDir(parent);
}

int RpFileModel::availableCount(const QModelIndex& parent) const
{
    Node* folder = nodeFor(parent);
    return folder ? int(folder->visible.size()) : 0;
}

bool RpFileModel::isDir(const QModelIndex& index) const
{
    if (!index.isValid())
        return true;
    auto* folder = static_cast<Node*>(index.internalPointer());
    return folder->entries.at(folder->visible.at(index.row())).isDir;
}

QString RpFileModel::pathOf(const QModelIndex& index) const
{
    if (!index.isValid())
        return QStringLiteral("/");
    auto* folder = static_cast<Node*>(index.internalPointer());
    const QString& name = folder->entries.at(folder->visible.at(index.row())).name;
    return folder->path.endsWith(QLatin1Char('/')) ? folder->path + name
                                                   : folder->path + QLatin1Char('/') + name;
}

QVariant RpFileModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    auto* folder = static_cast<Node*>(index.internalPointer());
    const repo::BrowseEntry& e = folder->entries.at(folder->visible.at(index.row()));
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.name;
        case SizeColumn:
            return e.isDir ? QVariant() : QVariant(Format::bytes(e.size));
        case ModifiedColumn:
            return Format::dateTime(e.mtime);
        case OwnerColumn:
            return e.owner;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return e.isDir ? m_dirIcon : m_fileIcon;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case PathRole:
        return pathOf(index);
    case IsDirRole:
        return e.isDir;
    case SizeRole:
        return e.size;
    case ModifiedRole:
        return e.mtime;
    }
    return {};
}

QVariant RpFileModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    case OwnerColumn:
        return tr("Owner");
    }
    return {};
}

bool RpFileModel::canFetchMore(const QModelIndex& parent) const
{
    if (!m_browser || parent.column() > 0)
        return false;
    Node* folder = nodeFor(parent);
    if (!folder)
        return false;
    if (folder->state == Node::NotLoaded)
        return true;
    return folder->state == Node::Loaded && folder->fetched < folder->visible.size();
}

void RpFileModel::fetchMore(const QModelIndex& parent)
{
    Node* folder = nodeFor(parent);
    if (!folder || !m_browser)
        return;
    if (folder->state == Node::NotLoaded) {
        folder->state = Node::Loading;
        if (m_loading++ == 0)
            emit loadingChanged(true);
        auto browser = m_browser;
        const QString snapshot = m_snapshotId;
        const QString path = folder->path;
        const quint64 generation = m_generation;
        auto* watcher = new QFutureWatcher<Result<QList<repo::BrowseEntry>>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, folder, generation] {
            watcher->deleteLater();
            onLoaded(folder, generation, watcher->result());
        });
        watcher->setFuture(QtConcurrent::run([browser, snapshot,
                                              path]() -> Result<QList<repo::BrowseEntry>> {
            auto r = browser->list(snapshot, path);
            if (r.ok()) {
                // Sorted here, off the GUI thread: folders first, then names as a person reads them.
                std::sort(r->begin(), r->end(), [](const repo::BrowseEntry& a, const repo::BrowseEntry& b) {
                    if (a.isDir != b.isDir)
                        return a.isDir;
                    const int c = a.name.compare(b.name, Qt::CaseInsensitive);
                    return c != 0 ? c < 0 : a.name < b.name;
                });
            }
            return r;
        }));
        return;
    }
    if (folder->state == Node::Loaded && folder->fetched < folder->visible.size()) {
        const int n = std::min<int>(kBatchSize, folder->visible.size() - folder->fetched);
        beginInsertRows(parent, folder->fetched, folder->fetched + n - 1);
        folder->fetched += n;
        endInsertRows();
    }
}

void RpFileModel::onLoaded(Node* folder, quint64 generation, Result<QList<repo::BrowseEntry>> result)
{
    if (generation != m_generation)
        return; // the model shows another Restoring Point now; `folder` is gone
    if (--m_loading == 0)
        emit loadingChanged(false);
    if (!result.ok()) {
        folder->state = Node::Failed;
        emit loadFailed(folder->path, result.error().message);
        return;
    }
    folder->entries = std::move(result).value();
    folder->state = Node::Loaded;
    folder->fetched = 0;
    computeVisible(folder);
    const int n = std::min<int>(kBatchSize, folder->visible.size());
    if (n > 0) {
        const QModelIndex parentIndex = indexOf(folder);
        if (folder == m_root.get() || parentIndex.isValid()) {
            beginInsertRows(parentIndex, 0, n - 1);
            folder->fetched = n;
            endInsertRows();
        } else {
            folder->fetched = n; // not shown right now (its parent row is filtered or not fetched)
        }
    }
    emit folderLoaded(folder->path, int(folder->entries.size()));
}

} // namespace ncb::ui
