// A secret round-trips through QtKeychain and the real Secret Service (gnome-keyring) that
// tests/env/with-keyring.sh starts on a private session bus: write, read back, delete, and a
// read after the delete finds nothing. The insecure (plain-text file) fallback stays off, so a
// missing keyring fails this test instead of quietly writing the secret to disk.
#include <QEventLoop>
#include <QTimer>
#include <QtTest>
#include <qt6keychain/keychain.h>

namespace {

struct JobOutcome {
    QKeychain::Error error = QKeychain::OtherError;
    QString message;
    QString text;
};

// Runs a keychain job to its end (or a 30 s time-out) and returns what it reported.
JobOutcome runJob(QKeychain::Job *job)
{
    JobOutcome outcome;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        outcome.message = QStringLiteral("timed out after 30 s");
        loop.quit();
    });
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *j) {
        outcome.error = j->error();
        outcome.message = j->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(j))
            outcome.text = read->textData();
        timeout.stop();
        loop.quit();
    });
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    timeout.start(30000);
    job->start();
    loop.exec();
    delete job;
    return outcome;
}

} // namespace

class KeychainSmokeTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") || qEnvironmentVariableIsEmpty("NCB_RUN_DIR"))
            QFAIL("no session bus with a keyring: run under `dbus-run-session -- tests/env/with-keyring.sh` (scripts/test does)");
    }

    void secretRoundTrip()
    {
        const QString service = QStringLiteral("ncbackup-smoke-%1").arg(QCoreApplication::applicationPid());
        const QString key = QStringLiteral("repository-passphrase");
        const QString secret = QStringLiteral("correct horse battery staple \u00e9\u4e2d");

        auto *write = new QKeychain::WritePasswordJob(service);
        QVERIFY(!write->insecureFallback());
        write->setKey(key);
        write->setTextData(secret);
        JobOutcome w = runJob(write);
        QVERIFY2(w.error == QKeychain::NoError, qPrintable(QStringLiteral("write failed: ") + w.message));

        auto *read = new QKeychain::ReadPasswordJob(service);
        read->setKey(key);
        JobOutcome r = runJob(read);
        QVERIFY2(r.error == QKeychain::NoError, qPrintable(QStringLiteral("read failed: ") + r.message));
        QCOMPARE(r.text, secret);

        auto *del = new QKeychain::DeletePasswordJob(service);
        del->setKey(key);
        JobOutcome d = runJob(del);
        QVERIFY2(d.error == QKeychain::NoError, qPrintable(QStringLiteral("delete failed: ") + d.message));

        auto *again = new QKeychain::ReadPasswordJob(service);
        again->setKey(key);
        JobOutcome a = runJob(again);
        QVERIFY2(a.error == QKeychain::EntryNotFound,
                 qPrintable(QStringLiteral("read after delete: expected 'not found', got error %1 (%2), text '%3'")
                                .arg(a.error).arg(a.message, a.text)));
        QVERIFY(a.text.isEmpty());
    }
};

QTEST_GUILESS_MAIN(KeychainSmokeTest)
#include "KeychainSmokeTest.moc"
