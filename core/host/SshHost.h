#pragma once
// SshHost: a host reached over SSH (libssh). One session, opened by connect(): TCP connect with a
// timeout, host key checked against known_hosts (unknown keys refused unless accepted, changed keys
// always refused), then public key auth with an identity file or ssh-agent. Commands run on exec
// channels, one after the other or several open at once, all on that one session.
//
// Threading: libssh sessions are not thread-safe. An SshHost and its streams belong to one thread at a
// time (the worker running the job); move between threads only while no stream is open. Streams must
// not outlive their SshHost.
//
// ~/.ssh/config is not read: host, port, user and key come from SshHost::Config only, so a run behaves
// the same from cron, the CLI and the GUI.

#include "host/Host.h"

#include <functional>
#include <optional>

struct ssh_session_struct;
struct ssh_callbacks_struct;

namespace ncb::host {

class SshHost : public Host
{
public:
    struct Config
    {
        QString host;
        int port = 22;
        QString user;         // empty: the local user name
        QString identityFile; // empty: ssh-agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa
        // Asked when a key file is encrypted; never on argv, never stored. nullopt = no passphrase.
        std::function<std::optional<QString>(const QString& keyFile)> passphrase;
        QString knownHostsFile;        // empty: ~/.ssh/known_hosts (and /etc/ssh/ssh_known_hosts)
        bool acceptNewHostKey = false; // --accept-new-host-key: trust an unknown key and remember it
        // GUI: asked with "SHA256:..." for an unknown key; true = trust and remember it.
        std::function<bool(const QString& fingerprint)> confirmHostKey;
        int connectTimeoutMs = 10000;
    };

    explicit SshHost(Config config);
    ~SshHost() override;
    SshHost(const SshHost&) = delete;
    SshHost& operator=(const SshHost&) = delete;

    QString displayName() const override; // user@host:port
    QString loginUser() const override;
    Status connect() override;
    void disconnect();
    bool isConnected() const { return m_session != nullptr; }
    // SHA256:... of the server's host key, once connected (or refused for its key).
    QString hostKeyFingerprint() const { return m_fingerprint; }
    // The cipher the session negotiated (client to server), e.g. "aes128-gcm@openssh.com".
    QString cipher() const;

protected:
    Result<std::unique_ptr<ExecStream>> startRaw(const QString& commandLine,
                                                 const ExecOptions& options) override;

private:
    Status checkHostKey();
    Status authenticate();
    QString hostPort() const;
    QString knownHostsPath() const;

    Config m_config;
    QString m_user;
    ssh_session_struct* m_session = nullptr;
    std::unique_ptr<ssh_callbacks_struct> m_callbacks;
    QString m_fingerprint;
};

} // namespace ncb::host
