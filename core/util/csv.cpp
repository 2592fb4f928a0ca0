#include "core/util/csv.h"

#include "core/util/number_text.h"

namespace winnow::core {

std::string csvField(std::string_view text) {
    std::string value;
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
        value = "'";
    value.append(text);
    const bool padded =
        !value.empty() && (value.front() == ' ' || value.back() == ' ' || value.back() == '\t');
    if (!padded && value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

CsvRow& CsvRow::cell(std::string_view raw) {
    if (!m_first) m_text += ',';
    m_first = false;
    m_text.append(raw);
    return *this;
}

CsvRow& CsvRow::text(std::string_view s) { return cell(csvField(s)); }
CsvRow& CsvRow::integer(int64_t v) { return cell(std::to_string(v)); }
CsvRow& CsvRow::number(double v) { return cell(formatNumber(v)); }
CsvRow& CsvRow::significant(double v, int digits) { return cell(formatSignificant(v, digits)); }
CsvRow& CsvRow::empty() { return cell({}); }

std::string csvHeader(std::initializer_list<std::string_view> names) {
    CsvRow row;
    for (std::string_view n : names) row.text(n);
    return row.line();
}

}  // namespace winnow::core
