#include "core/store/migrations.h"

namespace winnow::core {

// Owned by core/review (issue 14): a review step joins the decisions of one reviewer action
// that undo and redo treat as one unit, e.g. "keep one member of a duplicate group, exclude the
// others". The step row is the audit record of the action itself (what, which group of which
// curation result, the kept sample, who, when); its members are the samples it concerned (a
// "not duplicates" step has members but no per-sample decisions). Undo appends an 'undo' step
// naming the step it cancels plus an 'undo' decision row for each of its decisions; as in
// review_decisions nothing is ever updated or deleted.
const char* migration009ReviewSteps() {
    return R"SQL(
CREATE TABLE review_steps (
  id              INTEGER PRIMARY KEY,
  created_at      TEXT NOT NULL,
  reviewer        TEXT NOT NULL,
  action          TEXT NOT NULL,   -- keep-one | not-duplicates | undo
  curation_result INTEGER REFERENCES curation_results(id),
  group_id        INTEGER,         -- duplicate group within that result
  keeper          INTEGER REFERENCES samples(id),   -- keep-one: the member kept
  reverts         INTEGER REFERENCES review_steps(id)
);
CREATE TABLE review_step_members (
  step_id   INTEGER NOT NULL REFERENCES review_steps(id),
  sample_id INTEGER NOT NULL REFERENCES samples(id),
  PRIMARY KEY (step_id, sample_id)
) WITHOUT ROWID;
CREATE INDEX review_steps_group ON review_steps(curation_result, group_id);
CREATE INDEX review_steps_reverts ON review_steps(reverts);
CREATE INDEX review_step_members_sample ON review_step_members(sample_id);
ALTER TABLE review_decisions ADD COLUMN step_id INTEGER REFERENCES review_steps(id);
CREATE INDEX review_decisions_step ON review_decisions(step_id);
)SQL";
}

}  // namespace winnow::core
