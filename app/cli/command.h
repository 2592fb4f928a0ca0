#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace winnow::cli {

// Parsed `--key value` / `--flag` arguments of one subcommand. Unknown options are errors,
// so a typo never silently falls back to a default.
class Args {
public:
    Args(std::vector<std::string> argv, const std::set<std::string>& valueOptions,
         const std::set<std::string>& flagOptions);
    bool has(const std::string& key) const { return m_values.count(key) || m_flags.count(key); }
    std::string get(const std::string& key, const std::string& fallback = {}) const;
    std::string require(const std::string& key) const;
    long long getInt(const std::string& key, long long fallback) const;
    double getDouble(const std::string& key, double fallback) const;
    bool flag(const std::string& key) const { return m_flags.count(key) > 0; }
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positional;
};

// Thrown for bad arguments; main prints it with the command's usage and exits 2.
struct UsageError {
    std::string message;
};

struct Command {
    std::string name;
    std::string summary;
    std::string usage;
    std::function<int(const std::vector<std::string>&)> run;
};

std::map<std::string, Command>& commandRegistry();

struct CommandRegistrar {
    explicit CommandRegistrar(Command c);
};

// Prints one JSON line to stdout and flushes (progress lines are read by scripts live).
void printJsonLine(const std::string& json);

}  // namespace winnow::cli
