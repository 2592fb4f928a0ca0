#pragma once
// `--features thumbnail|run:<id>` of the curation commands (issues, map): declared and checked
// in one place.
#include <string>

namespace CLI {
class App;
}

namespace winnow::cli {

void addFeaturesOption(CLI::App& app, std::string& into);
// Throws UsageError unless `features` is thumbnail or run:<id> with a positive id.
void checkFeatures(const std::string& features);

}  // namespace winnow::cli
