#include "core/curation/curation_arrays.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <set>

#include "core/curation/curation_read.h"
#include "core/curation/quality_issues.h"
#include "core/curation/union_find.h"
#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace fs = std::filesystem;

namespace winnow::core {
namespace {

template <class T>
std::vector<T> readArray(const fs::path& file, size_t expected, bool optional = false) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) {
        if (optional) return {};
        throw Error(file.string() + ": cannot read the curation result (" + ec.message() + ")");
    }
    if (size != expected * sizeof(T))
        throw Error(file.string() + ": " + std::to_string(size) + " bytes, expected " +
                    std::to_string(expected * sizeof(T)) + " (damaged curation result)");
    std::vector<T> v(expected);
    std::ifstream in(file, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(v.data()), std::streamsize(size)))
        throw Error(file.string() + ": cannot read the curation result");
    return v;
}

}  // namespace

int64_t CurationArrays::rowOf(int64_t sampleId) const {
    auto it = std::lower_bound(sampleIds.begin(), sampleIds.end(), sampleId);
    return it != sampleIds.end() && *it == sampleId ? int64_t(it - sampleIds.begin()) : -1;
}

namespace {

// Fills a.knnRows. Sample ids are usually dense (a project's ids with few gaps), so a table from
// id to row answers each of the n x k look-ups at once; ids spread wider than 8 n fall back to
// binary search.
void indexNeighbourRows(CurationArrays& a) {
    a.knnRows.clear();
    if (a.n == 0 || a.n > std::numeric_limits<int32_t>::max()) return;
    a.knnRows.resize(a.knnIds.size());
    const int64_t lo = a.sampleIds.front(), span = a.sampleIds.back() - lo + 1;
    if (span <= 8 * a.n + 1024) {
        std::vector<int32_t> rowById(size_t(span), -1);
        for (int64_t r = 0; r < a.n; ++r) rowById[size_t(a.sampleIds[size_t(r)] - lo)] = int32_t(r);
        for (size_t e = 0; e < a.knnIds.size(); ++e) {
            const int64_t id = a.knnIds[e];
            a.knnRows[e] = id < lo || id >= lo + span ? -1 : rowById[size_t(id - lo)];
        }
    } else {
        for (size_t e = 0; e < a.knnIds.size(); ++e) a.knnRows[e] = a.knnIds[e] < 0 ? -1 : int32_t(a.rowOf(a.knnIds[e]));
    }
}

}  // namespace

CurationArrays loadCurationArrays(const Project& project, const StoredCuration& result) {
    if (result.resultDir.empty())
        throw Error("curation result " + std::to_string(result.id) + " has no stored per-sample arrays");
    const fs::path dir = project.cacheDir() / result.resultDir;
    const fs::path metaFile = dir / "meta.json";
    std::ifstream metaIn(metaFile);
    if (!metaIn) throw Error(metaFile.string() + ": cannot open the curation result");
    const std::string text((std::istreambuf_iterator<char>(metaIn)), std::istreambuf_iterator<char>());
    const nlohmann::json meta = parseJsonOrNull(text);
    if (!meta.is_object()) throw Error(metaFile.string() + ": not a JSON object (damaged curation result)");
    CurationArrays a;
    a.n = meta.value("n", int64_t(-1));
    a.k = meta.value("k", -1);
    a.features = meta.value("features", std::string());
    if (a.n < 0 || a.k < 0) throw Error(metaFile.string() + ": n or k missing (damaged curation result)");
    const size_t n = size_t(a.n), nk = n * size_t(a.k);
    a.sampleIds = readArray<int64_t>(dir / "sample_ids.i64", n);
    for (size_t i = 1; i < n; ++i)
        if (a.sampleIds[i] <= a.sampleIds[i - 1])
            throw Error((dir / "sample_ids.i64").string() + ": sample ids are not ascending (damaged curation result)");
    a.knnIds = readArray<int64_t>(dir / "knn_ids.i64", nk);
    a.knnDist = readArray<float>(dir / "knn_dist.f32", nk);
    indexNeighbourRows(a);
    a.outlier = readArray<float>(dir / "outlier.f32", n, true);
    a.neighbourConflict = readArray<float>(dir / "neighbour_conflict.f32", n, true);
    // The quality rows: their count is quality_ids.i64's size (meta.json does not hold it).
    std::error_code ec;
    const auto idsBytes = fs::file_size(dir / "quality_ids.i64", ec);
    if (!ec) {
        if (idsBytes % sizeof(int64_t) != 0)
            throw Error((dir / "quality_ids.i64").string() + ": " + std::to_string(idsBytes) +
                        " bytes, not a whole number of sample ids (damaged curation result)");
        const size_t q = idsBytes / sizeof(int64_t);
        a.qualityIds = readArray<int64_t>(dir / "quality_ids.i64", q);
        a.quality = readArray<ImageQuality>(dir / "quality.f32", q);
        a.qualityFlags = readArray<uint8_t>(dir / "quality_flags.u8", q);
    }
    // Clips' sampled frames (meta.json's "frames"; absent before clips were scanned).
    if (const int64_t frames = meta.value("frames", int64_t(0)); frames > 0) {
        a.frameIds = readArray<int64_t>(dir / "frame_ids.i64", size_t(frames));
        a.frameIndex = readArray<int64_t>(dir / "frame_index.i64", size_t(frames));
        a.frameFlags = readArray<uint8_t>(dir / "frame_flags.u8", size_t(frames));
    }
    return a;
}

std::vector<int64_t> storedClipFrames(const CurationArrays& a, int64_t sampleId, const std::string& issueType) {
    for (QualityFlag f : allQualityFlags())
        if (issueType == qualityFlagName(f)) return flaggedFrames(a.frameIds, a.frameIndex, a.frameFlags, sampleId, f);
    return {};
}

DuplicateGroupCount nearDuplicateGroupsAt(const CurationArrays& a, double threshold,
                                          const std::vector<std::vector<int64_t>>& joined) {
    UnionFind uf(a.n);
    for (const auto& set : joined) {
        int64_t first = -1;
        for (int64_t id : set) {
            const int64_t r = a.rowOf(id);
            if (r < 0) continue;
            if (first < 0) first = r;
            else uf.unite(first, r);
        }
    }
    // Compared in float like runCuration (a stored 0.1f is above the double 0.1).
    const float t = float(threshold);
    const size_t k = size_t(a.k);
    const bool indexed = a.knnRows.size() == a.knnIds.size();
    for (int64_t i = 0; i < a.n; ++i)
        for (size_t j = 0; j < k; ++j) {
            const size_t e = size_t(i) * k + j;
            if (a.knnIds[e] < 0 || !(a.knnDist[e] <= t)) break;  // ascending distances
            const int64_t r = indexed ? a.knnRows[e] : a.rowOf(a.knnIds[e]);
            if (r >= 0) uf.unite(i, r);
        }
    DuplicateGroupCount c;
    for (int64_t i = 0; i < a.n; ++i) {
        const int64_t size = uf.sizeOf(i);
        if (size < 2) continue;
        ++c.samples;
        if (uf.find(i) == i) ++c.groups;
        c.largest = std::max(c.largest, size);
    }
    return c;
}

std::vector<std::pair<int64_t, float>> storedNeighbours(const CurationArrays& a, int64_t sampleId, int k) {
    std::vector<std::pair<int64_t, float>> out;
    const int64_t r = a.rowOf(sampleId);
    if (r < 0) return out;
    const int take = k <= 0 ? a.k : std::min(k, a.k);
    for (int j = 0; j < take; ++j) {
        const size_t e = size_t(r) * size_t(a.k) + size_t(j);
        if (a.knnIds[e] < 0) break;
        out.emplace_back(a.knnIds[e], a.knnDist[e]);
    }
    return out;
}

CurationSelfTest curationSelfTest(Project& project, const StoredCuration& result, const std::string& issue,
                                  const CurationArrays* arrays) {
    CurationSelfTest s;
    const SampleTable t = SampleStore(project.db()).loadTable();
    std::vector<int64_t> covered;  // ascending; empty = every sample
    try {
        covered = arrays ? arrays->sampleIds : loadCurationArrays(project, result).sampleIds;
    } catch (const Error&) {
        // Without the arrays every sample of the project counts.
    }
    std::set<int64_t> flagged;
    for (const auto& is : curationIssues(project, result.id, issue)) flagged.insert(is.sampleId);
    for (size_t i = 0; i < t.size(); ++i) {
        if (t.originalLabel[i] < 0) continue;
        if (!covered.empty() && !std::binary_search(covered.begin(), covered.end(), t.ids[i])) continue;
        s.available = true;
        ++s.samples;
        const bool noisy = t.originalLabel[i] != t.label[i];
        const bool flag = flagged.count(t.ids[i]) > 0;
        s.noisy += noisy;
        s.flagged += flag;
        s.truePositives += noisy && flag;
    }
    s.precision = s.flagged > 0 ? double(s.truePositives) / double(s.flagged) : 0.0;
    s.recall = s.noisy > 0 ? double(s.truePositives) / double(s.noisy) : 0.0;
    return s;
}

}  // namespace winnow::core
