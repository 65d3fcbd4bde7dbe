#pragma once
// InstanceListModel: the instances shown in the sidebar, one row each, the whole summary in a role.

#include "InstanceSummary.h"

#include <QAbstractListModel>

namespace ncb::ui {

class InstanceListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { SummaryRole = Qt::UserRole + 1, IdRole };
    explicit InstanceListModel(QObject* parent = nullptr);

    void setInstances(QList<InstanceSummary> instances);
    void updateInstance(const InstanceSummary& instance); // by id; appended when new
    const QList<InstanceSummary>& instances() const { return m_instances; }
    int rowOf(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<InstanceSummary> m_instances;
};

} // namespace ncb::ui
