// The setup wizard: it does not go past the host key until the fingerprint is accepted, trusts
// exactly that fingerprint, refuses weak or mistyped passwords, does not go past the recovery key
// until "I saved it" is ticked, and ends on the timeline with the first Restoring Point.
#include "FakeWizardBackend.h"
#include "TimelineWidget.h"
#include "wizard/SetupWizard.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTest>

using namespace ncb::ui;

// Radio buttons and check boxes react only to clicks on their box or label, like a user makes them.
static void clickIndicator(QAbstractButton* b)
{
    QVERIFY(b);
    QTest::mouseClick(b, Qt::LeftButton, {}, QPoint(6, b->height() / 2));
}

class TestWizard : public QObject
{
    Q_OBJECT

    static QAbstractButton* next(QWizard& w) { return w.button(QWizard::NextButton); }
    template <typename T> static T* child(QWizard& w, const char* name)
    {
        auto* c = w.currentPage()->findChild<T*>(QString::fromLatin1(name));
        Q_ASSERT(c);
        return c;
    }

private slots:
    void sshSetupEndToEnd()
    {
        FakeWizardBackend backend;
        backend.backupSteps = 600; // ~3 s: long enough to watch the progress
        SetupWizard w(&backend);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        // 1. Where: SSH.
        QCOMPARE(w.currentId(), int(SetupWizard::HostPageId));
        clickIndicator(child<QRadioButton>(w, "sshRadio"));
        QVERIFY(!next(w)->isEnabled());
        QTest::keyClicks(child<QLineEdit>(w, "sshHost"), QStringLiteral("cloud.example.org"));
        QTest::keyClicks(child<QLineEdit>(w, "sshUser"), QStringLiteral("backup"));
        QTest::keyClicks(child<QLineEdit>(w, "sudoUser"), QStringLiteral("www-data"));
        QVERIFY(next(w)->isEnabled());
        QTest::mouseClick(next(w), Qt::LeftButton);

        // 1b. Connect: the fingerprint must be accepted.
        QCOMPARE(w.currentId(), int(SetupWizard::ConnectPageId));
        auto* fp = child<QLabel>(w, "fingerprint");
        QTRY_VERIFY(fp->isVisible());
        QCOMPARE(fp->text(), backend.hostKey.fingerprint);
        QVERIFY(!next(w)->isEnabled());
        QTest::mouseClick(next(w), Qt::LeftButton);
        QCOMPARE(w.currentId(), int(SetupWizard::ConnectPageId));
        clickIndicator(child<QCheckBox>(w, "acceptHostKey"));
        QVERIFY(next(w)->isEnabled());
        QTest::mouseClick(next(w), Qt::LeftButton);

        // 2. Discovery, with the accepted fingerprint.
        QCOMPARE(w.currentId(), int(SetupWizard::DiscoveryPageId));
        QCOMPARE(backend.acceptedFingerprint, backend.hostKey.fingerprint);
        QCOMPARE(backend.discoveredTarget.sudoUser, QStringLiteral("www-data")); // commands run through sudo -n -u
        QTRY_VERIFY(next(w)->isEnabled());
        QVERIFY(
            child<QLabel>(w, "discoveryWarnings")->text().contains(QStringLiteral("Previews take 6.2 GB")));
        QTest::mouseClick(next(w), Qt::LeftButton);

        // 3. Repository: weak, then mismatched, then good.
        QCOMPARE(w.currentId(), int(SetupWizard::RepositoryPageId));
        QVERIFY(
            child<QLineEdit>(w, "repositoryLocation")->text().endsWith(QStringLiteral("cloud.example.org")));
        auto* pw = child<QLineEdit>(w, "repositoryPassword");
        auto* pw2 = child<QLineEdit>(w, "repositoryPasswordConfirm");
        QTest::keyClicks(pw, QStringLiteral("1234"));
        QTest::keyClicks(pw2, QStringLiteral("1234"));
        QVERIFY(!next(w)->isEnabled());
        QVERIFY(
            child<QLabel>(w, "strengthLabel")->text().contains(QStringLiteral("weak"), Qt::CaseInsensitive));
        pw->clear();
        pw2->clear();
        QTest::keyClicks(pw, QStringLiteral("tulip anchor gravel sonnet"));
        QTest::keyClicks(pw2, QStringLiteral("tulip anchor gravel sonnett"));
        QVERIFY(!next(w)->isEnabled());
        QVERIFY(!child<QLabel>(w, "passwordMismatch")->text().isEmpty());
        QTest::keyClick(pw2, Qt::Key_Backspace);
        QVERIFY(next(w)->isEnabled());
        // The suggested name is the user's to change: a name with a space is refused, with a sentence.
        auto* name = child<QLineEdit>(w, "instanceName");
        QCOMPARE(name->text(), QStringLiteral("cloud.example.org"));
        name->setText(QStringLiteral("my cloud"));
        QVERIFY(!next(w)->isEnabled());
        QVERIFY(!child<QLabel>(w, "instanceNameProblem")->text().isEmpty());
        name->setText(QStringLiteral("family-cloud"));
        QVERIFY(next(w)->isEnabled());
        QVERIFY(child<QLabel>(w, "instanceNameProblem")->text().isEmpty());
        // the offered location follows the name
        QVERIFY(child<QLineEdit>(w, "repositoryLocation")->text().endsWith(QStringLiteral("/family-cloud")));
        QTest::mouseClick(next(w), Qt::LeftButton);

        // 3b. Recovery key: shown, and "I saved it" is required.
        QCOMPARE(w.currentId(), int(SetupWizard::RecoveryKeyPageId));
        QTRY_COMPARE(child<QLabel>(w, "recoveryKey")->text(), backend.recoveryKey);
        QCOMPARE(backend.createdWith.password, QByteArray("tulip anchor gravel sonnet"));
        QCOMPARE(backend.createdWith.name, QStringLiteral("family-cloud"));
        QVERIFY(w.repository.password.isEmpty()); // not kept around after the keychain has it
        QVERIFY(!next(w)->isEnabled());
        QTest::mouseClick(next(w), Qt::LeftButton);
        QCOMPARE(w.currentId(), int(SetupWizard::RecoveryKeyPageId));
        clickIndicator(child<QCheckBox>(w, "savedRecoveryKey"));
        QVERIFY(next(w)->isEnabled());
        QTest::mouseClick(next(w), Qt::LeftButton);

        // 4. Schedule defaults.
        QCOMPARE(w.currentId(), int(SetupWizard::SchedulePageId));
        QVERIFY(!w.button(QWizard::BackButton)->isEnabled() || !w.button(QWizard::BackButton)->isVisible());
        QTest::mouseClick(next(w), Qt::LeftButton);
        QCOMPARE(w.schedule.fullEveryWeeks, 4);
        QCOMPARE(w.schedule.windowStartHour, 1);
        QCOMPARE(w.schedule.windowEndHour, 5);

        // 5. First backup: the maintenance window while it lasts, then phase, files, bytes, rate and
        // ETA; it ends on the timeline with the maintenance window it took.
        QCOMPARE(w.currentId(), int(SetupWizard::FirstBackupPageId));
        auto* maintenance = child<QLabel>(w, "maintenanceLabel");
        QTRY_VERIFY(maintenance->isVisible() &&
                    maintenance->text().contains(QStringLiteral("has been in maintenance mode")));
        auto* detail = child<QLabel>(w, "jobDetail");
        QTRY_VERIFY2_WITH_TIMEOUT(detail->text().contains(QStringLiteral(" files")) &&
                                      detail->text().contains(QStringLiteral("/s")) &&
                                      detail->text().contains(QStringLiteral(" left")),
                                  qPrintable(detail->text()), 5000);
        QVERIFY(child<QLabel>(w, "jobPhase")->text().contains(QStringLiteral("First full backup")));
        QTRY_VERIFY_WITH_TIMEOUT(w.button(QWizard::FinishButton)->isEnabled(), 10000);
        QVERIFY2(maintenance->text().contains(QStringLiteral("was in maintenance mode for")),
                 qPrintable(maintenance->text()));
        auto* tl = w.currentPage()->findChild<TimelineWidget*>();
        QVERIFY(tl->isVisible());
        QCOMPARE(tl->selectedId(), backend.firstRp.id);
    }

    void connectFailureIsExplained()
    {
        FakeWizardBackend backend;
        backend.failProbe = QStringLiteral("The host cloud.example.org did not answer on port 22.");
        SetupWizard w(&backend);
        w.show();
        clickIndicator(child<QRadioButton>(w, "sshRadio"));
        QTest::keyClicks(child<QLineEdit>(w, "sshHost"), QStringLiteral("cloud.example.org"));
        QTest::keyClicks(child<QLineEdit>(w, "sshUser"), QStringLiteral("backup"));
        QTest::mouseClick(next(w), Qt::LeftButton);
        auto* status = child<QLabel>(w, "connectStatus");
        QTRY_VERIFY(status->text().contains(QStringLiteral("did not answer on port 22")));
        QVERIFY(!next(w)->isEnabled());
        QVERIFY(!child<QCheckBox>(w, "acceptHostKey")->isVisible());
    }

    void localSkipsTheHostKey()
    {
        FakeWizardBackend backend;
        SetupWizard w(&backend);
        w.show();
        QTest::keyClicks(child<QLineEdit>(w, "serverRoot"), QStringLiteral("/var/www/nextcloud"));
        QTest::mouseClick(next(w), Qt::LeftButton);
        QCOMPARE(w.currentId(), int(SetupWizard::DiscoveryPageId));
        QVERIFY(backend.acceptedFingerprint.isEmpty());
    }
};

QTEST_MAIN(TestWizard)
#include "tst_wizard.moc"
