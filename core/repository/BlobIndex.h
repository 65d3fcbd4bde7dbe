#pragma once
// The in-memory index: blob id -> where its sealed bytes are. Open addressing with linear probing over one
// flat array (ids are keyed hashes, so their first 8 bytes are already uniformly distributed): 48 bytes a
// slot, about 65 bytes a blob at the 0.75 load limit, no per-entry allocation. Millions of blobs fit in
// tens of megabytes. Not thread-safe: Repository guards it.

#include "Repository.h"

#include <cstdint>
#include <vector>

namespace ncb::repo {

struct BlobLocation
{
    std::uint32_t pack = 0; // index into the repository's pack list (< 2^24)
    std::uint32_t offset = 0;
    std::uint32_t length = 0;    // sealed
    std::uint32_t rawLength = 0; // plaintext
    BlobType type = BlobType::Data;
    std::uint8_t flags = 0;
};

class BlobIndex
{
public:
    static constexpr std::uint32_t MaxPacks = 1u << 24;

    std::size_t size() const { return m_size; }
    void clear();
    void reserve(std::size_t blobs);
    // Returns false when the id was present and overwrite is false (the old location stays).
    bool insert(const BlobId& id, const BlobLocation& loc, bool overwrite);
    bool find(const BlobId& id, BlobLocation* loc) const;
    bool contains(const BlobId& id) const { return find(id, nullptr); }
    template <typename F>
    void forEach(F&& f) const
    {
        for (const Slot& s : m_slots)
            if (s.packAndBits != Empty)
                f(s.id, unpack(s));
    }

private:
    struct Slot
    {
        BlobId id;
        std::uint32_t packAndBits; // pack (24 bits) | type (4 bits) << 24 | flags (4 bits) << 28
        std::uint32_t offset, length, rawLength;
    };
    static_assert(sizeof(Slot) == 48);
    static constexpr std::uint32_t Empty = 0xffffffffu;
    static BlobLocation unpack(const Slot& s);
    static std::size_t hashOf(const BlobId& id);

    std::vector<Slot> m_slots; // size is a power of two (or 0)
    std::size_t m_size = 0;
};

} // namespace ncb::repo
