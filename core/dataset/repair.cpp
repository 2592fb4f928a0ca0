#include "core/dataset/repair.h"

#include <sys/stat.h>

#include "core/dataset/import_formats.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

struct ArrayRow {
    ArrayCacheState state;
    int64_t count = 0;
    int height = 0, width = 0, channels = 0;
    std::string format;  // of the import that made it: idx | cifar
};

std::vector<ArrayRow> arrayRows(Project& project) {
    std::vector<ArrayRow> rows;
    auto st = project.db().prepare(
        "SELECT a.id, a.source, a.cache_file, a.count, a.height, a.width, a.channels,"
        " (SELECT i.format FROM samples s JOIN imports i ON i.id=s.import_id WHERE s.array_id=a.id LIMIT 1)"
        " FROM arrays a ORDER BY a.id");
    while (st.step()) {
        ArrayRow r;
        r.state.arrayId = st.int64(0);
        r.state.source = st.text(1);
        fs::path f = st.text(2);
        r.state.cacheFile = f.is_relative() ? project.cacheDir() / f : f;
        r.count = st.int64(3);
        r.height = st.int32(4);
        r.width = st.int32(5);
        r.channels = st.int32(6);
        r.format = st.text(7);
        const int64_t expected = r.count * int64_t(r.height) * int64_t(r.width) * int64_t(r.channels);
        struct stat s {};
        if (::stat(r.state.cacheFile.c_str(), &s) != 0) {
            r.state.problem = "missing";
        } else if (!S_ISREG(s.st_mode) || int64_t(s.st_size) != expected) {
            r.state.problem = "has " + std::to_string(s.st_size) + " bytes, expected " + std::to_string(expected);
        } else {
            r.state.ok = true;
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace

std::vector<ArrayCacheState> checkArrayCaches(Project& project) {
    std::vector<ArrayCacheState> out;
    for (auto& r : arrayRows(project)) out.push_back(std::move(r.state));
    return out;
}

RepairReport repairArrayCaches(Project& project, const ProgressFn& progress, const CancelToken* cancel) {
    RepairReport report;
    std::vector<ArrayRow> rows = arrayRows(project);
    for (size_t k = 0; k < rows.size(); ++k) {
        const ArrayRow& r = rows[k];
        ++report.checked;
        if (r.state.ok) continue;
        if (cancel) cancel->throwIfCancelled();
        const fs::path& cache = r.state.cacheFile;
        const std::string what = "array cache " + cache.string() + " (" + r.state.problem + ")";
        fs::path tmp = cache;
        tmp += ".repair.tmp";
        auto onProgress = [&](int64_t done, int64_t total) {
            if (cancel) cancel->throwIfCancelled();
            if (progress && total > 0)
                progress(Progress{(double(k) + double(done) / double(total)) / double(rows.size()),
                                  "rebuilding " + cache.filename().string()});
        };
        try {
            fs::create_directories(cache.parent_path());
            int64_t got = 0;
            if (r.format == "idx") {
                got = rebuildIdxCache(r.state.source, tmp, r.count, r.height, r.width, r.channels, onProgress);
            } else if (r.format == "cifar") {
                if (r.height != 32 || r.width != 32 || r.channels != 3)
                    throw Error("the project records " + std::to_string(r.height) + "x" + std::to_string(r.width) +
                                "x" + std::to_string(r.channels) + " CIFAR records");
                got = rebuildCifarCache(r.state.source, tmp, r.count, onProgress);
            } else {
                throw Error("the import that made it is not recorded (format '" + r.format + "')");
            }
            if (got < r.count)
                throw Error(r.state.source + " now holds only " + std::to_string(got) + " of the " +
                            std::to_string(r.count) + " records the project imported from it");
            fs::rename(tmp, cache);
            report.messages.push_back("rebuilt " + what + " from " + r.state.source);
            ++report.repaired;
        } catch (const Cancelled&) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw;
        } catch (const std::exception& e) {
            std::error_code ec;
            fs::remove(tmp, ec);
            report.failures.push_back("cannot rebuild " + what + " from " + r.state.source + ": " + e.what());
        }
    }
    if (progress) progress(Progress{1.0, "checked " + std::to_string(report.checked) + " array caches"});
    return report;
}

}  // namespace winnow::core
