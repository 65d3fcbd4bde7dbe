// The timeline: clicking a point selects that Restoring Point, zoom changes what time span is shown,
// the keyboard moves between points, failed attempts are not offered as Restoring Points.
#include "Format.h"
#include "SampleData.h"
#include "TimelineWidget.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

using namespace ncb::ui;

class TestTimeline : public QObject
{
    Q_OBJECT
    const QDateTime end{QDate(2026, 11, 20), QTime(12, 0)};
    QList<TimelineEntry> entries = SampleData::timeline(end);

    static const TimelineEntry* find(const QList<TimelineEntry>& list, auto pred)
    {
        for (const auto& e : list)
            if (pred(e))
                return &e;
        return nullptr;
    }

private slots:
    void clickSelectsTheRightRp()
    {
        TimelineWidget w;
        w.resize(1000, 420);
        w.setEntries(entries);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.zoom(), TimelineWidget::Zoom::Month);
        QCOMPARE(w.visibleStart(), QDateTime(QDate(2026, 11, 1), QTime(0, 0)));
        QSignalSpy spy(&w, &TimelineWidget::rpSelected);
        // Two neighbours in the month: a click lands on the one under the mouse, not on the other.
        const auto* a =
            find(entries, [](const TimelineEntry& e) { return e.time.date() == QDate(2026, 11, 10); });
        const auto* b =
            find(entries, [](const TimelineEntry& e) { return e.time.date() == QDate(2026, 11, 11); });
        QVERIFY(a && b && !a->failed && !b->failed);
        const QPoint pa = w.pointOf(a->id), pb = w.pointOf(b->id);
        QVERIFY(!pa.isNull() && !pb.isNull());
        QVERIFY(pb.x() > pa.x()); // later is to the right
        QTest::mouseClick(&w, Qt::LeftButton, {}, pb);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), b->id);
        QCOMPARE(w.selectedId(), b->id);
        QTest::mouseClick(&w, Qt::LeftButton, {}, pa + QPoint(2, 1));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).toString(), a->id);
        QVERIFY(w.accessibleDescription().contains(QStringLiteral("Data added")));
        // The line under the title says what the selected RP is: kind, data added, maintenance window.
        auto* details = w.findChild<QLabel*>(QStringLiteral("selectionDetails"));
        QVERIFY(details && details->isVisible());
        QVERIFY2(details->text().contains(a->full ? QStringLiteral("Full backup") : QStringLiteral("Incremental backup")),
                 qPrintable(details->text()));
        QVERIFY(details->text().contains(QStringLiteral("Data added: %1").arg(Format::bytes(a->addedBytes))));
        if (a->maintenanceSeconds > 0)
            QVERIFY(details->text().contains(QStringLiteral("Maintenance window: %1").arg(Format::duration(a->maintenanceSeconds))));
        // A click on empty space keeps the selection.
        QTest::mouseClick(&w, Qt::LeftButton, {}, QPoint(5, w.height() - 5));
        QCOMPARE(w.selectedId(), a->id);
    }

    void failedAttemptIsNotAnRp()
    {
        TimelineWidget w;
        w.resize(1000, 420);
        w.setEntries(entries);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const auto* failed = find(entries, [](const TimelineEntry& e) { return e.failed; });
        QVERIFY(failed);
        w.showPeriodOf(failed->time);
        // Failed entries have no id: find the point by clicking where the failure is drawn.
        QSignalSpy rp(&w, &TimelineWidget::rpSelected);
        QSignalSpy fail(&w, &TimelineWidget::failedAttemptSelected);
        // Select the entry just before, then step right onto the failure with the keyboard.
        for (int i = 0; i < w.entries().size(); ++i)
            if (w.entries()[i].failed && w.entries()[i].time == failed->time) {
                w.selectId(w.entries()[i - 1].id);
                break;
            }
        w.setFocus();
        QTest::keyClick(&w, Qt::Key_Right);
        QCOMPARE(fail.count(), 1);
        QCOMPARE(rp.count(), 0);
        QCOMPARE(fail.at(0).at(0).value<TimelineEntry>().message, failed->message);
    }

    void incompleteRpIsShownApart()
    {
        // An RP written without some paths is neither a plain success nor a failure: its own colour, its own
        // words, and the paths it lacks in the line under the title.
        QList<TimelineEntry> list = entries;
        TimelineEntry* rp = nullptr;
        for (auto& e : list)
            if (!e.failed && e.full && e.time.date().month() == 11) {
                rp = &e;
                break;
            }
        QVERIFY(rp);
        rp->incomplete = true;
        rp->leftOut = {QStringLiteral("data/alice/files/Secret")};
        rp->message = QStringLiteral("Incomplete: 1 path(s) on the server could not be read: data/alice/files/Secret");
        const QString id = rp->id;
        TimelineWidget w;
        w.resize(1000, 420);
        w.setEntries(list);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPeriodOf(rp->time);
        QSignalSpy spy(&w, &TimelineWidget::rpSelected);
        const QPoint at = w.pointOf(id);
        QVERIFY(!at.isNull());
        // Amber (0xd9, 0x8e, 0x04), not the blue of a full RP, a little off the centre's white mark.
        const QColor c = w.grab().toImage().pixelColor(at + QPoint(-3, 0));
        QVERIFY2(c.red() > 180 && c.green() > 100 && c.green() < 170 && c.blue() < 60, qPrintable(c.name()));
        QTest::mouseClick(&w, Qt::LeftButton, {}, at);
        QCOMPARE(spy.count(), 1); // still a Restoring Point: it can be browsed and restored
        QVERIFY2(w.detailsText().contains(QStringLiteral("Incomplete full backup")), qPrintable(w.detailsText()));
        QVERIFY(w.detailsText().contains(QStringLiteral("data/alice/files/Secret")));
    }

    void zoomChangesTheVisibleRange()
    {
        TimelineWidget w;
        w.resize(1000, 420);
        w.setEntries(entries);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const auto* rp =
            find(entries, [](const TimelineEntry& e) { return e.time.date() == QDate(2026, 11, 12); });
        QVERIFY(w.selectId(rp->id));
        const auto* other =
            find(entries, [](const TimelineEntry& e) { return e.time.date() == QDate(2026, 11, 13); });
        QVERIFY(!w.pointOf(other->id).isNull()); // same month: visible

        QTest::mouseClick(w.findChild<QToolButton*>(QStringLiteral("zoomDay")), Qt::LeftButton);
        QCOMPARE(w.zoom(), TimelineWidget::Zoom::Day);
        QCOMPARE(w.visibleStart(), QDateTime(QDate(2026, 11, 12), QTime(0, 0)));
        QCOMPARE(w.visibleStart().secsTo(w.visibleEnd()), 86400);
        QVERIFY(!w.pointOf(rp->id).isNull());   // the selected RP stays in view
        QVERIFY(w.pointOf(other->id).isNull()); // the next day's is out of view now
        // In day view the point sits at its time of day along the axis.
        const double frac = QDateTime(rp->time.date(), QTime(0, 0)).secsTo(rp->time) / 86400.0;
        const int expectedX = 14 + int(frac * (w.width() - 28));
        QVERIFY2(qAbs(w.pointOf(rp->id).x() - expectedX) <= 2,
                 qPrintable(QString::number(w.pointOf(rp->id).x())));

        // Ctrl+wheel down zooms out: day -> month -> year.
        for (int i = 0; i < 2; ++i) {
            QWheelEvent ev(QPointF(500, 200), w.mapToGlobal(QPointF(500, 200)), QPoint(), QPoint(0, -120),
                           Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(&w, &ev);
        }
        QCOMPARE(w.zoom(), TimelineWidget::Zoom::Year);
        QCOMPARE(w.visibleStart(), QDateTime(QDate(2026, 1, 1), QTime(0, 0)));
        QVERIFY(!w.pointOf(entries.first().id).isNull()); // September is in 2026 too
        QVERIFY(w.findChild<QToolButton*>(QStringLiteral("zoomYear"))->isChecked());

        // The arrows move by one period.
        QTest::mouseClick(w.findChild<QToolButton*>(QStringLiteral("previousPeriod")), Qt::LeftButton);
        QCOMPARE(w.visibleStart(), QDateTime(QDate(2025, 1, 1), QTime(0, 0)));
        QVERIFY(w.pointOf(rp->id).isNull());
    }

    // Restoring Points made seconds apart: each still has its own point and a click selects it; a crowd
    // at month zoom shows as one marker with its count, and a click on it zooms in to the day where each
    // point can be clicked again.
    void closePointsStayClickable()
    {
        const QDateTime t0(QDate(2026, 11, 12), QTime(10, 0));
        QList<TimelineEntry> close;
        auto add = [&](const QString& id, int secs, bool full, bool failed = false) {
            TimelineEntry e;
            e.id = id;
            e.time = t0.addSecs(secs);
            e.full = full;
            e.failed = failed;
            e.addedBytes = full ? 4000000 : 20000;
            e.repoBytes = 4000000 + secs * 1000;
            close << e;
        };
        add(QStringLiteral("full"), 0, true);
        add(QStringLiteral("inc1"), 20, false);
        add(QStringLiteral("inc2"), 40, false);
        add(QString(), 50, false, true); // a failed attempt between them
        add(QStringLiteral("inc3"), 60, false);
        TimelineWidget w;
        w.resize(1000, 420);
        w.setEntries(close);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.zoom(), TimelineWidget::Zoom::Month);
        QSignalSpy spy(&w, &TimelineWidget::rpSelected);
        const QStringList incs{QStringLiteral("inc1"), QStringLiteral("inc2"), QStringLiteral("inc3")};
        for (int a = 0; a < incs.size(); ++a) {
            QCOMPARE(w.markerCount(incs[a]), 1);
            for (int b = a + 1; b < incs.size(); ++b)
                QVERIFY2((w.pointOf(incs[a]) - w.pointOf(incs[b])).manhattanLength() >= 10,
                         "two Restoring Points a few seconds apart are drawn on top of each other");
        }
        QVERIFY(w.pointOf(incs[0]).x() < w.pointOf(incs[1]).x()); // still in time order
        for (const QString& id : incs + QStringList{QStringLiteral("full")}) {
            QTest::mouseClick(&w, Qt::LeftButton, {}, w.pointOf(id));
            QCOMPARE(w.selectedId(), id);
        }
        QCOMPARE(spy.count(), 4);

        // Ten incrementals within ten minutes the next day: one marker at month zoom, counted.
        for (int i = 0; i < 10; ++i)
            add(QStringLiteral("burst%1").arg(i), 86400 + i * 60, false);
        w.setEntries(close);
        w.showPeriodOf(t0);
        QCOMPARE(w.markerCount(QStringLiteral("burst0")), 10);
        QCOMPARE(w.markerCount(QStringLiteral("inc1")), 1); // the day before stays apart
        QCOMPARE(w.pointOf(QStringLiteral("burst0")), w.pointOf(QStringLiteral("burst9")));
        QTest::mouseClick(&w, Qt::LeftButton, {}, w.pointOf(QStringLiteral("burst4")));
        QCOMPARE(w.zoom(), TimelineWidget::Zoom::Day); // the click zoomed in
        QCOMPARE(w.visibleStart(), QDateTime(t0.date().addDays(1), QTime(0, 0)));
        spy.clear();
        for (int i = 0; i < 10; ++i) {
            const QString id = QStringLiteral("burst%1").arg(i);
            QCOMPARE(w.markerCount(id), 1);
            QTest::mouseClick(&w, Qt::LeftButton, {}, w.pointOf(id));
            QCOMPARE(w.selectedId(), id);
        }
        QCOMPARE(spy.count(), 10);
    }

    void keyboardWalksThroughPoints()
    {
        TimelineWidget w;
        w.resize(1000, 420);
        w.setEntries(entries);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(!w.accessibleName().isEmpty());
        w.setFocus();
        QSignalSpy spy(&w, &TimelineWidget::rpSelected);
        QTest::keyClick(&w, Qt::Key_End);
        QCOMPARE(w.selectedId(), entries.last().id);
        QTest::keyClick(&w, Qt::Key_Left);
        QCOMPARE(w.selectedId(), w.entries()[w.entries().size() - 2].id);
        QTest::keyClick(&w, Qt::Key_Home);
        QCOMPARE(w.selectedId(), w.entries().first().id);
        // Home went back two months: the view followed.
        QCOMPARE(w.visibleStart().date().month(), w.entries().first().time.date().month());
        QCOMPARE(spy.count(), 3);
    }
};

QTEST_MAIN(TestTimeline)
#include "tst_timeline.moc"
