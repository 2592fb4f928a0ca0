#include "core/store/migrations.h"

namespace winnow::core {

// Owned by core/review: the append-only audit log of review decisions. Undo appends an
// 'undo' row that names the decision it cancels; nothing here is ever updated or deleted.
const char* migration005Review() {
    return R"SQL(
CREATE TABLE review_decisions (
  id          INTEGER PRIMARY KEY,
  created_at  TEXT NOT NULL,
  reviewer    TEXT NOT NULL,
  sample_id   INTEGER NOT NULL REFERENCES samples(id),
  action      TEXT NOT NULL,   -- relabel | keep | exclude | ambiguous | trust | untrust | undo
  old_label   INTEGER REFERENCES classes(id),
  new_label   INTEGER REFERENCES classes(id),
  detector    TEXT,
  score       REAL,
  posterior   REAL,
  run_id      INTEGER,
  reverts     INTEGER REFERENCES review_decisions(id)
);
CREATE INDEX review_decisions_sample ON review_decisions(sample_id);
CREATE INDEX review_decisions_reverts ON review_decisions(reverts);
ALTER TABLE samples ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;
)SQL";
}

}  // namespace winnow::core
