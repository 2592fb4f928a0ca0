#pragma once
#include <QString>
#include <QVector>
#include <filesystem>
#include <memory>

#include "widgets/review/review_data.h"

namespace winnow::widgets {

// The review queue of one curation issue type: the type's samples of a stored result
// (core::curationIssues) as ReviewData rows, every one flagged, score = the issue's score (so
// the queue orders them by it, high first, ties by id), reason = why it is there (issue and
// duplicate group). detector = "curation:<type>" (IssueNames::detectorOf). Current labels,
// trust and self-test truth come from the project, so the reviewer decides with the same keys,
// audit trail and undo as in label review. Returns nullptr when the result holds no such
// issue. Reads only; safe on a worker thread. Throws core::Error for a missing result.
std::shared_ptr<ReviewData> loadCurationReviewData(const std::filesystem::path& projectFile, qint64 resultId,
                                                   const QString& issueType);

// The review queue of a hand-picked set of samples (a selection on the embedding map): every
// one flagged, in id order, reason `reason`, detector "map-selection". With `keepOrder` the
// queue keeps the given order (the samples beyond a quality cut, worst first; a repeated id
// keeps its first place) and the detector is "quality-cut". With `scores` (one per id, a
// similarity search's), highest score first (ties by id). Ids not in the project are left
// out; nullptr when none is left. Reads only; safe on a worker thread.
std::shared_ptr<ReviewData> loadSampleListReviewData(const std::filesystem::path& projectFile,
                                                     const QVector<qint64>& sampleIds, const QString& reason,
                                                     bool keepOrder = false, const QVector<float>& scores = {});

}  // namespace winnow::widgets
