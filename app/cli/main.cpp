// ncbackup-cli: the headless twin of the desktop app. Thin: every command lives in a Commands*.cpp file.
#include "Command.h"
#include "util/Version.h"

#include <QCoreApplication>

#include <algorithm>
#include <QLoggingCategory>

using namespace ncb::cli;

static void printHelp()
{
    out() << "ncbackup-cli " << ncb::versionString()
          << " - back up and restore Nextcloud instances as encrypted, deduplicated Restoring Points.\n\n"
          << "Usage: ncbackup-cli COMMAND [OPTIONS]\n\nCommands:\n";
    // Grouped the way an admin meets them: instances and their RPs first, the generic engine after.
    static const QStringList order = {QStringLiteral("instance"), QStringLiteral("backup"), QStringLiteral("rp"),
                                      QStringLiteral("restore"),  QStringLiteral("repo"),   QStringLiteral("snapshot")};
    QList<Command> cmds = CommandRegistry::all();
    auto rank = [&](const Command& c) {
        const qsizetype i = order.indexOf(c.words.value(0));
        return i < 0 ? order.size() : i;
    };
    std::stable_sort(cmds.begin(), cmds.end(), [&](const Command& a, const Command& b) { return rank(a) < rank(b); });
    for (const Command& c : cmds)
        out() << "  " << c.synopsis.leftJustified(46) << " " << c.summary << "\n";
    out() << "\nGlobal options:\n  --help, -h     Show help (also after a command)\n"
             "  --version      Show the version\n\n"
             "Passwords never go on the command line: they come from the OS keychain, --password-file,\n"
             "NCBACKUP_PASSWORD_FILE, NCBACKUP_PASSWORD_COMMAND, or a prompt on a terminal.\n\n"
             "Exit codes: 0 ok, 1 other error, 2 usage, 3 not found, 4 wrong password or recovery key,\n"
             "5 damaged data, 6 disk full / read-only / I/O, 7 repository in use, 8 network, 9 host key,\n"
             "10 unsafe path, 11 cancelled, 12 the server refused, 13 Restoring Point written but incomplete\n"
             "(paths on the server could not be read; they are named).\n"
          << Qt::flush;
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // Diagnostics stay quiet unless asked for (QT_LOGGING_RULES="ncbackup.*=true" overrides this).
    QLoggingCategory::setFilterRules(QStringLiteral("ncbackup.*.debug=false\nncbackup.*.info=false\nncbackup.*.warning=false"));
    QCoreApplication::setApplicationName(QStringLiteral("ncbackup"));
    QCoreApplication::setOrganizationName(QStringLiteral("ncbackup"));
    QCoreApplication::setApplicationVersion(ncb::versionString());

    const QStringList args = app.arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h") ||
        args[1] == QLatin1String("help")) {
        printHelp();
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == QLatin1String("--version")) {
        out() << "ncbackup-cli " << ncb::versionString() << Qt::endl;
        return 0;
    }
    // Longest match of command words wins ("repo key change" before "repo key").
    const Command* best = nullptr;
    for (const Command& c : CommandRegistry::all()) {
        if (c.words.size() > args.size() - 1)
            continue;
        bool match = true;
        for (int i = 0; i < c.words.size() && match; ++i)
            match = args[1 + i] == c.words[i];
        if (match && (!best || c.words.size() > best->words.size()))
            best = &c;
    }
    if (!best)
        return usage(QStringLiteral("unknown command '%1' (see: ncbackup-cli --help)").arg(args.mid(1).join(' ')));
    QStringList rest = args.mid(1 + best->words.size());
    rest.prepend(QStringLiteral("ncbackup-cli ") + best->words.join(' '));
    return best->run(rest);
}
