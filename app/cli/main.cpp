// winnow-cli: the headless front end. Each subcommand lives in its own cmd_*.cpp and
// registers itself; this file only dispatches and turns errors into exit codes.
#include <cstdio>
#include <exception>
#include <iostream>

#include "app/cli/command.h"
#include "core/util/error.h"

using namespace winnow;

static void printHelp() {
    std::cout << "winnow-cli — find and fix mislabelled samples (headless)\n\nCommands:\n";
    for (const auto& [name, c] : cli::commandRegistry())
        std::cout << "  " << name << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ')
                  << c.summary << "\n";
    std::cout << "\nRun 'winnow-cli COMMAND --help' for a command's options.\n";
}

int main(int argc, char** argv) {
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
        printHelp();
        return argc < 2 ? 2 : 0;
    }
    std::string name = argv[1];
    auto& reg = cli::commandRegistry();
    auto it = reg.find(name);
    if (it == reg.end()) {
        std::cerr << "winnow-cli: unknown command '" << name << "'\n";
        printHelp();
        return 2;
    }
    std::vector<std::string> args(argv + 2, argv + argc);
    for (const auto& a : args) {
        if (a == "--help" || a == "-h") {
            std::cout << "usage: winnow-cli " << name << " " << it->second.usage << "\n";
            return 0;
        }
    }
    try {
        return it->second.run(args);
    } catch (const cli::UsageError& e) {
        std::cerr << "winnow-cli " << name << ": " << e.message << "\nusage: winnow-cli " << name
                  << " " << it->second.usage << "\n";
        return 2;
    } catch (const core::Cancelled&) {
        std::cerr << "winnow-cli " << name << ": cancelled\n";
        return 130;
    } catch (const core::Error& e) {
        std::cerr << "winnow-cli " << name << ": error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "winnow-cli " << name << ": unexpected error: " << e.what() << "\n";
        return 1;
    }
}
