#pragma once
// TimelineWidget: the backup history on a real time axis. Each Restoring Point is a point at its time:
// full backups are blue diamonds on the upper lane, incrementals teal circles on the lower one, failed
// attempts red crosses; the point's size grows with the data it added. Under the axis, a small chart
// of the repository size. Zoom by day, month or year (buttons or Ctrl+wheel), pan with the arrows or
// the wheel, select with a click or Left/Right. Custom-painted: a list cannot show gaps in time.
// Points closer than their size are moved apart (a tick on the lane's edge keeps their true time);
// at month and year zoom a crowd of them becomes one stacked marker with a count, and a click on it
// zooms in until each point can be clicked. Failed attempts are never hidden in a crowd.

#include "TimelineEntry.h"

#include <QWidget>

class QButtonGroup;
class QLabel;
class QToolButton;

namespace ncb::ui {

class TimelineWidget : public QWidget
{
    Q_OBJECT
public:
    enum class Zoom { Day, Month, Year };
    Q_ENUM(Zoom)

    explicit TimelineWidget(QWidget* parent = nullptr);

    void setEntries(QList<TimelineEntry> entries); // any order; shows the period of the newest
    const QList<TimelineEntry>& entries() const { return m_entries; }

    Zoom zoom() const { return m_zoom; }
    void setZoom(Zoom zoom);
    QDateTime visibleStart() const { return m_viewStart; }
    QDateTime visibleEnd() const;
    void showPeriodOf(const QDateTime& t); // moves the view to the period (of the current zoom) holding t

    QString selectedId() const;
    int selectedIndex() const { return m_selected; }
    bool selectId(const QString& id); // selects without emitting rpSelected; false when unknown
    QString detailsText() const;      // what the line under the title says of the selected point

    // Where entry `id` is drawn (widget coordinates; its crowd's marker when it is in one); invalid
    // when outside the visible range.
    QPoint pointOf(const QString& id) const;
    // How many entries the marker that shows entry `id` stands for (1 unless crowded); 0 when hidden.
    int markerCount(const QString& id) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void rpSelected(const QString& id);
    void failedAttemptSelected(const ncb::ui::TimelineEntry& entry);
    void visibleRangeChanged(const QDateTime& start, const QDateTime& end);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Geometry
    {
        QRect legend, lanes, axis, chart;
    };
    // One drawn marker: a point, or a crowd of points at month/year zoom.
    struct Marker
    {
        QList<int> members; // entry indices, oldest first
        double anchorX = 0; // where the time axis puts them (mean of the members)
        QPointF center;     // where it is drawn after moving apart from its neighbours
        double radius = 0;
        bool crowd() const { return members.size() > 1; }
    };
    Geometry geometry() const;
    QList<Marker> layout(const Geometry& g) const;
    int markerAt(const QList<Marker>& markers, const QPoint& pos) const;
    void zoomInto(const Marker& crowd);
    double xFor(const QDateTime& t, const QRect& r) const;
    double laneY(bool full, const Geometry& g) const;
    double radiusOf(const TimelineEntry& e) const;
    void select(int index, bool emitSignal);
    void step(int direction); // previous/next period
    QDateTime periodStart(const QDateTime& t, Zoom zoom) const;
    QDateTime addPeriods(const QDateTime& t, int n) const;
    void updateTitle();
    void retranslate();
    QString describe(const TimelineEntry& e) const;

    void paintLegend(QPainter& p, const QRect& r) const;
    void paintAxis(QPainter& p, const Geometry& g) const;
    void paintEntries(QPainter& p, const Geometry& g, const QList<Marker>& markers) const;
    void paintChart(QPainter& p, const Geometry& g) const;

    QList<TimelineEntry> m_entries;
    int m_selected = -1;
    Zoom m_zoom = Zoom::Month;
    QDateTime m_viewStart;
    qint64 m_maxRepoBytes = 0;
    qint64 m_maxAddedBytes = 0;

    QWidget* m_header = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_details = nullptr; // the selected point: kind, time, data added, maintenance window
    QToolButton* m_prev = nullptr;
    QToolButton* m_next = nullptr;
    QToolButton* m_dayButton = nullptr;
    QToolButton* m_monthButton = nullptr;
    QToolButton* m_yearButton = nullptr;
    QButtonGroup* m_zoomGroup = nullptr;
};

} // namespace ncb::ui
