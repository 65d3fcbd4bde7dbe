#pragma once
// ProgressPrinter: shows a core job's ncb::Progress on stderr — a one-line bar redrawn in place on a
// terminal, one JSON object per line with --json, nothing when stderr is neither.

#include "util/Progress.h"

namespace ncb::cli {

class ProgressPrinter
{
public:
    explicit ProgressPrinter(bool json);
    ~ProgressPrinter(); // ends the bar's line
    ProgressCallback callback();

private:
    void show(const Progress& p);
    bool m_json;
    bool m_tty;
    bool m_drawn = false;
};

} // namespace ncb::cli
