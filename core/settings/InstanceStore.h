#pragma once
// The instances ncbackup knows, one JSON file each in <config dir>/instances/ (NCBACKUP_CONFIG_DIR).

#include "InstanceConfig.h"

#include <QList>

namespace ncb::settings {

class InstanceStore
{
public:
    explicit InstanceStore(QString configDir = {}); // empty: paths::configDir()

    QString directory() const;
    Result<QList<InstanceConfig>> list() const; // sorted by name
    Result<InstanceConfig> get(const QString& name) const; // Error::NotFound with a clear sentence
    bool exists(const QString& name) const;
    Status save(const InstanceConfig& config); // atomic write
    Status remove(const QString& name);

private:
    QString fileFor(const QString& name) const;
    QString m_dir;
};

} // namespace ncb::settings
