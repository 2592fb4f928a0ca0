#include "core/store/migrations.h"

namespace winnow::core {

// Owned by core/train: training runs and their per-epoch metrics. Large per-sample arrays
// (logits, features, losses) live in side files in the cache folder, not here.
const char* migration002Training() {
    return R"SQL(
CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  finished_at TEXT,
  state       TEXT NOT NULL DEFAULT 'running', -- running | done | cancelled | failed
  kind        TEXT NOT NULL DEFAULT 'train',   -- train | cross-val | post-train
  parent_run  INTEGER REFERENCES runs(id),
  config_json TEXT NOT NULL,
  device      TEXT,
  message     TEXT,
  outputs_dir TEXT,                             -- relative to the cache folder
  summary_json TEXT                             -- final metrics and training cost (seconds)
);
CREATE TABLE run_epochs (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  epoch        INTEGER NOT NULL,
  metrics_json TEXT NOT NULL,
  PRIMARY KEY (run_id, epoch)
);
)SQL";
}

}  // namespace winnow::core
