#pragma once
#include <QString>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "core/curation/curation_arrays.h"
#include "core/curation/curation_read.h"

namespace winnow::widgets {

// Everything the Issues dock shows of a project's newest stored result, read in one go so
// it can be read on a worker thread (a million samples' arrays take seconds): the result, its
// per-sample arrays (null with `arraysError` when they cannot be read), the stored exact
// groups, and per issue type its count and, for the label-conflict types on a self-test
// project, precision and recall.
struct IssuesSnapshot {
    struct TypeRow {
        std::string type;
        int64_t count = 0;
        std::optional<core::CurationSelfTest> selfTest;  // set when the project has the truth
    };
    std::optional<core::StoredCuration> result;
    std::shared_ptr<const core::CurationArrays> arrays;
    std::vector<std::vector<int64_t>> exactGroups;
    std::vector<TypeRow> types;
    QString arraysError;
};

// Reads the snapshot with its own read-only connection; never throws (errors land in
// arraysError). Safe on any thread.
IssuesSnapshot loadIssuesSnapshot(const std::filesystem::path& projectFile);

}  // namespace winnow::widgets
