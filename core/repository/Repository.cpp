#include "Repository.h"

#include "AtomicFile.h"
#include "BlobCodec.h"
#include "BlobIndex.h"
#include "Chunker.h"
#include "IndexFile.h"
#include "PackHeader.h"
#include "RepoLock.h"
#include "crypto/KeyDerivation.h"
#include "crypto/KeyWrap.h"
#include "crypto/RecoveryKey.h"
#include "crypto/SecretBox.h"
#include "crypto/Signatory.h"
#include "crypto/Sodium.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <sodium.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <thread>
#include <unordered_set>

Q_LOGGING_CATEGORY(lcRepo, "ncbackup.repository")

namespace ncb::repo {

using crypto::SecretBox;
using Loc = BlobLocation;

QString toHex(const BlobId& id)
{
    return QString::fromLatin1(QByteArray::fromRawData(reinterpret_cast<const char*>(id.data()), 32).toHex());
}

Result<BlobId> blobIdFromHex(const QString& hex)
{
    BlobId id{};
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    if (!re.match(hex).hasMatch())
        return Error::make(Error::Usage, QStringLiteral("'%1' is not a blob id (64 hex digits).").arg(hex));
    const QByteArray raw = QByteArray::fromHex(hex.toLatin1());
    std::memcpy(id.data(), raw.constData(), 32);
    return id;
}

namespace {

constexpr int FormatVersion = 1;
const char ManifestMagic[4] = {'N', 'C', 'B', 'M'};

BlobId hashBytes(const char* data, std::size_t size)
{
    BlobId id;
    crypto_generichash(id.data(), 32, reinterpret_cast<const unsigned char*>(data), size, nullptr, 0);
    return id;
}

QString hexOf(const QByteArray& b) { return QString::fromLatin1(b.toHex()); }

bool isHexName(const QString& s, int len)
{
    if (s.size() != len)
        return false;
    for (QChar c : s)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

struct PackInfo
{
    BlobId id{};
    quint64 size = 0;
    bool indexed = false; // false: known from its own header only (crash between pack and index)
};

constexpr qsizetype MaxPackEntries = 32768;

struct OpenPack
{
    QList<PackEntry> entries;
    QList<QByteArray> parts;
    quint64 size = 0;
};

} // namespace

struct Repository::Private
{
    QString path;
    RepoConfig config;
    QJsonObject configJson;
    QByteArray master, kData, kId, kMeta, kMac, signSecret;
    std::array<std::uint64_t, 256> gear{};
    bool unlocked = false;
    qint64 packTarget = 32 * 1024 * 1024;

    mutable std::shared_mutex indexMutex; // packs, blobs, pending
    std::vector<PackInfo> packs;
    BlobIndex blobs;
    std::unordered_set<BlobId, BlobIdHash> pending;

    std::mutex openMutex;
    OpenPack open;

    std::mutex queueMutex;
    std::condition_variable queueCv;
    std::deque<OpenPack> queue;
    bool writerBusy = false;
    bool stopWriter = false;
    std::optional<Error> writerError;
    std::thread writer;

    // Open pack files for getBlob (pread is safe from several threads); closed when the index reloads.
    mutable std::mutex fdMutex;
    struct PackFile
    {
        int fd = -1;
        ~PackFile()
        {
            if (fd >= 0)
                ::close(fd);
        }
    };
    // A reader keeps its PackFile alive while it reads, so evicting the cache never closes a file in use.
    mutable std::map<BlobId, std::shared_ptr<PackFile>> fds;
    std::shared_ptr<PackFile> packFile(const BlobId& id) const
    {
        std::lock_guard g(fdMutex);
        auto it = fds.find(id);
        if (it != fds.end())
            return it->second;
        if (fds.size() >= 64)
            fds.clear();
        auto f = std::make_shared<PackFile>();
        f->fd = ::open(QFile::encodeName(packPath(id)).constData(), O_RDONLY | O_CLOEXEC);
        if (f->fd >= 0)
            fds.emplace(id, f);
        return f;
    }
    // Reads a byte range of a pack; `blob` (when given) is named in the error messages.
    Result<QByteArray> readRange(const BlobId& packId, quint64 offset, quint64 length, const BlobId* blob) const
    {
        if (length > (quint64(1) << 31))
            return Error::make(Error::Corrupt, QStringLiteral("A read of %1 bytes from pack %2 is too large: the index is damaged.")
                                                   .arg(length)
                                                   .arg(toHex(packId)));
        const auto file = packFile(packId);
        const int fd = file->fd;
        if (fd < 0) {
            const int err = errno;
            const QString why = QString::fromLocal8Bit(std::strerror(err));
            return Error::make(err == ENOENT ? Error::Corrupt : Error::Io,
                               blob ? QStringLiteral("Pack %1 holding blob %2 cannot be read: %3.")
                                          .arg(toHex(packId), toHex(*blob), why)
                                    : QStringLiteral("Pack %1 cannot be read: %2.").arg(toHex(packId), why));
        }
        QByteArray out(static_cast<qsizetype>(length), Qt::Uninitialized);
        std::size_t got = 0;
        while (got < length) {
            const ssize_t n = ::pread(fd, out.data() + got, length - got, static_cast<off_t>(offset + got));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            got += static_cast<std::size_t>(n);
        }
        if (got != length)
            return Error::make(Error::Corrupt,
                               blob ? QStringLiteral("Pack %1 is damaged: blob %2 lies beyond its end.")
                                          .arg(toHex(packId), toHex(*blob))
                                    : QStringLiteral("Pack %1 is damaged: it ends before byte %2.")
                                          .arg(toHex(packId))
                                          .arg(offset + length));
        return out;
    }
    void closeFds() const
    {
        std::lock_guard g(fdMutex);
        fds.clear();
    }

    mutable std::mutex snapMutex;
    mutable std::map<QString, QDateTime> snapTimes; // cache: manifest id -> time

    const std::uint8_t* key(const QByteArray& k) const { return reinterpret_cast<const std::uint8_t*>(k.constData()); }
    QString packPath(const BlobId& id) const
    {
        const QString hex = toHex(id);
        return path + QStringLiteral("/data/") + hex.left(2) + QLatin1Char('/') + hex;
    }
    QByteArray configMac(const QJsonObject& o) const
    {
        QJsonObject c = o;
        c.remove(QStringLiteral("mac"));
        const QByteArray doc = QJsonDocument(c).toJson(QJsonDocument::Compact);
        QByteArray mac(32, Qt::Uninitialized);
        crypto_generichash(reinterpret_cast<unsigned char*>(mac.data()), 32,
                           reinterpret_cast<const unsigned char*>(doc.constData()), static_cast<std::size_t>(doc.size()),
                           key(kMac), 32);
        return mac;
    }
    void setKeys(const QByteArray& m)
    {
        master = m;
        kData = crypto::KeyDerivation::derive(m, crypto::Subkey::DataSealing);
        kId = crypto::KeyDerivation::derive(m, crypto::Subkey::BlobId);
        kMeta = crypto::KeyDerivation::derive(m, crypto::Subkey::Metadata);
        kMac = crypto::KeyDerivation::derive(m, crypto::Subkey::ConfigMac);
        gear = Chunker::gearTableFromKey(crypto::KeyDerivation::derive(m, crypto::Subkey::GearTable));
    }
    void clearKeys()
    {
        for (QByteArray* k : {&master, &kData, &kId, &kMeta, &kMac, &signSecret})
            crypto::wipeBytes(*k);
        unlocked = false;
    }
    Status writeConfig(QJsonObject o)
    {
        o[QStringLiteral("mac")] = QString::fromLatin1(configMac(o).toBase64());
        NCB_TRY(AtomicFile::writeWhole(path, path + QStringLiteral("/config"),
                                       QJsonDocument(o).toJson(QJsonDocument::Indented)));
        configJson = o;
        return {};
    }

    // Index files.
    Result<QList<IndexPack>> readIndexFile(const QString& name) const
    {
        auto raw = AtomicFile::readWhole(path, path + QStringLiteral("/index/") + name);
        if (!raw)
            return raw.error();
        QByteArray plain;
        if (!SecretBox::open(kMeta, *raw, QByteArrayLiteral("ncb1:index"), &plain))
            return Error::make(Error::Corrupt,
                               QStringLiteral("Index file %1 is damaged: it does not decrypt.").arg(name));
        auto parsed = parseIndex(plain);
        if (!parsed)
            return Error::make(Error::Corrupt, QStringLiteral("Index file %1 is damaged: %2")
                                                   .arg(name, parsed.error().message));
        return parsed;
    }
    Result<QString> writeIndexFile(const QList<IndexPack>& packsToIndex)
    {
        const QByteArray sealed = SecretBox::seal(kMeta, serializeIndex(packsToIndex), QByteArrayLiteral("ncb1:index"));
        const BlobId h = hashBytes(sealed.constData(), static_cast<std::size_t>(sealed.size()));
        const QString name = toHex(h);
        NCB_TRY(AtomicFile::mkdirs(path, path + QStringLiteral("/index")));
        NCB_TRY(AtomicFile::writeWhole(path, path + QStringLiteral("/index/") + name, sealed));
        return name;
    }
    QStringList indexFileNames() const
    {
        QStringList out;
        for (const QString& n : QDir(path + QStringLiteral("/index")).entryList(QDir::Files, QDir::Name))
            if (isHexName(n, 64))
                out << n;
        return out;
    }
    // Every pack file in data/ by id.
    std::vector<std::pair<BlobId, quint64>> packFiles() const
    {
        std::vector<std::pair<BlobId, quint64>> out;
        QDir data(path + QStringLiteral("/data"));
        for (const QString& sub : data.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            if (!isHexName(sub, 2))
                continue;
            const QFileInfoList files = QDir(data.filePath(sub)).entryInfoList(QDir::Files);
            for (const QFileInfo& fi : files) {
                if (!isHexName(fi.fileName(), 64) || !fi.fileName().startsWith(sub))
                    continue;
                auto id = blobIdFromHex(fi.fileName());
                if (id)
                    out.emplace_back(*id, static_cast<quint64>(fi.size()));
            }
        }
        return out;
    }
    // Reads and parses the header at the end of a pack file.
    // *version: the header's version; *tailSize: the bytes of sealed header and length at the end.
    Result<QList<PackEntry>> readPackHeader(const BlobId& packId, quint64* fileSize = nullptr, int* version = nullptr,
                                            quint64* tailSize = nullptr) const
    {
        const QString hex = toHex(packId);
        QFile f(packPath(packId));
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(f.exists() ? Error::Io : Error::NotFound,
                               QStringLiteral("Pack %1 cannot be read: %2.").arg(hex, f.errorString()));
        const quint64 size = static_cast<quint64>(f.size());
        if (fileSize)
            *fileSize = size;
        const auto damaged = [&](const QString& why) {
            return Error::make(Error::Corrupt, QStringLiteral("Pack %1 is damaged: %2").arg(hex, why));
        };
        if (size < 4 + SecretBox::Overhead)
            return damaged(QStringLiteral("it is too short."));
        f.seek(static_cast<qint64>(size - 4));
        const QByteArray lenBytes = f.read(4);
        if (lenBytes.size() != 4)
            return damaged(QStringLiteral("it cannot be read."));
        const quint64 hlen = le::get32(lenBytes.constData());
        if (hlen < SecretBox::Overhead || hlen > size - 4)
            return damaged(QStringLiteral("its header length is wrong."));
        f.seek(static_cast<qint64>(size - 4 - hlen));
        const QByteArray sealed = f.read(static_cast<qint64>(hlen));
        QByteArray plain;
        if (sealed.size() != static_cast<qsizetype>(hlen) ||
            !SecretBox::open(kMeta, sealed, QByteArrayLiteral("ncb1:packheader"), &plain))
            return damaged(QStringLiteral("its header does not decrypt."));
        auto entries = parsePackHeader(plain, size - 4 - hlen, version);
        if (!entries)
            return damaged(entries.error().message);
        if (tailSize)
            *tailSize = hlen + 4;
        return entries;
    }

    void addPack(const BlobId& id, quint64 size, bool indexed, const QList<PackEntry>& entries, bool overwrite)
    {
        const auto n = static_cast<std::uint32_t>(packs.size());
        packs.push_back(PackInfo{id, size, indexed});
        for (const PackEntry& e : entries) {
            blobs.insert(e.id, Loc{n, e.offset, e.length, e.rawLength, e.type, e.flags}, overwrite);
        }
    }

    // The index is loaded on first use (lazily): commands that need no blob location (listing
    // snapshots, catalog queries) never read it. indexLoaded is set under loadMutex.
    mutable std::mutex loadMutex;
    mutable std::atomic<bool> indexLoaded{false};
    void ensureIndex() const
    {
        if (indexLoaded.load(std::memory_order_acquire))
            return;
        std::lock_guard g(loadMutex);
        if (!indexLoaded.load(std::memory_order_relaxed))
            const_cast<Private*>(this)->loadIndex(); // Private is never a const object
    }
    void loadIndex()
    {
        closeFds();
        std::unique_lock g(indexMutex);
        indexLoaded.store(true, std::memory_order_release);
        packs.clear();
        blobs.clear();
        std::unordered_set<BlobId, BlobIdHash> known;
        for (const QString& name : indexFileNames()) {
            auto parsed = readIndexFile(name);
            if (!parsed) {
                qCWarning(lcRepo) << parsed.error().message;
                continue; // check reports it; blobs it listed are stored again when needed
            }
            for (const IndexPack& ip : *parsed) {
                if (known.count(ip.packId))
                    continue;
                known.insert(ip.packId);
                blobs.reserve(blobs.size() + static_cast<std::size_t>(ip.entries.size()));
                addPack(ip.packId, ip.packSize, true, ip.entries, false);
            }
        }
        // Packs written before a crash prevented their index: usable from their own header.
        for (const auto& [id, size] : packFiles()) {
            if (known.count(id))
                continue;
            auto entries = readPackHeader(id);
            if (!entries) {
                qCWarning(lcRepo) << entries.error().message;
                continue; // prune removes it
            }
            addPack(id, size, false, *entries, false);
        }
    }

    // Writes index entries for packs known only from their header (needs the exclusive lock).
    Status indexRecoveredPacks()
    {
        QList<IndexPack> todo;
        std::vector<std::size_t> which;
        {
            std::shared_lock g(indexMutex);
            for (std::size_t i = 0; i < packs.size(); ++i) {
                if (packs[i].indexed)
                    continue;
                auto entries = readPackHeader(packs[i].id);
                if (!entries)
                    continue;
                todo.append(IndexPack{packs[i].id, packs[i].size, *entries});
                which.push_back(i);
            }
        }
        if (todo.isEmpty())
            return {};
        auto name = writeIndexFile(todo);
        if (!name)
            return name.error();
        std::unique_lock g(indexMutex);
        for (std::size_t i : which)
            packs[i].indexed = true;
        return {};
    }

    // Pack writer thread: writes finished packs and their index files while callers keep sealing blobs.
    void startWriter()
    {
        if (!writer.joinable())
            writer = std::thread([this] { writerLoop(); });
    }
    void stopWriterThread()
    {
        {
            std::lock_guard g(queueMutex);
            stopWriter = true;
        }
        queueCv.notify_all();
        if (writer.joinable())
            writer.join();
    }
    void writerLoop()
    {
        std::unique_lock g(queueMutex);
        for (;;) {
            queueCv.wait(g, [this] { return stopWriter || !queue.empty(); });
            if (queue.empty())
                return;
            OpenPack pack = std::move(queue.front());
            queue.pop_front();
            writerBusy = true;
            const bool failed = writerError.has_value();
            g.unlock();
            queueCv.notify_all();
            Status s = failed ? Status(*writerError) : writePack(pack);
            if (!s) {
                std::unique_lock ig(indexMutex);
                for (const PackEntry& e : pack.entries)
                    pending.erase(e.id);
            }
            g.lock();
            if (!s && !writerError)
                writerError = s.error();
            writerBusy = false;
            queueCv.notify_all();
        }
    }
    Status writePack(OpenPack& pack)
    {
        const QByteArray header =
            SecretBox::seal(kMeta, serializePackHeader(pack.entries), QByteArrayLiteral("ncb1:packheader"));
        QByteArray tail = header;
        le::put32(tail, static_cast<std::uint32_t>(header.size()));
        AtomicFile f(path);
        NCB_TRY(AtomicFile::mkdirs(path, path + QStringLiteral("/data")));
        NCB_TRY(f.open(path + QStringLiteral("/data"), AtomicFile::Mode::Direct));
        quint64 size = 0;
        auto put = [&](const QByteArray& b) -> Status {
            size += static_cast<quint64>(b.size());
            return f.write(b.constData(), static_cast<std::size_t>(b.size()));
        };
        for (QByteArray& part : pack.parts) {
            NCB_TRY(put(part));
            part = QByteArray(); // release memory as we go
        }
        NCB_TRY(put(tail));
        // Pack version 2: the id is the hash of the tail only. The sealed header lists every blob with its
        // id, place and length, and each sealed blob carries its own tag over its bytes and its id, so a
        // changed byte anywhere is still found (check --read-data); hashing the whole pack again cost
        // about 1 s of CPU per GiB stored.
        const BlobId id = hashBytes(tail.constData(), static_cast<std::size_t>(tail.size()));
        const QString finalPath = packPath(id);
        NCB_TRY(AtomicFile::mkdirs(path, QFileInfo(finalPath).absolutePath()));
        NCB_TRY(f.commit(finalPath));
        auto idx = writeIndexFile({IndexPack{id, size, pack.entries}});
        if (!idx)
            return idx.error(); // the pack stays: it is indexed from its header on the next open
        std::unique_lock g(indexMutex);
        addPack(id, size, true, pack.entries, true);
        for (const PackEntry& e : pack.entries)
            pending.erase(e.id);
        return {};
    }
    // Hands the open pack to the writer; waits while two packs are already queued (bounded memory).
    void enqueueLocked(OpenPack&& pack)
    {
        std::unique_lock g(queueMutex);
        queueCv.wait(g, [this] { return queue.size() < 2; });
        queue.push_back(std::move(pack));
        g.unlock();
        queueCv.notify_all();
    }
    Status waitForWriter()
    {
        std::unique_lock g(queueMutex);
        queueCv.wait(g, [this] { return queue.empty() && !writerBusy; });
        if (writerError)
            return *writerError;
        return {};
    }
    Status append(const PackEntry& e, QByteArray&& sealed)
    {
        std::unique_lock g(openMutex);
        {
            std::lock_guard q(queueMutex);
            if (writerError)
                return *writerError;
        }
        OpenPack& o = open;
        PackEntry entry = e;
        entry.offset = static_cast<std::uint32_t>(o.size);
        o.size += static_cast<quint64>(sealed.size());
        o.entries.append(entry);
        o.parts.append(std::move(sealed));
        // A pack also closes at MaxPackEntries blobs: a tree of a million tiny files would otherwise keep
        // hundreds of thousands of small blobs (and their pending ids) in memory per open pack.
        if (static_cast<qint64>(o.size) >= packTarget || o.entries.size() >= MaxPackEntries) {
            OpenPack full = std::move(o);
            o = OpenPack{};
            enqueueLocked(std::move(full));
        }
        return {};
    }
    Status flush()
    {
        {
            std::unique_lock g(openMutex);
            if (!open.entries.isEmpty()) {
                OpenPack full = std::move(open);
                open = OpenPack{};
                enqueueLocked(std::move(full));
            }
        }
        return waitForWriter();
    }

    // Manifests.
    Result<QByteArray> openManifest(const QString& id, QDateTime* time) const
    {
        auto raw = AtomicFile::readWhole(path, path + QStringLiteral("/snapshots/") + id);
        if (!raw)
            return raw.error();
        const auto damaged = [&] {
            return Error::make(Error::Corrupt,
                               QStringLiteral("Restoring Point %1 is damaged: its manifest %2 does not decrypt.")
                                   .arg(id, path + QStringLiteral("/snapshots/") + id));
        };
        if (toHex(hashBytes(raw->constData(), static_cast<std::size_t>(raw->size()))) != id)
            return damaged();
        QByteArray plain;
        if (!SecretBox::open(kMeta, *raw, QByteArrayLiteral("ncb1:manifest"), &plain))
            return damaged();
        constexpr int head = 4 + 1 + 8 + 32;
        constexpr int sigSize = crypto::Signatory::SignatureSize;
        if (plain.size() < head + sigSize || std::memcmp(plain.constData(), ManifestMagic, 4) != 0 || plain[4] != char(1))
            return damaged();
        const QByteArray pk = plain.mid(13, 32);
        const QByteArray sig = plain.mid(head, sigSize);
        bool trusted = false;
        for (const QByteArray& t : config.trustedPublicKeys)
            trusted = trusted || t == pk;
        if (!trusted)
            return Error::make(Error::Corrupt,
                               QStringLiteral("Restoring Point %1 is signed by a key this repository does not trust.")
                                   .arg(id));
        QByteArray signedPart = plain.left(head) + plain.mid(head + sigSize);
        if (!crypto::Signatory::verify(pk, sig, signedPart.constData(), static_cast<std::size_t>(signedPart.size())))
            return Error::make(Error::Corrupt,
                               QStringLiteral("Restoring Point %1 has an invalid signature.").arg(id));
        if (time)
            *time = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(le::get64(plain.constData() + 5)), Qt::UTC);
        return plain.mid(head + sigSize);
    }
    QStringList manifestNames() const
    {
        QStringList out;
        for (const QString& n : QDir(path + QStringLiteral("/snapshots")).entryList(QDir::Files, QDir::Name))
            if (isHexName(n, 64))
                out << n;
        return out;
    }
};

Repository::Repository() : d(std::make_unique<Private>()) {}

Repository::~Repository()
{
    if (d->unlocked)
        (void)d->flush(); // packs already sealed are worth keeping: a rerun deduplicates against them
    d->stopWriterThread();
    d->closeFds();
    d->clearKeys();
}

static Error notUnlocked(const QString& path)
{
    return Error::make(Error::Generic, QStringLiteral("Repository %1 is not unlocked.").arg(path));
}

static Result<RepoConfig> parseConfig(const QJsonObject& o, const QString& path)
{
    RepoConfig c;
    const auto bad = [&] {
        return Error::make(Error::Corrupt, QStringLiteral("The configuration of repository %1 is damaged.").arg(path));
    };
    c.version = o.value(QStringLiteral("version")).toInt(-1);
    if (c.version != FormatVersion) {
        if (c.version > FormatVersion)
            return Error::make(Error::Corrupt, QStringLiteral("Repository %1 has format version %2; this ncbackup "
                                                              "reads version %3 only. Update ncbackup.")
                                                   .arg(path)
                                                   .arg(c.version)
                                                   .arg(FormatVersion));
        return bad();
    }
    c.id = o.value(QStringLiteral("id")).toString();
    if (!isHexName(c.id, 32))
        return bad();
    const QJsonObject ch = o.value(QStringLiteral("chunker")).toObject();
    c.chunker.minSize = static_cast<std::uint32_t>(ch.value(QStringLiteral("min")).toInteger());
    c.chunker.avgSize = static_cast<std::uint32_t>(ch.value(QStringLiteral("avg")).toInteger());
    c.chunker.maxSize = static_cast<std::uint32_t>(ch.value(QStringLiteral("max")).toInteger());
    if (c.chunker.minSize < 64 || c.chunker.minSize > c.chunker.avgSize || c.chunker.avgSize > c.chunker.maxSize ||
        c.chunker.maxSize > 64u * 1024 * 1024)
        return bad();
    c.signatoryPublicKey = QByteArray::fromBase64(o.value(QStringLiteral("signatoryPublicKey")).toString().toLatin1());
    for (const QJsonValue& v : o.value(QStringLiteral("trustedKeys")).toArray())
        c.trustedPublicKeys.append(QByteArray::fromBase64(v.toString().toLatin1()));
    if (c.signatoryPublicKey.size() != crypto::Signatory::PublicKeySize)
        return bad();
    c.description = o.value(QStringLiteral("description")).toObject();
    c.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODate);
    return c;
}

Result<std::unique_ptr<Repository>> Repository::init(const QString& pathIn, const QByteArray& password,
                                                     const QJsonObject& description)
{
    const QString path = QDir::cleanPath(QDir::current().absoluteFilePath(pathIn));
    QDir dir(path);
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        if (QFileInfo::exists(path + QStringLiteral("/config")))
            return Error::make(Error::Usage, QStringLiteral("There is already a repository at %1.").arg(path));
        return Error::make(Error::Usage,
                           QStringLiteral("Folder %1 is not empty; a new repository needs an empty folder.").arg(path));
    }
    if (password.isEmpty())
        return Error::make(Error::Usage, QStringLiteral("The repository password must not be empty."));
    const bool existed = dir.exists();
    auto r = initInto(path, password, description);
    if (!r) {
        // Leave nothing behind: a half-made repository would be refused by the next init.
        QDir(path).removeRecursively();
        if (existed)
            QDir().mkpath(path);
    }
    return r;
}

Result<std::unique_ptr<Repository>> Repository::initInto(const QString& path, const QByteArray& password,
                                                         const QJsonObject& description)
{
    crypto::ensureSodium();
    std::unique_ptr<Repository> r(new Repository);
    Private& p = *r->d;
    p.path = path;
    for (const char* sub : {"", "/keys", "/data", "/index", "/snapshots", "/locks"})
        NCB_TRY(AtomicFile::mkdirs(path, path + QLatin1String(sub)));
    p.config.version = FormatVersion;
    p.config.id = hexOf(crypto::randomBytes(16));
    p.config.created = QDateTime::currentDateTimeUtc();
    p.config.description = description;
    QByteArray master = crypto::randomBytes(32);
    p.setKeys(master);
    auto [pk, sk] = crypto::Signatory::generate();
    p.signSecret = sk;
    p.config.signatoryPublicKey = pk;
    p.config.trustedPublicKeys = {pk};

    auto wrapped = crypto::KeyWrap::wrap(master, password, p.config.id);
    if (!wrapped)
        return wrapped.error();
    NCB_TRY(AtomicFile::writeWhole(path, path + QStringLiteral("/keys/") + hexOf(crypto::randomBytes(16)) +
                                             QStringLiteral(".json"),
                                   QJsonDocument(wrapped->toJson()).toJson(QJsonDocument::Indented)));
    const QByteArray sealedSecret = SecretBox::seal(p.kMeta, sk, QByteArrayLiteral("ncb1:signatory:") + p.config.id.toLatin1());
    QJsonObject o{
        {QStringLiteral("version"), FormatVersion},
        {QStringLiteral("id"), p.config.id},
        {QStringLiteral("chunker"), QJsonObject{{QStringLiteral("min"), qint64(p.config.chunker.minSize)},
                                                {QStringLiteral("avg"), qint64(p.config.chunker.avgSize)},
                                                {QStringLiteral("max"), qint64(p.config.chunker.maxSize)}}},
        {QStringLiteral("signatoryPublicKey"), QString::fromLatin1(pk.toBase64())},
        {QStringLiteral("trustedKeys"), QJsonArray{QString::fromLatin1(pk.toBase64())}},
        {QStringLiteral("signatorySecretKey"), QString::fromLatin1(sealedSecret.toBase64())},
        {QStringLiteral("description"), description},
        {QStringLiteral("created"), p.config.created.toString(Qt::ISODateWithMs)},
    };
    NCB_TRY(p.writeConfig(o)); // written last: the folder is a repository once config exists
    p.unlocked = true;
    p.startWriter();
    return r;
}

Result<std::unique_ptr<Repository>> Repository::open(const QString& pathIn)
{
    const QString path = QDir::cleanPath(QDir::current().absoluteFilePath(pathIn));
    QFile f(path + QStringLiteral("/config"));
    if (!f.exists())
        return Error::make(Error::NotFound, QStringLiteral("No ncbackup repository at %1.").arg(path));
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(Error::Io, QStringLiteral("Cannot read repository %1: %2.").arg(path, f.errorString()));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(1024 * 1024), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error::make(Error::Corrupt, QStringLiteral("The configuration of repository %1 is damaged.").arg(path));
    auto c = parseConfig(doc.object(), path);
    if (!c)
        return c.error();
    crypto::ensureSodium();
    std::unique_ptr<Repository> r(new Repository);
    r->d->path = path;
    r->d->config = *c;
    r->d->configJson = doc.object();
    return r;
}

QString Repository::path() const { return d->path; }
const RepoConfig& Repository::config() const { return d->config; }
QString Repository::id() const { return d->config.id; }
bool Repository::isUnlocked() const { return d->unlocked; }
QByteArray Repository::masterKey() const { return d->unlocked ? d->master : QByteArray(); }

void Repository::setPackSizeTarget(qint64 bytes) { d->packTarget = std::max<qint64>(bytes, 1); }

Status Repository::unlockWithPassword(const QByteArray& password)
{
    QDir keys(d->path + QStringLiteral("/keys"));
    const QStringList files = keys.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return Error::make(Error::Corrupt, QStringLiteral("Repository %1 has no key file.").arg(d->path));
    std::optional<Error> lastOther;
    for (const QString& name : files) {
        auto raw = AtomicFile::readWhole(d->path, keys.filePath(name));
        if (!raw)
            return raw.error();
        auto wk = crypto::WrappedKey::fromJson(QJsonDocument::fromJson(*raw).object());
        if (!wk) {
            lastOther = Error::make(Error::Corrupt,
                                    QStringLiteral("Key file keys/%1 in repository %2 is damaged.").arg(name, d->path));
            continue;
        }
        auto master = crypto::KeyWrap::unwrap(*wk, password, d->config.id);
        if (master)
            return unlockWithMasterKey(*master);
        if (master.error().code != Error::Auth)
            return master.error();
    }
    if (lastOther && files.size() == 1)
        return *lastOther;
    return Error::make(Error::Auth, QStringLiteral("Wrong password for repository %1.").arg(d->path));
}

Status Repository::unlockWithMasterKey(const QByteArray& masterKey)
{
    if (masterKey.size() != 32)
        return Error::make(Error::Auth, QStringLiteral("The key does not fit repository %1.").arg(d->path));
    d->setKeys(masterKey);
    const QByteArray sealedSecret =
        QByteArray::fromBase64(d->configJson.value(QStringLiteral("signatorySecretKey")).toString().toLatin1());
    QByteArray sk;
    if (!SecretBox::open(d->kMeta, sealedSecret, QByteArrayLiteral("ncb1:signatory:") + d->config.id.toLatin1(), &sk)) {
        d->clearKeys();
        return Error::make(Error::Auth, QStringLiteral("The key does not fit repository %1.").arg(d->path));
    }
    const QByteArray mac = QByteArray::fromBase64(d->configJson.value(QStringLiteral("mac")).toString().toLatin1());
    if (!crypto::equalConstantTime(mac, d->configMac(d->configJson)) ||
        crypto::Signatory::publicKeyOf(sk) != d->config.signatoryPublicKey) {
        d->clearKeys();
        return Error::make(Error::Corrupt,
                           QStringLiteral("The configuration of repository %1 has been altered.").arg(d->path));
    }
    d->signSecret = sk;
    d->unlocked = true;
    d->indexLoaded.store(false, std::memory_order_release); // loaded by the first call that needs it
    d->startWriter();
    return {};
}

Status Repository::changePassword(const QByteArray& newPassword)
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    if (newPassword.isEmpty())
        return Error::make(Error::Usage, QStringLiteral("The repository password must not be empty."));
    auto wrapped = crypto::KeyWrap::wrap(d->master, newPassword, d->config.id);
    if (!wrapped)
        return wrapped.error();
    QDir keys(d->path + QStringLiteral("/keys"));
    const QStringList old = keys.entryList({QStringLiteral("*.json")}, QDir::Files);
    const QString name = hexOf(crypto::randomBytes(16)) + QStringLiteral(".json");
    NCB_TRY(AtomicFile::writeWhole(d->path, keys.filePath(name),
                                   QJsonDocument(wrapped->toJson()).toJson(QJsonDocument::Indented)));
    for (const QString& o : old)
        if (!keys.remove(o))
            return Error::make(Error::Io, QStringLiteral("Cannot remove the old key file keys/%1 from repository %2.")
                                              .arg(o, d->path));
    return AtomicFile::syncDir(d->path, keys.path());
}

QString Repository::recoveryKey() const
{
    if (!d->unlocked)
        return {};
    return crypto::encodeRecoveryKey(d->master);
}

Status Repository::recover(const QString& path, const QString& recoveryKey, const QByteArray& newPassword)
{
    auto r = open(path);
    if (!r)
        return r.error();
    auto master = crypto::decodeRecoveryKey(recoveryKey);
    if (!master)
        return Error::make(Error::Auth, QStringLiteral("Wrong recovery key for repository %1: it is not valid; "
                                                       "check it for typos.")
                                            .arg((*r)->path()));
    Status s = (*r)->unlockWithMasterKey(*master);
    if (!s) {
        if (s.error().code == Error::Auth)
            return Error::make(Error::Auth, QStringLiteral("Wrong recovery key for repository %1.").arg((*r)->path()));
        return s;
    }
    return (*r)->changePassword(newPassword);
}

Status Repository::setDescription(const QJsonObject& description)
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    QJsonObject o = d->configJson;
    o[QStringLiteral("description")] = description;
    NCB_TRY(d->writeConfig(o));
    d->config.description = description;
    return {};
}

Status Repository::setTrustedKeys(const QList<QByteArray>& publicKeys)
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    QJsonArray arr;
    for (const QByteArray& k : publicKeys) {
        if (k.size() != crypto::Signatory::PublicKeySize)
            return Error::make(Error::Usage, QStringLiteral("A trusted key must be an Ed25519 public key (32 bytes)."));
        arr.append(QString::fromLatin1(k.toBase64()));
    }
    QJsonObject o = d->configJson;
    o[QStringLiteral("trustedKeys")] = arr;
    NCB_TRY(d->writeConfig(o));
    d->config.trustedPublicKeys = publicKeys;
    std::lock_guard g(d->snapMutex);
    d->snapTimes.clear();
    return {};
}

Result<std::shared_ptr<RepoLock>> Repository::lock(LockMode mode)
{
    auto l = RepoLock::acquire(d->path, mode);
    if (l && mode != LockMode::Shared && d->unlocked) {
        d->ensureIndex();
        NCB_TRY(d->indexRecoveredPacks());
    }
    return l;
}

const std::array<std::uint64_t, 256>& Repository::gearTable() const { return d->gear; }

BlobId Repository::blobId(const char* data, std::size_t size) const
{
    BlobId id;
    crypto_generichash(id.data(), 32, reinterpret_cast<const unsigned char*>(data), size, d->key(d->kId), 32);
    return id;
}

bool Repository::hasBlob(const BlobId& id) const
{
    d->ensureIndex();
    std::shared_lock g(d->indexMutex);
    return d->blobs.contains(id) || d->pending.count(id);
}

Result<bool> Repository::putBlob(BlobType type, const BlobId& id, const char* data, std::size_t size)
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    if (size > (1u << 30))
        return Error::make(Error::Generic, QStringLiteral("A blob of %1 bytes is too large to store.").arg(size));
    d->ensureIndex();
    {
        std::unique_lock g(d->indexMutex);
        if (d->blobs.contains(id) || d->pending.count(id))
            return false;
        d->pending.insert(id);
    }
    PackEntry e;
    e.type = type;
    e.id = id;
    QByteArray sealed = BlobCodec::encode(d->key(d->kData), e, data, size);
    Status s = d->append(e, std::move(sealed));
    if (!s) {
        std::unique_lock g(d->indexMutex);
        d->pending.erase(id);
        return s.error();
    }
    return true;
}

Status Repository::flush()
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    return d->flush();
}

Result<BlobPlace> Repository::locateBlob(const BlobId& id) const
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    d->ensureIndex();
    std::shared_lock g(d->indexMutex);
    Loc loc;
    if (!d->blobs.find(id, &loc)) {
        if (d->pending.count(id))
            return Error::make(Error::Generic,
                               QStringLiteral("Blob %1 is not written yet; flush the repository first.").arg(toHex(id)));
        return Error::make(Error::NotFound,
                           QStringLiteral("Blob %1 is missing from repository %2.").arg(toHex(id), d->path));
    }
    return BlobPlace{d->packs[loc.pack].id, loc.offset, loc.length, loc.rawLength, loc.type, loc.flags};
}

Result<QByteArray> Repository::readPackRange(const BlobId& packId, quint64 offset, quint64 length) const
{
    return d->readRange(packId, offset, length, nullptr);
}

Result<QByteArray> Repository::openBlob(const BlobId& id, const BlobPlace& place, const char* sealed,
                                        std::size_t size) const
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    PackEntry e;
    e.type = place.type;
    e.flags = place.flags;
    e.id = id;
    e.length = place.length;
    e.rawLength = place.rawLength;
    auto plain = BlobCodec::decode(d->key(d->kData), e, sealed, size);
    if (!plain)
        return Error::make(Error::Corrupt,
                           QStringLiteral("Blob %1 in pack %2 is damaged.").arg(toHex(id), toHex(place.pack)));
    if (blobId(plain->constData(), static_cast<std::size_t>(plain->size())) != id)
        return Error::make(Error::Corrupt, QStringLiteral("Blob %1 in pack %2 does not match its id.")
                                               .arg(toHex(id), toHex(place.pack)));
    return plain;
}

Result<QByteArray> Repository::getBlob(const BlobId& id) const
{
    auto place = locateBlob(id);
    if (!place)
        return place.error();
    auto sealed = d->readRange(place->pack, place->offset, place->length, &id);
    if (!sealed)
        return sealed.error();
    return openBlob(id, *place, sealed->constData(), static_cast<std::size_t>(sealed->size()));
}

Result<QString> Repository::writeManifest(const QByteArray& plaintext)
{
    return writeManifest(plaintext, QDateTime::currentDateTimeUtc());
}

Result<QString> Repository::writeManifest(const QByteArray& plaintext, const QDateTime& time)
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    QByteArray head;
    head.append(ManifestMagic, 4);
    head.append(char(1));
    le::put64(head, static_cast<std::uint64_t>(time.toMSecsSinceEpoch()));
    head.append(d->config.signatoryPublicKey);
    const QByteArray signedPart = head + plaintext;
    const QByteArray sig =
        crypto::Signatory::sign(d->signSecret, signedPart.constData(), static_cast<std::size_t>(signedPart.size()));
    const QByteArray sealed = SecretBox::seal(d->kMeta, head + sig + plaintext, QByteArrayLiteral("ncb1:manifest"));
    const QString id = toHex(hashBytes(sealed.constData(), static_cast<std::size_t>(sealed.size())));
    NCB_TRY(AtomicFile::mkdirs(d->path, d->path + QStringLiteral("/snapshots")));
    NCB_TRY(AtomicFile::writeWhole(d->path, d->path + QStringLiteral("/snapshots/") + id, sealed));
    std::lock_guard g(d->snapMutex);
    d->snapTimes[id] = time.toUTC();
    return id;
}

Result<QByteArray> Repository::readManifest(const QString& snapshotId) const
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    auto id = resolveSnapshotId(snapshotId);
    if (!id)
        return id.error();
    return d->openManifest(*id, nullptr);
}

Result<QList<SnapshotRef>> Repository::listSnapshots() const
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    QList<SnapshotRef> out;
    const QStringList names = d->manifestNames();
    std::lock_guard g(d->snapMutex);
    for (const QString& n : names) {
        auto it = d->snapTimes.find(n);
        if (it == d->snapTimes.end()) {
            QDateTime t;
            auto m = d->openManifest(n, &t);
            if (!m) {
                qCWarning(lcRepo) << m.error().message;
                continue; // check reports it
            }
            it = d->snapTimes.emplace(n, t).first;
        }
        out.append(SnapshotRef{n, it->second});
    }
    std::stable_sort(out.begin(), out.end(), [](const SnapshotRef& a, const SnapshotRef& b) {
        return a.time < b.time || (a.time == b.time && a.id < b.id);
    });
    return out;
}

QList<Repository::DamagedSnapshot> Repository::damagedSnapshots() const
{
    QList<DamagedSnapshot> out;
    if (!d->unlocked)
        return out;
    for (const QString& n : d->manifestNames()) {
        {
            std::lock_guard g(d->snapMutex);
            if (d->snapTimes.find(n) != d->snapTimes.end())
                continue; // opened before
        }
        auto m = d->openManifest(n, nullptr);
        if (!m)
            out.append(DamagedSnapshot{n, d->path + QStringLiteral("/snapshots/") + n, m.error().message});
    }
    return out;
}

Result<QString> Repository::resolveSnapshotId(const QString& prefixIn) const
{
    const QString prefix = prefixIn.trimmed().toLower();
    if (prefix == QLatin1String("latest")) {
        auto list = listSnapshots();
        if (!list)
            return list.error();
        if (list->isEmpty())
            return Error::make(Error::NotFound, QStringLiteral("Repository %1 has no Restoring Point yet.").arg(d->path));
        return list->last().id;
    }
    if (prefix.size() < 4 || prefix.size() > 64 || !isHexName(prefix, static_cast<int>(prefix.size())))
        return Error::make(Error::Usage, QStringLiteral("'%1' is not a Restoring Point id: give at least 4 hex "
                                                        "digits of it, or \"latest\".")
                                             .arg(prefixIn));
    QStringList matches;
    for (const QString& n : d->manifestNames())
        if (n.startsWith(prefix))
            matches << n;
    if (matches.isEmpty())
        return Error::make(Error::NotFound,
                           QStringLiteral("No Restoring Point %1 in repository %2.").arg(prefixIn, d->path));
    if (matches.size() > 1)
        return Error::make(Error::Usage, QStringLiteral("Restoring Point id %1 is ambiguous: it matches %2; give more "
                                                        "digits.")
                                             .arg(prefixIn, matches.join(QStringLiteral(", "))));
    return matches.first();
}

Status Repository::deleteManifest(const QString& snapshotId)
{
    auto id = resolveSnapshotId(snapshotId);
    if (!id)
        return id.error();
    const QString dir = d->path + QStringLiteral("/snapshots");
    if (!QFile::remove(dir + QLatin1Char('/') + *id))
        return Error::make(Error::Io,
                           QStringLiteral("Cannot delete Restoring Point %1 from repository %2.").arg(*id, d->path));
    {
        std::lock_guard g(d->snapMutex);
        d->snapTimes.erase(*id);
    }
    return AtomicFile::syncDir(d->path, dir);
}

StorageCheckReport Repository::checkStorage(bool readData, const ProgressCallback& progress) const
{
    StorageCheckReport rep;
    const QString path = d->path;
    auto damage = [&](Damage::Kind k, const QString& obj, const QString& msg, QList<BlobId> blobs = {}) {
        rep.damages.append(Damage{k, obj, msg, std::move(blobs)});
    };
    if (!d->unlocked) {
        damage(Damage::Config, QStringLiteral("config"), QStringLiteral("The repository is not unlocked."));
        return rep;
    }
    // Keys.
    QDir keys(path + QStringLiteral("/keys"));
    for (const QString& name : keys.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        auto raw = AtomicFile::readWhole(path, keys.filePath(name));
        if (!raw || !crypto::WrappedKey::fromJson(QJsonDocument::fromJson(*raw).object()))
            damage(Damage::Key, QStringLiteral("keys/") + name,
                   QStringLiteral("Key file keys/%1 is damaged.").arg(name));
    }
    // Index files and the packs they list.
    std::map<BlobId, IndexPack> indexed;
    for (const QString& name : d->indexFileNames()) {
        auto parsed = d->readIndexFile(name);
        if (!parsed) {
            damage(Damage::Index, name, parsed.error().message);
            continue;
        }
        for (IndexPack& ip : *parsed)
            indexed.try_emplace(ip.packId, std::move(ip));
    }
    std::map<BlobId, quint64> onDisk;
    for (const auto& [id, size] : d->packFiles())
        onDisk[id] = size;
    // Unindexed packs: usable when their header reads (the next writer indexes them).
    for (const auto& [id, size] : onDisk) {
        if (indexed.count(id))
            continue;
        quint64 sz = 0;
        auto entries = d->readPackHeader(id, &sz);
        if (!entries)
            damage(Damage::Pack, toHex(id),
                   QStringLiteral("Pack %1 is in no index file and its header is unreadable; prune removes it.")
                       .arg(toHex(id)));
        else
            indexed.emplace(id, IndexPack{id, sz, *entries});
    }
    Progress pr;
    pr.phase = QStringLiteral("check");
    pr.filesTotal = static_cast<qint64>(indexed.size());
    for (auto& [packId, ip] : indexed) {
        const QString hex = toHex(packId);
        QList<BlobId> all;
        for (const PackEntry& e : ip.entries)
            all.append(e.id);
        auto it = onDisk.find(packId);
        ++rep.packsChecked;
        if (it == onDisk.end()) {
            damage(Damage::Pack, hex,
                   all.size() == 1 ? QStringLiteral("Pack %1 is missing; 1 blob is lost.").arg(hex)
                                   : QStringLiteral("Pack %1 is missing; %2 blobs are lost.").arg(hex).arg(all.size()),
                   all);
            continue;
        }
        if (it->second != ip.packSize) {
            damage(Damage::Pack, hex, QStringLiteral("Pack %1 has the wrong size (%2 bytes instead of %3).")
                                          .arg(hex)
                                          .arg(it->second)
                                          .arg(ip.packSize),
                   all);
            continue;
        }
        int version = 1;
        quint64 tailSize = 0;
        auto header = d->readPackHeader(packId, nullptr, &version, &tailSize);
        if (!header) {
            damage(Damage::Pack, hex, header.error().message, all);
            continue;
        }
        auto key = [](const PackEntry& e) { return std::tuple(e.id, e.offset, e.length, e.rawLength, e.flags, e.type); };
        std::set<decltype(key(PackEntry{}))> a, b;
        for (const PackEntry& e : ip.entries)
            a.insert(key(e));
        for (const PackEntry& e : *header)
            b.insert(key(e));
        if (a != b) {
            damage(Damage::Pack, hex, QStringLiteral("Pack %1 does not hold what the index says it does.").arg(hex), all);
            continue;
        }
        if (readData) {
            auto raw = AtomicFile::readWhole(path, d->packPath(packId));
            if (!raw) {
                damage(Damage::Pack, hex, raw.error().message, all);
                continue;
            }
            // Version 1: the id is the hash of the whole pack; version 2: of its tail, and the blobs must
            // tile the rest (no byte that no blob accounts for).
            bool hashOk = false;
            if (version == 1) {
                hashOk = hashBytes(raw->constData(), static_cast<std::size_t>(raw->size())) == packId;
            } else if (tailSize <= quint64(raw->size())) {
                const quint64 dataEnd = quint64(raw->size()) - tailSize;
                hashOk = hashBytes(raw->constData() + dataEnd, static_cast<std::size_t>(tailSize)) == packId;
                QList<PackEntry> sorted = ip.entries;
                std::sort(sorted.begin(), sorted.end(),
                          [](const PackEntry& a, const PackEntry& b) { return a.offset < b.offset; });
                quint64 at = 0;
                for (const PackEntry& e : sorted)
                    at = e.offset == at ? at + e.length : ~quint64(0);
                hashOk = hashOk && at == dataEnd;
            }
            QList<BlobId> bad;
            for (const PackEntry& e : ip.entries) {
                ++rep.blobsChecked;
                auto plain = BlobCodec::decode(d->key(d->kData), e, raw->constData() + e.offset, e.length);
                if (!plain || blobId(plain->constData(), static_cast<std::size_t>(plain->size())) != e.id)
                    bad.append(e.id);
            }
            if (!bad.isEmpty())
                damage(Damage::Pack, hex,
                       QStringLiteral("Pack %1 is damaged: %2 of its %3 blobs cannot be read back intact.")
                           .arg(hex)
                           .arg(bad.size())
                           .arg(ip.entries.size()),
                       bad);
            else if (!hashOk)
                damage(Damage::Pack, hex,
                       QStringLiteral("Pack %1 does not match its id (its blobs are intact).").arg(hex));
            pr.bytesDone += raw->size();
        }
        pr.filesDone = rep.packsChecked;
        pr.current = hex;
        if (progress)
            progress(pr);
    }
    // Manifests.
    for (const QString& n : d->manifestNames()) {
        auto m = d->openManifest(n, nullptr);
        if (!m)
            damage(Damage::Manifest, n, m.error().message);
    }
    return rep;
}

Status Repository::prune(const std::function<bool(const BlobId&)>& isUsed, const ProgressCallback& progress)
{
    if (!d->unlocked)
        return notUnlocked(d->path);
    d->ensureIndex();
    NCB_TRY(d->flush());
    Progress pr;
    pr.phase = QStringLiteral("prune");
    // Usage per pack, from the in-memory index (a blob counts in the one pack the index points to).
    struct Usage
    {
        quint64 usedBytes = 0;
        QList<PackEntry> used;
    };
    std::vector<Usage> usage;
    std::vector<PackInfo> packs;
    {
        std::shared_lock g(d->indexMutex);
        packs = d->packs;
        usage.resize(packs.size());
        d->blobs.forEach([&](const BlobId& id, const Loc& loc) {
            if (!isUsed(id))
                return;
            Usage& u = usage[loc.pack];
            u.usedBytes += loc.length;
            PackEntry e;
            e.type = loc.type;
            e.flags = loc.flags;
            e.id = id;
            e.offset = loc.offset;
            e.length = loc.length;
            e.rawLength = loc.rawLength;
            u.used.append(e);
        });
    }
    std::vector<std::size_t> drop, repack;
    for (std::size_t i = 0; i < packs.size(); ++i) {
        if (usage[i].used.isEmpty())
            drop.push_back(i);
        else if (usage[i].usedBytes * 4 < packs[i].size * 3) // more than a quarter unused: worth rewriting
            repack.push_back(i);
    }
    // 1. Copy used blobs of sparse packs into new packs (sealed bytes are copied as they are, after a check
    //    that they still open: a damaged blob is not carried over).
    pr.filesTotal = static_cast<qint64>(repack.size());
    for (std::size_t i : repack) {
        auto raw = AtomicFile::readWhole(d->path, d->packPath(packs[i].id));
        if (!raw)
            return raw.error();
        for (const PackEntry& e : usage[i].used) {
            if (quint64(e.offset) + e.length > static_cast<quint64>(raw->size()))
                continue;
            auto plain = BlobCodec::decode(d->key(d->kData), e, raw->constData() + e.offset, e.length);
            if (!plain)
                continue;
            NCB_TRY(d->append(e, raw->mid(e.offset, e.length)));
        }
        ++pr.filesDone;
        if (progress)
            progress(pr);
    }
    NCB_TRY(d->flush());
    // 2. One new index file covering every pack that stays (packs from step 1 included).
    std::set<BlobId> gone;
    for (std::size_t i : drop)
        gone.insert(packs[i].id);
    for (std::size_t i : repack)
        gone.insert(packs[i].id);
    QList<IndexPack> keep;
    {
        std::shared_lock g(d->indexMutex);
        std::vector<IndexPack> byPack(d->packs.size());
        d->blobs.forEach([&](const BlobId& id, const Loc& loc) {
            PackEntry e;
            e.type = loc.type;
            e.flags = loc.flags;
            e.id = id;
            e.offset = loc.offset;
            e.length = loc.length;
            e.rawLength = loc.rawLength;
            byPack[loc.pack].entries.append(e);
        });
        for (std::size_t i = 0; i < d->packs.size(); ++i) {
            if (gone.count(d->packs[i].id) || byPack[i].entries.isEmpty())
                continue;
            byPack[i].packId = d->packs[i].id;
            byPack[i].packSize = d->packs[i].size;
            keep.append(std::move(byPack[i]));
        }
    }
    // The index lists what each pack holds, as its header does (duplicates held elsewhere included), so
    // check finds index and header in agreement.
    for (IndexPack& ip : keep) {
        auto header = d->readPackHeader(ip.packId);
        if (header)
            ip.entries = *header;
    }
    const QStringList oldIndexFiles = d->indexFileNames();
    QString newIndex;
    if (!keep.isEmpty()) {
        auto name = d->writeIndexFile(keep);
        if (!name)
            return name.error();
        newIndex = *name;
    }
    // 3. Superseded index files, then 4. the old packs and leftovers of interrupted writes.
    QDir indexDir(d->path + QStringLiteral("/index"));
    for (const QString& n : oldIndexFiles)
        if (n != newIndex && !indexDir.remove(n))
            return Error::make(Error::Io, QStringLiteral("Cannot remove index file %1 from repository %2.").arg(n, d->path));
    NCB_TRY(AtomicFile::syncDir(d->path, indexDir.path()));
    std::set<BlobId> indexedNow;
    for (const IndexPack& ip : keep)
        indexedNow.insert(ip.packId);
    for (const auto& [id, size] : d->packFiles()) {
        Q_UNUSED(size);
        if (indexedNow.count(id))
            continue;
        if (!QFile::remove(d->packPath(id)))
            return Error::make(Error::Io,
                               QStringLiteral("Cannot remove pack %1 from repository %2.").arg(toHex(id), d->path));
    }
    for (const char* sub : {"/data", "/index", "/snapshots", "/keys"}) {
        QDir dir(d->path + QLatin1String(sub));
        for (const QString& t : dir.entryList({QStringLiteral(".tmp-*")}, QDir::Files | QDir::Hidden))
            dir.remove(t);
    }
    d->loadIndex();
    return {};
}

} // namespace ncb::repo
