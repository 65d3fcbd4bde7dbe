#pragma once
// StreamLineReader: records (lines, or NUL-terminated names) pulled one at a time from a command's
// stdout, for output too long to hold (occ listings, find without -printf, dump progress).

#include "host/Host.h"

#include <optional>

namespace ncb::host {

class StreamLineReader
{
public:
    explicit StreamLineReader(ExecStream& stream, char separator = '\n',
                              qsizetype maxRecord = 16 * 1024 * 1024)
        : m_stream(stream), m_sep(separator), m_max(maxRecord)
    {
    }

    // The next record without its separator; nullopt at the end of the output. A last record without
    // separator is returned as is. Longer than maxRecord: Error::Remote.
    Result<std::optional<QByteArray>> next();

private:
    ExecStream& m_stream;
    char m_sep;
    qsizetype m_max;
    QByteArray m_buf;
    qsizetype m_pos = 0;
    bool m_eof = false;
};

} // namespace ncb::host
