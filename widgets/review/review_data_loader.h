#pragma once
#include <QString>
#include <filesystem>
#include <memory>
#include <vector>

#include "widgets/review/review_data.h"

namespace winnow::widgets {

struct ScoringInfo {
    qint64 id = 0;
    qint64 runId = 0;
    QString detector;
    QString createdAt;
};

// Scorings stored in the project (newest first).
std::vector<ScoringInfo> listScorings(const std::filesystem::path& projectFile);

// Opens the scoring core::recommendedScoring picks (the self-test's best ranking, else by
// training regime), with its reason in ReviewData::choiceReason.
inline constexpr qint64 kRecommendedScoring = -1;

// Builds the review data of one scoring (scoringId 0 = the newest, kRecommendedScoring = the
// recommended one) from its score file
// (core/influence/score_file.h), the run's outputs (top-5 probabilities, loss, features for
// the similarity search, kept memory-mapped) and the project's current labels, trust flags
// and self-test truth. Without any scoring, falls back to the newest finished run: score =
// loss, flag = the model's argmax disagrees with the given label (detector "disagreement").
// Returns nullptr when the project has neither. Throws core::Error for damaged files.
// Reads only; safe on a worker thread (opens its own connection).
std::shared_ptr<ReviewData> loadReviewData(const std::filesystem::path& projectFile,
                                           qint64 scoringId = 0);

}  // namespace winnow::widgets
