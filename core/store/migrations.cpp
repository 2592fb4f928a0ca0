#include "core/store/migrations.h"

namespace winnow::core {

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
        {1, "foundation", migration001Foundation()},
        {2, "training", migration002Training()},
        {3, "influence", migration003Influence()},
        {4, "video", migration004Video()},
        {5, "review", migration005Review()},
        {6, "process owners", migration006RunOwner()},
        {7, "retrieval", migration007Retrieval()},
        {8, "curation", migration008Curation()},
        {9, "review steps", migration009ReviewSteps()},
        {10, "scoring owners", migration010ScoringOwner()},
        {11, "content hash", migration011ContentHash()},
    };
    return all;
}

int latestSchemaVersion() { return migrations().back().version; }

}  // namespace winnow::core
