#include "core/store/migrations.h"

namespace winnow::core {

// Owned by core/curation (issue 14): one row per analysis (which features, neighbour method and
// recall, parameters, counts) and one row per issue found (flagged samples only; per-sample
// scores of every sample live in the cache folder, curation/results/<id>/). The detector
// `scorings` table needs a run, and a thumbnail analysis has none, hence tables of its own.
const char* migration008Curation() {
    return R"SQL(
CREATE TABLE curation_results (
  id           INTEGER PRIMARY KEY,
  created_at   TEXT NOT NULL,
  features     TEXT NOT NULL,          -- thumbnail-grey16 | run:<id>
  run_id       INTEGER REFERENCES runs(id),
  params_json  TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  result_dir   TEXT                    -- relative to the cache folder
);
CREATE TABLE curation_issues (
  result_id  INTEGER NOT NULL REFERENCES curation_results(id),
  sample_id  INTEGER NOT NULL REFERENCES samples(id),
  issue      TEXT NOT NULL,            -- exact-duplicate | near-duplicate | leakage | duplicate-label-conflict |
                                       -- outlier | neighbour-label-conflict | dark | overexposed | ...
  group_id   INTEGER,                  -- duplicate group within the result, NULL otherwise
  score      REAL
);
CREATE INDEX curation_issues_result ON curation_issues(result_id, issue);
CREATE INDEX curation_issues_sample ON curation_issues(sample_id);
)SQL";
}

}  // namespace winnow::core
