// "version": the build and the libraries it runs on, for bug reports.
#include "Command.h"
#include "util/Version.h"

#include <archive.h>
#include <libssh/libssh.h>
#include <sodium.h>
#include <zstd.h>

namespace ncb::cli {

static int runVersion(const QStringList& args)
{
    QCommandLineParser p;
    if (int rc = parseOrExit(p, args, QStringLiteral("version"), QStringLiteral("Show versions")); rc >= 0)
        return rc;
    out() << "ncbackup " << versionString() << "\n"
          << "Qt " << qVersion() << ", libsodium " << sodium_version_string() << ", libssh "
          << ssh_version(0) << ", " << archive_version_string() << ", zstd " << ZSTD_versionString() << Qt::endl;
    return 0;
}

static RegisterCommand reg({QStringLiteral("version")}, QStringLiteral("version"),
                           QStringLiteral("Show the version of ncbackup and its libraries"), runVersion);

} // namespace ncb::cli
