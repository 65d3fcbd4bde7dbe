// A desktop without a keychain (no session bus): the app says so and asks for the repository password
// once per session instead of storing it anywhere, and the wizard's repository step says the same.
// Real repository, real core; only the session bus is missing, as on a bare server desktop.
#include "AppController.h"
#include "CoreWizardBackend.h"
#include "InstanceListModel.h"
#include "MainWindow.h"
#include "TimelineWidget.h"
#include "repository/Repository.h"
#include "settings/InstanceStore.h"
#include "settings/Keychain.h"

#include <QApplication>
#include <QDirIterator>
#include <QInputDialog>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace ncb;
using namespace ncb::ui;

class TestNoKeychain : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp{QStringLiteral("/tmp/ncb-gui-nokeychain.XXXXXX")};
    const QByteArray m_password = "No keychain here, 9 tulips!";
    QString m_repo;

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString w = m_tmp.path();
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ncbackup-test/bus");
        qputenv("HOME", (w + QStringLiteral("/home")).toUtf8());
        qputenv("XDG_CONFIG_HOME", (w + QStringLiteral("/xdg")).toUtf8());
        qputenv("NCBACKUP_CONFIG_DIR", (w + QStringLiteral("/cfg")).toUtf8());
        qputenv("NCBACKUP_DATA_DIR", (w + QStringLiteral("/share")).toUtf8());
        qputenv("NCBACKUP_CACHE_DIR", (w + QStringLiteral("/cache")).toUtf8());
        qunsetenv("NCBACKUP_PASSWORD_FILE");
        qunsetenv("NCBACKUP_PASSWORD_COMMAND");
        QCoreApplication::setOrganizationName(QStringLiteral("ncbackup"));
        QCoreApplication::setApplicationName(QStringLiteral("ncbackup"));
        QVERIFY(!settings::Keychain::available());
        m_repo = w + QStringLiteral("/repo");
        auto repo = repo::Repository::init(m_repo, m_password, {});
        QVERIFY2(repo.ok(), repo.ok() ? "" : qPrintable(repo.error().message));
        settings::InstanceConfig c;
        c.name = QStringLiteral("cloud");
        c.local = true;
        c.serverRoot = w + QStringLiteral("/nc/root");
        c.repository = m_repo;
        QVERIFY(settings::InstanceStore().save(c).ok());
    }

    // Two app sessions: each asks once (saying there is no keychain), the second asks again because
    // nothing was stored, and a refresh within a session does not ask again.
    void asksOncePerSession()
    {
        for (int session = 0; session < 2; ++session) {
            MainWindow w;
            AppController app(&w);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            int asked = 0;
            QString prompt;
            QTimer answer;
            answer.setInterval(50);
            connect(&answer, &QTimer::timeout, this, [&] {
                for (QWidget* t : QApplication::topLevelWidgets()) {
                    auto* d = qobject_cast<QInputDialog*>(t);
                    if (d && d->isVisible()) {
                        ++asked;
                        prompt = d->labelText();
                        d->setTextValue(QString::fromUtf8(m_password));
                        d->accept();
                    }
                }
            });
            answer.start();
            QSignalSpy refreshed(&app, &AppController::instanceRefreshed);
            app.start();
            QTRY_VERIFY_WITH_TIMEOUT(app.state(QStringLiteral("cloud")) != nullptr, 60000);
            QCOMPARE(asked, 1);
            QVERIFY2(prompt.contains(QStringLiteral("No keychain is available")), qPrintable(prompt));
            QCOMPARE(w.instances()->rowCount(), 1);
            refreshed.clear();
            app.refresh(QStringLiteral("cloud"));
            QTRY_VERIFY_WITH_TIMEOUT(!refreshed.isEmpty(), 60000);
            QCOMPARE(asked, 1);
        }
        // Nothing was stored: no file of the app holds the password.
        QDirIterator it(m_tmp.path(), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.startsWith(m_repo))
                continue;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(m_password), qPrintable(path));
            ++files;
        }
        QVERIFY(files >= 1);
    }

    // The wizard's repository step: the repository is made, and the note says the password is not stored.
    void wizardSaysSo()
    {
        CoreWizardBackend backend;
        std::unique_ptr<ResultJob<RepositoryCreated>> job(
            backend.createRepository({m_tmp.path() + QStringLiteral("/repo2"), m_password, QStringLiteral("wizard-nokeychain")}));
        QSignalSpy done(job.get(), &Job::finished);
        job->start();
        QVERIFY(done.wait(60000));
        QVERIFY2(job->status().ok(), qPrintable(job->status().ok() ? QString() : job->status().error().message));
        QVERIFY(job->value()->recoveryKey.size() > 20);
        QVERIFY2(job->value()->note.contains(QStringLiteral("No keychain is available")),
                 qPrintable(job->value()->note));
    }

    // A name the user typed that is not one: refused with the sentence, no repository made.
    void wizardRefusesABadName()
    {
        CoreWizardBackend backend;
        const QString where = m_tmp.path() + QStringLiteral("/repo3");
        std::unique_ptr<ResultJob<RepositoryCreated>> job(
            backend.createRepository({where, m_password, QStringLiteral("my cloud")}));
        QSignalSpy done(job.get(), &Job::finished);
        job->start();
        QVERIFY(done.wait(60000));
        QVERIFY(!job->status().ok());
        QCOMPARE(job->status().error().code, ncb::Error::Usage);
        QCOMPARE(job->status().error().message,
                 QStringLiteral("'my cloud' is not a valid instance name: use letters, digits, '.', '_' and '-'."));
        QVERIFY(!QFileInfo::exists(where));
    }
};

QTEST_MAIN(TestNoKeychain)
#include "tst_nokeychain.moc"
