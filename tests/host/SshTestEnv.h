#pragma once
// The sshd the integration tests talk to, as scripts/test (tests/env) exports it. Missing variables make
// the tests fail with the name of what is missing: they never skip.

#include "host/SshHost.h"

#include <QProcessEnvironment>
#include <QStringList>

struct SshTestEnv
{
    QString host, user, key, knownHosts, fingerprint, otherKnownHosts;
    int port = 0;

    // Empty string when complete, else the names of the missing variables.
    QString load()
    {
        const auto env = QProcessEnvironment::systemEnvironment();
        QStringList missing;
        auto get = [&](const char* name) {
            const QString v = env.value(QLatin1String(name));
            if (v.isEmpty())
                missing << QLatin1String(name);
            return v;
        };
        host = get("NCB_SSH_HOST");
        port = get("NCB_SSH_PORT").toInt();
        user = get("NCB_SSH_USER");
        key = get("NCB_SSH_KEY");
        knownHosts = get("NCB_SSH_KNOWN_HOSTS");
        fingerprint = get("NCB_SSH_HOST_KEY_FP");
        otherKnownHosts = get("NCB_SSH_HOST_KEY_OTHER");
        if (missing.isEmpty())
            return {};
        return QStringLiteral(
                   "the test sshd is not configured (missing %1); run the tests through scripts/test")
            .arg(missing.join(QLatin1String(", ")));
    }

    ncb::host::SshHost::Config config() const
    {
        ncb::host::SshHost::Config c;
        c.host = host;
        c.port = port;
        c.user = user;
        c.identityFile = key;
        c.knownHostsFile = knownHosts;
        c.connectTimeoutMs = 5000;
        return c;
    }
};
