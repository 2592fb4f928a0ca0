#pragma once
#include <filesystem>

#include "core/util/json_text.h"

namespace winnow::core {

class Project;

// Writes a self-contained HTML report (inline SVG charts, no external files): dataset summary
// and class distribution, the latest result of every detector with its flagged count per
// class, Influential Rank's OSM and consensus histograms, detection metrics on a self-test
// project (injected noise), review decisions and label versions.
// Returns a JSON summary of what went in.
nlohmann::json writeHtmlReport(Project& project, const std::filesystem::path& out);

}  // namespace winnow::core
