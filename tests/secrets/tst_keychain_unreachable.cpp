// When no keychain is reachable, reading fails fast with one clear sentence and nothing is ever
// written to a plain file instead (QtKeychain's insecure fallback stays off).

#include "settings/Keychain.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace ncb;
using settings::Keychain;

class TestKeychainUnreachable : public QObject
{
    Q_OBJECT

public:
    QTemporaryDir* home = nullptr;

private slots:
    void readFailsFastAndClearly()
    {
        QElapsedTimer t;
        t.start();
        const auto r = Keychain::read(Keychain::repositoryEntry(QStringLiteral("abc")));
        QVERIFY2(t.elapsed() < 10000, qPrintable(QString::number(t.elapsed())));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::Generic);
        QVERIFY2(r.error().message.startsWith(QLatin1String("No keychain is reachable")),
                 qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(QLatin1Char('\n')));
    }

    void notAvailable()
    {
        QElapsedTimer t;
        t.start();
        QVERIFY(!Keychain::available());
        QVERIFY(!Keychain::available()); // cached
        QVERIFY(t.elapsed() < 10000);
    }

    void writeFailsAndLeavesNoPlainFile()
    {
        const auto w = Keychain::write(QStringLiteral("repository/abc"), QByteArray("secret-value"));
        QVERIFY(!w.ok());
        QCOMPARE(w.error().code, Error::Generic);
        const auto d = Keychain::remove(QStringLiteral("repository/abc"));
        QVERIFY(!d.ok());
        // Nothing under the (private) home/config/data dirs: the insecure fallback would write
        // a QSettings file there.
        QDirIterator it(home->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files << it.next();
        QVERIFY2(files.isEmpty(), qPrintable(files.join(QLatin1Char(' '))));
    }
};

int main(int argc, char** argv)
{
    // Before anything connects: the session bus points at a socket that does not exist, or (with
    // NCB_TEST_BUS=unset, as in a cron job or an ssh login) there is no session bus at all.
    QTemporaryDir home;
    if (qgetenv("NCB_TEST_BUS") == "unset") {
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
    } else {
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ncbackup-test/bus");
    }
    qputenv("HOME", home.path().toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());
    QCoreApplication app(argc, argv);
    TestKeychainUnreachable t;
    t.home = &home;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_keychain_unreachable.moc"
