#include "core/store/migrations.h"

namespace winnow::core {

// The process writing a scoring ("host;pid;start", core/util/process_tag.h), set with the row
// and cleared when its result file is recorded, so that a scoring whose process died between
// the two (kill -9, power loss) is forgotten when the project is next opened (project.cpp)
// instead of staying behind as a row without a result.
const char* migration010ScoringOwner() {
    return R"SQL(
ALTER TABLE scorings ADD COLUMN owner TEXT;
)SQL";
}

}  // namespace winnow::core
