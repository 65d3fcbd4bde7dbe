#pragma once
// InstanceDelegate: paints a sidebar row: a state badge, the instance name, host and Nextcloud version,
// the last Restoring Point and when the next backup is due.

#include "InstanceSummary.h"

#include <QStyledItemDelegate>

namespace ncb::ui {

class InstanceDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    // The five lines a row shows: name, host, Nextcloud version, last RP and its state, next due backup.
    static QStringList lines(const InstanceSummary& summary);
};

} // namespace ncb::ui
