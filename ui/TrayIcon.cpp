#include "TrayIcon.h"

#include "AppIcon.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>

namespace ncb::ui {

namespace {
// The app icon with a small state dot in the corner: blue while working, red after a failure.
QIcon stateIcon(TrayIcon::State state)
{
    const QIcon base(QStringLiteral(":/icons/ncbackup.svg"));
    if (state == TrayIcon::State::Idle)
        return base;
    QPixmap pm = base.pixmap(64, 64);
    if (pm.isNull()) { // no SVG support: the state dot alone still tells it
        pm = QPixmap(64, 64);
        pm.fill(Qt::transparent);
    }
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(Qt::white, 3));
    p.setBrush(state == TrayIcon::State::Failed ? QColor(0xd1, 0x24, 0x2f) : QColor(0x1f, 0x5f, 0xbf));
    p.drawEllipse(QRectF(36, 36, 26, 26));
    return QIcon(pm);
}
} // namespace

TrayIcon::TrayIcon(QObject* parent) : QObject(parent)
{
    m_menu = new QMenu;
    m_backup = m_menu->addAction(QString(), this, &TrayIcon::backupNowRequested);
    m_open = m_menu->addAction(QString(), this, &TrayIcon::openRequested);
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QString(), this, &TrayIcon::quitRequested);
    m_tray = new QSystemTrayIcon(stateIcon(State::Idle), this);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            emit openRequested();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayIcon::openRequested);
    retranslate();
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

bool TrayIcon::isAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

void TrayIcon::retranslate()
{
    m_backup->setText(tr("Back up now"));
    m_open->setText(tr("Open ncbackup"));
    m_quit->setText(tr("Quit"));
    m_tray->setToolTip(tr("ncbackup"));
}

void TrayIcon::setVisible(bool visible)
{
    m_tray->setVisible(visible && isAvailable());
}

bool TrayIcon::isShown() const
{
    return m_tray->isVisible();
}

QString TrayIcon::toolTip() const
{
    return m_tray->toolTip();
}

void TrayIcon::setState(State state, const QString& tooltip)
{
    m_state = state;
    m_tray->setIcon(stateIcon(state));
    m_tray->setToolTip(tooltip.isEmpty() ? tr("ncbackup") : tr("ncbackup — %1").arg(tooltip));
}

void TrayIcon::notify(const QString& title, const QString& message, bool failure)
{
    if (!m_notify)
        return;
    emit notified(title, message, failure);
    if (!m_tray->isVisible())
        return;
    m_tray->showMessage(title, message, failure ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information,
                        failure ? 15000 : 5000);
}

} // namespace ncb::ui
