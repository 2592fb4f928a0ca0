#include "widgets/curation/curation_review_data.h"

#include <algorithm>
#include <cmath>

#include "core/curation/curation_read.h"
#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "widgets/curation/issue_names.h"

namespace winnow::widgets {

std::shared_ptr<ReviewData> loadCurationReviewData(const std::filesystem::path& projectFile, qint64 resultId,
                                                   const QString& issueType) {
    auto p = core::Project::openReadOnly(projectFile);
    const auto all = core::listCurations(*p);
    if (std::none_of(all.begin(), all.end(), [&](const core::StoredCuration& c) { return c.id == resultId; }))
        throw core::Error(projectFile.string() + ": no curation result " + std::to_string(resultId));
    auto issues = core::curationIssues(*p, int64_t(resultId), issueType.toStdString());
    if (issues.empty()) return nullptr;
    // ReviewData rows are in ascending sample id; one row per sample.
    std::sort(issues.begin(), issues.end(),
              [](const auto& a, const auto& b) { return a.sampleId < b.sampleId; });
    issues.erase(std::unique(issues.begin(), issues.end(),
                             [](const auto& a, const auto& b) { return a.sampleId == b.sampleId; }),
                 issues.end());
    core::SampleStore store(p->db());
    auto d = std::make_shared<ReviewData>();
    for (const auto& c : store.classes()) {
        while (d->classNames.size() <= c.idx) d->classNames << QString();
        d->classNames[c.idx] = QString::fromStdString(c.name);
    }
    d->resize(int64_t(issues.size()), int(d->classNames.size()), false);
    d->detector = IssueNames::detectorOf(issueType);
    d->reason.resize(issues.size());
    const core::SampleTable t = store.loadTable();
    const QString name = IssueNames::displayName(issueType);
    for (size_t i = 0; i < issues.size(); ++i) {
        const auto& is = issues[i];
        d->ids[i] = is.sampleId;
        d->score[i] = float(is.score);
        d->flag[i] = 1;
        d->posterior[i] = NAN;
        d->reason[i] = is.group >= 0 ? IssueNames::tr("%1, group %2").arg(name).arg(is.group) : name;
        auto it = std::lower_bound(t.ids.begin(), t.ids.end(), is.sampleId);
        if (it == t.ids.end() || *it != is.sampleId) continue;
        const size_t pos = size_t(it - t.ids.begin());
        d->given[i] = t.label[pos];
        d->trusted[i] = uint8_t(t.trusted[pos] != 0);
        d->original[i] = t.originalLabel[pos];
    }
    d->sortByScore();
    return d;
}

}  // namespace winnow::widgets
