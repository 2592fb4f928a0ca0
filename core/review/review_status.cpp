#include "core/review/review_status.h"

#include "core/review/review_log.h"
#include "core/store/project.h"

namespace winnow::core {

ReviewStatus readReviewStatus(Project& project) {
    ReviewStatus s;
    ReviewLog log(project);
    const auto all = log.effectiveAll();
    for (const auto& [id, d] : all) ++s.byAction[reviewActionName(d.action)];
    s.reviewed = int64_t(all.size());
    s.auditRows = project.db().queryInt64("SELECT count(*) FROM review_decisions");
    return s;
}

}  // namespace winnow::core
