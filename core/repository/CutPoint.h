#pragma once
// fastCdcCut: where the next content-defined chunk of a file ends (FastCDC with normalized chunking over
// the repository's keyed gear table). The snapshot creator calls it on its read buffer; it looks at
// `data[0..size)` and returns the chunk length: a content-defined boundary, maxSize, or `size` when the
// buffer ends first (the caller then passes eof to accept a short last chunk).

#include "repository/Repository.h"

#include <cstddef>
#include <cstdint>

namespace ncb::repo {

inline std::size_t fastCdcCut(const std::array<std::uint64_t, 256>& gear, const ChunkerParams& p,
                              const std::uint8_t* data, std::size_t size)
{
    if (size <= p.minSize)
        return size;
    const std::size_t max = std::min<std::size_t>(size, p.maxSize);
    const std::size_t normal = std::min<std::size_t>(max, p.avgSize);
    // Bits for the average: harder mask before avgSize, easier one after (normalization level 2).
    int bits = 0;
    while ((1u << (bits + 1)) <= p.avgSize)
        ++bits;
    const std::uint64_t maskS = ((1ull << (bits + 2)) - 1) << (64 - bits - 2);
    const std::uint64_t maskL = ((1ull << (bits - 2)) - 1) << (64 - bits + 2);
    std::uint64_t h = 0;
    std::size_t i = p.minSize;
    for (; i < normal; ++i) {
        h = (h << 1) + gear[data[i]];
        if (!(h & maskS))
            return i + 1;
    }
    for (; i < max; ++i) {
        h = (h << 1) + gear[data[i]];
        if (!(h & maskL))
            return i + 1;
    }
    return max;
}

} // namespace ncb::repo
