#pragma once
// The mirror of a repository folder on a remote (see docs/REPOSITORY-FORMAT.md for its files): config,
// keys/, data/<xx>/<pack>, index/, snapshots/. Locks and .tmp- leftovers are never sent. Everything
// but config and keys/ is sealed, so the remote sees sizes and counts only.
//
// push: config and keys first, then the packs the remote lacks (chunked upload v2 above chunkSize, a plain
// PUT below), then index files, then manifests LAST, so a remote never lists a Restoring Point whose data
// is not all there. Every file's size is checked by PROPFIND after it is sent (the server does not verify
// checksums). A chunked upload uses an upload folder named after the repository and the file, so the next
// push after an interruption finds it and sends only the chunks that are missing.
// pull: the remote's files that are missing locally (or of another size), manifests last, each written to
// a .tmp- file and renamed into place.
#include "WebDavClient.h"
#include "util/Progress.h"

#include <functional>

namespace ncb::remote {

struct MirrorOptions
{
    qint64 chunkSize = 10 * 1024 * 1024; // files above this go by chunked upload v2, in chunks of this size
    // push: after sending, read back and compare every manifest and index file and this share of packs.
    double verifySamplePercent = 5;
    ProgressCallback progress;
    CancelCheck cancel;
};

struct PushReport
{
    int filesSent = 0;
    int filesAlreadyThere = 0;
    int manifestsSent = 0;
    int chunksSent = 0;
    int chunksResumed = 0; // chunks an earlier, interrupted push had sent already
    int filesVerified = 0; // read back and compared byte for byte
    qint64 bytesSent = 0;
};

struct PullReport
{
    int filesReceived = 0;
    int filesAlreadyThere = 0;
    qint64 bytesReceived = 0;
};

// rel path ("data/ab/ab12…") -> size, for every file of the mirror on the remote; an empty map when the
// folder does not exist yet.
Result<QMap<QString, qint64>> remoteMirrorFiles(const WebDavClient& client, const QString& folder);

// What the remote lacks of the local repository (files of another size count as missing).
struct MirrorDiff
{
    int missingFiles = 0;
    qint64 missingBytes = 0;
    int missingManifests = 0; // Restoring Points not on the remote yet
    int remoteFiles = 0;
    qint64 remoteBytes = 0;
};
Result<MirrorDiff> compareMirror(const WebDavClient& client, const QString& folder, const QString& repoPath);

// remote check: every local file must be on the remote with its size; with readData every file is also
// read back and compared byte for byte with the local one (the server does not verify checksums).
struct MirrorDamage
{
    QString file;    // rel path, e.g. data/ab/ab12…
    QString message; // one sentence
};
struct MirrorCheckReport
{
    int filesChecked = 0;
    qint64 bytesRead = 0;
    QList<MirrorDamage> damages;
};
Result<MirrorCheckReport> checkMirror(const WebDavClient& client, const QString& folder, const QString& repoPath,
                                      bool readData, const MirrorOptions& options);

// uploadKey: a stable string for this repository (its id): it names the resumable upload folders.
Result<PushReport> pushMirror(const WebDavClient& client, const QString& folder, const QString& repoPath,
                              const QString& uploadKey, const MirrorOptions& options);

// want: which remote files to fetch (null: all of them).
Result<PullReport> pullMirror(const WebDavClient& client, const QString& folder, const QString& localPath,
                              const std::function<bool(const QString& rel)>& want, const MirrorOptions& options);

} // namespace ncb::remote
