#pragma once
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "core/util/atomic_file.h"

namespace winnow::core {

// The plain little-endian arrays core/curation keeps in its cache and result folders.

// Writes `v` as raw bytes through an AtomicFile (no fsync: caches and many small files).
template <class T>
void writeRawArray(const std::filesystem::path& file, const T* values, size_t count) {
    AtomicFile f(file, AtomicFile::Sync::No);
    f.write(values, count * sizeof(T));
    f.commit();
}
template <class T>
void writeRawArray(const std::filesystem::path& file, const std::vector<T>& v) {
    writeRawArray(file, v.data(), v.size());
}

// Reads exactly `count` elements; false when the file is missing or has another size.
template <class T>
bool readRawArray(const std::filesystem::path& file, std::vector<T>& v, size_t count) {
    std::error_code ec;
    if (std::filesystem::file_size(file, ec) != count * sizeof(T) || ec) return false;
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    v.resize(count);
    in.read(reinterpret_cast<char*>(v.data()), std::streamsize(count * sizeof(T)));
    return bool(in);
}

}  // namespace winnow::core
