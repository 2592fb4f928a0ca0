// winnow-cli: the headless front end. Each subcommand lives in its own cmd_*.cpp and
// registers itself with its option declarations; this file parses them with CLI11, dispatches
// and turns errors into the documented exit codes (options.cpp: exitCodesHelp).
#include <cstdio>
#include <exception>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/util/invalid_setting.h"

using namespace winnow;

namespace {

constexpr int kFailure = 1, kUsage = 2, kCancelled = 130;

void printHelp(std::ostream& out) {
    out << "winnow-cli — find and fix mislabelled samples (headless)\n\n"
           "usage: winnow-cli COMMAND --option VALUE ... (every option has two dashes)\n\nCommands:\n";
    for (const auto& [name, c] : cli::commandRegistry())
        out << "  " << name << std::string(name.size() < 14 ? 14 - name.size() : 1, ' ') << c.summary << "\n";
    out << "\nRun 'winnow-cli COMMAND --help' for a command's options and their allowed values.\n\n"
        << cli::exitCodesHelp();
}

int usageError(const std::string& command, const std::string& message) {
    std::cerr << "winnow-cli " << command << ": " << message << "\n"
              << "usage: winnow-cli " << command << " [OPTIONS]; 'winnow-cli " << command
              << " --help' lists them with their allowed values\n";
    return kUsage;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
        std::string(argv[1]) == "help") {
        printHelp(argc < 2 ? std::cerr : std::cout);
        return argc < 2 ? kUsage : 0;
    }
    const std::string name = argv[1];
    auto& reg = cli::commandRegistry();
    auto it = reg.find(name);
    if (it == reg.end()) {
        std::cerr << "winnow-cli: unknown command '" << name << "'\n\n";
        printHelp(std::cerr);
        return kUsage;
    }
    CLI::App app(it->second.summary, "winnow-cli " + name);
    app.set_help_flag("-h,--help", "show this command's options and exit");
    app.footer(cli::exitCodesHelp());
    const cli::Runner runner = it->second.define(app);

    std::vector<std::string> args(argv + 2, argv + argc);
    try {
        for (const auto& a : args)
            if (a == "--help" || a == "-h") throw CLI::CallForHelp();
        cli::checkArguments(app, args);
        std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 parses from the back
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return 0;
    } catch (const CLI::ParseError& e) {
        return usageError(name, cli::tidyParseMessage(e.what()));
    } catch (const cli::UsageError& e) {
        return usageError(name, e.message);
    }
    try {
        return runner();
    } catch (const cli::UsageError& e) {
        return usageError(name, e.message);
    } catch (const core::InvalidSetting& e) {
        return usageError(name, e.what());
    } catch (const core::Cancelled&) {
        std::cerr << "winnow-cli " << name << ": cancelled\n";
        return kCancelled;
    } catch (const core::Error& e) {
        std::cerr << "winnow-cli " << name << ": error: " << e.what() << "\n";
        return kFailure;
    } catch (const std::exception& e) {
        std::cerr << "winnow-cli " << name << ": unexpected error: " << e.what() << "\n";
        return kFailure;
    }
}
