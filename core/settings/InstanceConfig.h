#pragma once
// One Nextcloud instance as ncbackup knows it: how to reach it, where its repository is, its schedule.
// Stored as JSON in <config dir>/instances/<name>.json. Never holds a secret: passwords and key
// passphrases live in the OS keychain only.

#include "util/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace ncb::settings {

struct ScheduleConfig
{
    int fullEveryWeeks = 4;       // a full RP when the last full one is older
    int incrementalEveryDays = 1; // an incremental RP when the last RP is older
    int windowStartHour = 1;      // allowed hours [start, end)
    int windowEndHour = 5;
    bool enabled = true;
};

struct InstanceConfig
{
    QString name;            // [A-Za-z0-9._-]{1,64}
    bool local = true;       // this machine, or over SSH
    QString sshHost;
    int sshPort = 22;
    QString sshUser;
    QString identityFile;    // empty: ssh-agent or the default keys
    QString knownHostsFile;  // empty: ~/.ssh/known_hosts
    QString serverRoot;      // the Nextcloud root on the host (holds occ, config/)
    QString sudoUser;        // run commands as this user (sudo -n -u), e.g. www-data
    QString repository;      // local path of the repository
    QStringList exclusions;  // RP paths (globs) never backed up, e.g. data/appdata_*/preview
    ScheduleConfig schedule;

    QString hostLabel() const; // "this machine" or user@host:port
    QJsonObject toJson() const;
    static Result<InstanceConfig> fromJson(const QJsonObject& o);
    static bool isValidName(const QString& name);
};

} // namespace ncb::settings
