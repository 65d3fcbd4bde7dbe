#pragma once
// Progress of a long job, as reported by core jobs to the CLI (bar or JSON lines) and the GUI.

#include <QString>
#include <QtGlobal>

#include <functional>

namespace ncb {

struct Progress
{
    QString phase;          // "scan", "files", "maintenance", "db", "delta", "manifest", ...
    qint64 filesDone = 0;
    qint64 filesTotal = -1; // -1: unknown yet
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1;
    double bytesPerSecond = 0;
    double etaSeconds = -1; // -1: unknown
    QString current;        // the file or step being worked on
};

using ProgressCallback = std::function<void(const Progress&)>;
// Polled by long jobs; returning true asks them to stop at the next safe point.
using CancelCheck = std::function<bool()>;

} // namespace ncb
