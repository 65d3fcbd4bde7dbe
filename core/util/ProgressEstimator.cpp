#include "util/ProgressEstimator.h"

namespace ncb {

void ProgressEstimator::addSample(qint64 timeMs, qint64 bytesDone)
{
    if (!m_samples.empty() && bytesDone < m_samples.back().bytes)
        m_samples.clear(); // the job restarted its count (a new phase): old samples mean nothing now
    if (!m_samples.empty() && timeMs == m_samples.back().timeMs) {
        m_samples.back().bytes = bytesDone;
    } else {
        m_samples.push_back({timeMs, bytesDone});
    }
    // Keep one sample older than the window so the window is always fully covered.
    while (m_samples.size() > 2 && m_samples[1].timeMs <= timeMs - m_windowMs)
        m_samples.pop_front();
}

double ProgressEstimator::bytesPerSecond() const
{
    if (m_samples.size() < 2)
        return 0;
    const auto& a = m_samples.front();
    const auto& b = m_samples.back();
    const qint64 dt = b.timeMs - a.timeMs;
    if (dt <= 0)
        return 0;
    return double(b.bytes - a.bytes) * 1000.0 / double(dt);
}

double ProgressEstimator::etaSeconds(qint64 bytesDone, qint64 bytesTotal) const
{
    if (bytesTotal < 0)
        return -1;
    if (bytesDone >= bytesTotal)
        return 0;
    const double rate = bytesPerSecond();
    if (rate <= 0)
        return -1;
    return double(bytesTotal - bytesDone) / rate;
}

Progress ProgressEstimator::update(qint64 timeMs, Progress p)
{
    addSample(timeMs, p.bytesDone);
    if (p.bytesPerSecond <= 0)
        p.bytesPerSecond = bytesPerSecond();
    if (p.etaSeconds < 0)
        p.etaSeconds = etaSeconds(p.bytesDone, p.bytesTotal);
    return p;
}

} // namespace ncb
