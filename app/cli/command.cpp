#include "app/cli/command.h"

#include <cstdio>
#include <iostream>

namespace winnow::cli {

Args::Args(std::vector<std::string> argv, const std::set<std::string>& valueOptions,
           const std::set<std::string>& flagOptions) {
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) != 0) {
            m_positional.push_back(a);
            continue;
        }
        std::string key = a.substr(2);
        std::string value;
        bool inlineValue = false;
        if (auto eq = key.find('='); eq != std::string::npos) {
            value = key.substr(eq + 1);
            key = key.substr(0, eq);
            inlineValue = true;
        }
        if (flagOptions.count(key)) {
            if (inlineValue) throw UsageError{"--" + key + " takes no value"};
            m_flags.insert(key);
        } else if (valueOptions.count(key)) {
            if (!inlineValue) {
                if (i + 1 >= argv.size()) throw UsageError{"--" + key + " needs a value"};
                value = argv[++i];
            }
            m_values[key] = value;
        } else {
            throw UsageError{"unknown option --" + key};
        }
    }
}

std::string Args::get(const std::string& key, const std::string& fallback) const {
    auto it = m_values.find(key);
    return it == m_values.end() ? fallback : it->second;
}

std::string Args::require(const std::string& key) const {
    auto it = m_values.find(key);
    if (it == m_values.end() || it->second.empty()) throw UsageError{"--" + key + " is required"};
    return it->second;
}

long long Args::getInt(const std::string& key, long long fallback) const {
    auto it = m_values.find(key);
    if (it == m_values.end()) return fallback;
    try {
        size_t pos = 0;
        long long v = std::stoll(it->second, &pos);
        if (pos != it->second.size()) throw std::invalid_argument("trailing");
        return v;
    } catch (...) {
        throw UsageError{"--" + key + " expects a whole number, got '" + it->second + "'"};
    }
}

double Args::getDouble(const std::string& key, double fallback) const {
    auto it = m_values.find(key);
    if (it == m_values.end()) return fallback;
    try {
        size_t pos = 0;
        double v = std::stod(it->second, &pos);
        if (pos != it->second.size()) throw std::invalid_argument("trailing");
        return v;
    } catch (...) {
        throw UsageError{"--" + key + " expects a number, got '" + it->second + "'"};
    }
}

std::map<std::string, Command>& commandRegistry() {
    static std::map<std::string, Command> registry;
    return registry;
}

CommandRegistrar::CommandRegistrar(Command c) {
    std::string name = c.name;
    commandRegistry().emplace(std::move(name), std::move(c));
}

void printJsonLine(const std::string& json) {
    std::fwrite(json.data(), 1, json.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

}  // namespace winnow::cli
