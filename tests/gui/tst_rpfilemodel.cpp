// The file tree of a Restoring Point: folders load only when opened, a 100,000-entry folder opens in
// under a second and scrolls in batches, the filter finds one file among them, versions are listed.
#include "MemoryCatalog.h"
#include "RpFileModel.h"
#include "RpFileTreeView.h"
#include "VersionsDialog.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace ncb::ui;

namespace {
QModelIndex childNamed(const QAbstractItemModel* m, const QModelIndex& parent, const QString& name)
{
    for (int r = 0; r < m->rowCount(parent); ++r) {
        const QModelIndex i = m->index(r, 0, parent);
        if (i.data().toString() == name)
            return i;
    }
    return {};
}
} // namespace

class TestRpFileModel : public QObject
{
    Q_OBJECT
private slots:
    void bigFolderOpensFastAndLazily()
    {
        auto catalog = std::make_shared<MemoryCatalog>();
        catalog->addManyFiles(QStringLiteral("/data/alice/files/Scans"), 100000);
        catalog->addFile(QStringLiteral("/data/alice/files/Readme.md"), 10, QDateTime::currentDateTime());
        catalog->addDir(QStringLiteral("/config"));

        RpFileTreeView view;
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSource(catalog, QStringLiteral("rp001"));
        RpFileModel* m = view.model();
        QTreeView* tree = view.treeView();
        QTRY_COMPARE(m->rowCount(), 2); // /config and /data
        QCOMPARE(m->index(0, 0).data().toString(), QStringLiteral("config"));
        QCOMPARE(catalog->listCalls(), 1); // only the root was listed: nothing is read ahead

        QModelIndex i = childNamed(m, {}, QStringLiteral("data"));
        for (const char* name : {"alice", "files"}) {
            tree->expand(i);
            QTRY_VERIFY(m->rowCount(i) > 0);
            i = childNamed(m, i, QString::fromLatin1(name));
            QVERIFY(i.isValid());
        }
        tree->expand(i);
        QTRY_VERIFY(m->rowCount(i) > 0);
        const QModelIndex scans = childNamed(m, i, QStringLiteral("Scans"));
        QVERIFY(scans.isValid());
        QVERIFY(m->isDir(scans));
        // Folders come first, then files by name.
        QCOMPARE(m->index(1, 0, i).data().toString(), QStringLiteral("Readme.md"));

        QElapsedTimer clock;
        clock.start();
        tree->expand(scans);
        QTRY_VERIFY(m->rowCount(scans) > 0);
        tree->scrollTo(m->index(0, 0, scans), QAbstractItemView::PositionAtTop);
        QCoreApplication::processEvents();
        const qint64 openMs = clock.elapsed();
        qInfo("opening a 100,000-entry folder took %lld ms", openMs);
        QVERIFY2(openMs < 1000, qPrintable(QStringLiteral("opening took %1 ms").arg(openMs)));
        QCOMPARE(m->availableCount(scans), 100000);
        QVERIFY(m->rowCount(scans) < 100000); // rows are handed to the view in batches
        QCOMPARE(m->index(0, 0, scans).data().toString(), QStringLiteral("file-000000.dat"));
        QCOMPARE(m->index(0, RpFileModel::OwnerColumn, scans).data().toString(), QStringLiteral("www-data"));
        QVERIFY(!m->index(0, RpFileModel::SizeColumn, scans).data().toString().isEmpty());

        // Scrolling down in the view asks for batch after batch, although another entry (Readme.md)
        // follows the folder: QTreeView alone stopped after the first batch.
        const int firstBatch = m->rowCount(scans);
        QVERIFY(QTest::qWaitFor(
            [&] {
                tree->scrollToBottom();
                return m->rowCount(scans) >= firstBatch + 4 * RpFileModel::kBatchSize;
            },
            10000));

        // Scrolling to the end keeps fetching until every row is there.
        clock.restart();
        while (m->canFetchMore(scans))
            m->fetchMore(scans);
        QCOMPARE(m->rowCount(scans), 100000);
        tree->scrollToBottom();
        QCoreApplication::processEvents();
        QVERIFY2(clock.elapsed() < 1000,
                 qPrintable(QStringLiteral("fetching all took %1 ms").arg(clock.elapsed())));
        QCOMPARE(m->index(99999, 0, scans).data().toString(), QStringLiteral("file-099999.dat"));
        QCOMPARE(m->data(m->index(99999, 0, scans), RpFileModel::PathRole).toString(),
                 QStringLiteral("/data/alice/files/Scans/file-099999.dat"));
        QCOMPARE(m->parent(m->index(99999, 0, scans)), scans);

        // The filter box finds one file among 100,000.
        QTest::keyClicks(view.filterEdit(), QStringLiteral("file-054321"));
        QTest::keyClick(view.filterEdit(), Qt::Key_Return);
        QCOMPARE(m->filter(), QStringLiteral("file-054321"));
        QModelIndex s = childNamed(m, {}, QStringLiteral("data"));
        s = childNamed(m, childNamed(m, childNamed(m, s, QStringLiteral("alice")), QStringLiteral("files")),
                       QStringLiteral("Scans"));
        QVERIFY(s.isValid());
        QCOMPARE(m->rowCount(s), 1);
        QCOMPARE(m->index(0, 0, s).data().toString(), QStringLiteral("file-054321.dat"));
        QCOMPARE(m->availableCount(s), 1);

        // Clearing the filter brings them back.
        view.filterEdit()->clear();
        QTest::keyClick(view.filterEdit(), Qt::Key_Return);
        s = childNamed(
            m,
            childNamed(m, childNamed(m, childNamed(m, {}, QStringLiteral("data")), QStringLiteral("alice")),
                       QStringLiteral("files")),
            QStringLiteral("Scans"));
        QCOMPARE(m->availableCount(s), 100000);
    }

    void missingFolderSaysSo()
    {
        // A browser that fails: the view tells the user instead of showing an empty folder silently.
        struct Failing : ncb::repo::CatalogBrowser
        {
            ncb::Result<QList<ncb::repo::BrowseEntry>> list(const QString&, const QString&) override
            {
                return ncb::Error::make(ncb::Error::Corrupt, QStringLiteral("Pack 3f2a is damaged."));
            }
            ncb::Result<QList<ncb::repo::VersionEntry>> history(const QString&) override
            {
                return QList<ncb::repo::VersionEntry>{};
            }
        };
        RpFileTreeView view;
        view.show();
        view.setSource(std::make_shared<Failing>(), QStringLiteral("rp1"));
        QSignalSpy failed(view.model(), &RpFileModel::loadFailed);
        view.model()->fetchMore({});
        QTRY_COMPARE(failed.count(), 1);
        auto* status = view.findChild<QLabel*>(QStringLiteral("fileStatus"));
        QVERIFY(status->isVisible());
        QVERIFY(status->text().contains(QStringLiteral("Pack 3f2a is damaged.")));
    }

    void versionsDialogListsEveryVersion()
    {
        auto catalog = std::make_shared<MemoryCatalog>();
        const QString path = QStringLiteral("/data/alice/files/a.txt");
        for (int i = 0; i < 3; ++i) {
            ncb::repo::VersionEntry v;
            v.snapshotId = QStringLiteral("rp%1").arg(i);
            v.snapshotTime = QDateTime(QDate(2026, 11, 1 + i), QTime(2, 0));
            v.size = 100 + i;
            v.mtime = v.snapshotTime;
            catalog->addVersion(path, v);
        }
        VersionsDialog d(catalog, path);
        d.show();
        QTRY_COMPARE(d.list()->topLevelItemCount(), 3);
        // Newest first.
        QCOMPARE(d.list()->topLevelItem(0)->data(0, Qt::UserRole).toString(), QStringLiteral("rp2"));
        QSignalSpy restore(&d, &VersionsDialog::restoreVersionRequested);
        d.list()->setCurrentItem(d.list()->topLevelItem(1));
        auto* button = d.findChild<QPushButton*>();
        for (auto* b : d.findChildren<QPushButton*>())
            if (b->isEnabled() && b->text().contains(QStringLiteral("Restore")))
                button = b;
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(restore.count(), 1);
        QCOMPARE(restore.at(0).at(0).toString(), QStringLiteral("rp1"));
    }
};

QTEST_MAIN(TestRpFileModel)
#include "tst_rpfilemodel.moc"
