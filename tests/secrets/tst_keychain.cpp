// The OS keychain against a real Secret Service (gnome-keyring on a private session bus, started by
// scripts/test through tests/env/with-keyring.sh). Without one this test fails: it never skips.

#include "settings/Keychain.h"

#include <QCoreApplication>
#include <QFutureSynchronizer>
#include <QTest>
#include <QThread>
#include <QtConcurrent>

#include <sodium.h>

using namespace ncb;
using settings::Keychain;

class TestKeychain : public QObject
{
    Q_OBJECT

private:
    QString m_prefix;
    QString entry(const QString& name) const { return m_prefix + name; }

private slots:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        QVERIFY2(Keychain::available(),
                 "No Secret Service on the session bus: run under scripts/test (dbus-run-session + "
                 "tests/env/with-keyring.sh).");
        // Unique per run: a keyring left from an earlier run must not make a test pass.
        QByteArray tag(6, '\0');
        randombytes_buf(tag.data(), 6);
        m_prefix = QStringLiteral("test-%1/").arg(QString::fromLatin1(tag.toHex()));
    }

    void names()
    {
        QCOMPARE(Keychain::serviceName(), QStringLiteral("ncbackup"));
        QCOMPARE(Keychain::repositoryEntry(QStringLiteral("3f2a")), QStringLiteral("repository/3f2a"));
    }

    void absentEntryIsNotFound()
    {
        const auto r = Keychain::read(entry(QStringLiteral("never-written")));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::NotFound);
        QVERIFY(Keychain::remove(entry(QStringLiteral("never-written"))).ok());
    }

    void binaryRoundTrip()
    {
        const QString e = Keychain::repositoryEntry(m_prefix + QStringLiteral("repo"));
        QByteArray secret(32, '\0');
        randombytes_buf(secret.data(), 32);
        secret[0] = '\0';
        secret[7] = '\0';
        secret[31] = '\xff';
        const QByteArray withNuls = QByteArray("pass\0word\0\0\n\xc3\x28", 14) + secret;

        QVERIFY(Keychain::write(e, withNuls).ok());
        auto r = Keychain::read(e);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r.value(), withNuls);

        // Overwrite: the new value replaces the old one, no second entry.
        const QByteArray other = QByteArray("second\0value", 12);
        QVERIFY(Keychain::write(e, other).ok());
        r = Keychain::read(e);
        QVERIFY(r.ok());
        QCOMPARE(r.value(), other);

        // Another repository's entry is separate.
        const QString e2 = Keychain::repositoryEntry(m_prefix + QStringLiteral("repo2"));
        QVERIFY(Keychain::write(e2, "two").ok());
        QCOMPARE(Keychain::read(e).value(), other);
        QCOMPARE(Keychain::read(e2).value(), QByteArray("two"));

        QVERIFY(Keychain::remove(e).ok());
        r = Keychain::read(e);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, Error::NotFound);
        QCOMPARE(Keychain::read(e2).value(), QByteArray("two"));
        QVERIFY(Keychain::remove(e2).ok());
        QVERIFY(Keychain::remove(e2).ok()); // removing twice is not an error
    }

    void worksFromWorkerThreads()
    {
        // The GUI runs jobs on worker threads; several at once must neither hang nor mix values up.
        QFutureSynchronizer<bool> sync;
        for (int i = 0; i < 4; ++i) {
            sync.addFuture(QtConcurrent::run([this, i]() {
                const QString e = entry(QStringLiteral("thread-%1").arg(i));
                const QByteArray v = QByteArray("value-") + QByteArray::number(i) + QByteArray("\0end", 4);
                if (!Keychain::write(e, v).ok())
                    return false;
                const auto r = Keychain::read(e);
                const bool same = r.ok() && r.value() == v;
                return Keychain::remove(e).ok() && same;
            }));
        }
        sync.waitForFinished();
        for (const auto& f : sync.futures())
            QVERIFY(f.result());
    }
};

// No QTEST main: the calls must work with an application object but before any event loop runs.
int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    TestKeychain t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_keychain.moc"
