#include "ProgressPrinter.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace ncb::cli {

ProgressPrinter::ProgressPrinter(bool json) : m_json(json), m_tty(::isatty(2)) {}

ProgressPrinter::~ProgressPrinter()
{
    if (m_drawn)
        std::fputs("\n", stderr);
}

ProgressCallback ProgressPrinter::callback()
{
    if (!m_json && !m_tty)
        return {};
    return [this](const Progress& p) { show(p); };
}

static QString human(double bytes)
{
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1024 && u < 4) {
        bytes /= 1024;
        ++u;
    }
    return QString::number(bytes, 'f', u ? 1 : 0) + QLatin1Char(' ') + QLatin1String(units[u]);
}

void ProgressPrinter::show(const Progress& p)
{
    if (m_json) {
        QJsonObject o{{QStringLiteral("phase"), p.phase},       {QStringLiteral("files_done"), p.filesDone},
                      {QStringLiteral("files_total"), p.filesTotal}, {QStringLiteral("bytes_done"), p.bytesDone},
                      {QStringLiteral("bytes_total"), p.bytesTotal}, {QStringLiteral("bytes_per_second"), p.bytesPerSecond},
                      {QStringLiteral("eta_seconds"), p.etaSeconds}, {QStringLiteral("current"), p.current}};
        std::fprintf(stderr, "%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        std::fflush(stderr);
        return;
    }
    QString line = p.phase + QLatin1Char(' ');
    if (p.bytesTotal > 0) {
        const int width = 20;
        const int filled = int(width * std::min(1.0, double(p.bytesDone) / double(p.bytesTotal)));
        line += QLatin1Char('[') + QString(filled, u'#') + QString(width - filled, u'.') + QStringLiteral("] ");
    }
    line += QStringLiteral("%1 files, %2").arg(p.filesDone).arg(human(double(p.bytesDone)));
    if (p.bytesPerSecond > 0)
        line += QStringLiteral(", %1/s").arg(human(p.bytesPerSecond));
    if (p.etaSeconds >= 0)
        line += QStringLiteral(", ETA %1s").arg(qint64(p.etaSeconds));
    if (!p.current.isEmpty())
        line += QStringLiteral("  ") + p.current.right(40);
    std::fprintf(stderr, "\r\033[K%s", line.left(200).toLocal8Bit().constData());
    std::fflush(stderr);
    m_drawn = true;
}

} // namespace ncb::cli
