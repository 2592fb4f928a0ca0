#include "core/store/migrations.h"

namespace winnow::core {

// The process working on a row ("host;pid;start", core/util/process_tag.h), set while the
// row is 'running' and cleared when it ends, so that work whose process died can be told from
// work still going on: a training run (core/train) becomes 'interrupted' and resumable; an
// Influential Rank round (core/influence) becomes 'interrupted' and its removals are undone,
// as a rejected round's are.
const char* migration006RunOwner() {
    return R"SQL(
ALTER TABLE runs ADD COLUMN owner TEXT;
ALTER TABLE influence_rounds ADD COLUMN owner TEXT;
)SQL";
}

}  // namespace winnow::core
