#pragma once
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/utf8.h"  // isValidUtf8, used with every field read

namespace winnow::core {

// Streams records from an RFC 4180 CSV file: quoted fields may hold commas, doubled quotes
// and line breaks; CRLF and LF both end a record; a UTF-8 byte-order mark is skipped.
// Unquoted fields are trimmed of surrounding spaces and tabs; quoted ones are kept exactly.
// Blank lines are skipped. Memory stays constant however large the file.
class CsvReader {
public:
    explicit CsvReader(const std::filesystem::path& file);  // throws Error when unreadable
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // Reads the next record into `fields`; false at the end of the file. `line` is the
    // 1-based line the record starts on. `error` is set (and the record still returned)
    // when the record is malformed, e.g. a quoted field never closed: such a field ends with
    // the line it opened on and the next record starts on the following line (so one stray
    // quote costs one row, not the rest of the file). Only regular files are read.
    bool next(std::vector<std::string>& fields, int64_t& line, std::string& error);
    int64_t bytesRead() const { return m_consumed; }
    int64_t fileSize() const { return m_size; }

private:
    int get();  // next byte or EOF
    int peek();
    void fill();
    void resync(int64_t offset, int64_t line);  // continue reading at `offset` (line `line`)
    std::FILE* m_file = nullptr;
    std::vector<char> m_buf;
    size_t m_pos = 0;
    size_t m_len = 0;
    int64_t m_consumed = 0;
    int64_t m_size = 0;
    int64_t m_line = 1;
    std::filesystem::path m_path;
};


}  // namespace winnow::core
