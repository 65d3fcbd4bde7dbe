#include "wizard/SchedulePage.h"

#include "wizard/SetupWizard.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ncb::ui {

SchedulePage::SchedulePage(SetupWizard* wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("schedulePage"));
    setTitle(tr("When should backups run?"));
    setSubTitle(tr("A full backup now and then, small incremental ones in between. "
                   "These defaults suit most instances."));
    const ScheduleSettings defaults;
    m_fullWeeks = new QSpinBox(this);
    m_fullWeeks->setObjectName(QStringLiteral("fullEveryWeeks"));
    m_fullWeeks->setRange(1, 52);
    m_fullWeeks->setValue(defaults.fullEveryWeeks);
    m_fullWeeks->setSuffix(tr(" weeks"));
    m_daily = new QCheckBox(tr("Every day, saving only what changed"), this);
    m_daily->setObjectName(QStringLiteral("incrementalDaily"));
    m_daily->setChecked(defaults.incrementalDaily);
    m_from = new QSpinBox(this);
    m_from->setObjectName(QStringLiteral("windowFrom"));
    m_from->setRange(0, 23);
    m_from->setValue(defaults.windowStartHour);
    m_from->setSuffix(QStringLiteral(":00"));
    m_to = new QSpinBox(this);
    m_to->setObjectName(QStringLiteral("windowTo"));
    m_to->setRange(1, 24);
    m_to->setValue(defaults.windowEndHour);
    m_to->setSuffix(QStringLiteral(":00"));
    auto* window = new QHBoxLayout;
    window->addWidget(new QLabel(tr("between"), this));
    window->addWidget(m_from);
    window->addWidget(new QLabel(tr("and"), this));
    window->addWidget(m_to);
    window->addStretch(1);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(tr("Full backup every:"), m_fullWeeks);
    form->addRow(tr("Incremental backup:"), m_daily);
    form->addRow(tr("Start backups:"), window);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addWidget(m_summary);
    layout->addStretch(1);

    auto update = [this] {
        m_summary->setText(
            m_from->value() < m_to->value()
                ? tr("Nextcloud is put in maintenance mode for a short moment at the start of each backup, "
                     "so users may see a notice if they are online between %1:00 and %2:00.")
                      .arg(m_from->value())
                      .arg(m_to->value())
                : tr("The window must end after it starts."));
        emit completeChanged();
    };
    connect(m_from, &QSpinBox::valueChanged, this, update);
    connect(m_to, &QSpinBox::valueChanged, this, update);
    update();
}

bool SchedulePage::isComplete() const
{
    return m_from->value() < m_to->value();
}

bool SchedulePage::validatePage()
{
    m_wizard->schedule.fullEveryWeeks = m_fullWeeks->value();
    m_wizard->schedule.incrementalDaily = m_daily->isChecked();
    m_wizard->schedule.windowStartHour = m_from->value();
    m_wizard->schedule.windowEndHour = m_to->value();
    return true;
}

} // namespace ncb::ui
