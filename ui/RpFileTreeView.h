#pragma once
// RpFileTreeView: browse the files of one Restoring Point: a filter box, the lazy tree (name, size,
// modified, owner) and a context menu to restore the selection or see every version of a file.

#include "repository/CatalogBrowser.h"

#include <QWidget>
#include <memory>

class QLabel;
class QLineEdit;
class QTreeView;
class QTimer;

namespace ncb::ui {

class RpFileModel;

class RpFileTreeView : public QWidget
{
    Q_OBJECT
public:
    explicit RpFileTreeView(QWidget* parent = nullptr);

    void setSource(std::shared_ptr<repo::CatalogBrowser> browser, const QString& snapshotId,
                   const QString& caption = {});
    RpFileModel* model() const { return m_model; }
    QTreeView* treeView() const { return m_tree; }
    QLineEdit* filterEdit() const { return m_filter; }
    QStringList selectedPaths() const;

signals:
    void restoreRequested(const QString& snapshotId, const QStringList& paths);
    void restoreVersionRequested(const QString& snapshotId, const QString& path);

public slots:
    void showVersions(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    void showContextMenu(const QPoint& pos);
    void fetchAtEnd(); // the next batch of each folder whose last fetched row is on screen
    void retranslate();
    void updateStatus();

    RpFileModel* m_model;
    QTreeView* m_tree;
    QLineEdit* m_filter;
    QLabel* m_caption;
    QLabel* m_status;
    QTimer* m_filterDelay;
    QString m_error;
};

} // namespace ncb::ui
