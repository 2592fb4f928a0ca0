#include "core/retrieval/embedding_cache.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/retrieval/dual_encoder.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/sha256.h"

namespace winnow::core {
namespace {

constexpr const char* kMagic = "winnow-embedding-cache 1";
static_assert(sizeof(float) == 4, "float32 rows");

bool hostIsLittleEndian() {
    const uint16_t one = 1;
    uint8_t first;
    std::memcpy(&first, &one, 1);
    return first == 1;
}

}  // namespace

EmbeddingCache::EmbeddingCache(std::filesystem::path folder, std::string identity, std::string canonical,
                               int64_t dim)
    : m_identity(std::move(identity)), m_canonical(std::move(canonical)), m_dim(dim) {
    if (m_dim < 1) throw Error("embedding cache: dimension " + std::to_string(m_dim) + " is below 1");
    if (!hostIsLittleEndian()) throw Error("embedding cache: only little-endian machines are supported");
    m_encoderFolder = folder / sha256Hex(m_identity + "\n" + m_canonical).substr(0, 32);
    load();
}

EmbeddingCache::EmbeddingCache(std::filesystem::path folder, const DualEncoder& encoder)
    : EmbeddingCache(std::move(folder), encoder.identity(), encoder.preprocessing().canonical(), encoder.dim()) {}

EmbeddingCache::~EmbeddingCache() {
    try {
        flush();
    } catch (const std::exception& e) {
        m_issues.push_back(e.what());
    }
}

std::string EmbeddingCache::imageFileKey(const std::filesystem::path& file) {
    return "image-sha256:" + sha256File(file);
}

std::string EmbeddingCache::captionKey(const std::string& caption) { return "caption:" + caption; }

const float* EmbeddingCache::find(const std::string& key) const {
    const auto it = m_index.find(key);
    return it == m_index.end() ? nullptr : m_rows.data() + it->second * size_t(m_dim);
}

bool EmbeddingCache::insert(const std::string& key, const float* row) {
    if (m_index.count(key)) return false;  // same encoder, same input: same row
    const size_t index = m_rows.size() / size_t(m_dim);
    m_rows.insert(m_rows.end(), row, row + m_dim);
    m_index.emplace(key, index);
    return true;
}

void EmbeddingCache::put(const std::string& key, const float* row) {
    if (!insert(key, row)) return;
    m_pending.push_back(key);
    if (int64_t(m_pending.size()) >= flushEvery) flush();
}

void EmbeddingCache::flush() {
    if (m_pending.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(m_encoderFolder, ec);
    if (ec) throw Error("cannot create the embedding cache folder " + m_encoderFolder.string() + ": " + ec.message());
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const std::string name = "seg-" + std::to_string(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()) +
                             "-" + std::to_string(::getpid()) + ".emb";
    AtomicFile f(m_encoderFolder / name, AtomicFile::Sync::No);
    f << kMagic << '\n'
      << "identity " << m_identity << '\n'
      << "preprocessing " << m_canonical << '\n'
      << "dim " << static_cast<long long>(m_dim) << '\n'
      << "count " << static_cast<long long>(m_pending.size()) << '\n'
      << '\n';
    for (const auto& key : m_pending) {
        const uint32_t len = uint32_t(key.size());
        f.write(&len, sizeof len);
        f.write(key);
        f.write(find(key), size_t(m_dim) * sizeof(float));
    }
    f.commit();
    m_pending.clear();
}

void EmbeddingCache::load() {
    std::error_code ec;
    if (!std::filesystem::is_directory(m_encoderFolder, ec)) return;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(m_encoderFolder, ec))
        if (e.path().extension() == ".emb") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) loadSegment(f);
}

void EmbeddingCache::loadSegment(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    auto ignored = [&](const std::string& why) {
        m_issues.push_back("embedding cache file " + file.string() + " " + why + "; not used");
    };
    if (!in) return ignored("cannot be read");
    std::string magic, identity, preprocessing, dimLine, countLine, blank;
    if (!std::getline(in, magic) || magic != kMagic) return ignored("is not an embedding cache file");
    std::getline(in, identity);
    std::getline(in, preprocessing);
    std::getline(in, dimLine);
    std::getline(in, countLine);
    std::getline(in, blank);
    if (!in || identity.rfind("identity ", 0) != 0 || preprocessing.rfind("preprocessing ", 0) != 0 ||
        dimLine.rfind("dim ", 0) != 0 || countLine.rfind("count ", 0) != 0 || !blank.empty())
        return ignored("has a damaged header");
    identity = identity.substr(9);
    preprocessing = preprocessing.substr(14);
    if (identity != m_identity)
        return ignored("was written by encoder " + identity + ", not " + m_identity);
    if (preprocessing != m_canonical)
        return ignored("was written with other preprocessing (" + preprocessing + ")");
    long long dim = 0, count = 0;
    try {
        dim = std::stoll(dimLine.substr(4));
        count = std::stoll(countLine.substr(6));
    } catch (const std::exception&) {
        return ignored("has a damaged header");
    }
    if (dim != m_dim) return ignored("holds " + std::to_string(dim) + "-dimensional rows, not " + std::to_string(m_dim));
    std::vector<std::pair<std::string, std::vector<float>>> rows;
    for (long long i = 0; i < count; ++i) {
        uint32_t len = 0;
        if (!in.read(reinterpret_cast<char*>(&len), sizeof len) || len > (1u << 20))
            return ignored("is truncated or damaged");
        std::string key(len, '\0');
        std::vector<float> row(static_cast<size_t>(m_dim));
        if (!in.read(key.data(), len) || !in.read(reinterpret_cast<char*>(row.data()), std::streamsize(row.size() * 4)))
            return ignored("is truncated or damaged");
        rows.emplace_back(std::move(key), std::move(row));
    }
    if (in.peek() != std::char_traits<char>::eof()) return ignored("has bytes after its last record");
    for (const auto& [key, row] : rows) insert(key, row.data());
}

}  // namespace winnow::core
