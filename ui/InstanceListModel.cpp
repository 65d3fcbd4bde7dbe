#include "InstanceListModel.h"

#include "Format.h"

namespace ncb::ui {

InstanceListModel::InstanceListModel(QObject* parent) : QAbstractListModel(parent)
{
}

void InstanceListModel::setInstances(QList<InstanceSummary> instances)
{
    beginResetModel();
    m_instances = std::move(instances);
    endResetModel();
}

void InstanceListModel::updateInstance(const InstanceSummary& instance)
{
    const int row = rowOf(instance.id);
    if (row < 0) {
        beginInsertRows({}, int(m_instances.size()), int(m_instances.size()));
        m_instances.append(instance);
        endInsertRows();
        return;
    }
    m_instances[row] = instance;
    emit dataChanged(index(row), index(row));
}

int InstanceListModel::rowOf(const QString& id) const
{
    for (int i = 0; i < m_instances.size(); ++i)
        if (m_instances[i].id == id)
            return i;
    return -1;
}

int InstanceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_instances.size());
}

QVariant InstanceListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_instances.size())
        return {};
    const InstanceSummary& s = m_instances[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return s.name;
    case Qt::AccessibleTextRole:
    case Qt::ToolTipRole:
        return tr("%1 on %2, Nextcloud %3. Last Restoring Point: %4. Next backup: %5.")
            .arg(s.name, s.host, s.nextcloudVersion, Format::dateTime(s.lastRp), Format::dateTime(s.nextDue));
    case SummaryRole:
        return QVariant::fromValue(s);
    case IdRole:
        return s.id;
    }
    return {};
}

} // namespace ncb::ui
