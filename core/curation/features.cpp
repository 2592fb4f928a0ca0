#include "core/curation/features.h"

#include <cmath>

#include "core/curation/encoder_features.h"
#include "core/curation/sample_scan.h"
#include "core/influence/project_scoring.h"
#include "core/retrieval/open_encoder.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/util/error.h"
#include "core/util/sha256.h"

namespace winnow::core {

void normaliseRows(std::vector<float>& data, int dim) {
    if (dim <= 0) return;
    for (size_t r = 0; r + size_t(dim) <= data.size(); r += size_t(dim)) {
        double s = 0;
        for (int j = 0; j < dim; ++j) s += double(data[r + size_t(j)]) * data[r + size_t(j)];
        if (s <= 0 || !std::isfinite(s)) continue;
        const float inv = float(1.0 / std::sqrt(s));
        for (int j = 0; j < dim; ++j) data[r + size_t(j)] *= inv;
    }
}

FeatureMatrix thumbnailFeatures(const SampleScan& scan) {
    FeatureMatrix m;
    m.name = scan.descriptor;
    m.description = "grey thumbnail 16x16 (no model), mean-centred, L2-normalised";
    m.ids = scan.ids;
    m.dim = scan.dim;
    m.data = scan.thumbs;
    m.fingerprint = sha256Hex(scan.descriptor + "|" + scan.samplesSignature);
    return m;
}

FeatureMatrix runFeatures(Project& project, int64_t runId) {
    const std::string dir = runOutputsPath(project, runId);
    auto out = RunOutputs::open(dir);
    const auto& meta = out->meta();
    if (meta.features <= 0) throw Error("run " + std::to_string(runId) + " stored no penultimate features in " + dir);
    FeatureMatrix m;
    m.name = "run:" + std::to_string(runId);
    m.description = "penultimate features h of run " + std::to_string(runId) + " (" + meta.model + "), L2-normalised";
    m.dim = meta.features;
    // Rows come in sample-id order (RunOutputs); keep that order, checked.
    m.ids.assign(out->sampleIds(), out->sampleIds() + meta.n);
    for (size_t i = 1; i < m.ids.size(); ++i)
        if (m.ids[i] <= m.ids[i - 1]) throw Error(dir + ": sample ids are not ascending (damaged run outputs)");
    m.data.assign(out->features(), out->features() + meta.n * meta.features);
    for (float v : m.data)
        if (!std::isfinite(v)) throw Error(dir + "/features.f32 holds a value that is not finite");
    normaliseRows(m.data, m.dim);
    m.fingerprint = sha256File(std::filesystem::path(dir) / "features.f32") + "|" +
                    sha256Hex(std::string_view(reinterpret_cast<const char*>(m.ids.data()), m.ids.size() * sizeof(int64_t)));
    return m;
}

FeatureMatrix loadFeatures(Project& project, const std::string& spec, const SampleScan& scan,
                           const ProgressFn& progress, const CancelToken* cancel) {
    if (spec == "thumbnail") return thumbnailFeatures(scan);
    if (isEncoderSpec(spec)) {
        const auto encoder = openDualEncoder(encoderModelOf(spec));
        return encoderFeatures(project, *encoder, scan, progress, cancel);
    }
    if (spec.rfind("run:", 0) == 0) {
        const std::string num = spec.substr(4);
        if (!num.empty() && num.find_first_not_of("0123456789") == std::string::npos && num.size() < 18)
            return runFeatures(project, std::stoll(num));
    }
    throw Error("features '" + spec + "': expected thumbnail, run:<id> or encoder:<model>");
}

}  // namespace winnow::core
