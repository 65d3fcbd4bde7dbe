#include "MainWindow.h"

#include "AppIcon.h"
#include "Format.h"
#include "InstanceDelegate.h"
#include "InstanceListModel.h"
#include "JobStatusWidget.h"
#include "RpFileTreeView.h"
#include "TimelineWidget.h"
#include "TrayIcon.h"
#include "WelcomePage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QFontDatabase>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

namespace ncb::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(appIcon());
    m_instances = new InstanceListModel(this);

    m_stack = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_stack);
    connect(m_welcome, &WelcomePage::addInstanceRequested, this, &MainWindow::addInstanceRequested);

    auto* split = new QSplitter(m_stack);
    split->setChildrenCollapsible(false);
    m_instanceView = new QListView(split);
    m_instanceView->setObjectName(QStringLiteral("instanceList"));
    m_instanceView->setModel(m_instances);
    m_instanceView->setItemDelegate(new InstanceDelegate(m_instanceView));
    m_instanceView->setMinimumWidth(260);
    m_instanceView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_instanceView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_tabs = new QTabWidget(split);
    m_tabs->setDocumentMode(true);
    m_timeline = new TimelineWidget(m_tabs);
    m_files = new RpFileTreeView(m_tabs);
    m_log = new QPlainTextEdit(m_tabs);
    m_log->setObjectName(QStringLiteral("logView"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_tabs->addTab(m_timeline, QString());
    m_tabs->addTab(m_files, QString());
    m_tabs->addTab(m_log, QString());
    m_files->setContentsMargins(8, 8, 8, 0);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({290, 830});
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(split);
    setCentralWidget(m_stack);

    m_jobStatus = new JobStatusWidget(this);
    statusBar()->addWidget(m_jobStatus, 1);
    statusBar()->setSizeGripEnabled(true);

    buildActions();

    {
        // Always made, so the state and the notifications are kept; shown only where there is a tray.
        m_tray = new TrayIcon(this);
        applyAppSettings();
        connect(m_tray, &TrayIcon::backupNowRequested, this, [this] {
            if (!currentInstanceId().isEmpty())
                emit backupRequested(currentInstanceId(), false);
        });
        connect(m_tray, &TrayIcon::openRequested, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        connect(m_tray, &TrayIcon::quitRequested, this, [this] {
            m_quitting = true;
            close();
            qApp->quit();
        });
    }

    connect(m_instances, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);
    connect(m_instances, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState);
    connect(m_instances, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);
    connect(m_instanceView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        updateActions();
        emit instanceSelected(currentInstanceId());
    });
    connect(m_timeline, &TimelineWidget::rpSelected, this,
            [this](const QString& rp) { emit rpSelected(currentInstanceId(), rp); });
    connect(m_jobStatus, &JobStatusWidget::jobFinished, this, [this](const QString& title, const Status& s) {
        appendLog(s.ok() ? tr("%1: done").arg(title) : tr("%1: %2").arg(title, s.error().message), !s.ok());
        if (m_tray) {
            const bool failed = !s.ok() && s.error().code != Error::Cancelled;
            m_tray->setState(failed ? TrayIcon::State::Failed : TrayIcon::State::Idle,
                             failed ? s.error().message : QString());
            if (failed)
                m_tray->notify(tr("%1 failed").arg(title), s.error().message, true);
        }
    });

    retranslate();
    updateEmptyState();
    resize(1120, 720);
}

void MainWindow::buildActions()
{
    m_addAction = new QAction(QIcon::fromTheme(QStringLiteral("list-add")), QString(), this);
    connect(m_addAction, &QAction::triggered, this, &MainWindow::addInstanceRequested);
    m_incrementalAction = new QAction(this);
    m_incrementalAction->setObjectName(QStringLiteral("backupIncremental"));
    connect(m_incrementalAction, &QAction::triggered, this,
            [this] { emit backupRequested(currentInstanceId(), false); });
    m_fullAction = new QAction(this);
    m_fullAction->setObjectName(QStringLiteral("backupFull"));
    connect(m_fullAction, &QAction::triggered, this,
            [this] { emit backupRequested(currentInstanceId(), true); });
    m_backupAction = new QAction(QIcon::fromTheme(QStringLiteral("document-save")), QString(), this);
    m_backupAction->setObjectName(QStringLiteral("backupNow"));
    m_backupAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    connect(m_backupAction, &QAction::triggered, m_incrementalAction, &QAction::trigger);
    auto* backupMenu = new QMenu(this);
    backupMenu->addAction(m_incrementalAction);
    backupMenu->addAction(m_fullAction);
    m_restoreAction = new QAction(QIcon::fromTheme(QStringLiteral("document-revert")), QString(), this);
    m_restoreAction->setObjectName(QStringLiteral("restore"));
    connect(m_restoreAction, &QAction::triggered, this,
            [this] { emit restoreRequested(currentInstanceId()); });
    m_checkAction = new QAction(QIcon::fromTheme(QStringLiteral("tools-check-spelling"),
                                                 QIcon::fromTheme(QStringLiteral("dialog-ok"))),
                                QString(), this);
    m_checkAction->setObjectName(QStringLiteral("checkRepository"));
    connect(m_checkAction, &QAction::triggered, this, [this] { emit checkRequested(currentInstanceId()); });
    m_settingsAction = new QAction(QIcon::fromTheme(QStringLiteral("preferences-system")), QString(), this);
    m_settingsAction->setObjectName(QStringLiteral("settings"));
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    connect(m_settingsAction, &QAction::triggered, this,
            [this] { emit settingsRequested(currentInstanceId()); });
    m_quitAction = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), QString(), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, [this] {
        m_quitting = true;
        close();
    });
    addAction(m_quitAction);

    auto* tb = addToolBar(QString());
    tb->setObjectName(QStringLiteral("instanceToolBar"));
    tb->setMovable(false);
    tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tb->addAction(m_addAction);
    tb->addSeparator();
    m_backupButton = new QToolButton(tb);
    m_backupButton->setObjectName(QStringLiteral("backupButton"));
    m_backupButton->setDefaultAction(m_backupAction);
    m_backupButton->setMenu(backupMenu);
    m_backupButton->setPopupMode(QToolButton::MenuButtonPopup);
    m_backupButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tb->addWidget(m_backupButton);
    tb->addAction(m_restoreAction);
    tb->addAction(m_checkAction);
    auto* spacer = new QWidget(tb);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tb->addWidget(spacer);
    tb->addAction(m_settingsAction);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("ncbackup — Nextcloud backups"));
    m_addAction->setText(tr("Add instance"));
    m_addAction->setToolTip(tr("Add a Nextcloud instance to back up"));
    m_backupAction->setText(tr("Back up now"));
    m_backupAction->setToolTip(tr("Make a Restoring Point of the selected instance now (Ctrl+B)"));
    m_incrementalAction->setText(tr("Incremental backup (changes only)"));
    m_fullAction->setText(tr("Full backup"));
    m_restoreAction->setText(tr("Restore…"));
    m_restoreAction->setToolTip(tr("Bring back files, a user, the database or the whole instance"));
    m_checkAction->setText(tr("Check repository"));
    m_checkAction->setToolTip(tr("Verify that every Restoring Point can be read back"));
    m_settingsAction->setText(tr("Settings"));
    m_quitAction->setText(tr("Quit"));
    m_tabs->setTabText(0, tr("Timeline"));
    m_tabs->setTabText(1, tr("Files"));
    m_tabs->setTabText(2, tr("Log"));
    m_instanceView->setAccessibleName(tr("Nextcloud instances"));
    m_log->setAccessibleName(tr("Log"));
    m_log->setPlaceholderText(tr("Messages of backups, restores and checks appear here."));
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::applyAppSettings()
{
    QSettings settings;
    m_tray->setVisible(settings.value(QStringLiteral("ui/trayIcon"), true).toBool());
    m_tray->setNotificationsEnabled(settings.value(QStringLiteral("ui/notifications"), true).toBool());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // With a tray icon, closing the window keeps scheduled work visible in the tray.
    if (!m_quitting && m_tray->isShown()) {
        hide();
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::updateEmptyState()
{
    const bool empty = m_instances->rowCount() == 0;
    m_stack->setCurrentIndex(empty ? 0 : 1);
    if (!empty && !m_instanceView->currentIndex().isValid())
        m_instanceView->setCurrentIndex(m_instances->index(0));
    updateActions();
}

void MainWindow::updateActions()
{
    const bool has = !currentInstanceId().isEmpty();
    for (QAction* a : {m_backupAction, m_incrementalAction, m_fullAction, m_restoreAction, m_checkAction})
        a->setEnabled(has);
    m_backupButton->setEnabled(has);
}

QString MainWindow::currentInstanceId() const
{
    return m_instanceView->currentIndex().data(InstanceListModel::IdRole).toString();
}

void MainWindow::selectInstance(const QString& id)
{
    const int row = m_instances->rowOf(id);
    if (row >= 0)
        m_instanceView->setCurrentIndex(m_instances->index(row));
}

void MainWindow::showView(View view)
{
    m_tabs->setCurrentIndex(int(view));
}

void MainWindow::appendLog(const QString& message, bool error)
{
    appendLog(message, error, QDateTime::currentDateTime());
}

void MainWindow::appendLog(const QString& message, bool error, const QDateTime& when)
{
    // One entry per event: the local date and time in the user's format, then the sentence; errors in
    // red and marked as such, so they stand out when scrolling through weeks of backups.
    QColor dim = m_log->palette().color(QPalette::Text);
    dim.setAlpha(150);
    const QString stamp = QStringLiteral("<span style=\"color:%1\">%2</span>&nbsp;&nbsp;")
                              .arg(dim.name(QColor::HexArgb), Format::dateTime(when.toLocalTime()).toHtmlEscaped());
    const QString text = message.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    m_log->appendHtml(error ? stamp + QStringLiteral("<span style=\"color:#d1242f\"><b>%1</b> %2</span>")
                                          .arg(tr("Error:").toHtmlEscaped(), text)
                            : stamp + text);
}

void MainWindow::trackJob(Job* job)
{
    m_jobStatus->track(job);
    if (job) {
        appendLog(tr("%1: started").arg(job->title()));
        if (m_tray)
            m_tray->setState(TrayIcon::State::Running, job->title());
    }
}

} // namespace ncb::ui
