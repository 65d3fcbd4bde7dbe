#pragma once
// PasswordStrength: a small entropy estimate for the repository password, used by the wizard's meter
// and the CLI's warning. It counts the character classes used, discounts repeats, runs such as "abcd"
// or "1234" and a handful of words every cracking list starts with. An estimate, not a guarantee.

#include <QString>

namespace ncb {

class PasswordStrength
{
public:
    enum Level { VeryWeak, Weak, Fair, Strong, VeryStrong };
    static double entropyBits(const QString& password);
    static Level level(double bits);
};

} // namespace ncb
