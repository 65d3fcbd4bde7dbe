#pragma once
// How the Nextcloud tests reach the fixture host: this machine, over the test sshd (as ncbtest, who owns
// the fixture), or over the sshd through `sudo -n -u www-data` (the fixture owned by www-data).

#include "../host/SshTestEnv.h"
#include "host/LocalHost.h"
#include "host/SshHost.h"

#include <memory>

enum class Via { Local, Ssh, Sudo };

inline Via viaFromString(const QString& s)
{
    if (s == QLatin1String("ssh"))
        return Via::Ssh;
    if (s == QLatin1String("sudo"))
        return Via::Sudo;
    return Via::Local;
}

// The user that must own the fixture for occ to run ("" = the test's own user).
inline QString fixtureOwner(Via via)
{
    switch (via) {
    case Via::Local: return {};
    case Via::Ssh: return QStringLiteral("ncbtest");
    case Via::Sudo: return QStringLiteral("www-data");
    }
    return {};
}

// nullptr plus a reason when the sshd is not configured.
inline std::unique_ptr<ncb::host::Host> makeTestHost(Via via, QString* whyNot)
{
    if (via == Via::Local)
        return std::make_unique<ncb::host::LocalHost>();
    SshTestEnv env;
    const QString missing = env.load();
    if (!missing.isEmpty()) {
        *whyNot = missing;
        return nullptr;
    }
    auto h = std::make_unique<ncb::host::SshHost>(env.config());
    if (via == Via::Sudo)
        h->setRunAs(QStringLiteral("www-data"));
    return h;
}
