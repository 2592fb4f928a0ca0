#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/store/project.h"
#include "core/util/progress.h"

namespace CLI {
class App;
}

namespace winnow::cli {

// Thrown for bad arguments; main prints it with a pointer to the command's --help and exits 2.
struct UsageError {
    std::string message;
};

// Runs a command with the option values its declaration bound; returns the exit code.
using Runner = std::function<int()>;

// One subcommand. `define` declares its options on `app` (see options.h: each option once,
// with its range or choices, which gives parsing, validation and --help together) and
// returns the runner that reads the parsed values.
struct Command {
    std::string name;
    std::string summary;
    std::function<Runner(CLI::App&)> define;
};

std::map<std::string, Command>& commandRegistry();

struct CommandRegistrar {
    explicit CommandRegistrar(Command c);
};

// Opens a project for a command that only reads it (never writes, works in a read-only
// folder); when it had to open without locks it says so on stderr.
std::unique_ptr<core::Project> openForReading(const std::string& file);

// While alive, Ctrl-C (SIGINT) cancels `token` instead of killing the process (cmd_import.cpp).
struct SigintCancels {
    explicit SigintCancels(core::CancelToken& token);
    ~SigintCancels();
};

// Progress for the terminal: JSON lines with --json, else a percentage line (cmd_import.cpp).
core::ProgressFn cliProgress(bool json);

// Prints one JSON line to stdout and flushes (progress lines are read by scripts live).
void printJsonLine(const std::string& json);

}  // namespace winnow::cli
