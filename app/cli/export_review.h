#pragma once
#include <cstdint>
#include <string>

namespace winnow::cli {

// The options of `winnow-cli export` (declared in cmd_export.cpp).
struct ExportOptions {
    std::string project;
    std::string format;
    std::string out;
    int64_t run = 0;
    std::string detector;
    bool json = false;
    bool copy = false;
    bool force = false;
    bool includeExcluded = false;
};

// `export` formats that come from the review side: labels (CSV), labels-json, imagefolder
// (cleaned dataset tree), report (HTML) and review-steps (the audit trail of group decisions, CSV). Returns true when `format` is one of them.
bool isReviewExportFormat(const std::string& format);
int runReviewExport(const ExportOptions& a, const std::string& format);

}  // namespace winnow::cli
