#include "RpFileTreeView.h"

#include "RpFileModel.h"
#include "VersionsDialog.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace ncb::ui {

RpFileTreeView::RpFileTreeView(QWidget* parent) : QWidget(parent)
{
    m_model = new RpFileModel(this);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("rpCaption"));
    QFont f = m_caption->font();
    f.setBold(true);
    m_caption->setFont(f);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("fileFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(240);
    m_filter->setMaximumWidth(360);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("fileTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true); // the view needs this to stay fast with 100,000 rows
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(RpFileModel::NameColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(RpFileModel::SizeColumn, 100);
    m_tree->header()->resizeSection(RpFileModel::ModifiedColumn, 160);
    m_tree->header()->resizeSection(RpFileModel::OwnerColumn, 110);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("fileStatus"));
    m_status->setForegroundRole(QPalette::PlaceholderText);

    auto* top = new QHBoxLayout;
    top->addWidget(m_caption, 1);
    top->addWidget(m_filter);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_status);

    m_filterDelay = new QTimer(this);
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(200);
    connect(m_filter, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_filterDelay, &QTimer::timeout, this,
            [this] { m_model->setFilter(m_filter->text().trimmed()); });
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        m_filterDelay->stop();
        m_model->setFilter(m_filter->text().trimmed());
    });
    // QTreeView asks for the next batch of rows only when the very last row of the whole tree is
    // scrolled to, so a big folder followed by other folders stopped at its first batch (bench/filetree.sh
    // found it). Ask whenever a folder's last fetched row is on screen.
    QScrollBar* bar = m_tree->verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, &RpFileTreeView::fetchAtEnd, Qt::QueuedConnection);
    connect(bar, &QScrollBar::valueChanged, this, &RpFileTreeView::fetchAtEnd, Qt::QueuedConnection);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &RpFileTreeView::showContextMenu);
    connect(m_model, &RpFileModel::loadingChanged, this, &RpFileTreeView::updateStatus);
    connect(m_model, &RpFileModel::folderLoaded, this, [this] {
        m_error.clear();
        updateStatus();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &RpFileTreeView::updateStatus);
    connect(m_model, &RpFileModel::loadFailed, this, [this](const QString& path, const QString& message) {
        m_error = tr("Could not list %1: %2").arg(path, message);
        updateStatus();
    });
    retranslate();
}

void RpFileTreeView::retranslate()
{
    m_filter->setPlaceholderText(tr("Filter by name…"));
    m_filter->setAccessibleName(tr("Filter files by name"));
    m_tree->setAccessibleName(tr("Files in the Restoring Point"));
    if (m_model->snapshotId().isEmpty())
        m_caption->setText(tr("Select a Restoring Point on the timeline to see its files."));
    updateStatus();
}

void RpFileTreeView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RpFileTreeView::setSource(std::shared_ptr<repo::CatalogBrowser> browser, const QString& snapshotId,
                               const QString& caption)
{
    m_error.clear();
    m_model->setSource(std::move(browser), snapshotId);
    m_caption->setText(caption.isEmpty() ? tr("Restoring Point %1").arg(snapshotId.left(12)) : caption);
    updateStatus();
}

void RpFileTreeView::updateStatus()
{
    if (!m_error.isEmpty())
        m_status->setText(m_error);
    else if (m_model->isLoading())
        m_status->setText(tr("Loading…"));
    else if (!m_model->filter().isEmpty())
        m_status->setText(
            tr("Showing folders and the files whose name contains “%1”.").arg(m_model->filter()));
    else
        m_status->clear();
    m_status->setVisible(!m_status->text().isEmpty());
}

QStringList RpFileTreeView::selectedPaths() const
{
    QStringList paths;
    const auto rows = m_tree->selectionModel()->selectedRows(RpFileModel::NameColumn);
    for (const QModelIndex& i : rows)
        paths << m_model->pathOf(i);
    return paths;
}

void RpFileTreeView::fetchAtEnd()
{
    // Every folder whose last fetched row is on screen gets its next batch (a few dozen rows to walk).
    const int x = m_tree->viewport()->width() / 2; // indexAt() gives nothing in a nested row's indentation
    QModelIndex i = m_tree->indexAt(QPoint(x, 1));
    const QModelIndex bottom = m_tree->indexAt(QPoint(x, m_tree->viewport()->height() - 1));
    for (int n = 0; i.isValid() && n < 500; ++n, i = m_tree->indexBelow(i)) {
        const QModelIndex folder = i.parent();
        if (i.row() == m_model->rowCount(folder) - 1 && m_model->canFetchMore(folder))
            m_model->fetchMore(folder);
        if (i == bottom)
            break;
    }
}

void RpFileTreeView::showContextMenu(const QPoint& pos)
{
    const QModelIndex at = m_tree->indexAt(pos);
    if (!at.isValid())
        return;
    if (!m_tree->selectionModel()->isRowSelected(at.row(), at.parent()))
        m_tree->setCurrentIndex(at);
    const QStringList paths = selectedPaths();
    QMenu menu(this);
    QAction* restore = menu.addAction(QIcon::fromTheme(QStringLiteral("document-revert")),
                                      paths.size() > 1 ? tr("Restore %n items…", nullptr, int(paths.size()))
                                                       : tr("Restore…"));
    QAction* versions = menu.addAction(QIcon::fromTheme(QStringLiteral("view-history")), tr("Show versions"));
    versions->setEnabled(paths.size() == 1 && !m_model->isDir(at));
    QAction* chosen = menu.exec(m_tree->viewport()->mapToGlobal(pos));
    if (chosen == restore)
        emit restoreRequested(m_model->snapshotId(), paths);
    else if (chosen == versions)
        showVersions(paths.value(0));
}

void RpFileTreeView::showVersions(const QString& path)
{
    auto* dialog = new VersionsDialog(m_model->browser(), path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &VersionsDialog::restoreVersionRequested, this, &RpFileTreeView::restoreVersionRequested);
    dialog->open();
}

} // namespace ncb::ui
