#pragma once
// `--features thumbnail|run:<id>|encoder:<model>` of the curation commands (issues, map,
// search): declared and checked in one place.
#include <string>

namespace CLI {
class App;
}

namespace winnow::cli {

void addFeaturesOption(CLI::App& app, std::string& into);
// Throws UsageError unless `features` is thumbnail, run:<id> with a positive id, or
// encoder:<model> with a non-empty model (the model itself is checked when it is opened).
void checkFeatures(const std::string& features);

}  // namespace winnow::cli
