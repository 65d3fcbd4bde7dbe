// ncbackup: the desktop app. Thin: parses its few options, loads translations, shows the main window.
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "util/Version.h"

#include <QApplication>
#include <QLoggingCategory>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // Diagnostics stay quiet unless asked for (QT_LOGGING_RULES="ncbackup.*=true" overrides this).
    QLoggingCategory::setFilterRules(QStringLiteral("ncbackup.*.debug=false\nncbackup.*.info=false"));
    QApplication::setApplicationName(QStringLiteral("ncbackup"));
    QApplication::setOrganizationName(QStringLiteral("ncbackup"));
    QApplication::setApplicationVersion(ncb::versionString());
    QApplication::setDesktopFileName(QStringLiteral("ncbackup"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Back up and restore Nextcloud instances as Restoring Points."));
    parser.addHelpOption();
    parser.addVersionOption();
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

    ncb::ui::MainWindow w;
    QObject::connect(&w, &ncb::ui::MainWindow::settingsRequested, &w, [&w](const QString&) {
        ncb::ui::SettingsDialog dialog(std::nullopt, &w);
        dialog.exec();
    });
    w.show();
    return app.exec();
}
