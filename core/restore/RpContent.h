#pragma once
// RpContent: reading a Restoring Point back — its entries under some paths (in tree order, checked
// against hostile paths before anything is written: not relative, "..", or below a symlink of the RP),
// and the contents of one file as a stream of decrypted, verified chunks.

#include "backup/RpIndex.h"
#include "repository/TreeEntry.h"

#include <functional>
#include <vector>

namespace ncb::restore {

class RpContent
{
public:
    RpContent(repo::Repository& repo, backup::RpInfo rp);

    // Every entry at or below one of `paths` (RP paths without a leading slash). Error::NotFound naming a
    // path that is not in the RP; Error::Unsafe naming a hostile path.
    Result<std::vector<repo::TreeEntry>> entriesUnder(const QList<QByteArray>& paths) const;
    // The same entries, but a hostile one (a name with "..", ".", an empty component or a leading "/", or
    // an entry below a symlink of the RP) is left out instead of refusing them all: each is appended to
    // *leftOut as one sentence naming it. An empty `paths` is the whole RP. A hostile requested path is
    // still refused (Error::Unsafe), a missing one is Error::NotFound.
    Result<std::vector<repo::TreeEntry>> safeEntriesUnder(const QList<QByteArray>& paths, QStringList* leftOut) const;
    // The one entry at `path` (a file), or Error::NotFound.
    Result<repo::TreeEntry> entry(const QByteArray& path) const;
    // Calls sink with the file's chunks in order.
    Status readFile(const repo::TreeEntry& e, const std::function<Status(const char*, qint64)>& sink) const;

    const backup::RpInfo& info() const { return m_rp; }
    repo::Repository& repository() const { return m_repo; }

private:
    Result<std::vector<repo::TreeEntry>> collect(const QList<QByteArray>& paths, QStringList* leftOut) const;
    repo::Repository& m_repo;
    backup::RpInfo m_rp;
};

} // namespace ncb::restore
