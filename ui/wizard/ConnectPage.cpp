#include "wizard/ConnectPage.h"

#include "wizard/SetupWizard.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncb::ui {

ConnectPage::ConnectPage(SetupWizard* wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("connectPage"));
    setTitle(tr("Connect to the server"));
    setSubTitle(tr("Make sure you are talking to your server and not to an impostor."));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("connectStatus"));
    m_status->setWordWrap(true);
    m_fingerprint = new QLabel(this);
    m_fingerprint->setObjectName(QStringLiteral("fingerprint"));
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setFrameShape(QFrame::StyledPanel);
    m_fingerprint->setMargin(10);
    m_explain = new QLabel(
        tr("Compare it with the output of <tt>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</tt> "
           "run on the server itself, or ask its administrator."),
        this);
    m_explain->setWordWrap(true);
    m_accept = new QCheckBox(tr("I checked this fingerprint and trust this server"), this);
    m_accept->setObjectName(QStringLiteral("acceptHostKey"));
    m_retry = new QPushButton(tr("Try again"), this);
    m_retry->setObjectName(QStringLiteral("retryConnect"));
    connect(m_retry, &QPushButton::clicked, this, &ConnectPage::probe);
    connect(m_accept, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_fingerprint);
    layout->addWidget(m_explain);
    layout->addSpacing(8);
    layout->addWidget(m_accept);
    layout->addWidget(m_retry, 0, Qt::AlignLeft);
    layout->addStretch(1);
}

void ConnectPage::initializePage()
{
    probe();
}

void ConnectPage::cleanupPage()
{
    if (m_job)
        m_job->cancel();
    m_accept->setChecked(false);
}

void ConnectPage::probe()
{
    m_probed = false;
    m_accept->setChecked(false);
    m_accept->setVisible(false);
    m_fingerprint->setVisible(false);
    m_explain->setVisible(false);
    m_retry->setVisible(false);
    const HostTarget& t = m_wizard->target;
    m_status->setText(tr("Connecting to %1@%2, port %3…").arg(t.user, t.host).arg(t.port));
    if (m_job)
        m_job->deleteLater();
    m_job = m_wizard->backend()->probeHost(t);
    m_job->setParent(this);
    connect(m_job, &Job::finished, this, [this, job = m_job](const Status& s) {
        if (job != m_job)
            return;
        if (!s.ok()) {
            m_status->setText(tr("<b>Could not connect.</b> %1").arg(s.error().message.toHtmlEscaped()));
            m_retry->setVisible(true);
            emit completeChanged();
            return;
        }
        m_wizard->hostKey = *job->value();
        m_probed = true;
        const HostKeyInfo& k = m_wizard->hostKey;
        m_status->setText(
            k.alreadyKnown ? tr("The server answered with the key you already trust (%1):").arg(k.keyType)
                           : tr("The server presented this %1 host key, which this computer has never seen:")
                                 .arg(k.keyType));
        m_fingerprint->setText(k.fingerprint);
        m_fingerprint->setVisible(true);
        m_explain->setVisible(!k.alreadyKnown);
        m_accept->setVisible(true);
        m_accept->setChecked(k.alreadyKnown);
        emit completeChanged();
    });
    m_job->start();
    emit completeChanged();
}

bool ConnectPage::isComplete() const
{
    return m_probed && m_accept->isChecked();
}

bool ConnectPage::validatePage()
{
    return isComplete();
}

} // namespace ncb::ui
