#include "core/store/migrations.h"

namespace winnow::core {

// Owned by core/influence: detector results, noise-injection self-tests, Influential Rank
// rounds, the working set they shrink (a state: no sample or label is ever deleted) and the
// relabel/exclude suggestions a reviewer accepts or rejects.
const char* migration003Influence() {
    return R"SQL(
CREATE TABLE noise_injections (
  id                INTEGER PRIMARY KEY,
  created_at        TEXT NOT NULL,
  kind              TEXT NOT NULL,    -- symmetric | asymmetric
  rate              REAL NOT NULL,
  seed              INTEGER NOT NULL,
  trusted_per_class INTEGER NOT NULL,
  label_version     INTEGER REFERENCES label_versions(id),
  n_flipped         INTEGER NOT NULL DEFAULT 0,
  n_eligible        INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE scorings (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  detector    TEXT NOT NULL,          -- influential-rank | small-loss | confident-learning | self-confidence
  created_at  TEXT NOT NULL,
  params_json TEXT NOT NULL,
  summary_json TEXT,
  result_file TEXT                    -- relative to the cache folder (see core/influence/score_file.h)
);
CREATE INDEX scorings_run ON scorings(run_id);
CREATE TABLE influence_rounds (
  id          INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  session     INTEGER NOT NULL,       -- one `rank` invocation
  round       INTEGER NOT NULL,       -- 1-based; 0 = the final fine-tune after --auto-apply
  base_run    INTEGER NOT NULL REFERENCES runs(id),
  scoring_id  INTEGER REFERENCES scorings(id),
  post_run    INTEGER REFERENCES runs(id),
  n_removed   INTEGER NOT NULL DEFAULT 0,
  state       TEXT NOT NULL DEFAULT 'running', -- running | accepted | rejected | failed
  metrics_json TEXT
);
-- Samples taken out of the working set by an accepted round. Deleting a row puts the sample
-- back; the sample itself is untouched.
CREATE TABLE working_set_removed (
  sample_id   INTEGER PRIMARY KEY REFERENCES samples(id),
  round_id    INTEGER NOT NULL REFERENCES influence_rounds(id),
  created_at  TEXT NOT NULL
);
CREATE TABLE suggestions (
  id              INTEGER PRIMARY KEY,
  created_at      TEXT NOT NULL,
  session         INTEGER NOT NULL,
  run_id          INTEGER NOT NULL REFERENCES runs(id), -- the model that predicted
  sample_id       INTEGER NOT NULL REFERENCES samples(id),
  action          TEXT NOT NULL,      -- relabel | exclude
  suggested_label INTEGER REFERENCES classes(id),
  probability     REAL NOT NULL,      -- max softmax of the final model
  state           TEXT NOT NULL DEFAULT 'pending' -- pending | accepted | rejected | applied
);
CREATE INDEX suggestions_sample ON suggestions(sample_id);
)SQL";
}

}  // namespace winnow::core
