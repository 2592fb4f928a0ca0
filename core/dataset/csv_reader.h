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
// Strict: a record is malformed (see next()) when a quoted field is followed by anything but
// spaces before the next comma or line end (`"a"b,c`), when a quote is never closed, or when
// its bytes are not well-formed UTF-8 (a surrogate, an overlong form, a code point above
// U+10FFFF, a truncated sequence, a stray byte). A quote inside an unquoted field (`12" disc`)
// is kept as text, as most writers produce it.
class CsvReader {
public:
    explicit CsvReader(const std::filesystem::path& file);  // throws Error when unreadable
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    // Reads the next record into `fields`; false at the end of the file. `line` is the
    // 1-based line the record starts on. `error` is set (and the record still returned)
    // when the record is malformed: "FILE, line L, column C: reason" for its first problem,
    // the column 1-based and counted in characters (a well-formed UTF-8 sequence is one
    // column, each byte of a malformed one is one; a byte-order mark is not counted).
    // A quoted field never closed, or closed and then followed by stray text after spanning
    // lines, ends with the line it opened on and the next record starts on the following
    // line (so one stray quote costs one row, not the rest of the file). Only regular files
    // are read.
    bool next(std::vector<std::string>& fields, int64_t& line, std::string& error);
    int64_t bytesRead() const { return m_consumed; }
    int64_t fileSize() const { return m_size; }

private:
    int get();  // next byte or EOF
    int peek();
    void fill();
    void resync(int64_t offset, int64_t line);  // continue reading at `offset` (line `line`)
    void newLine() {
        ++m_line;
        m_col = 0;
    }
    // Appends the UTF-8 sequence that starts with byte `lead` (already read) to `field`,
    // noting the record's problem when it is not well-formed.
    void takeMultibyte(int lead, std::string& field);
    // Keeps the first problem of the current record, at (line, column).
    void note(int64_t line, int64_t column, const std::string& reason);
    std::string where(int64_t line, int64_t column) const;
    std::FILE* m_file = nullptr;
    std::vector<char> m_buf;
    size_t m_pos = 0;
    size_t m_len = 0;
    int64_t m_consumed = 0;
    int64_t m_size = 0;
    int64_t m_line = 1;
    int64_t m_col = 0;  // characters read on the current line
    std::string m_problem;
    std::filesystem::path m_path;
};


}  // namespace winnow::core
