// German and French users get the app in their language: the compiled translations are in the
// binary and cover the main window.
#include "MainWindow.h"
#include "WelcomePage.h"

#include <QAction>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

using namespace ncb::ui;

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void mainWindowSpeaksTheLanguage_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("backupNow");
        QTest::addColumn<QString>("addInstance");
        QTest::newRow("de") << "de" << QStringLiteral("Jetzt sichern")
                            << QStringLiteral("Nextcloud-Instanz hinzufügen");
        QTest::newRow("fr") << "fr" << QStringLiteral("Sauvegarder maintenant")
                            << QStringLiteral("Ajouter une instance Nextcloud");
    }
    void mainWindowSpeaksTheLanguage()
    {
        QFETCH(QString, locale);
        QFETCH(QString, backupNow);
        QFETCH(QString, addInstance);
        MainWindow init; // registers the ui library's resources
        QTranslator tr;
        QVERIFY(tr.load(QLocale(locale), QStringLiteral("ncbackup"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&tr);
        MainWindow w;
        QCOMPARE(w.findChild<QAction*>(QStringLiteral("backupNow"))->text(), backupNow);
        QCOMPARE(w.welcomePage()->addButton()->text(), addInstance);
        QCoreApplication::removeTranslator(&tr);
        // Back to English once the translator is gone.
        MainWindow en;
        QCOMPARE(en.findChild<QAction*>(QStringLiteral("backupNow"))->text(), QStringLiteral("Back up now"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
