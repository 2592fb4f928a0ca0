#pragma once
// What the GUI benchmarks share: a project of n array-backed grey records (side x side bytes
// each, one raw file in the cache's arrays/), written with direct inserts in one transaction.
// `record(i, bytes)` fills record i; `row(i)` gives its split, label index, the label before
// injected noise (-1: none, so the project has no self-test truth) and import status.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "core/store/database.h"
#include "core/store/project.h"

namespace winnow::bench {

struct ArrayRow {
    int split = 0;          // 0 train, 1 validation, 2 test
    int label = 0;          // class index 0..classes-1
    int originalLabel = -1; // class index before noise, -1 when none was injected
    int status = 0;         // 0 ok
};

inline void buildArrayProject(const std::filesystem::path& file, int64_t n, int side, int classes,
                              const std::function<void(int64_t, char*)>& record,
                              const std::function<ArrayRow(int64_t)>& row) {
    auto project = core::Project::create(file);
    auto& db = project->db();
    const std::filesystem::path cache = project->cacheSubdir("arrays");
    {
        std::ofstream out(cache / "bench.u8", std::ios::binary);
        std::vector<char> rec(size_t(side) * size_t(side));
        for (int64_t i = 0; i < n; ++i) {
            record(i, rec.data());
            out.write(rec.data(), std::streamsize(rec.size()));
        }
    }
    core::Transaction tx(db);
    for (int c = 0; c < classes; ++c)
        db.prepare("INSERT INTO classes(idx, name) VALUES(?, ?)").bind(1, c).bind(2, "class " + std::to_string(c)).run();
    db.prepare("INSERT INTO arrays(id, source, cache_file, count, height, width, channels)"
               " VALUES(1, 'synthetic', 'arrays/bench.u8', ?, ?, ?, 1)")
        .bind(1, n).bind(2, side).bind(3, side).run();
    // Class ids are 1..classes in index order (a fresh project's first class rows).
    auto ins = db.prepare(
        "INSERT INTO samples(media_kind, path, array_id, item_index, split, label, original_label, status)"
        " VALUES(1, 'synthetic', 1, ?, ?, ?, ?, ?)");
    for (int64_t i = 0; i < n; ++i) {
        const ArrayRow r = row(i);
        ins.bind(1, i).bind(2, r.split).bind(3, int64_t(1 + r.label));
        if (r.originalLabel >= 0) ins.bind(4, int64_t(1 + r.originalLabel));
        else ins.bindNull(4);
        ins.bind(5, r.status);
        ins.run();
    }
    tx.commit();
}

}  // namespace winnow::bench
