#include "InstanceDelegate.h"

#include "Format.h"
#include "InstanceListModel.h"

#include <QApplication>
#include <QPainter>

namespace ncb::ui {

namespace {
QColor stateColor(InstanceSummary::State s)
{
    switch (s) {
    case InstanceSummary::State::Ok:
        return {0x2e, 0x9d, 0x4f};
    case InstanceSummary::State::Running:
        return {0x1f, 0x5f, 0xbf};
    case InstanceSummary::State::Failed:
        return {0xd1, 0x24, 0x2f};
    case InstanceSummary::State::Overdue:
        return {0xd9, 0x8c, 0x00};
    case InstanceSummary::State::Incomplete:
        return {0xd9, 0x8e, 0x04};
    case InstanceSummary::State::NoBackup:
        break;
    }
    return {0x8a, 0x8a, 0x8a};
}

QString stateText(InstanceSummary::State s)
{
    switch (s) {
    case InstanceSummary::State::Ok:
        return InstanceDelegate::tr("OK");
    case InstanceSummary::State::Running:
        return InstanceDelegate::tr("running");
    case InstanceSummary::State::Failed:
        return InstanceDelegate::tr("failed");
    case InstanceSummary::State::Overdue:
        return InstanceDelegate::tr("overdue");
    case InstanceSummary::State::Incomplete:
        return InstanceDelegate::tr("incomplete");
    case InstanceSummary::State::NoBackup:
        break;
    }
    return InstanceDelegate::tr("no backup yet");
}
} // namespace

QStringList InstanceDelegate::lines(const InstanceSummary& s)
{
    const QString version = s.nextcloudVersion.isEmpty() ? tr("Nextcloud version unknown")
                                                         : tr("Nextcloud %1").arg(s.nextcloudVersion);
    const QString last = s.lastRp.isValid()
                             ? tr("Last: %1 (%2)").arg(Format::relative(s.lastRp), stateText(s.lastState))
                             : tr("Last: %1").arg(stateText(s.lastState));
    const QString next =
        s.nextDue.isValid() ? tr("Next: %1").arg(Format::relative(s.nextDue)) : tr("Next: not scheduled");
    return {s.name, s.host, version, last, next};
}

QSize InstanceDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFontMetrics fm(option.font);
    return {240, fm.height() * 5 + 22};
}

void InstanceDelegate::paint(QPainter* p, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget* w = option.widget;
    QStyle* style = w ? w->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, p, w);

    const auto s = index.data(InstanceListModel::SummaryRole).value<InstanceSummary>();
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup cg =
        option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor text = option.palette.color(cg, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(selected ? 0.85 : 0.62);

    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(10, 8, -10, -8);
    const QFontMetrics fm(option.font);
    const int line = fm.height();

    // State badge.
    const QColor badge = stateColor(s.lastState);
    p->setPen(Qt::NoPen);
    p->setBrush(badge);
    p->drawEllipse(QRectF(r.left(), r.top() + line / 2.0 - 5, 10, 10));

    const int x = r.left() + 18;
    const int w2 = r.right() - x;
    const QStringList rows = lines(s);
    QFont bold = option.font;
    bold.setBold(true);
    for (int i = 0; i < rows.size(); ++i) {
        p->setFont(i == 0 ? bold : option.font);
        p->setPen(i == 0 ? text
                  : i == 3 && (s.lastState == InstanceSummary::State::Failed ||
                               s.lastState == InstanceSummary::State::Incomplete) && !selected ? badge
                                                                                           : dim);
        const QFontMetrics m(i == 0 ? bold : option.font);
        p->drawText(QRect(x, r.top() + i * (line + 2), w2, line), Qt::AlignLeft | Qt::AlignVCenter,
                    m.elidedText(rows.at(i), Qt::ElideRight, w2));
    }
    p->restore();
}

} // namespace ncb::ui
