#include "core/store/migrations.h"

namespace winnow::core {

// Owned by core/influence: detector results and noise-injection self-tests.
const char* migration003Influence() {
    return R"SQL(
CREATE TABLE noise_injections (
  id                INTEGER PRIMARY KEY,
  created_at        TEXT NOT NULL,
  kind              TEXT NOT NULL,    -- symmetric | asymmetric
  rate              REAL NOT NULL,
  seed              INTEGER NOT NULL,
  trusted_per_class INTEGER NOT NULL,
  label_version     INTEGER REFERENCES label_versions(id)
);
CREATE TABLE scorings (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  detector    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  params_json TEXT NOT NULL,
  summary_json TEXT,
  result_file TEXT                    -- relative to the cache folder
);
)SQL";
}

}  // namespace winnow::core
