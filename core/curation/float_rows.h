#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>
#include <vector>

#include "core/util/mapped_file.h"

namespace winnow::core {

// Immutable float rows shared by whoever reads them (a scan, the features made from it, the
// neighbour graph's search): either held in memory or memory-mapped from a file Winnow wrote
// through AtomicFile (replaced by rename, never truncated in place, so a mapping stays whole).
// Mapped rows are the page cache's, not the process's own memory: the kernel reads them as the
// search walks them and may drop them again under memory pressure.
class FloatRows {
public:
    static std::shared_ptr<const FloatRows> held(std::vector<float> values) {
        auto r = std::shared_ptr<FloatRows>(new FloatRows);
        r->m_held = std::move(values);
        r->m_data = r->m_held.data();
        r->m_size = r->m_held.size();
        return r;
    }
    // The whole of `file` as floats, or nullptr when it cannot be mapped or does not hold
    // exactly `count` floats (the caller then rebuilds it or keeps its rows in memory).
    static std::shared_ptr<const FloatRows> mapped(const std::filesystem::path& file, size_t count) {
        auto map = std::make_unique<MappedFile>(file);
        if (!map->ok() || map->size() != count * sizeof(float)) return nullptr;
        auto r = std::shared_ptr<FloatRows>(new FloatRows);
        r->m_data = map->as<float>();
        r->m_size = count;
        r->m_map = std::move(map);
        return r;
    }
    const float* data() const { return m_data; }
    size_t size() const { return m_size; }
    bool isMapped() const { return m_map != nullptr; }

private:
    FloatRows() = default;
    std::vector<float> m_held;
    std::unique_ptr<MappedFile> m_map;
    const float* m_data = nullptr;
    size_t m_size = 0;
};

}  // namespace winnow::core
