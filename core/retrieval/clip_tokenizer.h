#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace winnow::core {

// A text packed for a CLIP-style text encoder: start id, BPE ids, end id, padding.
struct PackedTokens {
    std::vector<int64_t> ids;   // exactly contextLength entries
    int64_t fullLength = 0;     // start + BPE ids + end before truncation
    bool truncated = false;     // fullLength > contextLength: the tail was cut, last id is end
};

// CLIP's byte-level BPE tokenizer (OpenAI CLIP simple_tokenizer), reimplemented:
//  * cleaning: HTML entities unescaped twice (numeric references and the common named ones,
//    see htmlUnescape), Python-isspace whitespace runs collapsed to one space, trimmed,
//    lowercased as Python's str.lower(). CLIP also runs ftfy.fix_text first; ftfy is not
//    available here, so mojibake repair, NFC normalisation, quote uncurling and the like are
//    NOT done (texts that need them may tokenise differently from CLIP).
//  * pre-tokenisation equal to CLIP's regex
//    <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
//    with Unicode letter/number classes from Python's unicodedata (unicode_tables.cpp);
//  * UTF-8 bytes mapped through CLIP's byte->unicode table, BPE with the first 48,894 merges
//    of the merges file (lines[1:49152-256-2+1]), vocabulary as CLIP builds it (256 bytes,
//    256 bytes+"</w>", merges, <|startoftext|>=49406, <|endoftext|>=49407).
// Thread-safe after construction.
class ClipTokenizer {
public:
    static constexpr int kDefaultContextLength = 77;

    // Reads the merges file, gzip-compressed (bpe_simple_vocab_16e6.txt.gz) or plain. Throws
    // Error naming the file when it is unreadable or has fewer merges than CLIP uses.
    explicit ClipTokenizer(const std::filesystem::path& mergesFile);

    // BPE ids of the cleaned text, without start/end ids.
    std::vector<int32_t> encode(std::string_view text) const;
    // Start id + encode(text) + end id, cut to contextLength (the last id is then the end
    // id, as CLIP's tokenize(truncate=True)) and padded with padId.
    PackedTokens pack(std::string_view text, int contextLength = kDefaultContextLength,
                      int64_t padId = 0) const;
    // The token strings of ids (byte-level text, "</w>" ends a word); for display/debugging.
    std::string decode(const std::vector<int32_t>& ids) const;

    int32_t startId() const { return m_startId; }
    int32_t endId() const { return m_endId; }
    size_t vocabSize() const { return m_vocab.size(); }
    size_t mergeCount() const { return m_mergeCount; }

    // The steps, exposed for tests.
    static std::string cleanText(std::string_view text);
    static std::string htmlUnescape(std::string_view text);
    static std::vector<std::string> preTokenize(std::string_view cleanedText);

private:
    void bpe(const std::string& token, std::vector<int32_t>& out) const;

    struct Merge {
        int32_t rank;
        int32_t merged;
    };
    std::vector<std::string> m_vocab;                    // id -> token string (UTF-8)
    std::unordered_map<std::string, int32_t> m_encoder;  // token string -> id
    std::unordered_map<uint64_t, Merge> m_merges;        // (left id, right id) -> merge
    int32_t m_byteId[256] = {};                          // byte -> id of its symbol
    int32_t m_startId = 0;
    int32_t m_endId = 0;
    size_t m_mergeCount = 0;
};

}  // namespace winnow::core
