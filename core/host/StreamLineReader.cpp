#include "host/StreamLineReader.h"

namespace ncb::host {

Result<std::optional<QByteArray>> StreamLineReader::next()
{
    for (;;) {
        const qsizetype at = m_buf.indexOf(m_sep, m_pos);
        if (at >= 0) {
            QByteArray rec = m_buf.mid(m_pos, at - m_pos);
            m_pos = at + 1;
            return std::optional<QByteArray>(std::move(rec));
        }
        if (m_eof) {
            if (m_pos >= m_buf.size())
                return std::optional<QByteArray>();
            QByteArray rec = m_buf.mid(m_pos);
            m_buf.clear();
            m_pos = 0;
            return std::optional<QByteArray>(std::move(rec));
        }
        if (m_buf.size() - m_pos > m_max)
            return Error::make(
                Error::Remote,
                QStringLiteral("A command printed a line longer than %1 MiB.").arg(m_max >> 20));
        // Drop what was consumed before reading more, so the buffer holds about one read's worth.
        m_buf.remove(0, m_pos);
        m_pos = 0;
        const qsizetype old = m_buf.size();
        m_buf.resize(old + 256 * 1024);
        const qint64 n = m_stream.read(m_buf.data() + old, 256 * 1024);
        m_buf.resize(old + qMax<qint64>(n, 0));
        if (n < 0)
            return m_stream.error();
        if (n == 0)
            m_eof = true;
    }
}

} // namespace ncb::host
