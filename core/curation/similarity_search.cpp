#include "core/curation/similarity_search.h"

#include <algorithm>

#include "core/curation/sample_scan.h"
#include "core/retrieval/dual_encoder.h"
#include "core/retrieval/open_encoder.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {

std::string textSearchNeedsEncoderMessage(const std::string& features) {
    return "text search needs a dual encoder (features encoder:<model> with a TorchScript CLIP-family model, a "
           "built-in encoder or hash-demo); features '" + features + "' have no text side";
}

std::vector<SearchHit> searchByVector(const FeatureMatrix& f, const float* query, int k, int64_t excludeId) {
    std::vector<SearchHit> all;
    all.reserve(f.ids.size());
    for (int64_t r = 0; r < f.n(); ++r) {
        if (f.ids[size_t(r)] == excludeId) continue;
        const float* row = f.row(r);
        double s = 0;
        for (int j = 0; j < f.dim; ++j) s += double(row[j]) * query[j];
        all.push_back({f.ids[size_t(r)], float(s), {}});
    }
    const auto better = [](const SearchHit& a, const SearchHit& b) {
        return a.score != b.score ? a.score > b.score : a.id < b.id;
    };
    const size_t top = std::min(all.size(), size_t(std::max(0, k)));
    std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(top), all.end(), better);
    all.resize(top);
    return all;
}

std::vector<SearchHit> searchByText(const FeatureMatrix& f, DualEncoder& encoder, const std::string& text, int k) {
    if (f.name != std::string(kEncoderSpecPrefix) + encoder.identity())
        throw Error(textSearchNeedsEncoderMessage(f.name) + " from the encoder " + encoder.description());
    const Embeddings e = encoder.encodeTexts({text});
    if (e.rows != 1 || e.dim != f.dim)
        throw Error(encoder.description() + ": encode_text gave " + std::to_string(e.rows) + " x " +
                    std::to_string(e.dim) + ", expected 1 x " + std::to_string(f.dim));
    return searchByVector(f, e.row(0), k);
}

std::vector<SearchHit> searchBySample(const FeatureMatrix& f, int64_t sampleId, int k) {
    const auto it = std::lower_bound(f.ids.begin(), f.ids.end(), sampleId);
    if (it == f.ids.end() || *it != sampleId)
        throw Error("sample " + std::to_string(sampleId) + " has no row in the features " + f.name +
                    " (not an image-like sample, not readable, or not in this project)");
    const float* at = f.row(it - f.ids.begin());
    const std::vector<float> query(at, at + f.dim);
    return searchByVector(f, query.data(), k, sampleId);
}

SimilarityResult projectSimilaritySearch(Project& project, const SimilarityQuery& q, const ProgressFn& progress,
                                         const CancelToken* cancel) {
    if (q.k < 1) throw Error("search: k must be at least 1");
    const bool byText = !q.text.empty();
    if (byText && !isEncoderSpec(q.features)) throw Error(textSearchNeedsEncoderMessage(q.features));
    auto phase = [&](double from, double to) -> ProgressFn {
        if (!progress) return {};
        return [=](const Progress& p) { progress({from + (to - from) * p.fraction, p.message}); };
    };
    // The encoder opens first: a bad model file fails before the scan.
    std::unique_ptr<DualEncoder> encoder;
    if (isEncoderSpec(q.features)) encoder = openDualEncoder(encoderModelOf(q.features));
    const SampleScan scan = scanSamples(project, phase(0.0, 0.3), cancel);
    SimilarityResult r;
    const FeatureMatrix f = encoder ? encoderFeatures(project, *encoder, scan, phase(0.3, 1.0), cancel, &r.encoder)
                                    : loadFeatures(project, q.features, scan);
    r.features = f.name;
    r.description = f.description;
    r.rows = f.n();
    r.hits = byText ? searchByText(f, *encoder, q.text, q.k) : searchBySample(f, q.sampleId, q.k);
    auto st = project.db().prepare("SELECT path FROM samples WHERE id=?");
    for (auto& h : r.hits) {
        st.reset();
        st.bind(1, h.id);
        if (st.step()) h.path = st.text(0);
    }
    return r;
}

}  // namespace winnow::core
