// The restore dialog: nothing is written before the summary; database and whole-instance restores
// need the instance name typed; file restores go where the user said.
#include "RestoreDialog.h"

#include <QAbstractButton>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>

using namespace ncb;
using namespace ncb::ui;

// Radio buttons and check boxes react only to clicks on their box or label, like a user makes them.
static void clickIndicator(QAbstractButton* b)
{
    QVERIFY(b);
    QTest::mouseClick(b, Qt::LeftButton, {}, QPoint(6, b->height() / 2));
}

class TestRestoreDialog : public QObject
{
    Q_OBJECT
    const QDateTime when{QDate(2026, 11, 18), QTime(2, 14)};

private slots:
    void databaseRestoreNeedsTheTypedName()
    {
        RestoreDialog d(QStringLiteral("cloud.example.org"), QStringLiteral("rp042"), when);
        std::optional<RestoreRequest> started;
        d.setStarter([&](const RestoreRequest& r) {
            started = r;
            return new Job(QStringLiteral("Restore"), [](const JobContext&) -> Status { return {}; });
        });
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        clickIndicator(d.findChild<QRadioButton*>(QStringLiteral("whatDatabase")));
        QVERIFY(d.nextButton()->isEnabled());
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QCOMPARE(d.currentPage(), int(RestoreDialog::SummaryPage)); // no "where" for a database
        QCOMPARE(d.nextButton()->text(), QStringLiteral("Restore"));
        QVERIFY(!d.nextButton()->isEnabled());
        QVERIFY(d.confirmEdit()->isVisible());

        QTest::keyClicks(d.confirmEdit(), QStringLiteral("cloud.example"));
        QVERIFY(!d.nextButton()->isEnabled());
        QTest::mouseClick(d.nextButton(), Qt::LeftButton); // a click on the disabled button does nothing
        QVERIFY(!started);
        QTest::keyClicks(d.confirmEdit(), QStringLiteral(".com"));
        QVERIFY(!d.nextButton()->isEnabled());
        d.confirmEdit()->clear();
        QTest::keyClicks(d.confirmEdit(), QStringLiteral("cloud.example.org"));
        QVERIFY(d.nextButton()->isEnabled());

        // Going back and choosing the instance asks again.
        QTest::mouseClick(d.backButton(), Qt::LeftButton);
        clickIndicator(d.findChild<QRadioButton*>(QStringLiteral("whatInstance")));
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QCOMPARE(d.currentPage(), int(RestoreDialog::SummaryPage));
        QVERIFY(d.confirmEdit()->text().isEmpty());
        QVERIFY(!d.nextButton()->isEnabled());
        QTest::keyClicks(d.confirmEdit(), QStringLiteral("cloud.example.org"));
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QVERIFY(started);
        QCOMPARE(started->what, RestoreRequest::What::Instance);
        QCOMPARE(started->snapshotId, QStringLiteral("rp042"));
        QTRY_COMPARE(d.currentPage(), int(RestoreDialog::ResultPage));
        QCOMPARE(d.nextButton()->text(), QStringLiteral("Close"));
    }

    // A copy beside the instance: its root and data folder are required, the database name and a new
    // instance id are passed on, the summary says the instance itself is not touched; no typed name.
    void instanceCopyGoesIntoItsOwnFolders()
    {
        RestoreDialog d(QStringLiteral("cloud.example.org"), QStringLiteral("9fb391a2a280"), when);
        std::optional<RestoreRequest> started;
        d.setStarter([&](const RestoreRequest& r) {
            started = r;
            return new Job(QStringLiteral("Restore"), [](const JobContext&) -> Status { return {}; });
        });
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        auto* copy = d.findChild<QRadioButton*>(QStringLiteral("instanceCopy"));
        QVERIFY(copy && !copy->isEnabled()); // only for the whole instance
        clickIndicator(d.findChild<QRadioButton*>(QStringLiteral("whatInstance")));
        QVERIFY(copy->isEnabled());
        QVERIFY(d.findChild<QRadioButton*>(QStringLiteral("instanceInPlace"))->isChecked());
        auto* root = d.findChild<QLineEdit*>(QStringLiteral("copyRoot"));
        QVERIFY(!root->isEnabled());
        clickIndicator(copy);
        QVERIFY(root->isEnabled());
        QVERIFY(!d.nextButton()->isEnabled()); // no folders yet
        QTest::keyClicks(root, QStringLiteral("/srv/nc2/root"));
        QVERIFY(!d.nextButton()->isEnabled());
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("copyData")), QStringLiteral("relative"));
        QVERIFY(!d.nextButton()->isEnabled()); // not an absolute path
        d.findChild<QLineEdit*>(QStringLiteral("copyData"))->clear();
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("copyData")), QStringLiteral("/srv/nc2/data"));
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("copyDatabase")), QStringLiteral("nc_copy"));
        clickIndicator(d.findChild<QAbstractButton*>(QStringLiteral("newInstanceId")));
        QVERIFY(d.nextButton()->isEnabled());
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QCOMPARE(d.currentPage(), int(RestoreDialog::SummaryPage));
        QVERIFY(!d.confirmEdit()->isVisible()); // the live instance is not replaced
        const QString summary = d.findChild<QLabel*>(QStringLiteral("summary"))->text();
        QVERIFY2(summary.contains(QStringLiteral("/srv/nc2/root")) && summary.contains(QStringLiteral("nc_copy"))
                     && summary.contains(QStringLiteral("is not touched")),
                 qPrintable(summary));
        QVERIFY(d.nextButton()->isEnabled());
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QVERIFY(started);
        QCOMPARE(started->what, RestoreRequest::What::Instance);
        QVERIFY(started->instanceCopy);
        QCOMPARE(started->copyRoot, QStringLiteral("/srv/nc2/root"));
        QCOMPARE(started->copyData, QStringLiteral("/srv/nc2/data"));
        QCOMPARE(started->copyDatabase, QStringLiteral("nc_copy"));
        QVERIFY(started->newInstanceId);
        QTRY_COMPARE(d.currentPage(), int(RestoreDialog::ResultPage));
    }

    void fileRestoreToALocalFolder()
    {
        RestoreDialog d(QStringLiteral("cloud.example.org"), QStringLiteral("rp042"), when);
        std::optional<RestoreRequest> started;
        d.setStarter([&](const RestoreRequest& r) {
            started = r;
            return new Job(QStringLiteral("Restore"), [](const JobContext&) -> Status {
                return Error::make(Error::Io, QStringLiteral("The folder /tmp/x is read-only."));
            });
        });
        d.setSelection({QStringLiteral("/data/alice/files/Documents")},
                       {QStringLiteral("/data/alice/files/Documents")});
        d.show();
        QVERIFY(d.findChild<QRadioButton*>(QStringLiteral("whatSelection"))->isChecked());
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QCOMPARE(d.currentPage(), int(RestoreDialog::WherePage));
        clickIndicator(d.findChild<QRadioButton*>(QStringLiteral("whereLocal")));
        QVERIFY(!d.nextButton()->isEnabled()); // no folder chosen yet
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("localFolder")), QStringLiteral("/tmp/x"));
        QVERIFY(d.nextButton()->isEnabled());
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QCOMPARE(d.currentPage(), int(RestoreDialog::ConflictPage));
        clickIndicator(d.findChild<QRadioButton*>(QStringLiteral("conflictSkip")));
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QCOMPARE(d.currentPage(), int(RestoreDialog::SummaryPage));
        QVERIFY(!d.confirmEdit()->isVisible()); // files do not need the typed name
        QVERIFY(d.nextButton()->isEnabled());
        // The summary says what will happen: where the folder lands, what is left alone, what is skipped.
        const QString summary = d.findChild<QLabel*>(QStringLiteral("summary"))->text();
        QVERIFY2(summary.contains(QStringLiteral("<b>/tmp/x/Documents</b>")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Files that are already the same are left alone. Files that differ are "
                                                 "kept as they are; only missing files are restored.")),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("setuid, setgid and sticky bits are not restored")), qPrintable(summary));
        // Keep both (the default) never copies a file that is the same.
        QTest::mouseClick(d.backButton(), Qt::LeftButton);
        clickIndicator(d.findChild<QRadioButton*>(QStringLiteral("conflictKeepBoth")));
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QVERIFY2(d.findChild<QLabel*>(QStringLiteral("summary"))->text().contains(QStringLiteral(
                     "Files that are already the same are left alone. Next to each file that differs")),
                 qPrintable(d.findChild<QLabel*>(QStringLiteral("summary"))->text()));
        QTest::mouseClick(d.backButton(), Qt::LeftButton);
        clickIndicator(d.findChild<QRadioButton*>(QStringLiteral("conflictSkip")));
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QTest::mouseClick(d.nextButton(), Qt::LeftButton);
        QVERIFY(started);
        QCOMPARE(started->what, RestoreRequest::What::Folder);
        QCOMPARE(started->where, RestoreRequest::Where::LocalFolder);
        QCOMPARE(started->targetPath, QStringLiteral("/tmp/x"));
        QCOMPARE(started->conflict, RestoreRequest::Conflict::Skip);
        QTRY_COMPARE(d.currentPage(), int(RestoreDialog::ResultPage));
        QCOMPARE(d.findChild<QLabel*>(QStringLiteral("restoreResult"))->text(),
                 QStringLiteral("The folder /tmp/x is read-only."));
    }
};

QTEST_MAIN(TestRestoreDialog)
#include "tst_restoredialog.moc"
