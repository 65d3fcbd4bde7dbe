#include "Command.h"

#include <cstdio>

namespace ncb::cli {

static QList<Command>& registry()
{
    static QList<Command> commands;
    return commands;
}

void CommandRegistry::add(Command c) { registry().append(std::move(c)); }
const QList<Command>& CommandRegistry::all() { return registry(); }

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const Error& e)
{
    out().flush();
    err() << "ncbackup-cli: " << e.message << Qt::endl;
    return exitCodeFor(e);
}

int usage(const QString& message) { return fail(Error::make(Error::Usage, message)); }

int parseOrExit(QCommandLineParser& parser, const QStringList& args, const QString& synopsis,
                const QString& summary)
{
    parser.setApplicationDescription(summary);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args))
        return usage(parser.errorText() + QStringLiteral(" (see: ncbackup-cli ") + synopsis.section(' ', 0, 1) +
                     QStringLiteral(" --help)"));
    if (parser.isSet(help)) {
        out() << "Usage: ncbackup-cli " << synopsis << "\n\n" << parser.helpText().section('\n', 2) << Qt::flush;
        return 0;
    }
    return -1;
}

} // namespace ncb::cli
