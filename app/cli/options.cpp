#include "app/cli/options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "app/cli/command.h"
#include "core/util/number_text.h"

namespace winnow::cli {
namespace {

bool parseWhole(const std::string& s, long long& v) {
    const char* end = s.data() + s.size();
    auto r = std::from_chars(s.data(), end, v);
    return !s.empty() && r.ec == std::errc() && r.ptr == end;
}

// Locale-independent (from_chars): "0,5" is not a number whatever the desktop says.
bool parseReal(const std::string& s, double& v) {
    const char* end = s.data() + s.size();
    auto r = std::from_chars(s.data(), end, v);
    return !s.empty() && r.ec == std::errc() && r.ptr == end && std::isfinite(v);
}

std::string realText(double v) { return core::formatSignificant(v, 6); }

std::string joined(const std::vector<std::string>& items, const char* sep) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
    return out;
}

size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// " (did you mean --epochs?)" for the nearest option name, or a pointer to --help.
std::string nearestHint(const CLI::App& app, const std::string& name) {
    std::string best;
    size_t bestDistance = std::max<size_t>(2, name.size() / 3) + 1;
    for (const CLI::Option* o : app.get_options()) {
        for (const auto& l : o->get_lnames()) {
            const size_t d = editDistance(name, l);
            if (d < bestDistance) bestDistance = d, best = l;
        }
    }
    if (!best.empty()) return " (did you mean --" + best + "?)";
    return " ('" + app.get_name() + " --help' lists the options)";
}

bool isNumber(const std::string& s) {
    double v;
    return parseReal(s, v);
}

}  // namespace

std::string wholeRangeText(long long lo, long long hi) {
    if (hi >= kNoLimit) return "a whole number >= " + std::to_string(lo);
    return "a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
}

std::string realRangeText(double lo, End loEnd, double hi, End hiEnd) {
    if (std::isinf(hi)) return std::string("a number ") + (loEnd == End::Open ? "> " : ">= ") + realText(lo);
    return std::string("a number in ") + (loEnd == End::Open ? "(" : "[") + realText(lo) + ", " +
           realText(hi) + (hiEnd == End::Open ? ")" : "]");
}

CLI::Validator wholeNumberIn(long long lo, long long hi) {
    return CLI::Validator(
        [lo, hi](std::string& s) -> std::string {
            long long v = 0;
            if (parseWhole(s, v) && v >= lo && v <= hi) return {};
            return "must be " + wholeRangeText(lo, hi) + ", got '" + s + "'";
        },
        "");
}

CLI::Validator numberIn(double lo, End loEnd, double hi, End hiEnd) {
    return CLI::Validator(
        [=](std::string& s) -> std::string {
            double v = 0;
            if (parseReal(s, v) && (loEnd == End::Open ? v > lo : v >= lo) &&
                (hiEnd == End::Open ? v < hi : v <= hi))
                return {};
            return "must be " + realRangeText(lo, loEnd, hi, hiEnd) + ", got '" + s + "'";
        },
        "");
}

CLI::Validator oneOf(std::vector<std::string> choices) {
    return CLI::Validator(
        [choices](std::string& s) -> std::string {
            if (std::find(choices.begin(), choices.end(), s) != choices.end()) return {};
            return "must be one of " + joined(choices, ", ") + ", got '" + s + "'";
        },
        "");
}

CLI::Validator existingFile() {
    return CLI::Validator(
        [](std::string& s) -> std::string {
            std::error_code ec;
            if (std::filesystem::is_regular_file(s, ec)) return {};
            return "must name an existing file, got '" + s + "'";
        },
        "");
}

CLI::Option* addReal(CLI::App& app, const std::string& name, double& into, double lo, End loEnd,
                     double hi, End hiEnd, const std::string& help) {
    CLI::Option* o = app.add_option(name, into, help + "; " + realRangeText(lo, loEnd, hi, hiEnd))
                         ->check(numberIn(lo, loEnd, hi, hiEnd))
                         ->type_name("NUM");
    // A default outside the range is a "not given" marker, not a value to show.
    if ((loEnd == End::Open ? into > lo : into >= lo) && (hiEnd == End::Open ? into < hi : into <= hi))
        o->default_str(realText(into));
    return o;
}

CLI::Option* addChoice(CLI::App& app, const std::string& name, std::string& into,
                       std::vector<std::string> choices, const std::string& help) {
    const std::string names = joined(choices, "|");
    const bool known = std::find(choices.begin(), choices.end(), into) != choices.end();
    CLI::Option* o = app.add_option(name, into, help)->check(oneOf(std::move(choices)))->type_name(names);
    if (known) o->default_str(into);
    return o;
}

CLI::Option* addText(CLI::App& app, const std::string& name, std::string& into,
                     const std::string& help, const std::string& typeName) {
    return app.add_option(name, into, help)
        ->check(CLI::Validator(
            [](std::string& s) -> std::string { return s.empty() ? "must not be empty" : ""; }, ""))
        ->type_name(typeName);
}

CLI::Option* addProject(CLI::App& app, std::string& into, const std::string& help) {
    return addText(app, "--project", into, help, "P")->required();
}

CLI::Option* addJson(CLI::App& app, bool& into) {
    return app.add_flag("--json", into, "print JSON lines (for scripts) instead of text");
}

CLI::Option* addFlag(CLI::App& app, const std::string& name, bool& into, const std::string& help) {
    return app.add_flag(name, into, help);
}

void checkArguments(const CLI::App& app, const std::vector<std::string>& args) {
    std::vector<const CLI::Option*> seen;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            const size_t eq = a.find('=');
            const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            const CLI::Option* opt = app.get_option_no_throw("--" + name);
            if (!opt) throw UsageError{"unknown option --" + name + nearestHint(app, name)};
            if (std::find(seen.begin(), seen.end(), opt) != seen.end())
                throw UsageError{"--" + name + " is given more than once"};
            seen.push_back(opt);
            if (eq != std::string::npos || opt->get_items_expected_max() == 0) continue;
            if (i + 1 >= args.size()) throw UsageError{"--" + name + " needs a value"};
            const std::string& v = args[i + 1];
            if (v.size() > 1 && v[0] == '-' && !isNumber(v))
                throw UsageError{"--" + name + " needs a value, but the next argument is the option '" + v +
                                 "' (a value that starts with '-' is written --" + name + "=VALUE)"};
            ++i;
            // An option taking several values (--attacks A B C) takes every argument up to the next option.
            if (opt->get_items_expected_max() > 1)
                while (i + 1 < args.size() && !(args[i + 1].size() > 1 && args[i + 1][0] == '-' && !isNumber(args[i + 1])))
                    ++i;
        } else if (a.size() > 1 && a[0] == '-' && !isNumber(a)) {
            if (a == "-h") continue;
            const std::string name = a.substr(1, a.find('=') == std::string::npos ? std::string::npos : a.find('=') - 1);
            if (app.get_option_no_throw("--" + name))
                throw UsageError{"'" + a + "' has a single dash: write --" + a.substr(1)};
            throw UsageError{"unknown option " + a + nearestHint(app, name)};
        } else {
            throw UsageError{"unexpected argument '" + a + "' (every value follows its --option; " +
                             app.get_name() + " takes no other arguments)"};
        }
    }
}

std::string tidyParseMessage(const std::string& message) {
    // CLI11 writes "NAME: REASON"; the reasons here are phrased to follow the name.
    const size_t colon = message.find(": ");
    if (message.compare(0, 2, "--") == 0 && colon != std::string::npos &&
        message.find(' ') > colon)
        return message.substr(0, colon) + " " + message.substr(colon + 2);
    return message;
}

const char* exitCodesHelp() {
    return "Exit codes:\n"
           "  0    success\n"
           "  1    failure: the command could not do its work (stderr names the file or object and why)\n"
           "  2    usage error: unknown option or command, missing value, value out of its range;\n"
           "       checked before anything is written, so the project is unchanged\n"
           "  130  cancelled with Ctrl-C (SIGINT): work in progress is rolled back or recorded as\n"
           "       cancelled; nothing already stored is lost\n";
}

}  // namespace winnow::cli
