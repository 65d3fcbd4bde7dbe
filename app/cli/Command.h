#pragma once
// The CLI is a table of commands ("repo init", "snapshot list", ...). Each CommandsXxx.cpp file registers
// its own with a static RegisterCommand; main.cpp only dispatches. Handlers stay thin: parse options,
// call one core job, print its result.

#include "util/Result.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace ncb::cli {

using Handler = std::function<int(const QStringList& args)>; // args[0] is "ncbackup-cli <words>"

struct Command
{
    QStringList words;   // e.g. {"repo", "init"}
    QString synopsis;    // e.g. "repo init --repo PATH"
    QString summary;     // one line
    Handler run;
};

class CommandRegistry
{
public:
    static void add(Command c);
    static const QList<Command>& all();
};

struct RegisterCommand
{
    RegisterCommand(QStringList words, QString synopsis, QString summary, Handler h)
    {
        CommandRegistry::add(Command{std::move(words), std::move(synopsis), std::move(summary), std::move(h)});
    }
};

QTextStream& out();
QTextStream& err();

// Prints "ncbackup-cli: <message>" on stderr and returns the exit code for the error.
int fail(const Error& e);
int usage(const QString& message);

// Parses args with the given parser after adding --help. Returns -1 when the command should go on,
// otherwise the exit code to return (0 after --help, 2 after a usage error).
int parseOrExit(QCommandLineParser& parser, const QStringList& args, const QString& synopsis,
                const QString& summary);

} // namespace ncb::cli
