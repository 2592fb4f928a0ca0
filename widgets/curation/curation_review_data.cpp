#include "widgets/curation/curation_review_data.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <optional>
#include <map>

#include "core/curation/curation_arrays.h"
#include "core/curation/curation_read.h"
#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "widgets/curation/issue_names.h"

namespace winnow::widgets {
namespace {

// One queue row: ReviewData rows are in ascending sample id, one per sample.
struct Row {
    int64_t sampleId;
    float score;
    QString reason;
};
std::shared_ptr<ReviewData> rowsToReviewData(core::Project& project, const std::vector<Row>& rows,
                                             const QString& detector, const core::SampleTable* table = nullptr);

}  // namespace

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
    std::vector<Row> rows;
    const QString name = IssueNames::displayName(issueType);
    // A clip's quality issue names the sampled frames that raise it; the arrays are read only
    // when the result scanned clips (at a million images they are hundreds of megabytes).
    std::optional<core::CurationArrays> arrays;
    for (const auto& c : all)
        if (c.id == resultId && !c.resultDir.empty() &&
            core::jsonInt(core::jsonField(c.summary, "clips_scanned")) > 0) {
            try {
                arrays = core::loadCurationArrays(*p, c);
            } catch (const std::exception&) {
                // Without the arrays the queue still works; only the frame numbers are missing.
            }
        }
    for (const auto& is : issues) {
        QString reason = is.group >= 0 ? IssueNames::tr("%1, group %2").arg(name).arg(is.group) : name;
        if (arrays) {
            const auto frames = core::storedClipFrames(*arrays, is.sampleId, issueType.toStdString());
            QStringList f;
            for (int64_t x : frames) f << QString::number(x);
            if (!f.isEmpty()) reason = IssueNames::tr("%1 (frames %2)").arg(reason, f.join(QStringLiteral(", ")));
        }
        rows.push_back({is.sampleId, float(is.score), reason});
    }
    return rowsToReviewData(*p, rows, IssueNames::detectorOf(issueType));
}

std::shared_ptr<ReviewData> loadSampleListReviewData(const std::filesystem::path& projectFile,
                                                     const QVector<qint64>& sampleIds, const QString& reason,
                                                     bool keepOrder, const QVector<float>& scores) {
    auto p = core::Project::openReadOnly(projectFile);
    std::map<qint64, float> scoreOf;
    for (qsizetype i = 0; i < sampleIds.size() && i < scores.size(); ++i) scoreOf.emplace(sampleIds[i], scores[i]);
    QVector<qint64> ids = sampleIds;
    if (keepOrder) {
        QSet<qint64> seen;
        ids.removeIf([&seen](qint64 id) {
            if (seen.contains(id)) return true;
            seen.insert(id);
            return false;
        });
    } else {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    core::SampleStore store(p->db());
    const core::SampleTable t = store.loadTable();
    std::vector<Row> rows;
    for (qint64 id : ids)
        if (std::binary_search(t.ids.begin(), t.ids.end(), int64_t(id))) {
            const auto sc = scoreOf.find(id);
            rows.push_back({id, sc != scoreOf.end() ? sc->second : 0.0f, reason});
        }
    if (rows.empty()) return nullptr;
    // Equal scores: the queue's stable sort by score keeps this order.
    return rowsToReviewData(*p, rows, keepOrder ? QStringLiteral("quality-cut") : QStringLiteral("map-selection"), &t);
}

namespace {

std::shared_ptr<ReviewData> rowsToReviewData(core::Project& project, const std::vector<Row>& rows,
                                             const QString& detector, const core::SampleTable* table) {
    core::SampleStore store(project.db());
    auto d = std::make_shared<ReviewData>();
    for (const auto& c : store.classes()) {
        while (d->classNames.size() <= c.idx) d->classNames << QString();
        d->classNames[c.idx] = QString::fromStdString(c.name);
    }
    d->resize(int64_t(rows.size()), int(d->classNames.size()), false);
    d->detector = detector;
    d->reason.resize(rows.size());
    core::SampleTable own;
    if (!table) {
        own = store.loadTable();
        table = &own;
    }
    const core::SampleTable& t = *table;
    for (size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        d->ids[i] = r.sampleId;
        d->score[i] = r.score;
        d->flag[i] = 1;
        d->posterior[i] = NAN;
        d->reason[i] = r.reason;
        auto it = std::lower_bound(t.ids.begin(), t.ids.end(), r.sampleId);
        if (it == t.ids.end() || *it != r.sampleId) continue;
        const size_t pos = size_t(it - t.ids.begin());
        d->given[i] = t.label[pos];
        d->trusted[i] = uint8_t(t.trusted[pos] != 0);
        d->original[i] = t.originalLabel[pos];
    }
    d->sortByScore();
    return d;
}

}  // namespace

}  // namespace winnow::widgets
