#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace winnow::core {

class DualEncoder;

// Embeddings already computed by one encoder with one preprocessing, kept on disk so that a
// second evaluation of the same model does not encode again.
//
// Layout: <folder>/<first 32 hex digits of SHA-256(identity + "\n" + canonical)>/seg-*.emb,
// nothing else is written. Each segment file is written once, whole, through AtomicFile, and
// names its encoder in its header:
//     winnow-embedding-cache 1\n identity <identity>\n preprocessing <canonical>\n
//     dim <D>\n count <N>\n \n
// then N records: uint32 key length (little-endian), key bytes, D float32 (little-endian).
// A segment whose header names another encoder, preprocessing or D (a copied folder) or that
// is damaged is not used, and issues() says so naming the file.
//
// Keys: imageFileKey (content SHA-256, so a moved or renamed file still hits and an edited
// one misses) and captionKey (the caption as written; the encoder normalises it itself).
// Rows are stored as the encoder returned them (L2-normalised), bit for bit.
class EmbeddingCache {
public:
    EmbeddingCache(std::filesystem::path folder, std::string identity, std::string canonical, int64_t dim);
    // For `encoder`: its identity(), preprocessing().canonical() and dim().
    EmbeddingCache(std::filesystem::path folder, const DualEncoder& encoder);
    ~EmbeddingCache();  // flushes; a failure is kept in issues() (a cache must not lose work it can redo)
    EmbeddingCache(const EmbeddingCache&) = delete;
    EmbeddingCache& operator=(const EmbeddingCache&) = delete;

    static std::string imageFileKey(const std::filesystem::path& file);  // "image-sha256:<hex>"; Error if unreadable
    static std::string captionKey(const std::string& caption);          // "caption:<text>"

    // The cached row (dim() floats) or nullptr. Valid until the next put().
    const float* find(const std::string& key) const;
    // Adds a row (kept in memory; written by flush(), automatically every flushEvery rows).
    void put(const std::string& key, const float* row);
    // Writes the rows put since the last flush as one new segment file. Throws Error.
    void flush();

    int64_t dim() const { return m_dim; }
    size_t size() const { return m_index.size(); }
    const std::filesystem::path& encoderFolder() const { return m_encoderFolder; }
    const std::vector<std::string>& issues() const { return m_issues; }
    int64_t flushEvery = 4096;

private:
    void load();
    bool insert(const std::string& key, const float* row);
    void loadSegment(const std::filesystem::path& file);

    std::filesystem::path m_encoderFolder;
    std::string m_identity, m_canonical;
    int64_t m_dim;
    std::unordered_map<std::string, size_t> m_index;  // key -> row in m_rows
    std::vector<float> m_rows;
    std::vector<std::string> m_pending;               // keys put since the last flush
    std::vector<std::string> m_issues;
};

}  // namespace winnow::core
