#include "BlobIndex.h"

#include <bit>
#include <cstring>

namespace ncb::repo {

std::size_t BlobIndex::hashOf(const BlobId& id)
{
    std::uint64_t h;
    std::memcpy(&h, id.data(), sizeof h);
    return static_cast<std::size_t>(h);
}

BlobLocation BlobIndex::unpack(const Slot& s)
{
    BlobLocation l;
    l.pack = s.packAndBits & 0xffffffu;
    l.type = BlobType((s.packAndBits >> 24) & 0xf);
    l.flags = static_cast<std::uint8_t>(s.packAndBits >> 28);
    l.offset = s.offset;
    l.length = s.length;
    l.rawLength = s.rawLength;
    return l;
}

void BlobIndex::clear()
{
    m_slots.clear();
    m_slots.shrink_to_fit();
    m_size = 0;
}

void BlobIndex::reserve(std::size_t blobs)
{
    const std::size_t want = std::bit_ceil(std::max<std::size_t>(16, blobs + blobs / 3 + 1));
    if (want <= m_slots.size())
        return;
    std::vector<Slot> old;
    old.swap(m_slots);
    Slot empty{};
    empty.packAndBits = Empty;
    m_slots.assign(want, empty);
    m_size = 0;
    for (const Slot& s : old)
        if (s.packAndBits != Empty)
            insert(s.id, unpack(s), true);
}

bool BlobIndex::insert(const BlobId& id, const BlobLocation& loc, bool overwrite)
{
    if ((m_size + 1) * 4 > m_slots.size() * 3)
        reserve(m_slots.empty() ? 16 : m_slots.size()); // doubles the table
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hashOf(id) & mask;; i = (i + 1) & mask) {
        Slot& s = m_slots[i];
        if (s.packAndBits == Empty) {
            ++m_size;
        } else if (s.id != id) {
            continue;
        } else if (!overwrite) {
            return false;
        }
        s.id = id;
        s.packAndBits = (loc.pack & 0xffffffu) | (std::uint32_t(loc.type) & 0xf) << 24 | std::uint32_t(loc.flags & 0xf) << 28;
        s.offset = loc.offset;
        s.length = loc.length;
        s.rawLength = loc.rawLength;
        return true;
    }
}

bool BlobIndex::find(const BlobId& id, BlobLocation* loc) const
{
    if (m_slots.empty())
        return false;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hashOf(id) & mask;; i = (i + 1) & mask) {
        const Slot& s = m_slots[i];
        if (s.packAndBits == Empty)
            return false;
        if (s.id == id) {
            if (loc)
                *loc = unpack(s);
            return true;
        }
    }
}

} // namespace ncb::repo
