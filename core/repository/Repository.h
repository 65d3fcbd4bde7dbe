#pragma once
// Repository: the on-disk store of Restoring Points (snapshots). It owns the keys, the packs, the index,
// the lock and the sealed, signed manifests. Everything that leaves the process is sealed with
// XChaCha20-Poly1305 under subkeys of one 32-byte master key; the master key is wrapped by the password
// with Argon2id (keys/*.json). Snapshot-level logic (trees, snapshot create/restore, catalog, forget)
// lives in the Snapshot*/Tree*/Catalog classes on top of this API.
//
// Layout of a repository folder (format version 1, bytes on disk in docs/REPOSITORY-FORMAT.md):
//   config              plaintext JSON: version, id, chunker params, signatory public key, trusted keys,
//                       sealed signatory secret key, description (instance the repository belongs to)
//   keys/<id>.json      Argon2id-wrapped master key (salt, opslimit, memlimit, nonce, ciphertext)
//   data/<xx>/<packid>  packs of sealed blobs, ~16-64 MiB, written atomically (tmp, fsync, rename)
//   index/<id>          sealed index files: blob id -> pack, offset, length
//   snapshots/<id>      sealed, signed manifests; a snapshot exists only once its manifest does
//   locks/<id>          lock files (host, pid, time, exclusive) with stale-lock detection

#include "util/Progress.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>

namespace ncb::repo {

// Keyed BLAKE2b-256 of a blob's plaintext: identical content has the same id in one repository only.
using BlobId = std::array<std::uint8_t, 32>;
QString toHex(const BlobId& id);
Result<BlobId> blobIdFromHex(const QString& hex);
struct BlobIdHash
{
    std::size_t operator()(const BlobId& id) const noexcept
    {
        std::size_t h;
        std::memcpy(&h, id.data(), sizeof h);
        return h;
    }
};

enum class BlobType : std::uint8_t { Data = 0, Tree = 1 };

struct ChunkerParams
{
    std::uint32_t minSize = 256 * 1024;
    std::uint32_t avgSize = 1024 * 1024;
    std::uint32_t maxSize = 4 * 1024 * 1024;
};

struct RepoConfig
{
    int version = 1;
    QString id;                          // 32 hex chars, random at init
    ChunkerParams chunker;
    QByteArray signatoryPublicKey;       // Ed25519, 32 bytes
    QList<QByteArray> trustedPublicKeys; // manifests signed by any of these verify
    QJsonObject description;             // what the repository backs up (instance id, host, paths)
    QDateTime created;
};

// Where a blob's sealed bytes are: the pack file and the byte range in it (from the index).
struct BlobPlace
{
    BlobId pack{};
    std::uint32_t offset = 0;
    std::uint32_t length = 0;    // sealed bytes in the pack
    std::uint32_t rawLength = 0; // plaintext bytes
    BlobType type = BlobType::Data;
    std::uint8_t flags = 0;      // how it is encoded (compression)
};

struct SnapshotRef
{
    QString id;       // full id (64 hex); users may type any unique prefix or "latest"
    QDateTime time;   // from the manifest
};

// A problem found by check: which object is damaged and why. Snapshot-level code maps blob ids to the
// snapshots and file paths they affect.
struct Damage
{
    enum Kind { Pack, Index, Manifest, Blob, Config, Key } kind;
    QString object;     // pack id, index file name, snapshot id, blob id
    QString message;    // one sentence
    QList<BlobId> blobs; // blobs lost or unverifiable because of this damage
};

struct StorageCheckReport
{
    QList<Damage> damages;
    qint64 packsChecked = 0;
    qint64 blobsChecked = 0;
    bool ok() const { return damages.isEmpty(); }
};

class RepoLock; // held while alive; refreshed in the background; removed on destruction

class Repository
{
public:
    ~Repository();

    // Creates a new repository in an empty or missing folder and leaves it unlocked.
    static Result<std::unique_ptr<Repository>> init(const QString& path, const QByteArray& password,
                                                    const QJsonObject& description = {});
    // Opens an existing repository (reads config only). Error::NotFound when there is none.
    static Result<std::unique_ptr<Repository>> open(const QString& path);

    QString path() const;
    const RepoConfig& config() const;
    QString id() const;

    // Unlocking: with the password (Argon2id, ~64 MiB, 3 passes; Error::Auth when wrong) or with the raw
    // master key as stored in the OS keychain (no key derivation; Error::Auth when it does not fit).
    Status unlockWithPassword(const QByteArray& password);
    Status unlockWithMasterKey(const QByteArray& masterKey);
    bool isUnlocked() const;
    QByteArray masterKey() const; // for the keychain; empty while locked

    Status changePassword(const QByteArray& newPassword);          // re-wraps the master key only
    QString recoveryKey() const;                                    // master key as base32 groups + checksum
    // Sets a new password from a recovery key; Error::Auth when the recovery key is wrong.
    static Status recover(const QString& path, const QString& recoveryKey, const QByteArray& newPassword);

    Status setDescription(const QJsonObject& description);
    // Replaces the list of public keys whose manifests verify (key rotation, adopting another signatory).
    Status setTrustedKeys(const QList<QByteArray>& publicKeys);

    // Locks: shared for readers (list, show, diff, restore, check); append for writers that only add
    // (backup, the safety snapshot of a database restore): readers go on beside it, a second writer
    // does not; exclusive for anything that deletes or rewrites (forget, prune, key changes).
    enum class LockMode { Shared, Append, Exclusive };
    Result<std::shared_ptr<RepoLock>> lock(LockMode mode);

    // Content-defined chunking keyed by this repository (boundaries do not leak across repositories).
    const std::array<std::uint64_t, 256>& gearTable() const;
    BlobId blobId(const char* data, std::size_t size) const;

    // Storage. putBlob is thread-safe: it compresses and seals on the calling thread, then appends to
    // the open pack; full packs are written (and indexed) by a background writer thread, at most two
    // waiting, so memory stays bounded. Returns false when the blob was already stored or is being
    // stored (deduplicated). The caller holds the exclusive lock while it writes. A write error (disk
    // full, read-only) is returned by the next putBlob or flush and sticks: nothing is left half-written.
    // A blob becomes readable with getBlob once its pack is written: call flush() first.
    bool hasBlob(const BlobId& id) const;
    Result<bool> putBlob(BlobType type, const BlobId& id, const char* data, std::size_t size);
    Status flush(); // closes the open pack and writes its index entries durably
    void setPackSizeTarget(qint64 bytes); // default 32 MiB; small values for tests
    Result<QByteArray> getBlob(const BlobId& id) const; // thread-safe; verifies the id
    // Reading many blobs fast (restore): where each one is, one large read per run of neighbouring blobs
    // in a pack, then openBlob on each slice. All thread-safe. The index is loaded on the first call that
    // needs a blob location (not by unlocking: listing snapshots never reads it).
    // locateBlob: Error::NotFound when the index does not know the blob.
    Result<BlobPlace> locateBlob(const BlobId& id) const;
    // Reads bytes [offset, offset + length) of a pack; Error::Corrupt when the pack is shorter.
    Result<QByteArray> readPackRange(const BlobId& pack, quint64 offset, quint64 length) const;
    // Decrypts and decompresses a blob's sealed bytes (as read at its place) and verifies its id.
    Result<QByteArray> openBlob(const BlobId& id, const BlobPlace& place, const char* sealed, std::size_t size) const;

    // Manifests: signed with the signatory key, sealed, written last and atomically.
    Result<QString> writeManifest(const QByteArray& plaintext);
    Result<QString> writeManifest(const QByteArray& plaintext, const QDateTime& time); // time listed by listSnapshots
    Result<QByteArray> readManifest(const QString& snapshotId) const; // verifies signature
    Result<QList<SnapshotRef>> listSnapshots() const;                  // oldest first; damaged ones left out
    // The manifests listSnapshots() leaves out because they do not open (damaged, or signed by a key the
    // repository does not trust): the id, the file and the sentence saying what is wrong.
    struct DamagedSnapshot
    {
        QString id, file, message;
    };
    QList<DamagedSnapshot> damagedSnapshots() const;
    Result<QString> resolveSnapshotId(const QString& idPrefixOrLatest) const;
    Status deleteManifest(const QString& snapshotId);

    // Maintenance.
    StorageCheckReport checkStorage(bool readData, const ProgressCallback& progress = {}) const;
    // Keeps exactly the blobs in `used`: removes packs holding none, repacks the others when worth it.
    // Crash-safe at every step: new packs, then new index, then old index, then old packs.
    Status prune(const std::function<bool(const BlobId&)>& isUsed, const ProgressCallback& progress = {});

private:
    Repository();
    static Result<std::unique_ptr<Repository>> initInto(const QString& path, const QByteArray& password,
                                                        const QJsonObject& description);
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ncb::repo
