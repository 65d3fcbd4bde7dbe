#include "wizard/FirstBackupPage.h"

#include "Format.h"
#include "JobStatusWidget.h"
#include "TimelineWidget.h"
#include "wizard/SetupWizard.h"

#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace ncb::ui {

FirstBackupPage::FirstBackupPage(SetupWizard* wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("firstBackupPage"));
    setTitle(tr("First full backup"));
    setSubTitle(
        tr("This one copies everything and takes the longest. You can close the wizard when it is done."));
    setFinalPage(true);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_status = new JobStatusWidget(this);
    m_maintenance = new QLabel(this);
    m_maintenance->setObjectName(QStringLiteral("maintenanceLabel"));
    m_maintenance->setWordWrap(true);
    m_maintenanceTick = new QTimer(this);
    m_maintenanceTick->setInterval(1000);
    connect(m_maintenanceTick, &QTimer::timeout, this, &FirstBackupPage::showMaintenance);
    m_timeline = new TimelineWidget(this);
    m_timeline->setMinimumHeight(260);
    m_retry = new QPushButton(tr("Try again"), this);
    connect(m_retry, &QPushButton::clicked, this, &FirstBackupPage::start);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_status);
    layout->addWidget(m_maintenance);
    layout->addWidget(m_timeline, 10); // takes the page once the backup is done
    layout->addWidget(m_retry, 0, Qt::AlignLeft);
    layout->addStretch(1);
}

void FirstBackupPage::initializePage()
{
    if (!m_done && !m_job)
        start();
}

void FirstBackupPage::start()
{
    m_retry->setVisible(false);
    m_timeline->setVisible(false);
    m_maintenance->setVisible(false);
    m_intro->setText(tr("Backing up %1 to %2.").arg(m_wizard->instance.name, m_wizard->repository.location));
    m_job = m_wizard->backend()->startFirstBackup(m_wizard->schedule);
    m_job->setParent(this);
    connect(m_job, &Job::progress, this, [this](const Progress& p) {
        const bool inMaintenance = p.phase == QLatin1String("maintenance");
        if (inMaintenance && !m_maintenanceTick->isActive()) {
            m_maintenanceClock.start();
            m_maintenanceTick->start();
            showMaintenance();
            m_maintenance->setVisible(true);
        } else if (!inMaintenance && m_maintenanceTick->isActive()) {
            m_maintenanceTick->stop();
            m_maintenance->setText(tr("Nextcloud was in maintenance mode for %1.")
                                       .arg(Format::duration(m_maintenanceClock.elapsed() / 1000.0)));
        }
    });
    connect(m_job, &Job::finished, this, [this, job = m_job](const Status& s) {
        m_maintenanceTick->stop();
        if (!s.ok()) {
            m_intro->setText(tr("<b>The first backup did not complete.</b> Nothing on the server was changed.") +
                             QStringLiteral("<br>") + s.error().message.toHtmlEscaped());
            m_retry->setVisible(true);
            m_job = nullptr;
            job->deleteLater();
            return;
        }
        m_wizard->firstRp = *job->value();
        m_done = true;
        m_intro->setText(tr("Your first Restoring Point is ready. Next backups run on their own."));
        m_timeline->setEntries({m_wizard->firstRp});
        m_timeline->selectId(m_wizard->firstRp.id);
        m_timeline->setVisible(true);
        emit completeChanged();
    });
    m_status->track(m_job);
    m_job->start();
    emit completeChanged();
}

void FirstBackupPage::showMaintenance()
{
    m_maintenance->setText(
        tr("Nextcloud has been in maintenance mode for %1; users see a maintenance notice.")
            .arg(Format::duration(m_maintenanceClock.elapsed() / 1000.0)));
}

bool FirstBackupPage::isComplete() const
{
    return m_done;
}

} // namespace ncb::ui
