#include "core/curation/encoder_features.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/curation/raw_array_file.h"
#include "core/curation/sample_scan.h"
#include "core/dataset/image_loader.h"
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

constexpr int kFormat = 1;

// The scanned samples (scan.ids, ascending) as the loader needs them.
std::vector<Sample> scannedSamples(Project& project, const std::vector<int64_t>& ids) {
    std::vector<Sample> out;
    out.reserve(ids.size());
    auto st = project.db().prepare(
        "SELECT id, media_kind, path, coalesce(array_id,-1), item_index, status FROM samples ORDER BY id");
    while (st.step()) {
        const int64_t id = st.int64(0);
        if (!std::binary_search(ids.begin(), ids.end(), id)) continue;
        Sample s;
        s.id = id;
        s.kind = MediaKind(st.int32(1));
        s.path = st.text(2);
        s.arrayId = st.int64(3);
        s.itemIndex = st.int64(4);
        s.status = SampleStatus(st.int32(5));
        out.push_back(std::move(s));
    }
    return out;
}

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
    if (n < 0 || !readRawArray(f.ids, m.ids, size_t(n)) || !readRawArray(f.rows, m.data, size_t(n) * size_t(m.dim)))
        return false;
    for (size_t i = 1; i < m.ids.size(); ++i)
        if (m.ids[i] <= m.ids[i - 1]) return false;
    for (float v : m.data)
        if (!std::isfinite(v)) return false;
    rep.failed = jsonInt(jsonField(meta, "failed"));
    for (const auto& p : jsonArray(jsonField(meta, "problems"))) rep.problems.push_back(jsonString(p));
    rep.fromCache = true;
    return true;
}

void writeCache(const CacheFiles& f, const std::string& key, const FeatureMatrix& m, const EncoderFeaturesReport& rep) {
    fs::create_directories(f.json.parent_path());
    fs::remove(f.json);  // an interrupted rewrite is never mistaken for complete
    writeRawArray(f.ids, m.ids);
    writeRawArray(f.rows, m.data);
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

// Decodes samples [b, end) on `workers` threads; a sample that fails keeps an empty image and
// its reason in `error`.
void decodeBlock(const ImageLoader& loader, const std::vector<Sample>& samples, size_t b, size_t end, int workers,
                 std::vector<Image>& images, std::vector<std::string>& error) {
    std::atomic<size_t> next{b};
    auto work = [&] {
        for (size_t i; (i = next++) < end;) {
            try {
                images[i - b] = loader.load(samples[i]);
                if (images[i - b].empty()) throw Error(samples[i].path + ": decodes to an empty image");
            } catch (const std::exception& e) {
                images[i - b] = {};
                error[i - b] = e.what();
                if (error[i - b].empty()) error[i - b] = samples[i].path + ": could not be read";
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
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
    m.data.clear();

    const std::vector<Sample> samples = scannedSamples(project, scan.ids);
    const ImageLoader loader(project.db());
    const int workers = std::clamp(int(std::thread::hardware_concurrency()), 1, 8);
    ProgressReporter progressRep(progress, cancel, int64_t(samples.size()), kEncoderBatch);
    std::vector<Image> images;
    std::vector<std::string> error;
    for (size_t b = 0; b < samples.size(); b += kEncoderBatch) {
        if (cancel) cancel->throwIfCancelled();
        const size_t end = std::min(samples.size(), b + kEncoderBatch);
        images.assign(end - b, Image{});
        error.assign(end - b, std::string());
        decodeBlock(loader, samples, b, end, workers, images, error);
        std::vector<Image> ok;
        for (size_t i = b; i < end; ++i) {
            if (!error[i - b].empty()) {
                ++rep.failed;
                if (rep.problems.size() < 100) rep.problems.push_back(error[i - b]);
                continue;
            }
            m.ids.push_back(samples[i].id);
            ok.push_back(std::move(images[i - b]));
        }
        if (!ok.empty()) {
            const Embeddings e = encoder.encodeImages(ok);
            if (e.rows != int64_t(ok.size()) || e.dim != m.dim || e.values.size() != size_t(e.rows * e.dim))
                throw Error(encoder.description() + ": encode_image returned " + std::to_string(e.rows) + " x " +
                            std::to_string(e.dim) + " for " + std::to_string(ok.size()) + " images of " +
                            std::to_string(m.dim) + "-d");
            m.data.insert(m.data.end(), e.values.begin(), e.values.end());
        }
        progressRep.step(int64_t(end - b), "Encoding images");
    }
    progressRep.done("Encoded images");
    normaliseRows(m.data, m.dim);
    try {
        writeCache(files, key, m, rep);
    } catch (const std::exception& e) {
        rep.cacheWarning = std::string("the encoder features could not be cached: ") + e.what();
    }
    return m;
}

}  // namespace winnow::core
