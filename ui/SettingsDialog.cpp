#include "SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ncb::ui {

namespace {
QLabel* hint(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setForegroundRole(QPalette::PlaceholderText);
    return l;
}
} // namespace

SettingsDialog::SettingsDialog(const std::optional<InstanceSettings>& instance, QWidget* parent)
    : QDialog(parent), m_instance(instance)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(instance ? tr("Settings — %1").arg(instance->name) : tr("Settings"));
    m_tabs = new QTabWidget(this);
    if (m_instance) {
        m_tabs->addTab(buildConnectionTab(), tr("Connection"));
        m_tabs->addTab(buildRepositoryTab(), tr("Repository"));
        m_tabs->addTab(buildScheduleTab(), tr("Schedule"));
        m_tabs->addTab(buildExclusionsTab(), tr("Exclusions"));
    }
    m_tabs->addTab(buildGeneralTab(), tr("General"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(600, 460);
}

QWidget* SettingsDialog::buildConnectionTab()
{
    auto* page = new QWidget(this);
    const HostTarget& c = m_instance->connection;
    m_serverRoot = new QLineEdit(c.serverRoot, page);
    m_host = new QLineEdit(c.host, page);
    m_port = new QSpinBox(page);
    m_port->setRange(1, 65535);
    m_port->setValue(c.port);
    m_user = new QLineEdit(c.user, page);
    m_keyFile = new QLineEdit(c.keyFile, page);
    auto* form = new QFormLayout(page);
    form->addRow(tr("Where:"), new QLabel(c.local ? tr("This computer") : tr("Over SSH"), page));
    form->addRow(tr("Nextcloud folder:"), m_serverRoot);
    if (!c.local) {
        form->addRow(tr("Host:"), m_host);
        form->addRow(tr("Port:"), m_port);
        form->addRow(tr("User:"), m_user);
        form->addRow(tr("Private key:"), m_keyFile);
        form->addRow(
            hint(tr("Changing the host asks you to check its key fingerprint again at the next connection."),
                 page));
    } else {
        for (QWidget* w : std::initializer_list<QWidget*>{m_host, m_port, m_user, m_keyFile})
            w->hide();
    }
    return page;
}

QWidget* SettingsDialog::buildRepositoryTab()
{
    auto* page = new QWidget(this);
    m_repository = new QLineEdit(m_instance->repositoryLocation, page);
    m_repository->setReadOnly(true);
    auto* change = new QPushButton(tr("Change password…"), page);
    change->setObjectName(QStringLiteral("changePassword"));
    connect(change, &QPushButton::clicked, this, [this] { emit changePasswordRequested(m_instance->id); });
    auto* form = new QFormLayout(page);
    form->addRow(tr("Location:"), m_repository);
    form->addRow(hint(
        tr("To move the repository, copy its folder and add the instance again from the new place."), page));
    form->addRow(tr("Password:"), change);
    form->addRow(
        hint(tr("The password is kept in the system keychain; the recovery key stays valid when it changes."),
             page));
    return page;
}

QWidget* SettingsDialog::buildScheduleTab()
{
    auto* page = new QWidget(this);
    const ScheduleSettings& s = m_instance->schedule;
    m_fullWeeks = new QSpinBox(page);
    m_fullWeeks->setRange(1, 52);
    m_fullWeeks->setValue(s.fullEveryWeeks);
    m_fullWeeks->setSuffix(tr(" weeks"));
    m_daily = new QCheckBox(tr("Every day, saving only what changed"), page);
    m_daily->setChecked(s.incrementalDaily);
    m_from = new QSpinBox(page);
    m_from->setRange(0, 23);
    m_from->setValue(s.windowStartHour);
    m_from->setSuffix(QStringLiteral(":00"));
    m_to = new QSpinBox(page);
    m_to->setRange(1, 24);
    m_to->setValue(s.windowEndHour);
    m_to->setSuffix(QStringLiteral(":00"));
    auto* window = new QHBoxLayout;
    window->addWidget(new QLabel(tr("between"), page));
    window->addWidget(m_from);
    window->addWidget(new QLabel(tr("and"), page));
    window->addWidget(m_to);
    window->addStretch(1);
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Full backup every:"), m_fullWeeks);
    form->addRow(tr("Incremental backup:"), m_daily);
    form->addRow(tr("Start backups:"), window);
    return page;
}

QWidget* SettingsDialog::buildExclusionsTab()
{
    auto* page = new QWidget(this);
    m_previews = new QCheckBox(tr("Thumbnails and previews (Nextcloud makes them again)"), page);
    m_previews->setChecked(m_instance->excludePreviews);
    m_log = new QCheckBox(tr("The Nextcloud log file (nextcloud.log)"), page);
    m_log->setChecked(m_instance->excludeLog);
    m_trash = new QCheckBox(tr("Deleted files (trash bin)"), page);
    m_trash->setChecked(m_instance->excludeTrash);
    m_versions = new QCheckBox(tr("Older versions of files"), page);
    m_versions->setChecked(m_instance->excludeVersions);
    m_extra = new QPlainTextEdit(m_instance->extraExclusions.join(QLatin1Char('\n')), page);
    m_extra->setPlaceholderText(
        tr("One pattern per line, relative to the data folder, e.g. */files/Movies/*"));
    auto* l = new QVBoxLayout(page);
    l->addWidget(new QLabel(tr("Leave out of backups:"), page));
    l->addWidget(m_previews);
    l->addWidget(m_log);
    l->addWidget(m_trash);
    l->addWidget(m_versions);
    l->addSpacing(8);
    l->addWidget(new QLabel(tr("Other patterns:"), page));
    l->addWidget(m_extra, 1);
    return page;
}

QWidget* SettingsDialog::buildGeneralTab()
{
    auto* page = new QWidget(this);
    QSettings settings;
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    const int idx = m_language->findData(settings.value(languageKey()).toString());
    m_language->setCurrentIndex(std::max(0, idx));
    m_tray =
        new QCheckBox(tr("Show an icon in the system tray and keep running when the window is closed"), page);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setChecked(settings.value(trayKey(), true).toBool());
    m_notifications = new QCheckBox(tr("Notify me when a backup fails or a scheduled backup was missed"), page);
    m_notifications->setObjectName(QStringLiteral("notifications"));
    m_notifications->setChecked(settings.value(notificationsKey(), true).toBool());
    auto* form = new QFormLayout(page);
    form->addRow(tr("Language:"), m_language);
    form->addRow(hint(tr("A new language applies the next time ncbackup starts."), page));
    form->addRow(m_tray);
    form->addRow(m_notifications);
    return page;
}

InstanceSettings SettingsDialog::instanceSettings() const
{
    if (!m_instance)
        return {};
    InstanceSettings s = *m_instance;
    s.connection.serverRoot = m_serverRoot->text().trimmed();
    if (!s.connection.local) {
        s.connection.host = m_host->text().trimmed();
        s.connection.port = m_port->value();
        s.connection.user = m_user->text().trimmed();
        s.connection.keyFile = m_keyFile->text().trimmed();
    }
    s.schedule.fullEveryWeeks = m_fullWeeks->value();
    s.schedule.incrementalDaily = m_daily->isChecked();
    s.schedule.windowStartHour = m_from->value();
    s.schedule.windowEndHour = m_to->value();
    s.excludePreviews = m_previews->isChecked();
    s.excludeLog = m_log->isChecked();
    s.excludeTrash = m_trash->isChecked();
    s.excludeVersions = m_versions->isChecked();
    s.extraExclusions.clear();
    for (const QString& line : m_extra->toPlainText().split(QLatin1Char('\n'))) {
        const QString t = line.trimmed();
        if (!t.isEmpty())
            s.extraExclusions << t;
    }
    return s;
}

void SettingsDialog::accept()
{
    QSettings settings;
    const QString lang = m_language->currentData().toString();
    if (settings.value(languageKey()).toString() != lang) {
        settings.setValue(languageKey(), lang);
        emit languageChanged(lang);
    }
    settings.setValue(trayKey(), m_tray->isChecked());
    settings.setValue(notificationsKey(), m_notifications->isChecked());
    QDialog::accept();
}

} // namespace ncb::ui
