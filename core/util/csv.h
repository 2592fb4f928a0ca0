#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace winnow::core {

// One text field of a CSV file (RFC 4180, UTF-8), the only escaping every CSV export uses.
// A value that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is
// prefixed with a single quote, as OWASP advises against CSV injection; a value holding a
// comma, quote, CR or LF, or with a space or tab at either end (a reader trims those from
// unquoted fields), is quoted with inner quotes doubled.
std::string csvField(std::string_view text);

// One record of a CSV export, the one writer every export uses: cells in order, text through
// csvField, numbers through number_text (never the locale; "nan", "inf", "-inf" for the
// non-finite), ended by "\n" in line(). A header is a row of text cells (csvHeader).
class CsvRow {
public:
    CsvRow& text(std::string_view s);  // user or stored text
    CsvRow& integer(int64_t v);
    CsvRow& number(double v);                   // shortest text that reads back exactly
    CsvRow& significant(double v, int digits);  // like "%.{digits}g" in the C locale
    CsvRow& empty();                            // a cell with no value
    std::string line() const { return m_text + "\n"; }

private:
    CsvRow& cell(std::string_view raw);
    std::string m_text;
    bool m_first = true;
};

std::string csvHeader(std::initializer_list<std::string_view> names);

}  // namespace winnow::core
