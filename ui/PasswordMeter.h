#pragma once
// PasswordMeter: the coloured bar under a new password field (wizard, change password), from red
// (very weak) to green (very strong), filled by the password's estimated entropy.

#include "util/PasswordStrength.h"

#include <QProgressBar>

namespace ncb::ui {

class PasswordMeter : public QProgressBar
{
public:
    explicit PasswordMeter(QWidget* parent = nullptr);
    // Shows how strong `password` is and returns its level.
    PasswordStrength::Level showStrength(const QString& password);
};

} // namespace ncb::ui
