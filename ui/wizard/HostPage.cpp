#include "wizard/HostPage.h"

#include "wizard/SetupWizard.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ncb::ui {

namespace {
QWidget* withBrowse(QLineEdit* edit, QWidget* parent, const std::function<void()>& browse)
{
    auto* w = new QWidget(parent);
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    auto* b = new QPushButton(HostPage::tr("Browse…"), w);
    QObject::connect(b, &QPushButton::clicked, w, browse);
    l->addWidget(b);
    return w;
}
} // namespace

HostPage::HostPage(SetupWizard* wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("hostPage"));
    setTitle(tr("Where does Nextcloud run?"));
    setSubTitle(
        tr("ncbackup reads the files, the database and the configuration of the instance from there."));

    m_local = new QRadioButton(tr("On this computer"), this);
    m_local->setObjectName(QStringLiteral("localRadio"));
    m_ssh = new QRadioButton(tr("On another computer, over SSH"), this);
    m_ssh->setObjectName(QStringLiteral("sshRadio"));
    m_local->setChecked(true);

    m_localBox = new QWidget(this);
    auto* lf = new QFormLayout(m_localBox);
    lf->setContentsMargins(24, 0, 0, 0);
    m_serverRoot = new QLineEdit(m_localBox);
    m_serverRoot->setObjectName(QStringLiteral("serverRoot"));
    m_serverRoot->setPlaceholderText(QStringLiteral("/var/www/nextcloud"));
    lf->addRow(tr("Nextcloud folder:"), withBrowse(m_serverRoot, m_localBox, [this] {
                   const QString d =
                       QFileDialog::getExistingDirectory(this, tr("Nextcloud folder"), m_serverRoot->text());
                   if (!d.isEmpty())
                       m_serverRoot->setText(d);
               }));

    m_sshBox = new QWidget(this);
    auto* sf = new QFormLayout(m_sshBox);
    sf->setContentsMargins(24, 0, 0, 0);
    m_host = new QLineEdit(m_sshBox);
    m_host->setObjectName(QStringLiteral("sshHost"));
    m_host->setPlaceholderText(QStringLiteral("cloud.example.org"));
    m_port = new QSpinBox(m_sshBox);
    m_port->setObjectName(QStringLiteral("sshPort"));
    m_port->setRange(1, 65535);
    m_port->setValue(22);
    m_user = new QLineEdit(m_sshBox);
    m_user->setObjectName(QStringLiteral("sshUser"));
    m_user->setPlaceholderText(QStringLiteral("backup"));
    m_keyFile = new QLineEdit(m_sshBox);
    m_keyFile->setObjectName(QStringLiteral("sshKeyFile"));
    m_keyFile->setText(QDir::home().filePath(QStringLiteral(".ssh/id_ed25519")));
    sf->addRow(tr("Host:"), m_host);
    sf->addRow(tr("Port:"), m_port);
    sf->addRow(tr("User:"), m_user);
    sf->addRow(tr("Private key:"), withBrowse(m_keyFile, m_sshBox, [this] {
                   const QString f = QFileDialog::getOpenFileName(this, tr("Private key"), m_keyFile->text());
                   if (!f.isEmpty())
                       m_keyFile->setText(f);
               }));
    m_remoteRoot = new QLineEdit(m_sshBox);
    m_remoteRoot->setObjectName(QStringLiteral("sshServerRoot"));
    m_remoteRoot->setPlaceholderText(tr("found automatically"));
    sf->addRow(tr("Nextcloud folder:"), m_remoteRoot);

    // The files of a real server belong to the web server's user: commands run as that user through
    // a NOPASSWD sudo rule (sudo -n -u), on this computer as over SSH.
    auto* sudoBox = new QWidget(this);
    auto* sudoForm = new QFormLayout(sudoBox);
    sudoForm->setContentsMargins(0, 0, 0, 0);
    m_sudoUser = new QLineEdit(sudoBox);
    m_sudoUser->setObjectName(QStringLiteral("sudoUser"));
    m_sudoUser->setPlaceholderText(tr("e.g. www-data (leave empty to run as the login user)"));
    m_sudoUser->setToolTip(tr("Nextcloud's files usually belong to the web server's user. ncbackup then runs occ, "
                              "tar, find and the database dump through \"sudo -n -u USER\", which needs a "
                              "NOPASSWD sudo rule for the login user."));
    sudoForm->addRow(tr("Run commands as:"), m_sudoUser);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_local);
    layout->addWidget(m_localBox);
    layout->addSpacing(8);
    layout->addWidget(m_ssh);
    layout->addWidget(m_sshBox);
    layout->addSpacing(8);
    layout->addWidget(sudoBox);
    layout->addStretch(1);

    for (QLineEdit* e : {m_serverRoot, m_host, m_user, m_keyFile})
        connect(e, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_local, &QRadioButton::toggled, this, &HostPage::updateMode);
    updateMode();
}

void HostPage::updateMode()
{
    m_localBox->setEnabled(m_local->isChecked());
    m_sshBox->setEnabled(m_ssh->isChecked());
    emit completeChanged();
}

bool HostPage::isComplete() const
{
    if (m_local->isChecked())
        return !m_serverRoot->text().trimmed().isEmpty();
    return !m_host->text().trimmed().isEmpty() && !m_user->text().trimmed().isEmpty() &&
           !m_keyFile->text().trimmed().isEmpty();
}

bool HostPage::validatePage()
{
    HostTarget t;
    t.local = m_local->isChecked();
    t.serverRoot = (t.local ? m_serverRoot : m_remoteRoot)->text().trimmed();
    t.sudoUser = m_sudoUser->text().trimmed();
    if (!t.local) {
        t.host = m_host->text().trimmed();
        t.port = m_port->value();
        t.user = m_user->text().trimmed();
        t.keyFile = m_keyFile->text().trimmed();
    }
    m_wizard->target = t;
    return true;
}

int HostPage::nextId() const
{
    return m_local->isChecked() ? SetupWizard::DiscoveryPageId : SetupWizard::ConnectPageId;
}

} // namespace ncb::ui
