#include "core/dataset/csv_reader.h"

#include <cerrno>
#include <cstring>

#include "core/util/error.h"

namespace winnow::core {

CsvReader::CsvReader(const std::filesystem::path& file) : m_buf(1 << 20), m_path(file) {
    m_file = std::fopen(file.c_str(), "rb");
    if (!m_file) throw Error("cannot read " + file.string() + ": " + std::strerror(errno));
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
    }
    return c;
}

bool CsvReader::next(std::vector<std::string>& fields, int64_t& line, std::string& error) {
    error.clear();
    for (;;) {
        fields.clear();
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
                    if (c == '\n') ++m_line;
                    field += char(c);
                }
                if (!closed) error = "quoted field is never closed";
                // Spaces after the closing quote are dropped; any other stray text is kept.
                std::string after;
                while ((c = peek()) != EOF && c != ',' && c != '\n' && c != '\r') after += char(get());
                size_t e = after.find_last_not_of(" \t");
                if (e != std::string::npos) field += after.substr(0, e + 1);
                continue;
            }
            if (c == ',') {
                endField();
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && peek() == '\n') get();
                ++m_line;
                endField();
                break;
            }
            field += char(c);
        }
        if (fields.size() == 1 && fields[0].empty() && !anyQuoted && error.empty()) {
            if (c == EOF) return false;
            continue;  // blank line
        }
        return true;
    }
}

bool isValidUtf8(const std::string& s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t n = s.size(), i = 0;
    while (i < n) {
        unsigned char c = p[i];
        int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + size_t(len) > n) return false;
        if (len == 2 && c < 0xC2) return false;  // overlong
        for (int k = 1; k < len; ++k)
            if ((p[i + size_t(k)] & 0xC0) != 0x80) return false;
        i += size_t(len);
    }
    return true;
}

}  // namespace winnow::core
