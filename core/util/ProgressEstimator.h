#pragma once
// ProgressEstimator: transfer rate and time left from a sliding window of (time, bytes done) samples.
// A steady stream gives a steady rate; a stall lowers it; unknown totals give no ETA.

#include "util/Progress.h"

#include <QtGlobal>
#include <deque>

namespace ncb {

class ProgressEstimator
{
public:
    explicit ProgressEstimator(qint64 windowMs = 10000) : m_windowMs(windowMs) {}

    void reset() { m_samples.clear(); }
    // Adds one sample; timestamps must not go backwards (a monotonic clock in milliseconds).
    void addSample(qint64 timeMs, qint64 bytesDone);
    // Bytes per second over the window; 0 while there are fewer than two samples or no time passed.
    double bytesPerSecond() const;
    // Seconds left for `bytesTotal`; -1 when the total or the rate is unknown.
    double etaSeconds(qint64 bytesDone, qint64 bytesTotal) const;
    // Fills rate and ETA of `p` (unless the job already set them) after adding its sample.
    Progress update(qint64 timeMs, Progress p);

private:
    struct Sample
    {
        qint64 timeMs;
        qint64 bytes;
    };
    qint64 m_windowMs;
    std::deque<Sample> m_samples;
};

} // namespace ncb
