// The settings dialog: instance changes come back to the caller, app settings are remembered, and
// nothing secret is written to the settings file.
#include "SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace ncb::ui;

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ncbackup-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_settingsdialog"));
        QSettings().clear();
    }

    void changesComeBackAndStay()
    {
        InstanceSettings s;
        s.id = QStringLiteral("cloud");
        s.name = QStringLiteral("cloud.example.org");
        s.connection.local = false;
        s.connection.host = QStringLiteral("cloud.example.org");
        s.connection.user = QStringLiteral("backup");
        s.repositoryLocation = QStringLiteral("/media/backup/cloud");
        SettingsDialog d(s);
        QCOMPARE(d.tabs()->count(), 5);
        auto* log = d.findChildren<QCheckBox*>().at(0);
        for (QCheckBox* c : d.findChildren<QCheckBox*>())
            if (c->text().contains(QStringLiteral("nextcloud.log")))
                log = c;
        QVERIFY(log->isChecked()); // the log is left out by default
        log->setChecked(false);
        d.findChild<QPlainTextEdit*>()->setPlainText(QStringLiteral("*/files/Movies/*\n\n  */cache/*  \n"));
        d.findChild<QCheckBox*>(QStringLiteral("notifications"))->setChecked(false);
        auto* lang = d.findChild<QComboBox*>(QStringLiteral("language"));
        lang->setCurrentIndex(lang->findData(QStringLiteral("fr")));
        QSignalSpy changed(&d, &SettingsDialog::languageChanged);
        d.accept();
        const InstanceSettings out = d.instanceSettings();
        QVERIFY(!out.excludeLog);
        QVERIFY(out.excludePreviews);
        QCOMPARE(out.extraExclusions,
                 (QStringList{QStringLiteral("*/files/Movies/*"), QStringLiteral("*/cache/*")}));
        QCOMPARE(out.connection.host, QStringLiteral("cloud.example.org"));
        QCOMPARE(changed.count(), 1);

        QSettings settings;
        QCOMPARE(settings.value(SettingsDialog::notificationsKey()).toBool(), false);
        QCOMPARE(settings.value(SettingsDialog::languageKey()).toString(), QStringLiteral("fr"));
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll().toLower();
        QVERIFY(!text.contains("password"));
        QVERIFY(!text.contains("key"));

        // Reopened, the dialog shows what was saved.
        SettingsDialog again(std::nullopt);
        QCOMPARE(again.tabs()->count(), 1);
        QCOMPARE(again.findChild<QComboBox*>(QStringLiteral("language"))->currentData().toString(),
                 QStringLiteral("fr"));
        QVERIFY(!again.findChild<QCheckBox*>(QStringLiteral("notifications"))->isChecked());
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
