#pragma once
#include <string>
#include <vector>

namespace winnow::core {

// One numbered schema step. Steps run in order, each in its own transaction; the file's
// PRAGMA user_version records the last step applied.
struct Migration {
    int version;
    const char* name;
    const char* sql;
};

// All steps this build knows, ascending. The highest version is the schema this build writes.
const std::vector<Migration>& migrations();
int latestSchemaVersion();

// Per-subsystem steps, each defined in its own file so subsystems own their tables.
const char* migration001Foundation();
const char* migration002Training();
const char* migration003Influence();
const char* migration004Video();
const char* migration005Review();
const char* migration006RunOwner();
const char* migration007Retrieval();
const char* migration008Curation();
const char* migration009ReviewSteps();
const char* migration010ScoringOwner();
const char* migration011ContentHash();

}  // namespace winnow::core
