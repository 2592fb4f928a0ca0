#include "app/cli/command.h"

#include <cstdio>
#include <iostream>

namespace winnow::cli {

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

std::unique_ptr<core::Project> openForReading(const std::string& file) {
    auto project = core::Project::openReadOnly(file);
    if (!project->readOnlyNote().empty()) std::cerr << "note: " << project->readOnlyNote() << "\n";
    return project;
}

}  // namespace winnow::cli
