#pragma once
// Format: how sizes, rates, durations and times read in every view, so they read the same everywhere.

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace ncb::settings {
struct InstanceConfig;
}

namespace ncb::ui {

class Format
{
    Q_DECLARE_TR_FUNCTIONS(Format)
public:
    static QString bytes(qint64 bytes);
    static QString rate(double bytesPerSecond);
    static QString duration(double seconds);     // "2 h 05 min", "4 min 10 s", "12 s"
    static QString dateTime(const QDateTime& t); // locale short format
    static QString relative(const QDateTime& t, const QDateTime& now = QDateTime::currentDateTime());
    static QString host(const settings::InstanceConfig& c); // "this machine" (translated) or user@host[:port]
};

} // namespace ncb::ui
