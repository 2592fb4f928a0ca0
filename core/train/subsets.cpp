#include "core/train/subsets.h"

#include <fstream>
#include <string>

#include "core/store/database.h"
#include "core/train/sampling.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace winnow::core {

std::vector<int64_t> longTailExcludeIds(Database& db, double rho, uint64_t seed) {
    int classes = int(db.queryInt64("SELECT count(*) FROM classes"));
    std::vector<int64_t> ids;
    std::vector<int32_t> labels;
    auto st = db.prepare(
        "SELECT s.id, c.idx FROM samples s JOIN classes c ON c.id=s.label"
        " WHERE s.split=0 AND s.status=0 ORDER BY s.id");
    while (st.step()) {
        ids.push_back(st.int64(0));
        labels.push_back(st.int32(1));
    }
    auto keep = longTailedSubset(labels, classes, rho, seed);
    std::vector<int64_t> out;
    size_t j = 0;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (j < keep.size() && keep[j] == int64_t(i)) ++j;
        else out.push_back(ids[i]);
    }
    return out;
}

std::vector<int64_t> readIdList(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw Error("cannot open id list " + file.string());
    std::vector<int64_t> ids;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (auto h = line.find('#'); h != std::string::npos) line.resize(h);
        size_t a = line.find_first_not_of(" \t\r");
        if (a == std::string::npos) continue;
        try {
            size_t pos = 0;
            ids.push_back(std::stoll(line.substr(a), &pos));
        } catch (...) {
            throw Error(file.string() + ":" + std::to_string(lineNo) + ": not a sample id: " + line);
        }
    }
    return ids;
}

void writeIdList(const std::filesystem::path& file, const std::vector<int64_t>& ids) {
    AtomicFile out(file);
    for (int64_t id : ids) out << id << '\n';
    out.commit();
}

}  // namespace winnow::core
