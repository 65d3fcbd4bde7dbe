#include "PasswordMeter.h"

#include <QColor>
#include <QPalette>

#include <algorithm>

namespace ncb::ui {

PasswordMeter::PasswordMeter(QWidget* parent) : QProgressBar(parent)
{
    setRange(0, 100);
    setTextVisible(false);
    setMaximumHeight(8);
}

PasswordStrength::Level PasswordMeter::showStrength(const QString& password)
{
    static const QColor colors[] = {QColor(0xd1, 0x24, 0x2f), QColor(0xe0, 0x6c, 0x00), QColor(0xd9, 0xa4, 0x00),
                                    QColor(0x6a, 0xa8, 0x3c), QColor(0x2e, 0x9d, 0x4f)};
    const double bits = PasswordStrength::entropyBits(password);
    const auto level = PasswordStrength::level(bits);
    setValue(std::min(100, int(bits * 100 / 90)));
    QPalette pal = palette();
    pal.setColor(QPalette::Highlight, colors[level]);
    setPalette(pal);
    return level;
}

} // namespace ncb::ui
