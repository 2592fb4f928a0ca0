// Content hashes of array records (IDX, CIFAR), read back from the cache the import just wrote
// so that they are of exactly the bytes the loaders will serve.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "core/dataset/import_formats.h"
#include "core/util/error.h"

namespace winnow::core {

std::vector<Sha256Digest> arrayRecordHashes(const std::filesystem::path& cache, int64_t records, int height,
                                            int width, int channels) {
    const size_t rec = size_t(height) * size_t(width) * size_t(channels);
    std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(cache.c_str(), "rb"), &std::fclose);
    if (!f) throw Error("cannot read array cache " + cache.string() + ": " + std::strerror(errno));
    std::vector<Sha256Digest> out;
    out.reserve(size_t(std::max<int64_t>(records, 0)));
    // About a megabyte of whole records per read.
    const size_t perRead = std::max<size_t>(1, (size_t(1) << 20) / std::max<size_t>(rec, 1));
    std::vector<uint8_t> buf(perRead * rec);
    while (int64_t(out.size()) < records) {
        const size_t want = std::min<size_t>(perRead, size_t(records - int64_t(out.size())));
        if (std::fread(buf.data(), rec, want, f.get()) != want)
            throw Error("array cache " + cache.string() + " is shorter than its " + std::to_string(records) +
                        " records");
        for (size_t r = 0; r < want; ++r) out.push_back(sha256Pixels(width, height, channels, buf.data() + r * rec, rec));
    }
    return out;
}

}  // namespace winnow::core
