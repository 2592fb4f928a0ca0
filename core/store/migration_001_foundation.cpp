#include "core/store/migrations.h"

namespace winnow::core {

// The ground every later subsystem stands on. Enumerations stored as integers are defined
// in core/dataset/sample.h (MediaKind, Split, SampleStatus).
const char* migration001Foundation() {
    return R"SQL(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE classes (
  id    INTEGER PRIMARY KEY,
  idx   INTEGER NOT NULL UNIQUE,      -- dense 0..K-1, the model's output index
  name  TEXT NOT NULL UNIQUE
);
CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  format      TEXT NOT NULL,
  source      TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  state       TEXT NOT NULL DEFAULT 'running', -- running | done | cancelled | failed
  n_imported  INTEGER NOT NULL DEFAULT 0,
  n_issues    INTEGER NOT NULL DEFAULT 0
);
-- Array-backed sources (IDX, CIFAR): decoded once into a raw uint8 cache file
-- (count x height x width x channels) so samples address records, not loose files.
CREATE TABLE arrays (
  id         INTEGER PRIMARY KEY,
  source     TEXT NOT NULL,
  cache_file TEXT NOT NULL,
  count      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  width      INTEGER NOT NULL,
  channels   INTEGER NOT NULL
);
CREATE TABLE samples (
  id             INTEGER PRIMARY KEY,
  media_kind     INTEGER NOT NULL,              -- 0 image file, 1 array record, 2 video clip
  path           TEXT NOT NULL,                 -- absolute media path (array/video source)
  array_id       INTEGER REFERENCES arrays(id),
  item_index     INTEGER NOT NULL DEFAULT -1,   -- record index in an array source
  frame_start    INTEGER NOT NULL DEFAULT -1,   -- clip: first frame (inclusive)
  frame_end      INTEGER NOT NULL DEFAULT -1,   -- clip: last frame (exclusive)
  split          INTEGER NOT NULL DEFAULT 0,    -- 0 train, 1 val, 2 test
  label          INTEGER REFERENCES classes(id),-- given label in the current label version
  original_label INTEGER REFERENCES classes(id),-- ground truth kept when noise is injected
  trusted        INTEGER NOT NULL DEFAULT 0,    -- human-verified
  status         INTEGER NOT NULL DEFAULT 0,    -- 0 ok, 1 unreadable
  error          TEXT,
  width          INTEGER NOT NULL DEFAULT 0,
  height         INTEGER NOT NULL DEFAULT 0,
  import_id      INTEGER REFERENCES imports(id),
  UNIQUE (path, item_index, frame_start, frame_end)
);
CREATE INDEX samples_label ON samples(label);
CREATE INDEX samples_split ON samples(split);
-- Problems met during import, one row per file or CSV row, whether or not a sample exists.
CREATE TABLE import_issues (
  id        INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  path      TEXT NOT NULL,
  line      INTEGER,                      -- CSV line number when relevant
  reason    TEXT NOT NULL,
  sample_id INTEGER REFERENCES samples(id)
);
CREATE INDEX import_issues_import ON import_issues(import_id);
-- Label versions: version 1 is what was imported; each later version records its changes.
CREATE TABLE label_versions (
  id         INTEGER PRIMARY KEY,
  parent_id  INTEGER REFERENCES label_versions(id),
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  note       TEXT
);
CREATE TABLE label_changes (
  version_id INTEGER NOT NULL REFERENCES label_versions(id),
  sample_id  INTEGER NOT NULL REFERENCES samples(id),
  old_label  INTEGER REFERENCES classes(id),
  new_label  INTEGER REFERENCES classes(id),
  action     TEXT NOT NULL,              -- relabel | exclude | include | noise
  PRIMARY KEY (version_id, sample_id)
);
INSERT INTO label_versions(id, parent_id, name, created_at, note)
  VALUES (1, NULL, 'imported', strftime('%Y-%m-%dT%H:%M:%SZ','now'), 'labels as imported');
INSERT INTO meta(key, value) VALUES ('current_label_version', '1');
)SQL";
}

}  // namespace winnow::core
