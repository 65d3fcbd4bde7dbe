#pragma once
// Subkeys of the master key (crypto_kdf_derive_from_key, context "ncbrepo1"): one per purpose, so a key
// never serves two jobs.

#include <QByteArray>

#include <cstdint>

namespace ncb::crypto {

enum class Subkey : std::uint64_t {
    DataSealing = 1,  // blobs in packs
    BlobId = 2,       // keyed BLAKE2b-256 of blob plaintexts
    GearTable = 3,    // chunker gear table
    Metadata = 4,     // pack headers, index files, manifests, signatory secret key
    ConfigMac = 5,    // authenticates the plaintext config
};

class KeyDerivation
{
public:
    static QByteArray derive(const QByteArray& masterKey, Subkey which);
};

} // namespace ncb::crypto
