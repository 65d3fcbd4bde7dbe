#pragma once
// LocalHost: "this machine" as a Host — commands run under /bin/sh -c in a child process, with pipes
// for stdin/stdout/stderr polled by the calling thread (no event loop needed, usable from any worker).

#include "host/Host.h"

namespace ncb::host {

class LocalHost : public Host
{
public:
    LocalHost();
    QString displayName() const override;
    QString loginUser() const override;
    Status connect() override { return {}; }

protected:
    Result<std::unique_ptr<ExecStream>> startRaw(const QString& commandLine,
                                                 const ExecOptions& options) override;

private:
    QString m_user;
};

} // namespace ncb::host
