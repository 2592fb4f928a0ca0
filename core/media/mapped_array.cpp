#include "core/media/mapped_array.h"

#include "core/util/error.h"
#include "core/util/mapped_file.h"

namespace winnow::core {

std::string arrayCacheRepairCommand(const std::filesystem::path& cacheFile) {
    const std::string dir = std::filesystem::absolute(cacheFile).parent_path().parent_path().string();
    const std::string suffix = "-cache";
    const bool named = dir.size() > suffix.size() &&
                       dir.compare(dir.size() - suffix.size(), suffix.size(), suffix) == 0;
    return "winnow-cli repair --project " + (named ? dir.substr(0, dir.size() - suffix.size()) : std::string("PROJECT"));
}

MappedArray::MappedArray(std::filesystem::path file, int64_t count, int height, int width,
                         int channels)
    : m_file(std::move(file)), m_count(count), m_height(height), m_width(width),
      m_channels(channels) {}

MappedArray::~MappedArray() = default;

void MappedArray::map() const {
    auto map = std::make_unique<MappedFile>(m_file);
    const size_t expected = recordBytes() * size_t(m_count);
    if (!map->opened()) {
        m_error = "array cache " + m_file.string() + " cannot be opened (" + map->reason() +
                  "); rebuild it from its source with: " + arrayCacheRepairCommand(m_file);
    } else if (!map->ok()) {
        m_error = "cannot map array cache " + m_file.string() + ": " + map->reason();
    } else if (map->size() != expected) {
        m_error = "array cache " + m_file.string() + " has " + std::to_string(map->size()) +
                  " bytes, expected " + std::to_string(expected) + "; rebuild it from its source with: " +
                  arrayCacheRepairCommand(m_file);
    } else if (expected > 0) {
        m_map = std::move(map);
    }
}

const uint8_t* MappedArray::data() const {
    std::call_once(m_once, [this] { map(); });
    if (!m_map) throw Error(m_error.empty() ? "array cache " + m_file.string() + " is empty" : m_error);
    return m_map->data();
}

}  // namespace winnow::core
