#include <unordered_map>

#include "core/curation/curation.h"
#include "core/store/project.h"
#include "core/util/csv.h"
#include "core/util/number_text.h"

namespace winnow::core {

int64_t exportCurationIssues(Project& project, const CurationResult& result, const std::filesystem::path& out) {
    std::unordered_map<int64_t, std::string> paths;
    {
        auto st = project.db().prepare("SELECT id, path, item_index FROM samples");
        while (st.step()) {
            std::string p = st.text(1);
            if (st.int64(2) >= 0) p += "#" + std::to_string(st.int64(2));
            paths.emplace(st.int64(0), std::move(p));
        }
    }
    AtomicFile f = project.createExportFile(out);
    f << "issue,sample_id,group,score,path,frames\n";
    int64_t rows = 0;
    for (const auto& is : result.issues) {
        f << csvField(is.type) << "," << static_cast<long long>(is.sampleId) << ",";
        if (is.group >= 0) f << static_cast<long long>(is.group);
        f << "," << formatSignificant(is.score, 6) << ",";
        auto it = paths.find(is.sampleId);
        f << (it == paths.end() ? std::string() : csvField(it->second)) << ",";
        std::string frames;
        for (int64_t fr : clipFramesOfIssue(result, is.sampleId, is.type))
            frames += (frames.empty() ? "" : " ") + std::to_string(fr);
        f << frames << "\n";
        ++rows;
    }
    f.commit();
    return rows;
}

}  // namespace winnow::core
