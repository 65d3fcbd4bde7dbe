#pragma once
// SampleData: a plausible backup history and file tree for GUI tests and screenshots.

#include "InstanceSummary.h"
#include "TimelineEntry.h"

#include <QList>
#include <memory>

class MemoryCatalog;

namespace SampleData {
// Two months of history ending at `end`: a full backup every 4 weeks, daily incrementals, two failures.
QList<ncb::ui::TimelineEntry> timeline(const QDateTime& end);
std::shared_ptr<MemoryCatalog> catalog();
QList<ncb::ui::InstanceSummary> instances(const QDateTime& now);
} // namespace SampleData
