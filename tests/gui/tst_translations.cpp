// German and French users get the app in their language: the compiled translations are in the
// binary and cover the main window, and every user-facing string of the sources (lupdate over ui/ and
// app/gui/, as the build does) has a finished German and French translation.
#include "MainWindow.h"
#include "WelcomePage.h"

#include <QAction>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
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

    void everyStringIsTranslated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("de") << "de";
        QTest::newRow("fr") << "fr";
    }
    // lupdate on a copy of the .ts file: a string added to the sources without a translation shows up
    // as "unfinished" (or with an empty translation) in the copy.
    void everyStringIsTranslated()
    {
        QFETCH(QString, language);
        const QDir src(QStringLiteral(NCB_SOURCE_DIR));
        const QString ts = src.filePath(QStringLiteral("translations/ncbackup_%1.ts").arg(language));
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        // Same place relative to the sources as the original, so lupdate keeps its locations.
        QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral("translations"))));
        const QString copy = tmp.filePath(QStringLiteral("translations/ncbackup_%1.ts").arg(language));
        QVERIFY(QFile::copy(ts, copy));
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(NCB_LUPDATE),
                      {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                       src.filePath(QStringLiteral("ui")), src.filePath(QStringLiteral("app/gui")),
                       QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());
        QFile f(copy);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString xml = QString::fromUtf8(f.readAll());
        QStringList missing;
        static const QRegularExpression message(QStringLiteral("<message[^>]*>(.*?)</message>"),
                                                QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression sourceRe(QStringLiteral("<source>(.*?)</source>"),
                                                 QRegularExpression::DotMatchesEverythingOption);
        int count = 0;
        for (auto it = message.globalMatch(xml); it.hasNext();) {
            const QString body = it.next().captured(1);
            ++count;
            const bool unfinished = body.contains(QStringLiteral("type=\"unfinished\"")) ||
                                    body.contains(QStringLiteral("<translation></translation>")) ||
                                    body.contains(QStringLiteral("<numerusform></numerusform>"));
            if (unfinished)
                missing << sourceRe.match(body).captured(1).left(80);
        }
        QVERIFY(count > 300);
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1 string(s) without a %2 translation in %3:\n  %4")
                                                   .arg(missing.size())
                                                   .arg(language, ts, missing.join(QStringLiteral("\n  ")))));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
