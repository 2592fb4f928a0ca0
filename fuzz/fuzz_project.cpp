// Project files from outside: a file of arbitrary bytes (damaged projects, projects of older
// schemas, other SQLite files) opened read-only and for writing through the normal
// project-open path (checks, migrations with their backup, marking interrupted work), then read
// through the `winnow-cli info` read model.
#include <memory>

#include "core/dataset/project_summary.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "fuzz/fuzz_common.h"

using namespace winnow;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fuzz::InputDir dir;
    const auto file = dir / "p.winnow";
    fuzz::writeFile(file, data, size);
    try {
        auto project = core::Project::openReadOnly(file);
        (void)core::readProjectSummary(*project, 5);
    } catch (const core::Error&) {
    }
    fuzz::writeFile(file, data, size);  // a read-only open writes nothing, but start from the input
    try {
        auto project = core::Project::open(file);
        (void)project->schemaVersion();
        (void)core::readProjectSummary(*project, 5);
    } catch (const core::Error&) {
    }
    return 0;
}
