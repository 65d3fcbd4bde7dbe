#include "wizard/DiscoveryPage.h"

#include "Format.h"
#include "wizard/SetupWizard.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncb::ui {

DiscoveryPage::DiscoveryPage(SetupWizard* wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("discoveryPage"));
    setTitle(tr("What ncbackup found"));
    setSubTitle(tr("Check that this is the instance you want to back up."));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("discoveryStatus"));
    m_status->setWordWrap(true);
    m_details = new QWidget(this);
    auto* form = new QFormLayout(m_details);
    form->setContentsMargins(0, 8, 0, 8);
    auto label = [this] {
        auto* l = new QLabel(m_details);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    m_name = label();
    m_version = label();
    m_root = label();
    m_dataDir = label();
    m_db = label();
    m_size = label();
    m_users = label();
    form->addRow(tr("Instance:"), m_name);
    form->addRow(tr("Nextcloud version:"), m_version);
    form->addRow(tr("Server folder:"), m_root);
    form->addRow(tr("Data folder:"), m_dataDir);
    form->addRow(tr("Database:"), m_db);
    form->addRow(tr("Data size:"), m_size);
    form->addRow(tr("Users:"), m_users);
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("discoveryWarnings"));
    m_warnings->setWordWrap(true);
    m_retry = new QPushButton(tr("Try again"), this);
    connect(m_retry, &QPushButton::clicked, this, &DiscoveryPage::discover);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_details);
    layout->addWidget(m_warnings);
    layout->addWidget(m_retry, 0, Qt::AlignLeft);
    layout->addStretch(1);
}

void DiscoveryPage::initializePage()
{
    discover();
}

void DiscoveryPage::cleanupPage()
{
    if (m_job)
        m_job->cancel();
}

void DiscoveryPage::discover()
{
    m_found = false;
    m_details->setVisible(false);
    m_warnings->setVisible(false);
    m_retry->setVisible(false);
    const HostTarget& t = m_wizard->target;
    m_status->setText(t.local ? tr("Looking at %1…").arg(t.serverRoot)
                              : tr("Looking for Nextcloud on %1…").arg(t.host));
    if (m_job)
        m_job->deleteLater();
    m_job = m_wizard->backend()->discoverInstance(t, m_wizard->hostKey.fingerprint);
    m_job->setParent(this);
    connect(m_job, &Job::finished, this, [this, job = m_job](const Status& s) {
        if (job != m_job)
            return;
        if (!s.ok()) {
            m_status->setText(tr("<b>No Nextcloud instance could be read there.</b><br>%1")
                                  .arg(s.error().message.toHtmlEscaped()));
            m_retry->setVisible(true);
            emit completeChanged();
            return;
        }
        const DiscoveredInstance& d = *job->value();
        m_wizard->instance = d;
        m_status->setText(tr("Nextcloud was found."));
        m_name->setText(d.name);
        m_version->setText(d.version);
        m_root->setText(d.serverRoot);
        m_dataDir->setText(d.dataDir);
        m_db->setText(d.dbType);
        m_size->setText(d.dataBytes >= 0 ? Format::bytes(d.dataBytes) : tr("unknown"));
        m_users->setText(d.users >= 0 ? QLocale().toString(d.users) : tr("unknown"));
        m_details->setVisible(true);
        if (!d.warnings.isEmpty()) {
            QStringList items;
            for (const QString& w : d.warnings)
                items << QStringLiteral("<li>%1</li>").arg(w.toHtmlEscaped());
            m_warnings->setText(tr("<b>Worth knowing:</b><ul>%1</ul>").arg(items.join(QString())));
            m_warnings->setVisible(true);
        }
        m_found = true;
        emit completeChanged();
    });
    m_job->start();
    emit completeChanged();
}

bool DiscoveryPage::isComplete() const
{
    return m_found;
}

} // namespace ncb::ui
