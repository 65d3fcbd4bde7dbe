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
//
// hold(): before a step that leaves the instance broken if it is cut short (a database restore that
// drops the database before importing), the watchdog is stopped and the marker says why. From then on
// nothing turns maintenance off by itself: not the watchdog, not recoverIfNeeded(), not a failure
// (keepOn()). Only a later run that repairs the instance (restore db, restore instance in place) does.
// Threading: like its Host, one thread at a time; renew() is called by the job between pieces of work.

#include "nextcloud/Occ.h"
#include "util/Result.h"

#include <QElapsedTimer>
#include <QString>

namespace ncb::nextcloud {

// What a marker left by hold() says (see recoverIfNeeded()).
struct HeldMaintenance
{
    enum Kind { DatabaseRestore, InstanceRestore };
    bool held = false;
    Kind kind = DatabaseRestore; // what was interrupted, and so what repairs it
    QString why;            // the sentence given to hold()
    QString safetySnapshot; // the db-safety snapshot taken before the interrupted step, if any
};

class MaintenanceGuard
{
public:
    struct Options
    {
        QString instanceName;
        int deadlineSeconds = 120; // the watchdog turns maintenance off after this long without renew()
        int renewEverySeconds = 20; // renewIfDue() renews when the last renewal is older than this
        // For a run that takes over an instance an interrupted run left held (recoverIfNeeded() said
        // `held`): maintenance already on counts as this guard's own (end() turns it off), and the guard
        // holds from the start with this reason (no watchdog).
        HeldMaintenance takeOver;
        // For a run that replaces the whole database (restore db): it must be able to repair an instance whose
        // occ cannot start at all (a database left without tables: Nextcloud 32 cannot boot then, maintenance
        // mode or not). When `occ maintenance:mode` fails so, begin() reads config.php through PHP instead:
        // maintenance already on there counts as this guard's own, otherwise it is turned on in config.php;
        // no watchdog (it would need occ). end() turns maintenance off with occ and, if occ still fails,
        // in config.php (ServerConfig::setMaintenance). Other failures of occ stay errors.
        bool repairsDatabase = false;
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
    // See above. `why` is the sentence recoverIfNeeded() shows later, e.g. "a database restore from
    // Restoring Point 1a2b was replacing the database; safety snapshot 3c4d holds it as it was".
    Status hold(const QString& why, const QString& safetySnapshot = {});
    bool held() const { return m_held.held; }
    // After a failure past hold(): the guard lets go, maintenance stays on, the marker stays.
    void keepOn() { m_active = false; }
    bool active() const { return m_active; }
    // begin() found occ unable to start and went on without it (repairsDatabase).
    bool beganWithoutOcc() const { return m_withoutOcc; }
    QString watchdogDir() const { return m_watchdogDir; }

    static QString markerPath(const QString& repositoryPath);
    // Cleans up after an interrupted run: when a marker is left, turns maintenance off (unless it was on
    // before that run) and returns the sentence to show; empty when there was nothing to do.
    // Error::Locked when the marker belongs to a run still alive on this machine.
    // *occCalls (when given) is raised by the number of occ commands it ran (none without a marker).
    // A marker left by hold() is not undone: the sentence says what was interrupted and that maintenance
    // stays on, *held (when given) is set, and the marker stays for the run that repairs the instance.
    static Result<QString> recoverIfNeeded(Occ& occ, const QString& repositoryPath, int* occCalls = nullptr,
                                           HeldMaintenance* held = nullptr);
    // After a successful repair of the instance at serverRoot: removes a marker left by hold() for it.
    static void clearHeld(const QString& repositoryPath, const QString& serverRoot);
    // A held marker without a guard, for a run that manages maintenance mode itself (an in-place instance
    // restore: from its first change on, only a finished restore may bring the instance back).
    static Status markHeld(Occ& occ, const QString& repositoryPath, const QString& instanceName,
                           HeldMaintenance::Kind kind, const QString& why);

private:
    Status writeMarker();
    Status startWatchdog();
    void stopWatchdog();

    Occ& m_occ;
    QString m_repo;
    Options m_options;
    bool m_active = false;
    bool m_wasAlreadyOn = false;
    bool m_withoutOcc = false;
    HeldMaintenance m_held; // what the marker says while held (hold(), takeOver, markHeld())
    QString m_watchdogDir;
    QElapsedTimer m_sinceRenew;
};

} // namespace ncb::nextcloud
