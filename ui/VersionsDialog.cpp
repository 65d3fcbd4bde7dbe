#include "VersionsDialog.h"

#include "Format.h"
#include "util/Job.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ncb::ui {

VersionsDialog::VersionsDialog(std::shared_ptr<repo::CatalogBrowser> browser, const QString& path,
                               QWidget* parent)
    : QDialog(parent), m_browser(std::move(browser)), m_path(path)
{
    setWindowTitle(tr("Versions of %1").arg(path.section(QLatin1Char('/'), -1)));
    auto* heading = new QLabel(
        tr("Every Restoring Point that holds a different version of<br><b>%1</b>").arg(path.toHtmlEscaped()),
        this);
    heading->setWordWrap(true);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("versionList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Restoring Point"), tr("Type"), tr("Size"), tr("Modified")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_status = new QLabel(tr("Looking through the Restoring Points…"), this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("Restore this version…"), QDialogButtonBox::ActionRole);
    m_restore->setEnabled(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_restore->setEnabled(!m_list->selectedItems().isEmpty()); });
    connect(m_restore, &QPushButton::clicked, this, [this] {
        if (auto* item = m_list->currentItem()) {
            emit restoreVersionRequested(item->data(0, Qt::UserRole).toString(), m_path);
            accept();
        }
    });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(620, 380);
    load();
}

void VersionsDialog::load()
{
    if (!m_browser) {
        m_status->setText(tr("No repository is open."));
        return;
    }
    auto browser = m_browser;
    const QString path = m_path;
    auto* job = new ResultJob<QList<repo::VersionEntry>>(
        tr("Versions of %1").arg(path), [browser, path](const JobContext&) { return browser->history(path); },
        this);
    connect(job, &Job::finished, this, [this, job](const Status& s) {
        job->deleteLater();
        if (!s.ok()) {
            m_status->setText(s.error().message);
            return;
        }
        showVersions(*job->value());
    });
    job->start();
}

void VersionsDialog::showVersions(const QList<repo::VersionEntry>& versions)
{
    for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, Format::dateTime(it->snapshotTime));
        item->setData(0, Qt::UserRole, it->snapshotId);
        item->setText(1, it->full ? tr("Full") : tr("Incremental"));
        item->setText(2, Format::bytes(it->size));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(3, Format::dateTime(it->mtime));
    }
    m_status->setText(tr("%n version(s)", nullptr, int(versions.size())));
}

} // namespace ncb::ui
