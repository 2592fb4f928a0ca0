#include "core/curation/features.h"

#include <cmath>
#include <filesystem>

#include "core/curation/encoder_features.h"
#include "core/curation/sample_scan.h"
#include "core/influence/project_scoring.h"
#include "core/retrieval/open_encoder.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/util/sha256.h"

namespace fs = std::filesystem;

namespace winnow::core {
namespace {

// 1: the run's rows L2-normalised, float32, in the run's sample-id order.
constexpr int kRunCopyFormat = 1;
constexpr int64_t kRunCopyBlock = 16384;  // rows per block read, normalised and written

// Rows [begin, end) of the run's features, normalised into `buf`; false (naming the row in
// `bad`) when one holds a value that is not finite.
bool normalisedBlock(const float* src, int dim, int64_t begin, int64_t end, std::vector<float>& buf,
                     const fs::path& source, std::string& bad) {
    buf.assign(src + begin * dim, src + end * dim);
    for (size_t i = 0; i < buf.size(); ++i)
        if (!std::isfinite(buf[i])) {
            bad = source.string() + " holds a value that is not finite (row " + std::to_string(begin + int64_t(i) / dim) + ")";
            return false;
        }
    normaliseRows(buf, dim);
    return true;
}

}  // namespace

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
    m.rows = scan.thumbs;
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
    const fs::path source = fs::path(dir) / "features.f32";
    m.fingerprint = sha256File(source) + "|" +
                    sha256Hex(std::string_view(reinterpret_cast<const char*>(m.ids.data()), m.ids.size() * sizeof(int64_t)));
    const size_t count = size_t(meta.n) * size_t(meta.features);
    const std::string key = sha256Hex(m.fingerprint + "|format=" + std::to_string(kRunCopyFormat));

    // The normalised copy, reused while its key matches (checked again after mapping: another
    // process rewriting it removes the key first and writes it last).
    const fs::path cdir = project.cacheDir() / "curation" / "features";
    const fs::path rowsFile = cdir / ("run-" + std::to_string(runId) + ".f32");
    const fs::path keyFile = cdir / ("run-" + std::to_string(runId) + ".json");
    auto keyMatches = [&] {
        try {
            return jsonString(jsonField(readJsonFile(keyFile), "key")) == key;
        } catch (const Error&) {
            return false;  // missing or damaged: rebuilt
        }
    };
    std::error_code ec;
    if (fs::exists(keyFile, ec) && keyMatches())
        if (auto rows = FloatRows::mapped(rowsFile, count); rows && keyMatches()) {
            m.rows = std::move(rows);
            return m;
        }

    const float* src = out->features();
    std::vector<float> buf;
    std::string bad;
    try {
        fs::create_directories(cdir);
        fs::remove(keyFile);
        {
            AtomicFile f(rowsFile, AtomicFile::Sync::No);
            for (int64_t b = 0; b < meta.n && bad.empty(); b += kRunCopyBlock) {
                if (normalisedBlock(src, m.dim, b, std::min(meta.n, b + kRunCopyBlock), buf, source, bad))
                    f.write(buf.data(), buf.size() * sizeof(float));
            }
            if (bad.empty()) f.commit();  // else the temporary is removed
        }
        if (!bad.empty()) throw Error(bad);
        nlohmann::json k;
        k["format"] = kRunCopyFormat;
        k["key"] = key;
        k["features"] = m.name;
        k["what"] = m.description + ", row-major float32 in the run's sample-id order";
        writeFileAtomically(keyFile, dumpJson(k, 1), AtomicFile::Sync::No);
        if (auto rows = FloatRows::mapped(rowsFile, count)) {
            m.rows = std::move(rows);
            return m;
        }
        throw Error("cannot memory-map " + rowsFile.string());
    } catch (const std::exception& e) {
        if (!bad.empty()) throw;
        m.cacheWarning = std::string("the normalised run features could not be cached (held in memory): ") + e.what();
    }
    // No copy on disk (read-only or full cache folder): the rows in memory.
    std::vector<float> all;
    all.reserve(count);
    for (int64_t b = 0; b < meta.n; b += kRunCopyBlock) {
        if (!normalisedBlock(src, m.dim, b, std::min(meta.n, b + kRunCopyBlock), buf, source, bad)) throw Error(bad);
        all.insert(all.end(), buf.begin(), buf.end());
    }
    m.rows = FloatRows::held(std::move(all));
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
