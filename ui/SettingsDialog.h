#pragma once
// SettingsDialog: the settings of one instance (connection, repository, schedule, exclusions) and
// of the app (language, tray icon, notifications). App settings go to QSettings; instance settings
// are returned to the caller. Nothing secret passes through here: the password is changed by the
// core on request.

#include "InstanceSettings.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;

namespace ncb::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // Without an instance, only the app settings are shown.
    explicit SettingsDialog(const std::optional<InstanceSettings>& instance, QWidget* parent = nullptr);

    InstanceSettings instanceSettings() const; // valid when constructed with an instance
    QTabWidget* tabs() const { return m_tabs; }

    // The keys of the app settings in QSettings.
    static QString languageKey() { return QStringLiteral("ui/language"); }
    static QString trayKey() { return QStringLiteral("ui/trayIcon"); }
    static QString notificationsKey() { return QStringLiteral("ui/notifications"); }

signals:
    void changePasswordRequested(const QString& instanceId);
    void languageChanged(const QString& locale);

public slots:
    void accept() override;

private:
    QWidget* buildConnectionTab();
    QWidget* buildRepositoryTab();
    QWidget* buildScheduleTab();
    QWidget* buildExclusionsTab();
    QWidget* buildGeneralTab();

    std::optional<InstanceSettings> m_instance;
    QTabWidget* m_tabs;
    QLineEdit* m_serverRoot = nullptr;
    QLineEdit* m_host = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_keyFile = nullptr;
    QLineEdit* m_repository = nullptr;
    QSpinBox* m_fullWeeks = nullptr;
    QCheckBox* m_daily = nullptr;
    QSpinBox* m_from = nullptr;
    QSpinBox* m_to = nullptr;
    QCheckBox* m_previews = nullptr;
    QCheckBox* m_log = nullptr;
    QCheckBox* m_trash = nullptr;
    QCheckBox* m_versions = nullptr;
    QPlainTextEdit* m_extra = nullptr;
    QComboBox* m_language = nullptr;
    QCheckBox* m_tray = nullptr;
    QCheckBox* m_notifications = nullptr;
};

} // namespace ncb::ui
