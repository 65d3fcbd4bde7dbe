#include "InstanceStore.h"

#include "util/Paths.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace ncb::settings {

InstanceStore::InstanceStore(QString configDir)
    : m_dir((configDir.isEmpty() ? paths::configDir() : configDir) + QStringLiteral("/instances"))
{
}

QString InstanceStore::directory() const { return m_dir; }

QString InstanceStore::fileFor(const QString& name) const { return m_dir + QLatin1Char('/') + name + QStringLiteral(".json"); }

bool InstanceStore::exists(const QString& name) const
{
    return InstanceConfig::isValidName(name) && QFile::exists(fileFor(name));
}

Result<QList<InstanceConfig>> InstanceStore::list() const
{
    QList<InstanceConfig> out;
    const QStringList files = QDir(m_dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        auto c = get(f.chopped(5));
        if (!c)
            return c.error();
        out << c.value();
    }
    return out;
}

Result<InstanceConfig> InstanceStore::get(const QString& name) const
{
    if (!InstanceConfig::isValidName(name))
        return Error::make(Error::Usage, QStringLiteral("'%1' is not a valid instance name: use letters, digits, '.', '_' and '-'.").arg(name));
    QFile f(fileFor(name));
    if (!f.exists())
        return Error::make(Error::NotFound, QStringLiteral("There is no instance named '%1' (see: ncbackup-cli instance list).").arg(name));
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot read %1: %2.").arg(f.fileName(), f.errorString()));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (!doc.isObject())
        return Error::make(Error::Corrupt, QStringLiteral("The settings file %1 is damaged: %2.").arg(f.fileName(), pe.errorString()));
    return InstanceConfig::fromJson(doc.object());
}

Status InstanceStore::save(const InstanceConfig& config)
{
    if (!InstanceConfig::isValidName(config.name))
        return Error::make(Error::Usage, QStringLiteral("'%1' is not a valid instance name: use letters, digits, '.', '_' and '-'.").arg(config.name));
    if (!QDir().mkpath(m_dir))
        return Error::make(Error::Io, QStringLiteral("Cannot create the settings folder %1.").arg(m_dir));
    QSaveFile f(fileFor(config.name));
    if (!f.open(QIODevice::WriteOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot write %1: %2.").arg(f.fileName(), f.errorString()));
    f.write(QJsonDocument(config.toJson()).toJson());
    if (!f.commit())
        return Error::make(Error::Io, QStringLiteral("Cannot write %1: %2.").arg(f.fileName(), f.errorString()));
    return {};
}

Status InstanceStore::remove(const QString& name)
{
    NCB_TRY(get(name));
    if (!QFile::remove(fileFor(name)))
        return Error::make(Error::Io, QStringLiteral("Cannot remove %1.").arg(fileFor(name)));
    return {};
}

} // namespace ncb::settings
