#pragma once
#include <QVector>
#include <utility>

#include "widgets/review/review_data.h"

namespace winnow::widgets {

// Rows of `candidates` most similar to `queryRow` by cosine similarity of the stored
// features, best first, at most `k`; the query itself is skipped. Pure and thread-safe:
// the review panel runs it on a worker. Empty when the data carries no features.
QVector<std::pair<int, float>> mostSimilarRows(const ReviewData& data, int queryRow,
                                               const QVector<int>& candidates, int k);

}  // namespace winnow::widgets
