#pragma once
#include <string>

#include "app/cli/command.h"

namespace winnow::cli {

// `export` formats that come from the review side: labels (CSV), labels-json, imagefolder
// (cleaned dataset tree) and report (HTML). Returns true when `format` is one of them.
bool isReviewExportFormat(const std::string& format);
int runReviewExport(const Args& args, const std::string& format);

}  // namespace winnow::cli
