#pragma once
// VersionsDialog: every Restoring Point that holds a different version of one file, newest first,
// with "Restore this version…".

#include "repository/CatalogBrowser.h"

#include <QDialog>
#include <memory>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace ncb::ui {

class VersionsDialog : public QDialog
{
    Q_OBJECT
public:
    VersionsDialog(std::shared_ptr<repo::CatalogBrowser> browser, const QString& path,
                   QWidget* parent = nullptr);
    QTreeWidget* list() const { return m_list; }

signals:
    void restoreVersionRequested(const QString& snapshotId, const QString& path);

private:
    void load();
    void showVersions(const QList<repo::VersionEntry>& versions);

    std::shared_ptr<repo::CatalogBrowser> m_browser;
    QString m_path;
    QLabel* m_status;
    QTreeWidget* m_list;
    QPushButton* m_restore;
};

} // namespace ncb::ui
