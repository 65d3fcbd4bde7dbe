#include "wizard/RecoveryKeyPage.h"

#include "wizard/SetupWizard.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWizard>

namespace ncb::ui {

RecoveryKeyPage::RecoveryKeyPage(SetupWizard* wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(QStringLiteral("recoveryKeyPage"));
    setTitle(tr("Your recovery key"));
    setSubTitle(tr("If the password is ever lost, this key is the only way to open the backups. "
                   "It is shown only now."));
    setCommitPage(true); // the repository exists now: going back would not undo it
    setButtonText(QWizard::CommitButton, tr("Continue"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("recoveryStatus"));
    m_status->setWordWrap(true);
    m_key = new QLabel(this);
    m_key->setObjectName(QStringLiteral("recoveryKey"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(mono.pointSizeF() * 1.25);
    m_key->setFont(mono);
    m_key->setWordWrap(true);
    m_key->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_key->setFrameShape(QFrame::StyledPanel);
    m_key->setMargin(12);
    m_key->setAlignment(Qt::AlignCenter);
    m_copy = new QPushButton(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy"), this);
    m_save = new QPushButton(QIcon::fromTheme(QStringLiteral("document-save")), tr("Save to a file…"), this);
    m_retry = new QPushButton(tr("Try again"), this);
    m_saved =
        new QCheckBox(tr("I saved the recovery key in a safe place (a password manager or on paper)"), this);
    m_saved->setObjectName(QStringLiteral("savedRecoveryKey"));
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_wizard->created.recoveryKey); });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Save the recovery key"),
                                                       QStringLiteral("ncbackup-recovery-key.txt"));
        if (f.isEmpty())
            return;
        QFile out(f);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            out.write((m_wizard->created.recoveryKey + QLatin1Char('\n')).toUtf8()) < 0) {
            QMessageBox::warning(this, tr("Save the recovery key"),
                                 tr("Could not write %1: %2").arg(f, out.errorString()));
            return;
        }
        out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    });
    connect(m_retry, &QPushButton::clicked, this, &RecoveryKeyPage::create);
    connect(m_saved, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_copy);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_key);
    layout->addLayout(buttons);
    layout->addSpacing(8);
    layout->addWidget(m_saved);
    layout->addWidget(m_retry, 0, Qt::AlignLeft);
    layout->addStretch(1);
}

void RecoveryKeyPage::initializePage()
{
    if (!m_created)
        create();
}

void RecoveryKeyPage::create()
{
    m_saved->setChecked(false);
    for (QWidget* w :
         {static_cast<QWidget*>(m_key), static_cast<QWidget*>(m_copy), static_cast<QWidget*>(m_save),
          static_cast<QWidget*>(m_saved), static_cast<QWidget*>(m_retry)})
        w->setVisible(false);
    m_status->setText(tr("Creating the encrypted repository in %1…").arg(m_wizard->repository.location));
    m_job = m_wizard->backend()->createRepository(m_wizard->repository);
    m_job->setParent(this);
    connect(m_job, &Job::finished, this, [this, job = m_job](const Status& s) {
        job->deleteLater();
        if (!s.ok()) {
            m_status->setText(tr("<b>The repository could not be created.</b><br>%1")
                                  .arg(s.error().message.toHtmlEscaped()));
            m_retry->setVisible(true);
            return;
        }
        m_wizard->created = *job->value();
        m_wizard->repository.password.fill('\0'); // the keychain has it now
        m_wizard->repository.password.clear();
        m_created = true;
        QString text = tr("The repository is ready. Write this key down or store it in a password manager:");
        if (!m_wizard->created.note.isEmpty())
            text = QStringLiteral("<b>%1</b><br><br>%2").arg(m_wizard->created.note.toHtmlEscaped(), text);
        m_status->setText(text);
        m_key->setText(m_wizard->created.recoveryKey);
        for (QWidget* w : {static_cast<QWidget*>(m_key), static_cast<QWidget*>(m_copy),
                           static_cast<QWidget*>(m_save), static_cast<QWidget*>(m_saved)})
            w->setVisible(true);
        emit completeChanged();
    });
    m_job->start();
    emit completeChanged();
}

bool RecoveryKeyPage::isComplete() const
{
    return m_created && m_saved->isChecked();
}

} // namespace ncb::ui
