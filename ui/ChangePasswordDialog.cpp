#include "ChangePasswordDialog.h"

#include "PasswordMeter.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncb::ui {

namespace {
void wipe(QLineEdit* e)
{
    // QLineEdit keeps no history in Password mode; clearing drops its copy of the text.
    e->clear();
}
} // namespace

ChangePasswordDialog::ChangePasswordDialog(const QString& instanceName, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("changePasswordDialog"));
    setWindowTitle(tr("Change the repository password — %1").arg(instanceName));
    auto* intro = new QLabel(tr("The repository of %1 gets a new password. Its data is not re-encrypted, the "
                                "recovery key stays valid, and the old password no longer opens it.")
                                 .arg(instanceName.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_current = new QLineEdit(this);
    m_current->setObjectName(QStringLiteral("currentPassword"));
    m_current->setEchoMode(QLineEdit::Password);
    m_new = new QLineEdit(this);
    m_new->setObjectName(QStringLiteral("newPassword"));
    m_new->setEchoMode(QLineEdit::Password);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(QStringLiteral("newPasswordConfirm"));
    m_confirm->setEchoMode(QLineEdit::Password);
    m_meter = new PasswordMeter(this);
    m_strength = new QLabel(this);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("changePasswordMessage"));
    m_message->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_change = m_buttons->addButton(tr("Change password"), QDialogButtonBox::AcceptRole);
    m_change->setObjectName(QStringLiteral("changePasswordButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_done)
            accept();
        else
            start();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(tr("Current password:"), m_current);
    form->addRow(tr("New password:"), m_new);
    form->addRow(QString(), m_meter);
    form->addRow(QString(), m_strength);
    form->addRow(tr("Repeat new password:"), m_confirm);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    for (QLineEdit* e : {m_current, m_new, m_confirm})
        connect(e, &QLineEdit::textChanged, this, &ChangePasswordDialog::updateState);
    updateState();
    resize(520, sizeHint().height());
}

QString ChangePasswordDialog::message() const
{
    return m_message->text();
}

void ChangePasswordDialog::updateState()
{
    if (m_done)
        return;
    const auto level = m_meter->showStrength(m_new->text());
    QString hint;
    if (!m_new->text().isEmpty() && level == PasswordStrength::VeryWeak)
        hint = tr("Very weak — easy to guess");
    else if (!m_confirm->text().isEmpty() && m_confirm->text() != m_new->text())
        hint = tr("The two passwords differ.");
    else if (!m_new->text().isEmpty() && m_new->text() == m_current->text())
        hint = tr("The new password is the current one.");
    m_strength->setText(hint);
    const bool busy = m_job && m_job->state() != Job::State::Finished;
    m_change->setEnabled(!busy && !m_current->text().isEmpty() && !m_new->text().isEmpty() &&
                         m_new->text() == m_confirm->text() && m_new->text() != m_current->text() &&
                         level > PasswordStrength::VeryWeak);
}

void ChangePasswordDialog::start()
{
    if (!m_starter || !m_change->isEnabled())
        return;
    const QByteArray current = m_current->text().toUtf8();
    const QByteArray next = m_new->text().toUtf8();
    m_job = m_starter(current, next);
    if (!m_job)
        return; // the starter owns the job (a JobQueue), the dialog only follows it
    for (QLineEdit* e : {m_current, m_new, m_confirm})
        e->setEnabled(false);
    m_message->setText(tr("Changing the password…"));
    updateState();
    connect(m_job, &Job::finished, this, [this](const Status& s) {
        for (QLineEdit* e : {m_current, m_new, m_confirm})
            e->setEnabled(true);
        if (s.ok()) {
            m_done = true;
            for (QLineEdit* e : {m_current, m_new, m_confirm}) {
                wipe(e);
                e->setEnabled(false);
            }
            const QString note = m_job ? m_job->property("resultText").toString() : QString();
            m_message->setText(note);
            m_buttons->button(QDialogButtonBox::Cancel)->hide();
            m_change->setText(tr("Close"));
            m_change->setEnabled(true);
            emit passwordChanged();
        } else {
            m_message->setText(s.error().message);
            wipe(m_current);
            m_current->setFocus();
            updateState();
        }
    });
}

} // namespace ncb::ui
