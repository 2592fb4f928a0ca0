#pragma once
// Declaring winnow-cli options. Each option is declared once, in its command's cmd_*.cpp,
// with its help text and the values it accepts; CLI11 turns the declarations into parsing,
// validation and --help. The allowed range is part of the help text, so `--help` and the
// error for a value outside it say the same thing.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace winnow::cli {

inline constexpr long long kNoLimit = std::numeric_limits<long long>::max() / 2;
// Video frames per clip (import --frames-per-clip, train --frames): segment sampling needs at
// least one; more than this is not a clip model any more and would exhaust memory.
inline constexpr long long kMaxFrames = 1024;
inline constexpr long long kMaxEpochs = 100000;
// Influential Rank's consensus threshold counts classes (stored per sample as one byte).
inline constexpr long long kMaxGamma = 255;
inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Validators (exposed for tests of the messages; commands use the add* helpers).
CLI::Validator wholeNumberIn(long long lo, long long hi);
enum class End { Closed, Open };
CLI::Validator numberIn(double lo, End loEnd, double hi, End hiEnd);
CLI::Validator oneOf(std::vector<std::string> choices);
CLI::Validator existingFile();  // a regular file that exists (checked before the project opens)
// "[1, 100000]", "at least 1", "(0, 1]", ...: how help and errors write a range.
std::string wholeRangeText(long long lo, long long hi);
std::string realRangeText(double lo, End loEnd, double hi, End hiEnd);

// --NAME N: a whole number in [lo, hi]; `into` keeps its value (the default) when absent.
template <typename T>
CLI::Option* addWhole(CLI::App& app, const std::string& name, T& into, long long lo, long long hi,
                      const std::string& help) {
    CLI::Option* o = app.add_option(name, into, help + "; " + wholeRangeText(lo, hi))
                         ->check(wholeNumberIn(lo, hi))
                         ->type_name("INT");
    // A default outside the range is a "not given" marker, not a value to show.
    if (static_cast<long double>(into) >= lo && static_cast<long double>(into) <= hi)
        o->default_str(std::to_string(into));
    return o;
}

// --NAME X: a real number between lo and hi (each end included unless End::Open).
CLI::Option* addReal(CLI::App& app, const std::string& name, double& into, double lo, End loEnd,
                     double hi, End hiEnd, const std::string& help);
// --NAME WORD: one of `choices`.
CLI::Option* addChoice(CLI::App& app, const std::string& name, std::string& into,
                       std::vector<std::string> choices, const std::string& help);
// --NAME TEXT: any non-empty text (a path, a name).
CLI::Option* addText(CLI::App& app, const std::string& name, std::string& into,
                     const std::string& help, const std::string& typeName = "TEXT");
// --project P (required).
CLI::Option* addProject(CLI::App& app, std::string& into,
                        const std::string& help = "the project file (P.winnow)");
// --json: machine-readable output (one JSON object per line).
CLI::Option* addJson(CLI::App& app, bool& into);
CLI::Option* addFlag(CLI::App& app, const std::string& name, bool& into, const std::string& help);

// The checks CLI11 (2.1) does not make, run on a command's arguments before it parses them:
// a value that is missing (`--epochs --lr 0.5` must not take "--lr" as the epochs),
// single-dash long options (`-epochs 5`), unknown options (with the nearest known name) and
// stray positional arguments (no command takes any). Throws UsageError.
void checkArguments(const CLI::App& app, const std::vector<std::string>& args);

// "--epochs: must be ..." (CLI11's form) -> "--epochs must be ...".
std::string tidyParseMessage(const std::string& message);

// The exit codes, as `winnow-cli --help` and every command's --help print them.
const char* exitCodesHelp();

}  // namespace winnow::cli
