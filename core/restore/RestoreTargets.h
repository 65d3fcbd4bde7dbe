#pragma once
// The two places RestorePlan restores into. HostRestoreTarget: a host, through its shell (one `find`
// round trip per folder for what is there, `cat` to read a file once). LocalRestoreTarget: a folder on
// this machine, every path opened one component at a time without following a symlink.

#include "host/Host.h"
#include "restore/RestorePlan.h"

namespace ncb::restore {

class HostRestoreTarget : public RestoreTarget
{
public:
    explicit HostRestoreTarget(host::Host& host) : m_host(host) {}
    QString where() const override { return m_host.displayName(); }
    Result<QHash<QByteArray, Existing>> probe(const QByteArray& base, const QList<QByteArray>& rels) override;
    Status read(const QByteArray& base, const QByteArray& rel, const std::function<Status(const char*, qint64)>& sink) override;
    // All files in one stream: each as one line of base64 (a file that cannot be read: whatever base64
    // managed, which then does not match), so no size taken before the read has to stay true.
    Status readEach(const QByteArray& base, const QList<QByteArray>& rels,
                    const std::function<void(qsizetype, const char*, qint64)>& data,
                    const std::function<void(qsizetype, bool)>& end) override;

private:
    host::Host& m_host;
};

class LocalRestoreTarget : public RestoreTarget
{
public:
    QString where() const override { return QStringLiteral("this machine"); }
    Result<QHash<QByteArray, Existing>> probe(const QByteArray& base, const QList<QByteArray>& rels) override;
    Status read(const QByteArray& base, const QByteArray& rel, const std::function<Status(const char*, qint64)>& sink) override;
};

} // namespace ncb::restore
