#pragma once
// WizardBackend: what the setup wizard asks of the core. Each call returns a job that the calling page
// owns, starts and follows; the values travel in plain structs. The application implements it on
// the host layer, the repository engine and the scheduler; GUI tests use a small double.

#include "TimelineEntry.h"
#include "util/Job.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ncb::ui {

struct HostTarget
{
    bool local = true;
    QString serverRoot; // local: the Nextcloud folder holding occ; SSH: optional, found when empty
    QString host;
    int port = 22;
    QString user;
    QString keyFile; // private key; its passphrase, if any, is asked by the agent, never stored here
    QString sudoUser; // run occ, tar, find and the dump as this user (sudo -n -u), e.g. www-data
};

struct HostKeyInfo
{
    QString keyType;           // "ssh-ed25519"
    QString fingerprint;       // "SHA256:..." as `ssh-keygen -lf` prints it
    bool alreadyKnown = false; // matches the known_hosts entry of this user
};

struct DiscoveredInstance
{
    QString name;    // overwrite.cli.url host, e.g. "cloud.example.org"
    QString version; // "32.0.1"
    QString serverRoot;
    QString dataDir;
    QString dbType; // "MariaDB 10.11", "PostgreSQL 15", "SQLite"
    qint64 dataBytes = -1;
    int users = -1;
    QStringList warnings; // plain sentences: "The data folder is on the same disk as the repository."
};

struct RepositorySetup
{
    QString location;    // local folder or sftp://user@host/path
    QByteArray password; // handed to the keychain by the backend; never written to a file
    QString name;        // the instance name the user chose (DiscoveredInstance::name by default)
};

struct RepositoryCreated
{
    QString repositoryId;
    QString recoveryKey; // shown once by the wizard
    QString note;        // e.g. "No keychain: ncbackup will ask for the password each time."
};

struct ScheduleSettings
{
    int fullEveryWeeks = 4;
    bool incrementalDaily = true;
    int windowStartHour = 1; // backups start between these hours (local time)
    int windowEndHour = 5;
};

class WizardBackend
{
public:
    virtual ~WizardBackend() = default;
    // Connects (SSH) and reads the host key; for a local target returns an empty fingerprint.
    virtual ResultJob<HostKeyInfo>* probeHost(const HostTarget& target) = 0;
    // Logs in trusting exactly `acceptedFingerprint` and reads the instance (occ status, config.php).
    virtual ResultJob<DiscoveredInstance>* discoverInstance(const HostTarget& target,
                                                            const QString& acceptedFingerprint) = 0;
    // Creates the encrypted repository and stores its password in the OS keychain.
    virtual ResultJob<RepositoryCreated>* createRepository(const RepositorySetup& setup) = 0;
    // Saves the instance and its schedule, then makes the first full backup.
    virtual ResultJob<TimelineEntry>* startFirstBackup(const ScheduleSettings& schedule) = 0;
};

} // namespace ncb::ui
