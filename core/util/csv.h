#pragma once
#include <string>
#include <string_view>

namespace winnow::core {

// One text field of a CSV file (RFC 4180, UTF-8), the only escaping every CSV export uses.
// A value that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is
// prefixed with a single quote, as OWASP advises against CSV injection; a value holding a
// comma, quote, CR or LF (or starting with a quote) is quoted with inner quotes doubled.
// Numbers an exporter formats itself are written as they are, not through this.
std::string csvField(std::string_view text);

}  // namespace winnow::core
