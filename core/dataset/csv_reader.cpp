#include "core/dataset/csv_reader.h"

#include <cerrno>
#include <cstring>

#include "core/util/error.h"
#include "core/util/regular_file.h"

namespace winnow::core {

CsvReader::CsvReader(const std::filesystem::path& file) : m_buf(1 << 20), m_path(file) {
    // Only a regular file: a FIFO given as the manifest would block open() forever.
    std::string why;
    m_file = fopenRegularFile(file, why);
    if (!m_file) throw Error("cannot read " + file.string() + ": " + why);
    std::error_code ec;
    m_size = int64_t(std::filesystem::file_size(file, ec));
    if (ec) m_size = 0;
    fill();
    if (m_len >= 3 && std::memcmp(m_buf.data(), "\xEF\xBB\xBF", 3) == 0) {
        m_pos = 3;
        m_consumed = 3;
    }
}

CsvReader::~CsvReader() {
    if (m_file) std::fclose(m_file);
}

void CsvReader::fill() {
    m_len = std::fread(m_buf.data(), 1, m_buf.size(), m_file);
    m_pos = 0;
    if (m_len == 0 && std::ferror(m_file))
        throw Error("cannot read " + m_path.string() + ": " + std::strerror(errno));
}

void CsvReader::resync(int64_t offset, int64_t line) {
    if (::fseeko(m_file, off_t(offset), SEEK_SET) != 0)
        throw Error("cannot read " + m_path.string() + ": " + std::strerror(errno));
    m_pos = m_len = 0;
    m_consumed = offset;
    m_line = line;
    m_col = 0;
}

int CsvReader::peek() {
    if (m_pos >= m_len) {
        fill();
        if (m_len == 0) return EOF;
    }
    return static_cast<unsigned char>(m_buf[m_pos]);
}

int CsvReader::get() {
    int c = peek();
    if (c != EOF) {
        ++m_pos;
        ++m_consumed;
        if ((c & 0xC0) != 0x80) ++m_col;  // continuation bytes belong to their character
    }
    return c;
}

std::string CsvReader::where(int64_t line, int64_t column) const {
    return m_path.string() + ", line " + std::to_string(line) + ", column " + std::to_string(column);
}

void CsvReader::note(int64_t line, int64_t column, const std::string& reason) {
    if (m_problem.empty()) m_problem = where(line, column) + ": " + reason;
}

void CsvReader::takeMultibyte(int lead, std::string& field) {
    if ((lead & 0xC0) == 0x80) ++m_col;  // a stray continuation byte still takes a column
    const int64_t line = m_line, column = m_col;
    std::string seq(1, char(lead));
    const size_t want = utf8LeadLength(static_cast<unsigned char>(lead));
    int c;
    while (seq.size() < want && (c = peek()) != EOF && (c & 0xC0) == 0x80) seq += char(get());
    if (utf8SequenceLength(seq, 0) != seq.size()) {
        note(line, column, "not valid UTF-8: " + utf8ProblemAt(seq, 0));
        // Each byte of a malformed sequence is a column of its own.
        m_col += int64_t(seq.size()) - 1;
    }
    field += seq;
}

bool CsvReader::next(std::vector<std::string>& fields, int64_t& line, std::string& error) {
    error.clear();
    for (;;) {
        fields.clear();
        m_problem.clear();
        line = m_line;
        int c = peek();
        if (c == EOF) return false;
        std::string field;
        bool quoted = false, anyQuoted = false;
        auto endField = [&] {
            if (!quoted) {
                size_t b = field.find_first_not_of(" \t");
                size_t e = field.find_last_not_of(" \t");
                field = b == std::string::npos ? std::string() : field.substr(b, e - b + 1);
            }
            fields.push_back(std::move(field));
            field.clear();
            quoted = false;
        };
        for (;;) {
            c = get();
            if (c == EOF) {
                endField();
                break;
            }
            if (c == '"' && field.find_first_not_of(" \t") == std::string::npos && !quoted) {
                // A quoted field: read up to the closing quote ("" is a literal quote).
                field.clear();
                quoted = anyQuoted = true;
                bool closed = false;
                const int64_t openedOn = m_line, openedAt = m_col;
                int64_t resumeAt = -1;       // file offset just after the quote's own line
                size_t firstBreak = std::string::npos;
                while ((c = get()) != EOF) {
                    if (c == '"') {
                        if (peek() == '"') {
                            get();
                            field += '"';
                            continue;
                        }
                        closed = true;
                        break;
                    }
                    if (c >= 0x80) {
                        takeMultibyte(c, field);
                        continue;
                    }
                    if (c == '\n') {
                        newLine();
                        if (resumeAt < 0) {
                            resumeAt = m_consumed;
                            firstBreak = field.size();
                        }
                    }
                    field += char(c);
                }
                // Only spaces may follow the closing quote before the next comma or line end.
                std::string after;
                int64_t strayLine = 0, strayAt = 0;
                while ((c = peek()) != EOF && c != ',' && c != '\n' && c != '\r') {
                    c = get();
                    if (strayAt == 0 && c != ' ' && c != '\t') strayLine = m_line, strayAt = m_col;
                    if (c >= 0x80) takeMultibyte(c, after);
                    else after += char(c);
                }
                if ((!closed || strayAt != 0) && resumeAt >= 0) {
                    // A stray quote would swallow the following rows: the record ends with the
                    // quote's own line and reading resumes on the next one.
                    field.resize(firstBreak);
                    if (!field.empty() && field.back() == '\r') field.pop_back();
                    fields.push_back(std::move(field));
                    error = closed ? where(strayLine, strayAt) + ": quoted field opened on line " +
                                         std::to_string(openedOn) +
                                         " does not end cleanly (stray text after its closing quote on line " +
                                         std::to_string(m_line) + "); the record ends with that line"
                                   : where(openedOn, openedAt) + ": quoted field opened on line " +
                                         std::to_string(openedOn) + " is never closed; the record ends with that line";
                    resync(resumeAt, openedOn + 1);
                    return true;
                }
                if (!closed) note(openedOn, openedAt, "quoted field is never closed");
                if (strayAt != 0) {
                    note(strayLine, strayAt, "text after the closing quote of a quoted field (a quote inside a "
                                             "quoted field is written as two quotes)");
                    field += after;
                }
                continue;
            }
            if (c == ',') {
                endField();
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') get();
                newLine();
                endField();
                break;
            }
            if (c >= 0x80) takeMultibyte(c, field);
            else field += char(c);
        }
        if (error.empty() && !m_problem.empty()) error = m_problem;
        if (fields.size() == 1 && fields[0].empty() && !anyQuoted && error.empty()) {
            if (c == EOF) return false;
            continue;  // blank line
        }
        return true;
    }
}

}  // namespace winnow::core
