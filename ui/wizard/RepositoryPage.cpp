#include "wizard/RepositoryPage.h"

#include "PasswordMeter.h"
#include "nextcloud/InstanceSetup.h"
#include "settings/InstanceConfig.h"
#include "wizard/SetupWizard.h"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncb::ui {

RepositoryPage::RepositoryPage(SetupWizard* wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("repositoryPage"));
    setTitle(tr("Where should the backups go?"));
    setSubTitle(tr("Everything is encrypted with your password before it leaves this computer. "
                   "Use another disk or another machine than the server."));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("instanceName"));
    m_name->setToolTip(tr("How ncbackup names this instance: letters, digits, '.', '_' and '-'."));
    m_nameProblem = new QLabel(this);
    m_nameProblem->setObjectName(QStringLiteral("instanceNameProblem"));
    m_location = new QLineEdit(this);
    m_location->setObjectName(QStringLiteral("repositoryLocation"));
    m_location->setPlaceholderText(tr("/media/backup/nextcloud or sftp://user@host/path"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString d =
            QFileDialog::getExistingDirectory(this, tr("Repository folder"), m_location->text());
        if (!d.isEmpty())
            m_location->setText(d);
    });
    auto* loc = new QHBoxLayout;
    loc->addWidget(m_location, 1);
    loc->addWidget(browse);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("repositoryPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("repositoryPasswordConfirm"));
    m_confirm->setEchoMode(QLineEdit::Password);
    m_meter = new PasswordMeter(this);
    m_meter->setObjectName(QStringLiteral("strengthMeter"));
    m_strength = new QLabel(this);
    m_strength->setObjectName(QStringLiteral("strengthLabel"));
    m_mismatch = new QLabel(this);
    m_mismatch->setObjectName(QStringLiteral("passwordMismatch"));
    QPalette pal = m_mismatch->palette();
    pal.setColor(QPalette::WindowText, QColor(0xd1, 0x24, 0x2f));
    m_mismatch->setPalette(pal);
    m_nameProblem->setPalette(pal);
    auto* keychain =
        new QLabel(tr("The password is kept in your system keychain so scheduled backups can run; "
                      "it is never written to a file."),
                   this);
    keychain->setWordWrap(true);
    keychain->setForegroundRole(QPalette::PlaceholderText);

    auto* form = new QFormLayout;
    form->addRow(tr("Instance name:"), m_name);
    form->addRow(QString(), m_nameProblem);
    form->addRow(tr("Location:"), loc);
    form->addRow(tr("Password:"), m_password);
    form->addRow(QString(), m_meter);
    form->addRow(QString(), m_strength);
    form->addRow(tr("Repeat password:"), m_confirm);
    form->addRow(QString(), m_mismatch);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(keychain);
    layout->addStretch(1);

    connect(m_location, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString& text) {
        const QString name = text.trimmed();
        const bool valid = settings::InstanceConfig::isValidName(name);
        m_nameProblem->setText(valid || name.isEmpty() ? QString()
                                                       : tr("Use only letters, digits, '.', '_' and '-' (at most 64)."));
        // the offered location follows the name until the user chose another one
        if (valid && m_location->text() == m_defaultLocation) {
            m_defaultLocation = nextcloud::InstanceSetup::defaultRepository(name);
            m_location->setText(m_defaultLocation);
        }
        emit completeChanged();
    });
    connect(m_password, &QLineEdit::textChanged, this, &RepositoryPage::updateStrength);
    connect(m_confirm, &QLineEdit::textChanged, this, &RepositoryPage::updateStrength);
    updateStrength();
}

void RepositoryPage::initializePage()
{
    if (m_name->text().isEmpty() && !m_wizard->instance.name.isEmpty()) {
        if (m_location->text().isEmpty()) {
            m_defaultLocation = nextcloud::InstanceSetup::defaultRepository(m_wizard->instance.name);
            m_location->setText(m_defaultLocation);
        }
        m_name->setText(m_wizard->instance.name);
    }
}

void RepositoryPage::updateStrength()
{
    const auto level = m_meter->showStrength(m_password->text());
    QString text;
    switch (level) {
    case PasswordStrength::VeryWeak:
        text = tr("Very weak — easy to guess");
        break;
    case PasswordStrength::Weak:
        text = tr("Weak — add words or characters");
        break;
    case PasswordStrength::Fair:
        text = tr("Fair");
        break;
    case PasswordStrength::Strong:
        text = tr("Strong");
        break;
    case PasswordStrength::VeryStrong:
        text = tr("Very strong");
        break;
    }
    if (m_password->text().isEmpty())
        text = tr("Choose a long password: four or more unrelated words work well.");
    m_strength->setText(text);
    m_mismatch->setText(!m_confirm->text().isEmpty() && m_confirm->text() != m_password->text()
                            ? tr("The two passwords differ.")
                            : QString());
    emit completeChanged();
}

bool RepositoryPage::isComplete() const
{
    // Very weak passwords are refused: the repository may sit on a disk others can read.
    return settings::InstanceConfig::isValidName(m_name->text().trimmed()) &&
           !m_location->text().trimmed().isEmpty() && !m_password->text().isEmpty() &&
           m_password->text() == m_confirm->text() &&
           PasswordStrength::level(PasswordStrength::entropyBits(m_password->text())) >
               PasswordStrength::VeryWeak;
}

bool RepositoryPage::validatePage()
{
    m_wizard->instance.name = m_name->text().trimmed();
    m_wizard->repository.name = m_wizard->instance.name;
    m_wizard->repository.location = m_location->text().trimmed();
    m_wizard->repository.password = m_password->text().toUtf8();
    return true;
}

} // namespace ncb::ui
