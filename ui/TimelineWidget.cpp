#include "TimelineWidget.h"

#include "Format.h"

#include <QAccessible>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace ncb::ui {

namespace {
const QColor kFull(0x1f, 0x5f, 0xbf);
const QColor kIncremental(0x1a, 0x93, 0x82);
const QColor kFailed(0xd1, 0x24, 0x2f);
const QColor kIncomplete(0xd9, 0x8e, 0x04); // an RP written without some paths: neither ok nor failed
constexpr int kMargin = 14;
constexpr int kLegendHeight = 22;
constexpr int kLanesHeight = 96;
constexpr int kAxisHeight = 26;
constexpr double kCrowdGap = 6;    // px: points closer than this to the one before may form a crowd
constexpr double kCrowdSpan = 28;  // px: the widest a crowd gets
constexpr int kMaxSpread = 4;      // up to this many close points are moved apart instead
constexpr double kCrowdRadius = 12; // px: a crowd's marker

void drawDiamond(QPainter& p, QPointF c, double r)
{
    QPolygonF poly;
    poly << QPointF(c.x(), c.y() - r) << QPointF(c.x() + r, c.y()) << QPointF(c.x(), c.y() + r)
         << QPointF(c.x() - r, c.y());
    p.drawPolygon(poly);
}

void drawCross(QPainter& p, QPointF c, double r, const QColor& color)
{
    p.save();
    p.setPen(QPen(color, 2.6, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() + r));
    p.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r));
    p.restore();
}
} // namespace

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("timeline"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    m_header = new QWidget(this);
    auto* hl = new QHBoxLayout(m_header);
    hl->setContentsMargins(kMargin - 4, 6, kMargin - 4, 0);
    m_prev = new QToolButton(m_header);
    m_prev->setArrowType(Qt::LeftArrow);
    m_prev->setAutoRaise(true);
    m_next = new QToolButton(m_header);
    m_next->setArrowType(Qt::RightArrow);
    m_next->setAutoRaise(true);
    m_title = new QLabel(m_header);
    QFont tf = m_title->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    m_title->setFont(tf);
    m_dayButton = new QToolButton(m_header);
    m_monthButton = new QToolButton(m_header);
    m_yearButton = new QToolButton(m_header);
    m_zoomGroup = new QButtonGroup(this);
    m_zoomGroup->setExclusive(true);
    int id = 0;
    for (QToolButton* b : {m_dayButton, m_monthButton, m_yearButton}) {
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setFocusPolicy(Qt::TabFocus);
        m_zoomGroup->addButton(b, id++);
    }
    m_dayButton->setObjectName(QStringLiteral("zoomDay"));
    m_monthButton->setObjectName(QStringLiteral("zoomMonth"));
    m_yearButton->setObjectName(QStringLiteral("zoomYear"));
    m_prev->setObjectName(QStringLiteral("previousPeriod"));
    m_next->setObjectName(QStringLiteral("nextPeriod"));
    m_monthButton->setChecked(true);
    hl->addWidget(m_prev);
    hl->addWidget(m_title);
    hl->addWidget(m_next);
    hl->addStretch(1);
    hl->addWidget(m_dayButton);
    hl->addWidget(m_monthButton);
    hl->addWidget(m_yearButton);
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("selectionDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setContentsMargins(kMargin, 2, kMargin, 0);
    auto* vl = new QVBoxLayout(this);
    vl->setContentsMargins(0, 0, 0, 0);
    vl->setSpacing(0);
    vl->addWidget(m_header);
    vl->addWidget(m_details);
    vl->addStretch(1);

    connect(m_zoomGroup, &QButtonGroup::idClicked, this, [this](int z) { setZoom(Zoom(z)); });
    connect(m_prev, &QToolButton::clicked, this, [this] { step(-1); });
    connect(m_next, &QToolButton::clicked, this, [this] { step(+1); });

    m_viewStart = periodStart(QDateTime::currentDateTime(), m_zoom);
    retranslate();
}

QSize TimelineWidget::sizeHint() const
{
    return {800, 360};
}
QSize TimelineWidget::minimumSizeHint() const
{
    return {360, m_header->sizeHint().height() + 2 * fontMetrics().height() + kLegendHeight + kLanesHeight +
                     kAxisHeight + 70};
}

void TimelineWidget::retranslate()
{
    setAccessibleName(tr("Restoring Points timeline"));
    m_prev->setToolTip(tr("Previous period"));
    m_prev->setAccessibleName(tr("Previous period"));
    m_next->setToolTip(tr("Next period"));
    m_next->setAccessibleName(tr("Next period"));
    m_dayButton->setText(tr("Day"));
    m_monthButton->setText(tr("Month"));
    m_yearButton->setText(tr("Year"));
    m_dayButton->setToolTip(tr("Show one day (Ctrl+wheel to zoom)"));
    m_monthButton->setToolTip(tr("Show one month (Ctrl+wheel to zoom)"));
    m_yearButton->setToolTip(tr("Show one year (Ctrl+wheel to zoom)"));
    updateTitle();
    m_details->setText(detailsText());
}

void TimelineWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TimelineWidget::setEntries(QList<TimelineEntry> entries)
{
    const QString keep = selectedId();
    std::stable_sort(entries.begin(), entries.end(),
                     [](const TimelineEntry& a, const TimelineEntry& b) { return a.time < b.time; });
    m_entries = std::move(entries);
    m_maxRepoBytes = 0;
    m_maxAddedBytes = 0;
    for (const auto& e : m_entries) {
        m_maxRepoBytes = std::max(m_maxRepoBytes, e.repoBytes);
        m_maxAddedBytes = std::max(m_maxAddedBytes, e.addedBytes);
    }
    m_selected = -1;
    if (!keep.isEmpty())
        selectId(keep);
    m_details->setText(detailsText());
    if (!m_entries.isEmpty())
        showPeriodOf(m_selected >= 0 ? m_entries[m_selected].time : m_entries.last().time);
    update();
}

QDateTime TimelineWidget::periodStart(const QDateTime& t, Zoom zoom) const
{
    const QDate d = t.date();
    switch (zoom) {
    case Zoom::Day:
        return QDateTime(d, QTime(0, 0), t.timeSpec());
    case Zoom::Month:
        return QDateTime(QDate(d.year(), d.month(), 1), QTime(0, 0), t.timeSpec());
    case Zoom::Year:
        return QDateTime(QDate(d.year(), 1, 1), QTime(0, 0), t.timeSpec());
    }
    return t;
}

QDateTime TimelineWidget::addPeriods(const QDateTime& t, int n) const
{
    switch (m_zoom) {
    case Zoom::Day:
        return t.addDays(n);
    case Zoom::Month:
        return t.addMonths(n);
    case Zoom::Year:
        return t.addYears(n);
    }
    return t;
}

QDateTime TimelineWidget::visibleEnd() const
{
    return addPeriods(m_viewStart, 1);
}

void TimelineWidget::showPeriodOf(const QDateTime& t)
{
    const QDateTime start = periodStart(t.toLocalTime(), m_zoom);
    if (start == m_viewStart)
        return;
    m_viewStart = start;
    updateTitle();
    update();
    emit visibleRangeChanged(m_viewStart, visibleEnd());
}

void TimelineWidget::setZoom(Zoom zoom)
{
    QDateTime anchor = m_selected >= 0 ? m_entries[m_selected].time : QDateTime();
    if (!anchor.isValid() || anchor < m_viewStart || anchor >= visibleEnd())
        anchor = m_viewStart.addSecs(m_viewStart.secsTo(visibleEnd()) / 2);
    if (zoom != m_zoom) {
        m_zoom = zoom;
        m_viewStart = QDateTime(); // force a change notification
    }
    if (QAbstractButton* b = m_zoomGroup->button(int(zoom)))
        b->setChecked(true);
    showPeriodOf(anchor);
}

void TimelineWidget::step(int direction)
{
    m_viewStart = addPeriods(m_viewStart, direction);
    updateTitle();
    update();
    emit visibleRangeChanged(m_viewStart, visibleEnd());
}

void TimelineWidget::updateTitle()
{
    const QLocale loc;
    QString text;
    switch (m_zoom) {
    case Zoom::Day:
        text = loc.toString(m_viewStart.date(), QLocale::LongFormat);
        break;
    case Zoom::Month:
        text = loc.toString(m_viewStart.date(), QStringLiteral("MMMM yyyy"));
        break;
    case Zoom::Year:
        text = QString::number(m_viewStart.date().year());
        break;
    }
    m_title->setText(text);
}

QString TimelineWidget::selectedId() const
{
    return m_selected >= 0 ? m_entries[m_selected].id : QString();
}

bool TimelineWidget::selectId(const QString& id)
{
    for (int i = 0; i < m_entries.size(); ++i) {
        if (!id.isEmpty() && m_entries[i].id == id) {
            select(i, false);
            return true;
        }
    }
    return false;
}

void TimelineWidget::select(int index, bool emitSignal)
{
    if (index < 0 || index >= m_entries.size())
        return;
    m_selected = index;
    const TimelineEntry& e = m_entries[index];
    if (e.time < m_viewStart || e.time >= visibleEnd())
        showPeriodOf(e.time);
    setAccessibleDescription(describe(e));
    m_details->setText(detailsText());
    if (hasFocus()) {
        QAccessibleEvent ev(this, QAccessible::DescriptionChanged);
        QAccessible::updateAccessibility(&ev);
    }
    update();
    if (emitSignal) {
        if (e.failed)
            emit failedAttemptSelected(e);
        else
            emit rpSelected(e.id);
    }
}

QString TimelineWidget::detailsText() const
{
    if (m_selected < 0)
        return m_entries.isEmpty() ? QString() : tr("Click a point to see what it holds.");
    return describe(m_entries[m_selected]).replace(QStringLiteral("<br>"), QStringLiteral(" · "));
}

QString TimelineWidget::describe(const TimelineEntry& e) const
{
    QString kind = e.failed       ? (e.full ? tr("Failed full backup") : tr("Failed incremental backup"))
                   : e.incomplete ? (e.full ? tr("Incomplete full backup") : tr("Incomplete incremental backup"))
                                  : (e.full ? tr("Full backup") : tr("Incremental backup"));
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> — %2").arg(kind, Format::dateTime(e.time).toHtmlEscaped());
    if (!e.failed) {
        lines << tr("Data added: %1").arg(Format::bytes(e.addedBytes));
        lines << tr("Repository size: %1").arg(Format::bytes(e.repoBytes));
    }
    if (e.maintenanceSeconds > 0)
        lines << tr("Maintenance window: %1").arg(Format::duration(e.maintenanceSeconds));
    if (!e.message.isEmpty())
        lines << e.message.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

TimelineWidget::Geometry TimelineWidget::geometry() const
{
    Geometry g;
    const int top = m_details->geometry().bottom() + 4;
    const int w = width() - 2 * kMargin;
    g.legend = QRect(kMargin, top, w, kLegendHeight);
    // The lanes take what the size chart does not need; the chart stays a small companion.
    const int free = height() - g.legend.bottom() - 4 - kAxisHeight - 10 - kMargin;
    const int lanesHeight = std::clamp(free * 11 / 20, kLanesHeight, 240);
    g.lanes = QRect(kMargin, g.legend.bottom() + 4, w, lanesHeight);
    g.axis = QRect(kMargin, g.lanes.bottom() + 1, w, kAxisHeight);
    const int chartTop = g.axis.bottom() + 10;
    g.chart = QRect(kMargin, chartTop, w, std::max(40, height() - chartTop - kMargin));
    return g;
}

double TimelineWidget::xFor(const QDateTime& t, const QRect& r) const
{
    const double span = double(m_viewStart.msecsTo(visibleEnd()));
    return r.left() + double(m_viewStart.msecsTo(t)) / span * r.width();
}

double TimelineWidget::radiusOf(const TimelineEntry& e) const
{
    if (e.failed)
        return 6;
    if (m_maxAddedBytes <= 0)
        return 6;
    // Area grows with the data added, so a 40 GB full dwarfs a 300 MB incremental as it should;
    // the minimum keeps the smallest incremental clickable.
    const double f = std::sqrt(double(e.addedBytes) / double(m_maxAddedBytes));
    return 4 + 9 * std::clamp(f, 0.0, 1.0);
}

double TimelineWidget::laneY(bool full, const Geometry& g) const
{
    return full ? g.lanes.top() + g.lanes.height() * 0.3 : g.lanes.top() + g.lanes.height() * 0.72;
}

QList<TimelineWidget::Marker> TimelineWidget::layout(const Geometry& g) const
{
    QList<Marker> out;
    const QDateTime end = visibleEnd();
    for (const bool full : {true, false}) {
        QList<int> lane; // visible entries of this lane, oldest first (m_entries is sorted by time)
        for (int i = 0; i < m_entries.size(); ++i)
            if (m_entries[i].full == full && m_entries[i].time >= m_viewStart && m_entries[i].time < end)
                lane << i;
        // At month and year zoom, a run of points each closer than kCrowdGap pixels to the one before
        // (and spanning at most kCrowdSpan) is a crowd when it holds more than kMaxSpread Restoring
        // Points; day zoom shows every point (there is nothing finer to zoom to).
        QList<Marker> marks;
        for (int k = 0; k < lane.size();) {
            const double x0 = xFor(m_entries[lane[k]].time, g.lanes);
            int j = k;
            QList<int> rps;
            double prev = x0;
            while (j < lane.size()) {
                const double x = xFor(m_entries[lane[j]].time, g.lanes);
                if (j > k && (x - prev >= kCrowdGap || x - x0 >= kCrowdSpan))
                    break;
                if (!m_entries[lane[j]].failed)
                    rps << lane[j];
                prev = x;
                ++j;
            }
            const bool crowd = m_zoom != Zoom::Day && rps.size() > kMaxSpread;
            for (int n = k; n < j; ++n) {
                const int i = lane[n];
                if (crowd && !m_entries[i].failed)
                    continue;
                Marker m;
                m.members = {i};
                m.anchorX = xFor(m_entries[i].time, g.lanes);
                m.radius = m_entries[i].full && !m_entries[i].failed ? radiusOf(m_entries[i]) * 1.15
                                                                       : radiusOf(m_entries[i]);
                marks << m;
            }
            if (crowd) {
                Marker m;
                m.members = rps;
                double sum = 0;
                for (int i : rps)
                    sum += xFor(m_entries[i].time, g.lanes);
                m.anchorX = sum / rps.size();
                m.radius = kCrowdRadius;
                marks << m;
            }
            k = j;
        }
        std::stable_sort(marks.begin(), marks.end(),
                         [](const Marker& a, const Marker& b) { return a.anchorX < b.anchorX; });
        // Move overlapping markers apart as little as possible (pool adjacent violators): a block of
        // touching markers sits centred on the mean of where its members want to be.
        const int n = int(marks.size());
        auto gap = [&](int i) { return marks[i - 1].radius + marks[i].radius + 3; };
        QList<double> offset(n, 0); // position relative to the first marker of its block
        struct Block
        {
            int first, last;
            double start;
        };
        QList<Block> blocks;
        for (int i = 0; i < n; ++i) {
            Block b{i, i, marks[i].anchorX};
            offset[i] = 0;
            while (!blocks.isEmpty()) {
                const Block& prev = blocks.last();
                const double prevEnd = prev.start + offset[prev.last];
                if (prevEnd + gap(b.first) <= b.start)
                    break;
                Block merged{prev.first, b.last, 0};
                for (int m = b.first; m <= b.last; ++m)
                    offset[m] += offset[prev.last] + gap(b.first);
                // offsets of the new part are relative to prev.first now
                double sum = 0;
                for (int m = merged.first; m <= merged.last; ++m)
                    sum += marks[m].anchorX - offset[m];
                merged.start = sum / (merged.last - merged.first + 1);
                blocks.removeLast();
                b = merged;
            }
            blocks << b;
        }
        for (const Block& b : blocks)
            for (int i = b.first; i <= b.last; ++i)
                marks[i].center = QPointF(b.start + offset[i], laneY(full, g));
        // Keep them inside the lane.
        for (int i = 0; i < n; ++i) {
            const double lo = i == 0 ? g.lanes.left() + marks[i].radius + 2 : marks[i - 1].center.x() + gap(i);
            marks[i].center.setX(std::max(marks[i].center.x(), lo));
        }
        for (int i = n - 1; i >= 0; --i) {
            const double hi =
                i == n - 1 ? g.lanes.right() - marks[i].radius - 2 : marks[i + 1].center.x() - gap(i + 1);
            marks[i].center.setX(std::min(marks[i].center.x(), hi));
        }
        out << marks;
    }
    return out;
}

QPoint TimelineWidget::pointOf(const QString& id) const
{
    if (id.isEmpty())
        return {};
    for (const Marker& m : layout(geometry()))
        for (int i : m.members)
            if (m_entries[i].id == id)
                return m.center.toPoint();
    return {};
}

int TimelineWidget::markerCount(const QString& id) const
{
    if (id.isEmpty())
        return 0;
    for (const Marker& m : layout(geometry()))
        for (int i : m.members)
            if (m_entries[i].id == id)
                return int(m.members.size());
    return 0;
}

int TimelineWidget::markerAt(const QList<Marker>& markers, const QPoint& pos) const
{
    int best = -1;
    double bestDist = 1e9;
    for (int k = 0; k < markers.size(); ++k) {
        const QPointF c = markers[k].center;
        const double d = std::hypot(c.x() - pos.x(), c.y() - pos.y());
        if (d <= std::max(9.0, markers[k].radius + 3) && d < bestDist) {
            best = k;
            bestDist = d;
        }
    }
    return best;
}

void TimelineWidget::zoomInto(const Marker& crowd)
{
    if (m_zoom == Zoom::Day || crowd.members.isEmpty())
        return;
    const QDateTime middle = m_entries[crowd.members.at(crowd.members.size() / 2)].time;
    m_zoom = Zoom(int(m_zoom) - 1);
    m_viewStart = QDateTime(); // force a change notification
    m_zoomGroup->button(int(m_zoom))->setChecked(true);
    showPeriodOf(middle);
}

void TimelineWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const Geometry g = geometry();
    paintLegend(p, g.legend);
    paintAxis(p, g);
    paintChart(p, g);
    paintEntries(p, g, layout(g));
    if (m_entries.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(g.lanes, Qt::AlignCenter, tr("No Restoring Points yet"));
    }
    if (hasFocus()) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(rect().adjusted(1, 1, -2, -2));
    }
}

void TimelineWidget::paintLegend(QPainter& p, const QRect& r) const
{
    p.save();
    const QFontMetrics fm(font());
    int x = r.left();
    const double cy = r.center().y() + 0.5;
    auto item = [&](const QString& text, auto drawSymbol) {
        drawSymbol(QPointF(x + 6, cy));
        x += 16;
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(x, r.top(), fm.horizontalAdvance(text) + 2, r.height()), Qt::AlignVCenter, text);
        x += fm.horizontalAdvance(text) + 18;
    };
    item(tr("Full backup"), [&](QPointF c) {
        p.setPen(kFull.darker(130));
        p.setBrush(kFull);
        drawDiamond(p, c, 6);
    });
    item(tr("Incremental"), [&](QPointF c) {
        p.setPen(kIncremental.darker(130));
        p.setBrush(kIncremental);
        p.drawEllipse(c, 5, 5);
    });
    item(tr("Incomplete"), [&](QPointF c) {
        p.setPen(kIncomplete.darker(150));
        p.setBrush(kIncomplete);
        p.drawEllipse(c, 5, 5);
    });
    item(tr("Failed"), [&](QPointF c) { drawCross(p, c, 4.5, kFailed); });
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(x, r.top(), r.right() - x, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
               tr("Size of a point: data it added"));
    p.restore();
}

void TimelineWidget::paintAxis(QPainter& p, const Geometry& g) const
{
    p.save();
    const QColor text = palette().color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(28);
    QColor weekend = palette().color(QPalette::AlternateBase);
    const QLocale loc;
    // Lane backgrounds and labels.
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::AlternateBase));
    p.drawRoundedRect(g.lanes, 4, 4);

    // Ticks: hours for a day, days for a month, months for a year.
    QDateTime t = m_viewStart;
    const QDateTime end = visibleEnd();
    const QFontMetrics fm(font());
    p.setPen(QPen(text, 1));
    p.drawLine(g.axis.left(), g.axis.top(), g.axis.right(), g.axis.top());
    // Labels every `step` units so they never collide: hours for a day, days for a month, months for a year.
    int units = 0;
    int widest = 0;
    for (QDateTime u = m_viewStart; u < end; ++units) {
        QString l;
        switch (m_zoom) {
        case Zoom::Day:
            l = loc.toString(u.time(), QLocale::ShortFormat);
            u = u.addSecs(3600);
            break;
        case Zoom::Month:
            l = QString::number(u.date().day());
            u = u.addDays(1);
            break;
        case Zoom::Year:
            l = loc.monthName(u.date().month(), QLocale::ShortFormat);
            u = u.addMonths(1);
            break;
        }
        widest = std::max(widest, fm.horizontalAdvance(l));
    }
    const double slot = double(g.axis.width()) / std::max(1, units);
    int step = 1;
    for (int candidate : {1, 2, 3, 4, 6, 12}) {
        step = candidate;
        // Hour labels sit on their tick and the first is pushed inside: they need more room.
        if (slot * candidate >= widest + (m_zoom == Zoom::Day ? 24 : 10))
            break;
    }
    int index = 0;
    while (t < end) {
        QDateTime next;
        QString label;
        switch (m_zoom) {
        case Zoom::Day:
            next = t.addSecs(3600);
            label = loc.toString(t.time(), QLocale::ShortFormat);
            break;
        case Zoom::Month:
            next = t.addDays(1);
            label = QString::number(t.date().day());
            break;
        case Zoom::Year:
            next = t.addMonths(1);
            label = loc.monthName(t.date().month(), QLocale::ShortFormat);
            break;
        }
        const bool major = index % step == 0;
        const double x = xFor(t, g.axis);
        const double xn = xFor(next, g.axis);
        if (m_zoom == Zoom::Month && t.date().dayOfWeek() >= 6) {
            QColor w = weekend.darker(104);
            p.fillRect(QRectF(x, g.lanes.top(), xn - x, g.lanes.height()), w);
        }
        p.setPen(QPen(grid, 1));
        p.drawLine(QPointF(x, g.lanes.top()), QPointF(x, g.lanes.bottom()));
        p.setPen(QPen(text, 1));
        p.drawLine(QPointF(x, g.axis.top()), QPointF(x, g.axis.top() + (major ? 5 : 3)));
        if (major) {
            const int w = fm.horizontalAdvance(label);
            // Day and month labels sit in the middle of their slot; hours on their tick.
            const double cx = m_zoom == Zoom::Day ? x : (x + xn) / 2;
            const int left = std::clamp(int(cx - w / 2.0), g.axis.left() - 6, g.axis.right() - w + 6);
            p.drawText(QRect(left, g.axis.top() + 6, w + 1, fm.height()), Qt::AlignCenter, label);
        }
        t = next;
        ++index;
    }
    // Now.
    const QDateTime now = QDateTime::currentDateTime();
    if (now >= m_viewStart && now < end) {
        const double x = xFor(now, g.lanes);
        p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DashLine));
        p.drawLine(QPointF(x, g.lanes.top()), QPointF(x, g.chart.bottom()));
        const QString nowText = tr("now");
        const int w = fm.horizontalAdvance(nowText) + 8;
        const QRectF tag(x - w / 2.0, g.lanes.top() + 2, w, fm.height() + 2);
        p.setPen(Qt::NoPen);
        p.setBrush(palette().color(QPalette::Highlight));
        p.drawRoundedRect(tag, 3, 3);
        p.setPen(palette().color(QPalette::HighlightedText));
        p.drawText(tag, Qt::AlignCenter, nowText);
    }
    p.restore();
}

void TimelineWidget::paintEntries(QPainter& p, const Geometry& g, const QList<Marker>& markers) const
{
    p.save();
    QColor tickColor = palette().color(QPalette::Text);
    tickColor.setAlpha(110);
    // The true time of every point: a tick on the lanes' lower edge, and a thin line up to a point that
    // was moved aside so it does not cover its neighbour.
    for (const Marker& m : markers) {
        for (int i : m.members) {
            const double x = xFor(m_entries[i].time, g.lanes);
            const QColor c = m_entries[i].failed       ? kFailed
                             : m_entries[i].incomplete ? kIncomplete
                             : m_entries[i].full       ? kFull
                                                       : kIncremental;
            p.setPen(QPen(c, 1.4));
            p.drawLine(QPointF(x, g.lanes.bottom() - 7), QPointF(x, g.lanes.bottom()));
        }
        if (!m.crowd() && std::abs(m.center.x() - m.anchorX) > 1.5) {
            p.setPen(QPen(tickColor, 1, Qt::DotLine));
            p.drawLine(QPointF(m.center.x(), m.center.y() + m.radius), QPointF(m.anchorX, g.lanes.bottom() - 7));
        }
    }
    // Selection marker first so the point draws on top of it.
    if (m_selected >= 0) {
        for (const Marker& m : markers) {
            if (!m.members.contains(m_selected))
                continue;
            const QPointF c = m.center;
            QColor hl = palette().color(QPalette::Highlight);
            p.setPen(QPen(hl, 1, Qt::DashLine));
            const double x = xFor(m_entries[m_selected].time, g.lanes);
            p.drawLine(QPointF(x, g.lanes.top()), QPointF(x, g.chart.bottom()));
            hl.setAlpha(70);
            p.setPen(QPen(palette().color(QPalette::Highlight), 2));
            p.setBrush(hl);
            const double r = m.radius + 5;
            p.drawEllipse(c, r, r);
        }
    }
    QFont countFont = font();
    countFont.setBold(true);
    countFont.setPointSizeF(countFont.pointSizeF() * 0.85);
    for (const Marker& m : markers) {
        const QPointF c = m.center;
        const TimelineEntry& e = m_entries[m.members.first()];
        const double r = m.radius;
        const QColor color = e.full ? kFull : kIncremental;
        if (m.crowd()) {
            // A stack: two shadows behind the marker, the count on it.
            for (int k = 2; k >= 0; --k) {
                const QPointF o = c + QPointF(3.0 * k, -3.0 * k);
                p.setPen(QPen(color.darker(140), 1));
                p.setBrush(k == 0 ? color : color.lighter(120 + 25 * k));
                if (e.full)
                    drawDiamond(p, o, r * 1.15);
                else
                    p.drawEllipse(o, r, r);
            }
            p.setFont(countFont);
            p.setPen(Qt::white);
            p.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter,
                       QString::number(m.members.size()));
            p.setFont(font());
        } else if (e.failed) {
            drawCross(p, c, r - 1, kFailed);
        } else if (e.incomplete) {
            // Its lane's shape in amber, with a gap marked on it: written, but without some paths.
            p.setPen(QPen(kIncomplete.darker(150), 1));
            p.setBrush(kIncomplete);
            if (e.full)
                drawDiamond(p, c, r);
            else
                p.drawEllipse(c, r, r);
            p.setPen(QPen(Qt::white, 2));
            p.drawLine(QPointF(c.x(), c.y() - r * 0.5), QPointF(c.x(), c.y() + r * 0.1));
            p.drawPoint(QPointF(c.x(), c.y() + r * 0.45));
        } else if (e.full) {
            p.setPen(QPen(kFull.darker(140), 1));
            p.setBrush(kFull);
            drawDiamond(p, c, r);
        } else {
            p.setPen(QPen(kIncremental.darker(140), 1));
            p.setBrush(kIncremental);
            p.drawEllipse(c, r, r);
        }
    }
    p.restore();
}

void TimelineWidget::paintChart(QPainter& p, const Geometry& g) const
{
    p.save();
    const QFontMetrics fm(font());
    const QColor text = palette().color(QPalette::Text);
    const QRect title(g.chart.left(), g.chart.top(), g.chart.width(), fm.height());
    p.setPen(palette().color(QPalette::PlaceholderText));
    QString caption = tr("Repository size");
    if (m_maxRepoBytes > 0)
        caption += QStringLiteral(" — ") + tr("largest %1").arg(Format::bytes(m_maxRepoBytes));
    p.drawText(title, Qt::AlignLeft | Qt::AlignVCenter, caption);
    const QRect plot = g.chart.adjusted(0, fm.height() + 4, 0, 0);
    QColor frame = text;
    frame.setAlpha(40);
    p.setPen(QPen(frame, 1));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    if (m_maxRepoBytes <= 0 || plot.height() < 10) {
        p.restore();
        return;
    }
    // A step line: the size holds from one RP to the next. Include the last RP before the view so the
    // line starts at the left edge.
    QPainterPath line;
    bool started = false;
    double lastY = 0;
    const QDateTime end = visibleEnd();
    auto yFor = [&](qint64 bytes) {
        return plot.bottom() - double(bytes) / double(m_maxRepoBytes) * (plot.height() - 4);
    };
    for (const TimelineEntry& e : m_entries) {
        if (e.failed)
            continue;
        const double y = yFor(e.repoBytes);
        if (e.time < m_viewStart) {
            lastY = y;
            started = true;
            line = QPainterPath(QPointF(plot.left(), y));
            continue;
        }
        if (e.time >= end)
            break;
        const double x = xFor(e.time, plot);
        if (!started) {
            line.moveTo(x, y);
            started = true;
        } else {
            line.lineTo(x, lastY);
            line.lineTo(x, y);
        }
        lastY = y;
    }
    if (!started) {
        p.restore();
        return;
    }
    const QDateTime now = QDateTime::currentDateTime();
    const double endX = now < end ? std::max(line.currentPosition().x(), xFor(now, plot)) : plot.right();
    line.lineTo(std::min(endX, double(plot.right())), lastY);
    QPainterPath area = line;
    area.lineTo(area.currentPosition().x(), plot.bottom());
    area.lineTo(line.elementAt(0).x, plot.bottom());
    area.closeSubpath();
    QColor fill = kFull;
    fill.setAlpha(45);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawPath(area);
    p.setPen(QPen(kFull, 1.6));
    p.setBrush(Qt::NoBrush);
    p.drawPath(line);
    // A dot per Restoring Point, so a lone first backup shows too.
    p.setPen(Qt::NoPen);
    p.setBrush(kFull);
    for (const TimelineEntry& e : m_entries)
        if (!e.failed && e.time >= m_viewStart && e.time < end)
            p.drawEllipse(QPointF(xFor(e.time, plot), yFor(e.repoBytes)), 2.5, 2.5);
    p.restore();
}

void TimelineWidget::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::LeftButton) {
        const QList<Marker> markers = layout(geometry());
        const int k = markerAt(markers, event->position().toPoint());
        if (k >= 0 && markers[k].crowd())
            zoomInto(markers[k]);
        else if (k >= 0)
            select(markers[k].members.first(), true);
    }
    QWidget::mousePressEvent(event);
}

void TimelineWidget::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    if (event->modifiers() & Qt::ControlModifier) {
        const Geometry g = geometry();
        const double frac =
            std::clamp((event->position().x() - g.axis.left()) / std::max(1, g.axis.width()), 0.0, 1.0);
        const QDateTime anchor =
            m_viewStart.addMSecs(qint64(frac * double(m_viewStart.msecsTo(visibleEnd()))));
        Zoom z = m_zoom;
        if (delta > 0 && z != Zoom::Day)
            z = Zoom(int(z) - 1);
        else if (delta < 0 && z != Zoom::Year)
            z = Zoom(int(z) + 1);
        if (z != m_zoom) {
            m_zoom = z;
            m_viewStart = QDateTime();
            m_zoomGroup->button(int(z))->setChecked(true);
            showPeriodOf(anchor);
        }
    } else {
        step(delta > 0 ? -1 : 1);
    }
    event->accept();
}

void TimelineWidget::keyPressEvent(QKeyEvent* event)
{
    if (m_entries.isEmpty()) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left:
        select(m_selected < 0 ? int(m_entries.size()) - 1 : std::max(0, m_selected - 1), true);
        break;
    case Qt::Key_Right:
        select(m_selected < 0 ? int(m_entries.size()) - 1
                              : std::min(int(m_entries.size()) - 1, m_selected + 1),
               true);
        break;
    case Qt::Key_Home:
        select(0, true);
        break;
    case Qt::Key_End:
        select(int(m_entries.size()) - 1, true);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        if (m_zoom != Zoom::Day)
            setZoom(Zoom(int(m_zoom) - 1));
        break;
    case Qt::Key_Minus:
        if (m_zoom != Zoom::Year)
            setZoom(Zoom(int(m_zoom) + 1));
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

bool TimelineWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(event);
        const QList<Marker> markers = layout(geometry());
        const int k = markerAt(markers, he->pos());
        if (k >= 0 && markers[k].crowd()) {
            const Marker& m = markers[k];
            const QDateTime first = m_entries[m.members.first()].time, last = m_entries[m.members.last()].time;
            QString text = tr("%n Restoring Point(s) from %1 to %2", nullptr, int(m.members.size()))
                               .arg(Format::dateTime(first), Format::dateTime(last))
                               .toHtmlEscaped();
            text += QStringLiteral("<br>") + tr("Click to zoom in and see each one.");
            QToolTip::showText(he->globalPos(), text, this);
        } else if (k >= 0) {
            QToolTip::showText(he->globalPos(), describe(m_entries[markers[k].members.first()]), this);
        } else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace ncb::ui
