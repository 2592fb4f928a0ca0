#include "core/curation/encoder_features.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/curation/clip_scan.h"
#include "core/curation/encoder_inputs.h"
#include "core/curation/raw_array_file.h"
#include "core/curation/sample_scan.h"
#include "core/dataset/sample.h"
#include "core/retrieval/dual_encoder.h"
#include "core/store/project.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/util/sha256.h"

namespace fs = std::filesystem;

namespace winnow::core {
namespace {

// 2: video clips encoded (the mean of their sampled frames); 1: images and records only.
constexpr int kFormat = kEncoderFeaturesFormat;

struct CacheFiles {
    fs::path json, rows, ids;
};

CacheFiles cacheFiles(Project& project, const std::string& identity) {
    const fs::path dir = project.cacheDir() / "curation" / "features";
    const std::string stem = "encoder-" + sha256Hex(identity).substr(0, 24);
    return {dir / (stem + ".json"), dir / (stem + ".f32"), dir / (stem + ".ids.i64")};
}

bool readCache(const CacheFiles& f, const std::string& key, FeatureMatrix& m, EncoderFeaturesReport& rep) {
    std::error_code ec;
    if (!fs::exists(f.json, ec)) return false;
    nlohmann::json meta;
    try {
        meta = readJsonFile(f.json);
    } catch (const Error&) {
        return false;  // damaged: recomputed
    }
    if (jsonInt(jsonField(meta, "format")) != kFormat || jsonString(jsonField(meta, "key")) != key ||
        jsonInt(jsonField(meta, "dim")) != m.dim)
        return false;
    const int64_t n = jsonInt(jsonField(meta, "n"), -1);
    if (n < 0 || !readRawArray(f.ids, m.ids, size_t(n))) return false;
    auto rows = FloatRows::mapped(f.rows, size_t(n) * size_t(m.dim));  // mapped, not read
    if (!rows) return false;
    for (size_t i = 1; i < m.ids.size(); ++i)
        if (m.ids[i] <= m.ids[i - 1]) return false;
    if (!std::all_of(rows->data(), rows->data() + rows->size(), [](float v) { return std::isfinite(v); })) return false;
    // Another process may have rewritten the files meanwhile (the JSON goes first and comes last).
    try {
        if (readJsonFile(f.json) != meta) return false;
    } catch (const Error&) {
        return false;
    }
    m.rows = std::move(rows);
    rep.failed = jsonInt(jsonField(meta, "failed"));
    for (const auto& p : jsonArray(jsonField(meta, "problems"))) rep.problems.push_back(jsonString(p));
    rep.fromCache = true;
    return true;
}

void writeCache(const CacheFiles& f, const std::string& key, const FeatureMatrix& m, const EncoderFeaturesReport& rep) {
    fs::create_directories(f.json.parent_path());
    fs::remove(f.json);  // an interrupted rewrite is never mistaken for complete
    writeRawArray(f.ids, m.ids);
    writeRawArray(f.rows, m.data(), m.rows->size());
    nlohmann::json meta;
    meta["format"] = kFormat;
    meta["key"] = key;
    meta["features"] = m.name;
    meta["what"] = m.description;
    meta["dim"] = m.dim;
    meta["n"] = m.n();
    meta["failed"] = rep.failed;
    meta["problems"] = rep.problems;
    writeFileAtomically(f.json, dumpJson(meta, 1));
}

// Encodes `images` in batches of kEncoderBatch, rows L2-normalised, appended to `out`.
void encodeAll(DualEncoder& encoder, const std::vector<Image>& images, int dim, std::vector<float>& out) {
    for (size_t b = 0; b < images.size(); b += kEncoderBatch) {
        const std::vector<Image> batch(images.begin() + std::ptrdiff_t(b),
                                       images.begin() + std::ptrdiff_t(std::min(images.size(), b + kEncoderBatch)));
        Embeddings e = encoder.encodeImages(batch);
        if (e.rows != int64_t(batch.size()) || e.dim != dim || e.values.size() != size_t(e.rows * e.dim))
            throw Error(encoder.description() + ": encode_image returned " + std::to_string(e.rows) + " x " +
                        std::to_string(e.dim) + " for " + std::to_string(batch.size()) + " images of " +
                        std::to_string(dim) + "-d");
        normaliseRows(e.values, dim);
        out.insert(out.end(), e.values.begin(), e.values.end());
    }
}

}  // namespace

bool isEncoderSpec(const std::string& spec) {
    return spec.rfind(kEncoderSpecPrefix, 0) == 0 && spec.size() > std::string(kEncoderSpecPrefix).size();
}

std::string encoderModelOf(const std::string& spec) {
    return isEncoderSpec(spec) ? spec.substr(std::string(kEncoderSpecPrefix).size()) : std::string();
}

FeatureMatrix encoderFeatures(Project& project, DualEncoder& encoder, const SampleScan& scan, const ProgressFn& progress,
                              const CancelToken* cancel, EncoderFeaturesReport* report) {
    EncoderFeaturesReport local;
    EncoderFeaturesReport& rep = report ? *report : local;
    rep = {};
    FeatureMatrix m;
    m.name = std::string(kEncoderSpecPrefix) + encoder.identity();
    m.dim = int(encoder.dim());
    m.description = "image encoder " + encoder.description() + ", " + std::to_string(m.dim) + "-d, L2-normalised";
    const std::string key = sha256Hex(encoder.identity() + "\n" + encoder.preprocessing().canonical() + "\n" +
                                      scan.samplesSignature + "\n" + std::to_string(kFormat));
    m.fingerprint = "encoder|" + key;
    const CacheFiles files = cacheFiles(project, encoder.identity());
    if (readCache(files, key, m, rep)) return m;
    m.ids.clear();
    std::vector<float> all;  // the rows, normalised below

    const std::vector<Sample> samples = encoderInputSamples(project, scan.ids);
    const int workers = std::clamp(int(std::thread::hardware_concurrency()), 1, 8);
    EncoderInputDecoder decoder(project, workers);
    // A clip is up to kClipScanFrames images: fewer samples per block keep progress and cancel
    // responsive and the decoded frames few.
    const bool anyClip = std::any_of(samples.begin(), samples.end(),
                                     [](const Sample& s) { return s.kind == MediaKind::VideoClip; });
    const size_t block = anyClip ? size_t(std::max(1, kEncoderBatch / kClipScanFrames)) : size_t(kEncoderBatch);
    ProgressReporter progressRep(progress, cancel, int64_t(samples.size()), int64_t(block));
    std::vector<std::vector<Image>> images;
    std::vector<std::string> error;
    std::vector<float> rows;
    for (size_t b = 0; b < samples.size(); b += block) {
        if (cancel) cancel->throwIfCancelled();
        const size_t end = std::min(samples.size(), b + block);
        decoder.decode(samples, b, end, images, error);
        std::vector<Image> ok;
        std::vector<size_t> count;  // images per sample kept
        for (size_t i = b; i < end; ++i) {
            if (!error[i - b].empty()) {
                ++rep.failed;
                if (rep.problems.size() < 100) rep.problems.push_back(error[i - b]);
                continue;
            }
            m.ids.push_back(samples[i].id);
            count.push_back(images[i - b].size());
            for (Image& img : images[i - b]) ok.push_back(std::move(img));
        }
        rows.clear();
        encodeAll(encoder, ok, m.dim, rows);
        // One row per sample: an image's own, a clip's the mean of its frames' unit rows (the
        // caller re-normalises every row below).
        size_t r = 0;
        for (size_t c : count) {
            std::vector<double> sum(size_t(m.dim), 0.0);
            for (size_t f = 0; f < c; ++f, ++r)
                for (int j = 0; j < m.dim; ++j) sum[size_t(j)] += rows[r * size_t(m.dim) + size_t(j)];
            for (double v : sum) all.push_back(float(v / double(std::max<size_t>(c, 1))));
        }
        progressRep.step(int64_t(end - b), anyClip ? "Encoding images and clips" : "Encoding images");
    }
    progressRep.done("Encoded images");
    normaliseRows(all, m.dim);
    const size_t count = all.size();
    m.rows = FloatRows::held(std::move(all));
    try {
        writeCache(files, key, m, rep);
        // Written: from now on the rows are the page cache's, as when read from the cache.
        if (auto rows = FloatRows::mapped(files.rows, count)) m.rows = std::move(rows);
    } catch (const std::exception& e) {
        rep.cacheWarning = std::string("the encoder features could not be cached: ") + e.what();
        m.cacheWarning = rep.cacheWarning;
    }
    return m;
}

}  // namespace winnow::core
