#pragma once
// Test helper: stores a hand-made scoring (row + score file) of `run` in a project, the way
// scoreProject would, so detector-level code can be tested with chosen scores and flags.
#include <string>
#include <vector>

#include "core/influence/score_file.h"
#include "core/store/project.h"

namespace winnow::test {

// Sample ids firstId.. firstId + n - 1, given label 0, suggested label 1 for
// influential-rank scorings (0 otherwise), 2 classes. Returns the scoring id.
inline int64_t addTestScoring(core::Project& p, int64_t run, const std::string& det,
                              std::vector<float> score, std::vector<uint8_t> flag,
                              int64_t firstId = 1) {
    const int64_t n = int64_t(score.size());
    p.db().prepare("INSERT INTO scorings(run_id, detector, created_at, params_json, summary_json) "
                   "VALUES(?, ?, 't', '{\"probabilities\":\"in-sample\"}', '{}')")
        .bind(1, run).bind(2, det).run();
    const int64_t id = p.db().lastInsertId();
    core::ScoreFile f;
    for (int64_t i = 0; i < n; ++i) f.sampleIds.push_back(firstId + i);
    f.givenLabel.assign(size_t(n), 0);
    f.suggestedLabel.assign(size_t(n), det == "influential-rank" ? 1 : 0);
    f.suggestedProb.assign(size_t(n), 0.9f);
    f.score = std::move(score);
    f.flag = flag.empty() ? std::vector<uint8_t>(size_t(n), 0) : std::move(flag);
    f.meta["format"] = 1;
    f.meta["detector"] = det;
    f.meta["run_id"] = run;
    f.meta["n"] = n;
    f.meta["classes"] = 2;
    f.write(p.cacheSubdir("scorings") / std::to_string(id));
    p.db().prepare("UPDATE scorings SET result_file=? WHERE id=?")
        .bind(1, "scorings/" + std::to_string(id)).bind(2, id).run();
    return id;
}

}  // namespace winnow::test
