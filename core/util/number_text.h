#pragma once
#include <optional>
#include <string>
#include <string_view>

// Numbers as text in files, the database and machine-read output. Never through the C or C++
// locale (printf, strtod, iostreams follow setlocale, which the GUI's QCoreApplication calls
// with the desktop's locale): a German desktop must not write "0,05" or refuse "1.5".
namespace winnow::core {

// Shortest text that reads back to exactly v ("0.05", "1e-07", "3"); "nan", "inf", "-inf".
std::string formatNumber(double v);
// Fixed notation with `decimals` digits after the point ("0.050"); non-finite as above.
std::string formatNumber(double v, int decimals);

// Like printf's "%.{digits}g" in the C locale ("0.123", "1.5e-05"), whatever the locale.
std::string formatSignificant(double v, int digits);

// Strict decimal grammar: optional '-', digits with an optional fraction ("12", "2.5", ".5",
// "5."), an optional exponent ("1e-3"). No '+', spaces, hex, "inf"/"nan", or ',' as the point.
// nullopt for anything else or a value that overflows a double.
std::optional<double> parseNumber(std::string_view text);

}  // namespace winnow::core
