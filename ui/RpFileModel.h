#pragma once
// RpFileModel: the files of one Restoring Point as a tree, loaded lazily. A folder's children are
// listed through the CatalogBrowser on a pool thread the first time the view asks (canFetchMore /
// fetchMore), then handed to the view in batches so a 100,000-entry folder opens at once and scrolls
// without stalls. Only folders get a node; file rows are plain entries in their folder's list.
// The filter keeps folders (to navigate) and the files whose name contains the text.

#include "repository/CatalogBrowser.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <memory>

namespace ncb::ui {

class RpFileModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, OwnerColumn, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, IsDirRole, SizeRole, ModifiedRole };
    static constexpr int kBatchSize = 2000;

    explicit RpFileModel(QObject* parent = nullptr);
    ~RpFileModel() override;

    // Shows Restoring Point `snapshotId`; the browser must outlive pending loads (hence shared).
    void setSource(std::shared_ptr<repo::CatalogBrowser> browser, const QString& snapshotId);
    QString snapshotId() const { return m_snapshotId; }
    std::shared_ptr<repo::CatalogBrowser> browser() const { return m_browser; }

    void setFilter(const QString& text);
    QString filter() const { return m_filter; }

    QString pathOf(const QModelIndex& index) const; // "/data/alice/files/a.txt"; "/" for the root
    bool isDir(const QModelIndex& index) const;
    bool isLoading() const { return m_loading > 0; }
    // The total number of children the folder has (after the filter), fetched into rows or not.
    int availableCount(const QModelIndex& parent) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadingChanged(bool loading);
    void folderLoaded(const QString& path, int entries);
    void loadFailed(const QString& path, const QString& message);

private:
    struct Node;
    Node* nodeFor(const QModelIndex& folderIndex) const; // the folder an index points to
    Node* childNode(Node* folder, int entryIndex) const;
    QModelIndex indexOf(Node* folder) const;
    int rowOf(const Node* folder, int entryIndex) const;
    void computeVisible(Node* node) const;
    void applyFilter(Node* node);
    void onLoaded(Node* node, quint64 generation, Result<QList<repo::BrowseEntry>> result);

    std::shared_ptr<repo::CatalogBrowser> m_browser;
    QString m_snapshotId;
    QString m_filter;
    std::unique_ptr<Node> m_root;
    quint64 m_generation = 0;
    int m_loading = 0;
    QIcon m_dirIcon, m_fileIcon;
};

} // namespace ncb::ui
