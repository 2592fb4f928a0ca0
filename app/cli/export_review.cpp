#include "app/cli/export_review.h"

#include <iostream>

#include "app/cli/command.h"

#include "core/report/html_report.h"
#include "core/review/exporters.h"
#include "core/review/review_steps.h"
#include "core/store/project.h"
#include "core/util/json_text.h"

namespace winnow::cli {

bool isReviewExportFormat(const std::string& format) {
    return format == "labels" || format == "labels-json" || format == "imagefolder" ||
           format == "report" || format == "review-steps";
}

int runReviewExport(const ExportOptions& a, const std::string& format) {
    const std::string out = a.out;
    auto project = openForReading(a.project);  // exports only read it
    nlohmann::json j;
    j["format"] = format;
    j["out"] = out;
    if (format == "labels") {
        core::exportLabelsCsv(*project, out);
    } else if (format == "labels-json") {
        core::exportLabelsJson(*project, out);
    } else if (format == "review-steps") {
        j["rows"] = core::exportReviewStepsCsv(*project, out);
    } else if (format == "report") {
        j = core::writeHtmlReport(*project, out);
    } else {
        core::ImageFolderOptions o;
        o.copy = a.copy;
        o.force = a.force;
        o.includeExcluded = a.includeExcluded;
        auto r = core::exportImageFolder(*project, out, o);
        j["written"] = r.written;
        j["skipped"] = r.skipped;
    }
    if (a.json) printJsonLine(core::dumpJson(j));
    else std::cout << "wrote " << format << " to " << out << "\n";
    return 0;
}

}  // namespace winnow::cli
