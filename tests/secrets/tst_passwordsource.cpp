// Where the repository password comes from. Every case runs obtainPassword() in a child process
// (this executable with --child) so the environment, stdin and the terminal are exactly what the
// case says: a test run from a terminal must not turn into an interactive prompt.

#include "settings/PasswordSource.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

using namespace ncb;

namespace {

const char kNoSource[] = "No password given: use --password-file, NCBACKUP_PASSWORD_FILE, "
                         "NCBACKUP_PASSWORD_COMMAND or run on a terminal.";

// Child: prints "OK <hex>" or "ERR <code> <message>".
int childMain(const QStringList& args)
{
    settings::PasswordOptions options;
    bool newPassword = false;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--password-file"))
            options.passwordFile = args.value(++i);
        else if (args[i] == QLatin1String("--no-prompt"))
            options.allowPrompt = false;
        else if (args[i] == QLatin1String("--new"))
            newPassword = true;
    }
    const auto r = newPassword ? settings::obtainNewPassword(options, QStringLiteral("New password: "))
                               : settings::obtainPassword(options, QStringLiteral("Password: "));
    QByteArray line;
    if (r.ok())
        line = "OK " + r.value().toHex() + "\n";
    else
        line = "ERR " + QByteArray::number(r.error().code) + " " + r.error().message.toUtf8() + "\n";
    fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    fflush(stdout);
    return 0;
}

struct ChildResult
{
    bool ok = false;
    QByteArray password;
    int code = 0;
    QString message;
};

ChildResult parse(const QByteArray& out)
{
    ChildResult r;
    const int at = out.lastIndexOf("OK ") >= 0 ? out.lastIndexOf("OK ") : -1;
    const int err = out.lastIndexOf("ERR ");
    if (at >= 0 && at > err) {
        r.ok = true;
        r.password = QByteArray::fromHex(out.mid(at + 3).trimmed());
    } else if (err >= 0) {
        const QByteArray rest = out.mid(err + 4).trimmed();
        const int space = rest.indexOf(' ');
        r.code = rest.left(space).toInt();
        r.message = QString::fromUtf8(rest.mid(space + 1));
    }
    return r;
}

} // namespace

class TestPasswordSource : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(content);
        return path;
    }

    // Runs the child with stdin not a terminal and only the given password variables set.
    ChildResult run(const QStringList& args, const QMap<QString, QString>& env = {})
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("NCBACKUP_PASSWORD_FILE"));
        e.remove(QStringLiteral("NCBACKUP_PASSWORD_COMMAND"));
        for (auto it = env.begin(); it != env.end(); ++it)
            e.insert(it.key(), it.value());
        p.setProcessEnvironment(e);
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(QCoreApplication::applicationFilePath(), QStringList{QStringLiteral("--child")} + args);
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            return {};
        }
        return parse(p.readAllStandardOutput());
    }

    // Runs the child on a fresh pseudo-terminal, answers each prompt with the next line, and returns
    // everything the terminal showed.
    ChildResult runOnTerminal(const QStringList& args, const QList<QByteArray>& answers, QByteArray* screen)
    {
        const QByteArray exe = QCoreApplication::applicationFilePath().toLocal8Bit();
        QList<QByteArray> argStore{exe, "--child"};
        for (const QString& a : args)
            argStore << a.toLocal8Bit();
        std::vector<char*> argv;
        for (QByteArray& a : argStore)
            argv.push_back(a.data());
        argv.push_back(nullptr);

        int master = -1;
        const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
        if (pid < 0)
            return {};
        if (pid == 0) {
            unsetenv("NCBACKUP_PASSWORD_FILE");
            unsetenv("NCBACKUP_PASSWORD_COMMAND");
            execv(argv[0], argv.data());
            _exit(127);
        }
        QByteArray out;
        int answered = 0;
        QDeadlineTimer deadline(20000);
        for (;;) {
            // Answer once the next prompt is on screen (echo is off by then).
            const int prompts = int(out.toLower().count("password: "));
            if (answered < answers.size() && prompts > answered) {
                const QByteArray line = answers[answered++] + "\n";
                if (::write(master, line.constData(), static_cast<size_t>(line.size())) != line.size())
                    break;
            }
            pollfd pfd{master, POLLIN, 0};
            const int n = ::poll(&pfd, 1, static_cast<int>(qMax<qint64>(0, deadline.remainingTime())));
            if (n <= 0)
                break;
            char buf[4096];
            const ssize_t got = ::read(master, buf, sizeof buf);
            if (got <= 0)
                break; // EIO: the child closed the terminal
            out.append(buf, got);
        }
        ::close(master);
        int status = 0;
        if (deadline.hasExpired())
            ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        *screen = out;
        return parse(out);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void passwordFileOption()
    {
        const QString f = writeFile(QStringLiteral("pw"), "correct horse \n");
        const auto r = run({QStringLiteral("--password-file"), f});
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.password, QByteArray("correct horse ")); // spaces are part of it, the newline is not
    }

    void onlyOneNewlineIsStripped()
    {
        const QString f = writeFile(QStringLiteral("pw2"), QByteArray("a\0b\n\n", 5));
        const auto r = run({QStringLiteral("--password-file"), f});
        QVERIFY(r.ok);
        QCOMPARE(r.password, QByteArray("a\0b\n", 4));
        const QString crlf = writeFile(QStringLiteral("pw3"), "windows\r\n");
        const auto w = run({QStringLiteral("--password-file"), crlf});
        QVERIFY(w.ok);
        QCOMPARE(w.password, QByteArray("windows"));
    }

    void environmentFile()
    {
        const QString f = writeFile(QStringLiteral("envpw"), "from-env-file");
        const auto r = run({}, {{QStringLiteral("NCBACKUP_PASSWORD_FILE"), f}});
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.password, QByteArray("from-env-file"));
    }

    void optionBeatsEnvironmentAndFileBeatsCommand()
    {
        const QString opt = writeFile(QStringLiteral("opt"), "from-option\n");
        const QString env = writeFile(QStringLiteral("env"), "from-env\n");
        const QMap<QString, QString> both{{QStringLiteral("NCBACKUP_PASSWORD_FILE"), env},
                                          {QStringLiteral("NCBACKUP_PASSWORD_COMMAND"), QStringLiteral("echo from-command")}};
        auto r = run({QStringLiteral("--password-file"), opt}, both);
        QVERIFY(r.ok);
        QCOMPARE(r.password, QByteArray("from-option"));
        r = run({}, both);
        QVERIFY(r.ok);
        QCOMPARE(r.password, QByteArray("from-env"));
    }

    void environmentCommand()
    {
        const auto r = run({}, {{QStringLiteral("NCBACKUP_PASSWORD_COMMAND"),
                                 QStringLiteral("printf 'cmd secret\\n' ; echo noise >&2")}});
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.password, QByteArray("cmd secret"));
    }

    void failingCommand()
    {
        const auto r = run({}, {{QStringLiteral("NCBACKUP_PASSWORD_COMMAND"), QStringLiteral("echo half; exit 3")}});
        QVERIFY(!r.ok);
        QCOMPARE(r.code, int(Error::Generic));
        QCOMPARE(r.message, QStringLiteral("The password command (NCBACKUP_PASSWORD_COMMAND) failed with exit code 3."));
        const auto missing = run({}, {{QStringLiteral("NCBACKUP_PASSWORD_COMMAND"), QStringLiteral("/nonexistent/tool")}});
        QVERIFY(!missing.ok);
        QCOMPARE(missing.code, int(Error::Generic));
        QVERIFY(missing.message.contains(QLatin1String("exit code 127")));
    }

    void missingFileNamesTheFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("does-not-exist"));
        auto r = run({QStringLiteral("--password-file"), path});
        QVERIFY(!r.ok);
        QCOMPARE(r.code, int(Error::Io));
        QVERIFY2(r.message.contains(path), qPrintable(r.message));
        r = run({}, {{QStringLiteral("NCBACKUP_PASSWORD_FILE"), path}});
        QVERIFY(!r.ok);
        QCOMPARE(r.code, int(Error::Io));
        QVERIFY2(r.message.contains(path) && r.message.contains(QLatin1String("NCBACKUP_PASSWORD_FILE")),
                 qPrintable(r.message));
    }

    void emptyPasswordIsRefused()
    {
        const QString f = writeFile(QStringLiteral("empty"), "\n");
        auto r = run({QStringLiteral("--password-file"), f});
        QVERIFY(!r.ok);
        QCOMPARE(r.code, int(Error::Usage));
        r = run({}, {{QStringLiteral("NCBACKUP_PASSWORD_COMMAND"), QStringLiteral("true")}});
        QVERIFY(!r.ok);
        QCOMPARE(r.code, int(Error::Usage));
    }

    void noSourceWithoutTerminal()
    {
        for (const QStringList& args : {QStringList{}, QStringList{QStringLiteral("--new")}}) {
            const auto r = run(args);
            QVERIFY(!r.ok);
            QCOMPARE(r.code, int(Error::Usage));
            QCOMPARE(r.message, QString::fromLatin1(kNoSource));
        }
    }

    void noPromptWhenNotAllowed()
    {
        QByteArray screen;
        const auto r = runOnTerminal({QStringLiteral("--no-prompt")}, {}, &screen);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, int(Error::Usage));
        QCOMPARE(r.message, QString::fromLatin1(kNoSource));
    }

    void hasExplicitSource()
    {
        settings::PasswordOptions o;
        qunsetenv("NCBACKUP_PASSWORD_FILE");
        qunsetenv("NCBACKUP_PASSWORD_COMMAND");
        QVERIFY(!settings::hasExplicitPasswordSource(o));
        o.passwordFile = QStringLiteral("/x");
        QVERIFY(settings::hasExplicitPasswordSource(o));
        o.passwordFile.clear();
        qputenv("NCBACKUP_PASSWORD_COMMAND", "echo x");
        QVERIFY(settings::hasExplicitPasswordSource(o));
        qunsetenv("NCBACKUP_PASSWORD_COMMAND");
        qputenv("NCBACKUP_PASSWORD_FILE", "/y");
        QVERIFY(settings::hasExplicitPasswordSource(o));
        qunsetenv("NCBACKUP_PASSWORD_FILE");
    }

    void promptOnTerminalHidesTheTyping()
    {
        QByteArray screen;
        const auto r = runOnTerminal({}, {"typed-secret 42"}, &screen);
        QVERIFY2(r.ok, screen.constData());
        QCOMPARE(r.password, QByteArray("typed-secret 42"));
        QVERIFY(screen.contains("Password: "));
        QVERIFY2(!screen.contains("typed-secret"), screen.constData()); // echo was off
    }

    void ctrlCAtThePromptRestoresEcho()
    {
        // A user who presses Ctrl-C at the prompt must get a terminal that echoes again.
        const QByteArray exe = QCoreApplication::applicationFilePath().toLocal8Bit();
        char* argv[] = {const_cast<char*>(exe.constData()), const_cast<char*>("--child"), nullptr};
        int master = -1;
        const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
        QVERIFY(pid >= 0);
        if (pid == 0) {
            unsetenv("NCBACKUP_PASSWORD_FILE");
            unsetenv("NCBACKUP_PASSWORD_COMMAND");
            execv(argv[0], argv);
            _exit(127);
        }
        QByteArray out;
        QDeadlineTimer deadline(20000);
        while (!out.contains("Password: ") && !deadline.hasExpired()) {
            pollfd pfd{master, POLLIN, 0};
            if (::poll(&pfd, 1, 200) > 0) {
                char buf[512];
                const ssize_t got = ::read(master, buf, sizeof buf);
                if (got <= 0)
                    break;
                out.append(buf, got);
            }
        }
        QVERIFY2(out.contains("Password: "), out.constData());
        struct termios during;
        QVERIFY(tcgetattr(master, &during) == 0);
        QVERIFY(!(during.c_lflag & ECHO)); // echo is off while the password is typed
        QCOMPARE(::write(master, "\x03", 1), ssize_t(1));
        int status = 0;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
        struct termios after;
        QVERIFY(tcgetattr(master, &after) == 0);
        ::close(master);
        QVERIFY(after.c_lflag & ECHO);
    }

    void newPasswordOnTerminalAsksTwice()
    {
        QByteArray screen;
        auto r = runOnTerminal({QStringLiteral("--new")}, {"fresh pw", "fresh pw"}, &screen);
        QVERIFY2(r.ok, screen.constData());
        QCOMPARE(r.password, QByteArray("fresh pw"));
        QVERIFY(screen.contains("New password: ") && screen.contains("Repeat the password: "));
        QVERIFY(!screen.contains("fresh pw"));

        r = runOnTerminal({QStringLiteral("--new")}, {"fresh pw", "fresh pv"}, &screen);
        QVERIFY(!r.ok);
        QCOMPARE(r.code, int(Error::Usage));
        QCOMPARE(r.message, QStringLiteral("The two passwords do not match."));
    }
};

int main(int argc, char** argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--child") == 0) {
        QCoreApplication app(argc, argv);
        return childMain(app.arguments().mid(2));
    }
    QCoreApplication app(argc, argv);
    TestPasswordSource t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_passwordsource.moc"
