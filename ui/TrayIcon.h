#pragma once
// TrayIcon: the system tray entry: an icon showing the overall state, a menu (Back up now, Open,
// Quit) and desktop notifications when a backup fails or needs attention. It keeps the state and says
// what it notified (notified()) even on a desktop without a tray, where nothing is shown.

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace ncb::ui {

class TrayIcon : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Failed };
    explicit TrayIcon(QObject* parent = nullptr);
    ~TrayIcon() override;

    static bool isAvailable();
    void setVisible(bool visible); // shown only where the desktop has a tray
    bool isShown() const;          // visible in a tray right now
    void setState(State state, const QString& tooltip = {});
    State state() const { return m_state; }
    void setNotificationsEnabled(bool enabled) { m_notify = enabled; }
    bool notificationsEnabled() const { return m_notify; }
    QString toolTip() const;
    // A desktop notification; failures use the critical icon and stay longer.
    void notify(const QString& title, const QString& message, bool failure);
    QMenu* menu() const { return m_menu; }

signals:
    void notified(const QString& title, const QString& message, bool failure);
    void backupNowRequested();
    void openRequested();
    void quitRequested();

private:
    void retranslate();
    QSystemTrayIcon* m_tray = nullptr;
    QMenu* m_menu = nullptr;
    QAction* m_backup = nullptr;
    QAction* m_open = nullptr;
    QAction* m_quit = nullptr;
    State m_state = State::Idle;
    bool m_notify = true;
};

} // namespace ncb::ui
