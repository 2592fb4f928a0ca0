#include "core/store/migrations.h"

namespace winnow::core {

// Owned by core/train: the process training a run ("host;pid;start", core/util/process_tag.h),
// set while the run is 'running' and cleared when it ends, so that a run whose process died
// can be told from one still training ('interrupted' state, resumable from its checkpoint).
const char* migration006RunOwner() {
    return R"SQL(
ALTER TABLE runs ADD COLUMN owner TEXT;
)SQL";
}

}  // namespace winnow::core
