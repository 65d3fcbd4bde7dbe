// ncbackup: the desktop app. Thin: parses its few options, loads translations, shows the main window
// and hands it to the AppController, which connects it to the core.
#include "AppController.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "util/Version.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // Diagnostics stay quiet unless asked for (QT_LOGGING_RULES="ncbackup.*=true" overrides this).
    QLoggingCategory::setFilterRules(QStringLiteral("ncbackup.*.debug=false\nncbackup.*.info=false\nncbackup.*.warning=false"));
    QApplication::setApplicationName(QStringLiteral("ncbackup"));
    QApplication::setOrganizationName(QStringLiteral("ncbackup"));
    QApplication::setApplicationVersion(ncb::versionString());
    QApplication::setDesktopFileName(QStringLiteral("ncbackup"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Back up and restore Nextcloud instances as Restoring Points."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption addLocal(
        QStringLiteral("add-local"),
        QApplication::translate("main", "Open the setup wizard for the Nextcloud server root ROOT on this computer."),
        QStringLiteral("ROOT"));
    parser.addOption(addLocal);
    parser.process(app);

    // The language chosen in Settings wins over the system's (LANG / LC_MESSAGES).
    const QString chosen = QSettings().value(ncb::ui::SettingsDialog::languageKey()).toString();
    if (!chosen.isEmpty())
        QLocale::setDefault(QLocale(chosen));
    QTranslator qtTr, appTr;
    if (qtTr.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTr);
    if (appTr.load(QLocale(), QStringLiteral("ncbackup"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(&appTr);

    QString root = parser.value(addLocal);
    if (!root.isEmpty())
        root = QDir(root).absolutePath();

    ncb::ui::MainWindow w;
    ncb::ui::AppController controller(&w);
    w.show();
    controller.start(root);
    return app.exec();
}
