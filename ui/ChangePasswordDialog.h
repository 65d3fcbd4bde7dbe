#pragma once
// ChangePasswordDialog: change the password of an instance's repository. Asks for the current password
// (checked by the core: a wrong one changes nothing) and the new one twice, with the wizard's strength
// meter; the work (unlock, re-wrap the master key, refresh the keychain entry) runs as a job the
// caller starts, so the dialog only shows its outcome. The fields are cleared once the job has them.

#include "util/Job.h"

#include <QDialog>
#include <QPointer>
#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ncb::ui {

class PasswordMeter;

class ChangePasswordDialog : public QDialog
{
    Q_OBJECT
public:
    // Starts the change with (current, new) password; returns the job to follow, or nullptr.
    using Starter = std::function<Job*(const QByteArray& current, const QByteArray& next)>;

    ChangePasswordDialog(const QString& instanceName, QWidget* parent = nullptr);
    void setStarter(Starter starter) { m_starter = std::move(starter); }

    QLineEdit* currentEdit() const { return m_current; }
    QLineEdit* newEdit() const { return m_new; }
    QLineEdit* confirmEdit() const { return m_confirm; }
    QPushButton* changeButton() const { return m_change; }
    QString message() const; // the last outcome shown ("" before the first try)
    bool succeeded() const { return m_done; }

signals:
    void passwordChanged();

private:
    void updateState();
    void start();

    Starter m_starter;
    QPointer<Job> m_job;
    bool m_done = false;
    QLineEdit* m_current;
    QLineEdit* m_new;
    QLineEdit* m_confirm;
    PasswordMeter* m_meter;
    QLabel* m_strength;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_change;
};

} // namespace ncb::ui
