#include "Chunker.h"

#include <sodium.h>

#include <algorithm>
#include <bit>

namespace ncb::repo {

static std::uint64_t topMask(int bits)
{
    bits = std::clamp(bits, 1, 63);
    return ((std::uint64_t(1) << bits) - 1) << (64 - bits);
}

Chunker::Chunker(const ChunkerParams& p, const std::array<std::uint64_t, 256>& gear)
    : m_min(std::max<std::uint32_t>(p.minSize, 64)),
      m_normal(std::max<std::uint32_t>(p.avgSize, p.minSize)),
      m_max(std::max<std::uint32_t>(p.maxSize, std::max(p.avgSize, p.minSize))),
      m_gear(gear)
{
    // Normalized chunking: stricter mask (2 more bits) before the average size, looser (2 fewer) after,
    // so chunk sizes cluster around the average.
    const int bits = std::bit_width(std::max<std::uint32_t>(p.avgSize, 2)) - 1;
    m_maskS = topMask(bits + 2);
    m_maskL = topMask(bits - 2);
}

void Chunker::reset()
{
    m_len = 0;
    m_hash = 0;
}

std::size_t Chunker::findCut(const char* data, std::size_t size)
{
    const auto* p = reinterpret_cast<const std::uint8_t*>(data);
    std::size_t i = 0;
    // Below the minimum size nothing can cut: skip without hashing.
    if (m_len < m_min) {
        const std::size_t skip = std::min(size, m_min - m_len);
        i += skip;
        m_len += skip;
        if (i == size)
            return npos;
    }
    std::uint64_t h = m_hash;
    const std::uint64_t* g = m_gear.data();
    if (m_len < m_normal) {
        const std::size_t end = i + std::min(size - i, m_normal - m_len);
        const std::size_t start = i;
        for (; i < end; ++i) {
            h = (h << 1) + g[p[i]];
            if (!(h & m_maskS)) {
                ++i;
                reset();
                return i;
            }
        }
        m_len += end - start;
        if (i == size) {
            m_hash = h;
            return npos;
        }
    }
    {
        const std::size_t end = i + std::min(size - i, m_max - m_len);
        const std::size_t start = i;
        for (; i < end; ++i) {
            h = (h << 1) + g[p[i]];
            if (!(h & m_maskL)) {
                ++i;
                reset();
                return i;
            }
        }
        m_len += end - start;
        if (m_len >= m_max) {
            reset();
            return i;
        }
    }
    m_hash = h;
    return npos;
}

void Chunker::cuts(const char* data, std::size_t size, std::vector<std::size_t>& out)
{
    std::size_t off = 0;
    while (off < size) {
        const std::size_t n = findCut(data + off, size - off);
        if (n == npos)
            return;
        off += n;
        out.push_back(off);
    }
}

std::array<std::uint64_t, 256> Chunker::gearTableFromKey(const QByteArray& key)
{
    std::array<std::uint64_t, 256> t{};
    // 256 x 8 bytes of keyed BLAKE2b output, 64 bytes per counter value.
    for (int block = 0; block < 32; ++block) {
        unsigned char in[4] = {static_cast<unsigned char>(block), 'g', 'e', 'r'};
        unsigned char out[64];
        crypto_generichash(out, sizeof out, in, sizeof in, reinterpret_cast<const unsigned char*>(key.constData()),
                           static_cast<std::size_t>(key.size()));
        for (int j = 0; j < 8; ++j) {
            std::uint64_t v = 0;
            for (int b = 0; b < 8; ++b)
                v |= std::uint64_t(out[j * 8 + b]) << (8 * b);
            t[static_cast<std::size_t>(block * 8 + j)] = v;
        }
    }
    return t;
}

} // namespace ncb::repo
