#include "settings/Keychain.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QMutex>
#include <QSemaphore>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <atomic>
#include <functional>
#include <memory>

Q_LOGGING_CATEGORY(lcKeychain, "ncbackup.keychain")

namespace ncb::settings {

namespace {

// How long one job may take before the caller gets an error. Generous: the keychain may show an
// unlock dialog and wait for the user.
constexpr int kJobTimeoutMs = 120 * 1000;

QString tr(const char* text)
{
    return QCoreApplication::translate("Keychain", text);
}

// The thread every QtKeychain job runs on. Created on first use, stopped when the application object
// is destroyed (qAddPostRoutine), so no job outlives QCoreApplication.
class KeychainThread
{
public:
    // An object living on the keychain thread: QMetaObject::invokeMethod() with it runs code there.
    static QObject* context()
    {
        QMutexLocker lock(&s_mutex);
        if (!s_thread) {
            s_thread = new QThread;
            s_thread->setObjectName(QStringLiteral("ncbackup-keychain"));
            s_context = new QObject;
            s_context->moveToThread(s_thread);
            s_thread->start();
            qAddPostRoutine(&KeychainThread::stop);
        }
        return s_context;
    }

private:
    static void stop()
    {
        QMutexLocker lock(&s_mutex);
        if (!s_thread)
            return;
        s_thread->quit();
        s_thread->wait();
        delete s_context; // its thread has finished: safe to delete from here
        delete s_thread;
        s_context = nullptr;
        s_thread = nullptr;
    }

    static inline QMutex s_mutex;
    static inline QThread* s_thread = nullptr;
    static inline QObject* s_context = nullptr;
};

struct Outcome
{
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString;
    QByteArray data;
    bool timedOut = false;
};

// Runs makeJob() on the keychain thread, starts the job and blocks the caller until it finishes.
Outcome runJob(std::function<QKeychain::Job*()> makeJob)
{
    auto state = std::make_shared<Outcome>();
    auto done = std::make_shared<QSemaphore>(0);
    auto claimed = std::make_shared<std::atomic_bool>(false);

    QObject* context = KeychainThread::context();
    auto start = [state, done, claimed, makeJob]() {
        QKeychain::Job* job = makeJob();
        job->setAutoDelete(false);
        job->setInsecureFallback(false);
        QObject::connect(job, &QKeychain::Job::finished, job, [state, done, claimed](QKeychain::Job* j) {
            if (!claimed->exchange(true)) {
                state->error = j->error();
                state->errorString = j->errorString();
                if (auto* reader = qobject_cast<QKeychain::ReadPasswordJob*>(j))
                    state->data = reader->binaryData();
                done->release();
            }
            j->deleteLater();
        });
        job->start();
    };

    if (QThread::currentThread() == context->thread()) {
        // Called from the keychain thread itself (a slot running there): spin a nested loop.
        start();
        while (!done->tryAcquire())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        return *state;
    }

    QMetaObject::invokeMethod(context, start, Qt::QueuedConnection);
    if (!done->tryAcquire(1, kJobTimeoutMs)) {
        if (!claimed->exchange(true)) {
            Outcome late;
            late.timedOut = true;
            return late;
        }
        done->acquire(); // finished at the last moment: the result is there
    }
    return *state;
}

Error unreachable(const QString& detail)
{
    qCInfo(lcKeychain) << "keychain unreachable:" << detail;
    return Error::make(Error::Generic,
                       tr("No keychain is reachable (on Linux: no Secret Service such as GNOME Keyring or "
                          "KWallet on the session D-Bus); give the password another way."));
}

Error fromOutcome(const Outcome& o, const QString& entry, const char* action)
{
    qCDebug(lcKeychain) << "job failed:" << o.error << o.errorString;
    if (o.timedOut)
        return Error::make(Error::Generic, tr("The keychain did not answer within %1 seconds.")
                                               .arg(kJobTimeoutMs / 1000));
    switch (o.error) {
    case QKeychain::EntryNotFound:
        return Error::make(Error::NotFound, tr("The keychain has no entry \"%1\".").arg(entry));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return Error::make(Error::Auth, tr("The keychain refused access to \"%1\": %2")
                                            .arg(entry, o.errorString));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unreachable(o.errorString);
    default:
        break;
    }
    // libsecret reports a missing session bus or Secret Service as OtherError; recognise those by the
    // GLib/D-Bus texts ("Could not connect: ...", "Cannot autolaunch D-Bus ...", "...ServiceUnknown").
    static const char* const unreachableHints[] = {"connect", "autolaunch", "ServiceUnknown", "NoServer",
                                                   "not provided by any"};
    for (const char* hint : unreachableHints) {
        if (o.errorString.contains(QLatin1String(hint), Qt::CaseInsensitive))
            return unreachable(o.errorString);
    }
    // For example a locked keyring whose unlock prompt could not be shown.
    return Error::make(Error::Generic, tr("Could not %1 the keychain entry \"%2\": %3")
                                           .arg(QLatin1String(action), entry, o.errorString));
}

Error noApplication()
{
    return Error::make(Error::Generic,
                       QStringLiteral("The keychain can only be used once the application has started."));
}

} // namespace

QString Keychain::serviceName()
{
    return QStringLiteral("ncbackup");
}

QString Keychain::repositoryEntry(const QString& repoId)
{
    return QStringLiteral("repository/") + repoId;
}

Result<QByteArray> Keychain::read(const QString& entry)
{
    if (!QCoreApplication::instance())
        return noApplication();
    Outcome o = runJob([entry]() {
        auto* job = new QKeychain::ReadPasswordJob(serviceName());
        job->setKey(entry);
        return job;
    });
    if (!o.timedOut && o.error == QKeychain::NoError)
        return std::move(o.data);
    return fromOutcome(o, entry, "read");
}

Status Keychain::write(const QString& entry, const QByteArray& secret)
{
    if (!QCoreApplication::instance())
        return noApplication();
    Outcome o = runJob([entry, secret]() {
        auto* job = new QKeychain::WritePasswordJob(serviceName());
        job->setKey(entry);
        job->setBinaryData(secret);
        return job;
    });
    if (!o.timedOut && o.error == QKeychain::NoError)
        return {};
    return fromOutcome(o, entry, "write");
}

Status Keychain::remove(const QString& entry)
{
    if (!QCoreApplication::instance())
        return noApplication();
    Outcome o = runJob([entry]() {
        auto* job = new QKeychain::DeletePasswordJob(serviceName());
        job->setKey(entry);
        return job;
    });
    if (!o.timedOut && (o.error == QKeychain::NoError || o.error == QKeychain::EntryNotFound))
        return {};
    return fromOutcome(o, entry, "remove");
}

bool Keychain::available()
{
    static QMutex mutex;
    static int answer = -1;
    QMutexLocker lock(&mutex);
    if (answer < 0) {
        // Reading an entry that is never written: "not found" means the keychain answered.
        const auto r = read(QStringLiteral("probe/availability"));
        answer = (r.ok() || r.error().code == Error::NotFound) ? 1 : 0;
    }
    return answer == 1;
}

} // namespace ncb::settings
