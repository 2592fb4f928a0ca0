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
    std::string lastGroup;
    for (const auto& [name, c] : cli::commandRegistry()) {
        const auto space = name.find(' ');
        if (space != std::string::npos) {  // a group's members are listed by 'winnow-cli GROUP --help'
            const std::string group = name.substr(0, space);
            if (group == lastGroup) continue;
            lastGroup = group;
            out << "  " << group << std::string(group.size() < 14 ? 14 - group.size() : 1, ' ')
                << "command group; 'winnow-cli " << group << " --help' lists its commands\n";
            continue;
        }
        out << "  " << name << std::string(name.size() < 14 ? 14 - name.size() : 1, ' ') << c.summary << "\n";
    }
    out << "\nRun 'winnow-cli COMMAND --help' for a command's options and their allowed values.\n\n"
        << cli::exitCodesHelp();
}

bool isGroup(const std::string& name) {
    for (const auto& [member, c] : cli::commandRegistry())
        if (member.rfind(name + " ", 0) == 0) return true;
    return false;
}

void printGroupHelp(const std::string& group, std::ostream& out) {
    out << "usage: winnow-cli " << group << " COMMAND --option VALUE ...\n\nCommands:\n";
    for (const auto& [name, c] : cli::commandRegistry()) {
        if (name.rfind(group + " ", 0) != 0) continue;
        const std::string member = name.substr(group.size() + 1);
        out << "  " << member << std::string(member.size() < 14 ? 14 - member.size() : 1, ' ') << c.summary
            << "\n";
    }
    out << "\nRun 'winnow-cli " << group << " COMMAND --help' for a command's options.\n";
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
    std::string name = argv[1];
    int first = 2;  // first argument after the command's name
    auto& reg = cli::commandRegistry();
    // A command group ("retrieval import"): the registry names its members "group member".
    if (reg.find(name) == reg.end() && isGroup(name)) {
        if (argc < 3 || std::string(argv[2]) == "--help" || std::string(argv[2]) == "-h") {
            printGroupHelp(name, argc < 3 ? std::cerr : std::cout);
            return argc < 3 ? kUsage : 0;
        }
        name += " " + std::string(argv[2]);
        first = 3;
    }
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

    std::vector<std::string> args(argv + first, argv + argc);
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
