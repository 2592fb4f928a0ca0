#include "core/store/migrations.h"

namespace winnow::core {

// Owned by core/retrieval (retrieval_store.h): image–text retrieval stress tests (METHODS §12).
//  * retrieval_sets: caption sets imported into the project (a clean set, or a RoCOCO attack
//    file whose adversarial captions are a caption attack), with their images and captions;
//  * retrieval_issues: per-file problems of an import or an evaluation (missing or corrupt
//    image, entry without captions); the rest of the work goes on;
//  * retrieval_encoders: the dual encoders used (identity "sha256:..." / "builtin:...", and the
//    canonical preprocessing text, so two models are told apart and results name both);
//  * retrieval_runs: one evaluation job (set, encoder, settings, status running / completed /
//    cancelled / failed), retrieval_results: one row per attack, direction and seed (seed NULL
//    for the mean over seeds), with the per-query outcomes in a cache file it names.
const char* migration007Retrieval() {
    return R"SQL(
CREATE TABLE retrieval_sets (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  file          TEXT NOT NULL,
  file_size     INTEGER NOT NULL DEFAULT 0,
  format        TEXT NOT NULL,            -- karpathy | coco | csv
  image_folder  TEXT NOT NULL DEFAULT '',
  rococo        INTEGER NOT NULL DEFAULT 0,
  images        INTEGER NOT NULL DEFAULT 0,
  gt_captions   INTEGER NOT NULL DEFAULT 0,
  adv_captions  INTEGER NOT NULL DEFAULT 0,
  missing_images INTEGER NOT NULL DEFAULT 0,
  imported_at   TEXT NOT NULL
);
CREATE TABLE retrieval_images (
  set_id  INTEGER NOT NULL REFERENCES retrieval_sets(id) ON DELETE CASCADE,
  idx     INTEGER NOT NULL,
  image   TEXT NOT NULL,                  -- as written in the caption file
  path    TEXT NOT NULL,                  -- resolved against the image folder
  status  TEXT NOT NULL,                  -- found | missing | not-a-file | unchecked
  PRIMARY KEY (set_id, idx)
);
CREATE TABLE retrieval_captions (
  set_id      INTEGER NOT NULL REFERENCES retrieval_sets(id) ON DELETE CASCADE,
  image_idx   INTEGER NOT NULL,
  idx         INTEGER NOT NULL,           -- position within the image (ground truth first)
  text        TEXT NOT NULL,              -- as in the file
  adversarial INTEGER NOT NULL DEFAULT 0,
  source      INTEGER NOT NULL DEFAULT -1, -- adversarial: index of its ground-truth caption
  swapped     TEXT NOT NULL DEFAULT '',   -- adversarial: "source>target" cores, '; '-separated
  PRIMARY KEY (set_id, image_idx, idx)
);
CREATE TABLE retrieval_encoders (
  id            INTEGER PRIMARY KEY,
  identity      TEXT NOT NULL,
  description   TEXT NOT NULL,
  dim           INTEGER NOT NULL,
  preprocessing TEXT NOT NULL,
  UNIQUE (identity, preprocessing)
);
CREATE TABLE retrieval_runs (
  id              INTEGER PRIMARY KEY,
  set_id          INTEGER NOT NULL REFERENCES retrieval_sets(id),
  encoder_id      INTEGER NOT NULL REFERENCES retrieval_encoders(id),
  created_at      TEXT NOT NULL,
  finished_at     TEXT,
  status          TEXT NOT NULL,          -- running | completed | cancelled | failed
  message         TEXT NOT NULL DEFAULT '',
  pairing         TEXT NOT NULL DEFAULT 'default',
  lambda          REAL,
  seeds           TEXT NOT NULL DEFAULT '',
  normalisation   TEXT NOT NULL DEFAULT '',
  ties            TEXT NOT NULL DEFAULT '',
  images_used     INTEGER NOT NULL DEFAULT 0,
  images_excluded INTEGER NOT NULL DEFAULT 0,
  truncated       INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE retrieval_issues (
  id      INTEGER PRIMARY KEY,
  set_id  INTEGER REFERENCES retrieval_sets(id) ON DELETE CASCADE,
  run_id  INTEGER REFERENCES retrieval_runs(id) ON DELETE CASCADE,
  item    TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE TABLE retrieval_results (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES retrieval_runs(id) ON DELETE CASCADE,
  attack        TEXT NOT NULL,            -- clean | the attack's name
  attack_kind   TEXT NOT NULL,            -- clean | caption | mix | patch
  attack_set_id INTEGER REFERENCES retrieval_sets(id),
  direction     TEXT NOT NULL,            -- i2t | t2i
  seed          INTEGER,                  -- image attacks; NULL: clean, caption attack, or mean
  lambda        REAL,
  queries       INTEGER NOT NULL,
  r1 REAL NOT NULL, r5 REAL NOT NULL, r10 REAL NOT NULL, fr1 REAL NOT NULL,
  drop_abs REAL NOT NULL DEFAULT 0,
  drop_rate REAL NOT NULL DEFAULT 0,
  outcomes_file TEXT NOT NULL DEFAULT ''  -- relative to the cache folder; '' for a mean row
);
CREATE INDEX retrieval_results_run ON retrieval_results(run_id);
CREATE INDEX retrieval_issues_set ON retrieval_issues(set_id);
)SQL";
}

}  // namespace winnow::core
