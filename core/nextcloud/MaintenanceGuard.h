#pragma once
// MaintenanceGuard: holds a Nextcloud instance in maintenance mode for the length of a backup, and makes
// sure it never stays there when the backup dies.
//
// Two safety nets:
//  (a) a marker file <repository>/maintenance.marker (instance, host, time, pid, watchdog folder),
//      written BEFORE maintenance goes on and removed after it is off. recoverIfNeeded(), called at the
//      start of every operation on the instance, finds the marker of a killed run and turns maintenance off.
//  (b) a dead-man switch on the host: a detached watchdog (setsid/nohup sh) turns maintenance off once
//      `deadlineSeconds` pass without renew(), so a dropped SSH link or a killed ncbackup never leaves the
//      instance offline. It exits by itself when the guard ends normally (its folder is removed).
//
// If maintenance was already on before begin() (the admin's choice) the guard leaves it on at the end.
// Threading: like its Host, one thread at a time; renew() is called by the job between pieces of work.

#include "nextcloud/Occ.h"
#include "util/Result.h"

#include <QElapsedTimer>
#include <QString>

namespace ncb::nextcloud {

class MaintenanceGuard
{
public:
    struct Options
    {
        QString instanceName;
        int deadlineSeconds = 120; // the watchdog turns maintenance off after this long without renew()
        int renewEverySeconds = 20; // renewIfDue() renews when the last renewal is older than this
    };

    MaintenanceGuard(Occ& occ, QString repositoryPath, Options options);
    ~MaintenanceGuard(); // end() when still active; failures are logged
    MaintenanceGuard(const MaintenanceGuard&) = delete;
    MaintenanceGuard& operator=(const MaintenanceGuard&) = delete;

    Status begin();
    // Tells the watchdog ncbackup is alive. Error::Remote when the watchdog already turned maintenance off.
    Status renew();
    Status renewIfDue();
    Status end();
    bool active() const { return m_active; }
    QString watchdogDir() const { return m_watchdogDir; }

    static QString markerPath(const QString& repositoryPath);
    // Cleans up after an interrupted run: when a marker is left, turns maintenance off (unless it was on
    // before that run) and returns the sentence to show; empty when there was nothing to do.
    // Error::Locked when the marker belongs to a run still alive on this machine.
    // *occCalls (when given) is raised by the number of occ commands it ran (none without a marker).
    static Result<QString> recoverIfNeeded(Occ& occ, const QString& repositoryPath, int* occCalls = nullptr);

private:
    Status writeMarker();
    Status startWatchdog();
    void stopWatchdog();

    Occ& m_occ;
    QString m_repo;
    Options m_options;
    bool m_active = false;
    bool m_wasAlreadyOn = false;
    QString m_watchdogDir;
    QElapsedTimer m_sinceRenew;
};

} // namespace ncb::nextcloud
