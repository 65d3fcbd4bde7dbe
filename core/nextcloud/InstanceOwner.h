#pragma once
// InstanceOwner: whose files an instance's files are, and whether what ncbackup writes on the host will be
// theirs. The owner of config.php is the instance's user: occ runs only as that user (run as root it drops
// to its uid), and the web server writes as it. Everything ncbackup writes there for the instance (a
// restored SQLite database, restored folders, a new server root) must belong to that user: a root-owned
// owncloud.db makes every write fail ("attempt to write a readonly database"), a root-owned config/ gives
// HTTP 500 ("Cannot write into "config" directory!").
//
// The one rule, from who ncbackup's commands run as on the host (the login user, or the sudo user):
//   the owner of config.php  → AsOwner: what they write is the owner's already;
//   root (another owner)     → ChownToOwner: write, then give it to the owner (uid:gid of config.php);
//   anyone else              → Refuse: write nothing; refusal() says to set the instance's sudo user.
// Callers probe() once before their first write and check() the verdict; chownCommand() is the shell
// step that follows each write (":" when nothing needs doing).

#include "host/Host.h"
#include "util/Result.h"

#include <QString>

namespace ncb::nextcloud {

class InstanceOwner
{
public:
    enum Verdict { AsOwner, ChownToOwner, Refuse };

    // One command on the host, through its runAs user: the owner of config.php (in configDir when given,
    // else $NEXTCLOUD_CONFIG_DIR or ROOT/config, as occ finds it) and `id -u`. instanceName is only for
    // the refusal sentence. Errors: the host cannot be reached, config.php is not there (Error::NotFound).
    static Result<InstanceOwner> probe(host::Host& host, const QString& serverRoot, const QString& instanceName = {},
                                       const QString& configDir = {});
    // The same verdict from known facts (a new root whose owner is chosen, unit tests).
    static InstanceOwner fromIds(uint ownerUid, uint ownerGid, const QString& ownerName, uint runUid,
                                 const QString& runName, const QString& hostName, const QString& instanceName = {});

    uint uid() const { return m_uid; }        // owner of config.php
    uint gid() const { return m_gid; }
    QString name() const { return m_name; }   // its user name (the uid as text when it has none)
    uint runUid() const { return m_runUid; }  // who ncbackup's commands run as on the host
    QString runName() const { return m_runName; }
    Verdict verdict() const { return m_verdict; }
    bool mayWrite() const { return m_verdict != Refuse; }

    // The sentence for Refuse: who the commands run as, who owns the instance, what to run
    // (`ncbackup-cli instance set NAME --sudo-user OWNER`). Empty otherwise.
    QString refusal() const;
    // Error::Remote with refusal() when Refuse; ok otherwise. Call it before the first write.
    Status check() const;
    // The sudo user to take when the instance names none (`instance add`, the wizard): the owner, when the
    // commands run as root and config.php belongs to another user with a name. Empty otherwise.
    QString sudoUserToDefault() const;
    // The shell step giving `quotedPaths` (already quoted with Host::quote, space separated) to the owner:
    // `chown -h [-R] UID:GID -- PATHS` for ChownToOwner, `:` otherwise. Its failure is the command's.
    QString chownCommand(const QString& quotedPaths, bool recursive = false) const;

private:
    uint m_uid = 0;
    uint m_gid = 0;
    QString m_name;
    uint m_runUid = 0;
    QString m_runName;
    QString m_host;
    QString m_instance;
    Verdict m_verdict = AsOwner;
};

} // namespace ncb::nextcloud
