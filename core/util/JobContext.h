#pragma once
// JobContext: what a job's work function sees while it runs on a pool thread: a way to report
// progress (delivered to the job's owner thread, coalesced) and to learn that the user cancelled.

#include "util/Progress.h"

#include <atomic>
#include <functional>

namespace ncb {

class JobContext
{
public:
    JobContext(std::function<void(const Progress&)> report, const std::atomic_bool* cancelled)
        : m_report(std::move(report)), m_cancelled(cancelled)
    {
    }
    // Thread-safe; cheap enough to call per file: only the latest value is delivered.
    void report(const Progress& p) const { m_report(p); }
    bool isCancelled() const { return m_cancelled->load(std::memory_order_relaxed); }
    // Adapters for core APIs that take the plain callback types of util/Progress.h.
    ProgressCallback progressCallback() const { return m_report; }
    CancelCheck cancelCheck() const
    {
        const auto* flag = m_cancelled;
        return [flag] { return flag->load(std::memory_order_relaxed); };
    }

private:
    std::function<void(const Progress&)> m_report;
    const std::atomic_bool* m_cancelled;
};

} // namespace ncb
