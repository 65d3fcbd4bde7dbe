#pragma once
// RestoreRequest: what the restore dialog asks for, handed to the application which turns it into a
// core restore job. Plain data.

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace ncb::ui {

struct RestoreRequest
{
    enum class What { File, Folder, Several, User, Database, Instance };
    enum class Where { Original, OtherHostFolder, LocalFolder };
    enum class Conflict { Ask, Overwrite, KeepBoth, Skip };

    QString instanceName;
    QString snapshotId;
    QDateTime snapshotTime;
    What what = What::File;
    QStringList paths; // File, Folder, Several: paths inside the Restoring Point
    QString user;      // User: the Nextcloud user id
    Where where = Where::Original;
    QString targetPath; // OtherHostFolder / LocalFolder
    Conflict conflict = Conflict::Ask;
    // Instance: as a copy beside the live one (its own root, data folder and database) instead of in place.
    bool instanceCopy = false;
    QString copyRoot, copyData;
    QString copyDatabase; // empty: <dbname>_rp<first 8 of the RP id>
    bool newInstanceId = false;
};

} // namespace ncb::ui
