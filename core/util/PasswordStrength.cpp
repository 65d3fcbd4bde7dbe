#include "util/PasswordStrength.h"

#include <QSet>
#include <QStringList>
#include <cmath>

namespace ncb {

namespace {
const QStringList& commonWords()
{
    static const QStringList words = {
        QStringLiteral("password"),  QStringLiteral("passwort"), QStringLiteral("motdepasse"),
        QStringLiteral("nextcloud"), QStringLiteral("admin"),    QStringLiteral("qwerty"),
        QStringLiteral("azerty"),    QStringLiteral("letmein"),  QStringLiteral("welcome"),
        QStringLiteral("backup"),    QStringLiteral("secret"),   QStringLiteral("iloveyou"),
        QStringLiteral("dragon"),    QStringLiteral("monkey"),   QStringLiteral("123456")};
    return words;
}
} // namespace

double PasswordStrength::entropyBits(const QString& password)
{
    if (password.isEmpty())
        return 0;
    QString rest = password.toLower();
    double bits = 0;
    // A common word counts as one pick from a small dictionary, not as its letters.
    for (const QString& w : commonWords()) {
        int at;
        while ((at = rest.indexOf(w)) >= 0) {
            rest.remove(at, w.size());
            bits += 10;
        }
    }
    bool lower = false, upper = false, digit = false, symbol = false, other = false;
    for (QChar c : password) {
        if (c.isLower() && c.unicode() < 128)
            lower = true;
        else if (c.isUpper() && c.unicode() < 128)
            upper = true;
        else if (c.isDigit() && c.unicode() < 128)
            digit = true;
        else if (c.unicode() < 128)
            symbol = true;
        else
            other = true;
    }
    int pool = 0;
    pool += lower ? 26 : 0;
    pool += upper ? 26 : 0;
    pool += digit ? 10 : 0;
    pool += symbol ? 33 : 0;
    pool += other ? 100 : 0;
    if (pool == 0)
        return bits;
    const double perChar = std::log2(double(pool));
    // Characters that repeat the previous one or continue a run (a→b, 4→5) add almost nothing.
    QChar prev;
    int prevStep = 0;
    for (int i = 0; i < rest.size(); ++i) {
        const QChar c = rest.at(i);
        const int step = i > 0 ? c.unicode() - prev.unicode() : 0;
        if (i > 0 && (step == 0 || ((step == 1 || step == -1) && step == prevStep)))
            bits += 1;
        else if (i > 0 && (step == 1 || step == -1))
            bits += perChar / 2;
        else
            bits += perChar;
        prevStep = step;
        prev = c;
    }
    return bits;
}

PasswordStrength::Level PasswordStrength::level(double bits)
{
    if (bits < 28)
        return VeryWeak;
    if (bits < 40)
        return Weak;
    if (bits < 60)
        return Fair;
    if (bits < 80)
        return Strong;
    return VeryStrong;
}

} // namespace ncb
