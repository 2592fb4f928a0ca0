#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset/sample.h"

namespace winnow::core {

class Database;

struct ClassInfo {
    int64_t id = 0;   // row id in `classes`
    int idx = 0;      // dense model index 0..K-1
    std::string name;
};

// Compact struct-of-arrays view of every sample, in id order: what the grid model, the
// trainer and the influence engine hold in memory (about 24 bytes a sample).
struct SampleTable {
    std::vector<int64_t> ids;
    std::vector<int32_t> label;          // dense class index, -1 = none
    std::vector<int32_t> originalLabel;  // -1 = none
    std::vector<int8_t> split;           // Split
    std::vector<int8_t> status;          // SampleStatus
    std::vector<int8_t> trusted;
    std::vector<int8_t> kind;            // MediaKind
    size_t size() const { return ids.size(); }
};

// Reads and writes samples and classes. Takes a Database so the writer thread and readers
// can each use their own connection.
class SampleStore {
public:
    explicit SampleStore(Database& db) : m_db(db) {}

    std::vector<ClassInfo> classes();
    // Returns the class's row id, creating it (next dense index) if new.
    int64_t ensureClass(const std::string& name);
    std::optional<Sample> sample(int64_t id);
    // Every sample whose media last read fine (status 0), by id.
    std::vector<Sample> readableSamples();
    // limit >= 0 reads only the first `limit` samples by id (a quick first screen: samples.id
    // is the rowid, so only the first pages of the table are touched).
    SampleTable loadTable(int64_t limit = -1);
    int64_t count();

private:
    Database& m_db;
};

}  // namespace winnow::core
