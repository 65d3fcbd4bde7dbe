// libFuzzer target for the parsers that read repository bytes from disk (index files, pack headers).
// Build: CC=clang CXX=clang++ cmake -DNCB_BUILD_FUZZ=ON ...; run: fuzz_repoparsers -max_total_time=60
#include "repository/IndexFile.h"
#include "repository/PackHeader.h"

#include <cstdint>
#include <cstdlib>

using namespace ncb::repo;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data + 1),
                                                     static_cast<qsizetype>(size - 1));
    if (data[0] & 1) {
        auto r = parseIndex(bytes);
        if (r.ok())
            for (const IndexPack& p : *r)
                for (const PackEntry& e : p.entries)
                    if (quint64(e.offset) + e.length > p.packSize)
                        std::abort();
    } else {
        const quint64 dataEnd = quint64(data[0]) << 12;
        auto r = parsePackHeader(bytes, dataEnd);
        if (r.ok())
            for (const PackEntry& e : *r)
                if (quint64(e.offset) + e.length > dataEnd)
                    std::abort();
    }
    return 0;
}
