#include "Format.h"

#include "settings/InstanceConfig.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace ncb::ui {

QString Format::bytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString Format::rate(double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return QString();
    return tr("%1/s").arg(bytes(qint64(bytesPerSecond)));
}

QString Format::duration(double seconds)
{
    if (seconds < 0)
        return QString();
    // Short maintenance windows matter: 0.4 s is not "0 s".
    if (seconds < 9.95)
        return tr("%1 s").arg(QLocale().toString(seconds, 'f', 1));
    const qint64 s = qint64(std::llround(seconds));
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (s < 86400)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    return tr("%n day(s) %1 h", nullptr, int(s / 86400)).arg((s % 86400) / 3600);
}

QString Format::dateTime(const QDateTime& t)
{
    if (!t.isValid())
        return tr("never");
    return QLocale().toString(t.toLocalTime(), QLocale::ShortFormat); // times from the catalog are UTC
}

QString Format::relative(const QDateTime& t, const QDateTime& now)
{
    if (!t.isValid())
        return tr("never");
    const qint64 secs = now.secsTo(t);
    const qint64 a = std::abs(secs);
    QString span;
    if (a < 60)
        return tr("just now");
    if (a < 3600)
        span = tr("%n min", nullptr, int(a / 60));
    else if (a < 86400)
        span = tr("%n h", nullptr, int(a / 3600));
    else
        span = tr("%n day(s)", nullptr, int(a / 86400));
    return secs > 0 ? tr("in %1").arg(span) : tr("%1 ago").arg(span);
}

QString Format::host(const settings::InstanceConfig& c)
{
    return c.local ? tr("this machine") : c.hostLabel();
}

} // namespace ncb::ui
