#pragma once
// Clock: where "now" comes from for every rule that depends on the time (is a backup due, is it
// overdue). The product uses Clock::system(); tests set a FixedClock and move it.

#include <QDateTime>

namespace ncb::schedule {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0;
    static const Clock& system();
};

class FixedClock : public Clock
{
public:
    explicit FixedClock(QDateTime t) : m_t(std::move(t)) {}
    QDateTime now() const override { return m_t; }
    void set(const QDateTime& t) { m_t = t; }
    void advanceSecs(qint64 s) { m_t = m_t.addSecs(s); }

private:
    QDateTime m_t;
};

} // namespace ncb::schedule
