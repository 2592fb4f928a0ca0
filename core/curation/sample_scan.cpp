#include "core/curation/sample_scan.h"

#include "core/curation/clip_scan.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>
#include <unordered_map>

#include <openssl/evp.h>

#include "core/curation/raw_array_file.h"
#include "core/dataset/image_loader.h"
#include "core/dataset/sample.h"
#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/util/sha256.h"

namespace fs = std::filesystem;

namespace winnow::core {
namespace {

constexpr int kFormat = 3;  // 3: changed-since-import


// Fills `out` only when every file of the cache is whole and belongs to `signature`: a cache
// that fails half-way leaves `out` as it was, for the scan that replaces it.
bool readCache(const fs::path& dir, const std::string& signature, SampleScan& out) {
    SampleScan scan;
    if (!fs::exists(dir / "meta.json")) return false;
    nlohmann::json meta;
    try {
        meta = readJsonFile(dir / "meta.json");
    } catch (const Error&) {
        return false;  // a damaged cache is rebuilt
    }
    if (jsonInt(jsonField(meta, "format")) != kFormat || jsonString(jsonField(meta, "descriptor")) != scan.descriptor ||
        jsonInt(jsonField(meta, "descriptor_version")) != scan.descriptorVersion ||
        jsonString(jsonField(meta, "samples_signature")) != signature || jsonInt(jsonField(meta, "dim")) != scan.dim)
        return false;
    const auto n = size_t(jsonInt(jsonField(meta, "n"), -1));
    if (!readRawArray(dir / "ids.i64", scan.ids, n) || !readRawArray(dir / "quality.f32", scan.quality, n) ||
        !readRawArray(dir / "hash.bin", scan.hash, n))
        return false;
    // Mapped, not read: the neighbour search streams them from the page cache.
    scan.thumbs = FloatRows::mapped(dir / "thumb.f32", n * size_t(scan.dim));
    if (!scan.thumbs) return false;
    const auto frames = size_t(jsonInt(jsonField(meta, "frames"), -1));
    if (!readRawArray(dir / "frame_ids.i64", scan.frameSampleIds, frames) ||
        !readRawArray(dir / "frame_index.i64", scan.frameIndex, frames) ||
        !readRawArray(dir / "frame_quality.f32", scan.frameQuality, frames))
        return false;
    scan.failed = jsonInt(jsonField(meta, "failed"));
    scan.clips = jsonInt(jsonField(meta, "clips"));
    for (const auto& p : jsonArray(jsonField(meta, "problems"))) scan.problems.push_back(jsonString(p));
    scan.changedSinceImport = jsonInt(jsonField(meta, "changed_since_import"));
    for (const auto& p : jsonArray(jsonField(meta, "changed"))) scan.changed.push_back(jsonString(p));
    // A scan of other samples may have replaced the files meanwhile (it removes meta.json first
    // and writes it last): what was read belongs to this meta.json only if it is still there.
    try {
        if (readJsonFile(dir / "meta.json") != meta) return false;
    } catch (const Error&) {
        return false;
    }
    scan.samplesSignature = signature;
    scan.fromCache = true;
    out = std::move(scan);
    return true;
}

void writeCache(const fs::path& dir, const SampleScan& scan) {
    fs::create_directories(dir);
    fs::remove(dir / "meta.json");  // an interrupted rewrite is never mistaken for complete
    writeRawArray(dir / "ids.i64", scan.ids);
    writeRawArray(dir / "thumb.f32", scan.thumbs->data(), scan.thumbs->size());
    writeRawArray(dir / "quality.f32", scan.quality);
    writeRawArray(dir / "hash.bin", scan.hash);
    writeRawArray(dir / "frame_ids.i64", scan.frameSampleIds);
    writeRawArray(dir / "frame_index.i64", scan.frameIndex);
    writeRawArray(dir / "frame_quality.f32", scan.frameQuality);
    nlohmann::json meta;
    meta["format"] = kFormat;
    meta["descriptor"] = scan.descriptor;
    meta["descriptor_version"] = scan.descriptorVersion;
    meta["what"] = "grey thumbnail 16x16 (area average), mean-centred, L2-normalised; pixel statistics; "
                   "SHA-256 of file bytes (image files) or decoded pixels (array records); video clips: "
                   "the mean of their sampled frames' thumbnails re-normalised, the median of the frames' "
                   "statistics, SHA-256 of the sampled frames' decoded pixels; frame_* = the sampled frames";
    meta["dim"] = scan.dim;
    meta["n"] = scan.n();
    meta["samples_signature"] = scan.samplesSignature;
    meta["failed"] = scan.failed;
    meta["clips"] = scan.clips;
    meta["frames"] = int64_t(scan.frameIndex.size());
    meta["problems"] = scan.problems;
    meta["changed_since_import"] = scan.changedSinceImport;
    meta["changed"] = scan.changed;
    writeFileAtomically(dir / "meta.json", dumpJson(meta, 1));
}

}  // namespace

std::vector<Sample> scannableSamples(Project& project) { return SampleStore(project.db()).readableSamples(); }

namespace {

// The content hashes taken at import (samples.content_sha256), by sample id; none for clips and
// for samples imported before schema 11.
std::unordered_map<int64_t, std::array<uint8_t, 32>> importHashes(Project& project) {
    std::unordered_map<int64_t, std::array<uint8_t, 32>> out;
    auto st = project.db().prepare("SELECT id, content_sha256 FROM samples WHERE content_sha256 IS NOT NULL");
    while (st.step()) {
        const std::vector<uint8_t> b = st.blob(1);
        if (b.size() != 32) continue;
        std::array<uint8_t, 32> h{};
        std::copy(b.begin(), b.end(), h.begin());
        out.emplace(st.int64(0), h);
    }
    return out;
}

}  // namespace

std::string samplesSignature(Project& project) {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    const std::string head = std::string(SampleScan::kDescriptor) + " v" +
                             std::to_string(SampleScan::kDescriptorVersion) + "\n";
    EVP_DigestUpdate(ctx, head.data(), head.size());
    auto st = project.db().prepare(
        "SELECT id, media_kind, path, coalesce(array_id,-1), item_index, frame_start, frame_end, status "
        "FROM samples ORDER BY id");
    std::string line;
    while (st.step()) {
        line.clear();
        for (int c : {0, 1}) line += std::to_string(st.int64(c)) + '\t';
        line += st.text(2) + '\t';
        for (int c : {3, 4, 5, 6, 7}) line += std::to_string(st.int64(c)) + '\t';
        line += '\n';
        EVP_DigestUpdate(ctx, line.data(), line.size());
    }
    unsigned char md[32];
    unsigned len = 0;
    EVP_DigestFinal_ex(ctx, md, &len);
    EVP_MD_CTX_free(ctx);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

SampleScan scanSamples(Project& project, const ProgressFn& progress, const CancelToken* cancel, int threads) {
    SampleScan scan;
    scan.samplesSignature = samplesSignature(project);
    const fs::path dir = project.cacheDir() / "curation" / "scan";
    if (readCache(dir, scan.samplesSignature, scan)) return scan;

    const std::vector<Sample> samples = scannableSamples(project);
    const auto imported = importHashes(project);
    const size_t n = samples.size();
    ImageLoader loader(project.db());
    std::vector<float> thumbs(n * size_t(scan.dim));
    std::vector<ImageQuality> quality(n);
    std::vector<std::array<uint8_t, 32>> hash(n);
    std::vector<std::string> error(n);
    std::vector<ClipScan> clip(n);  // filled for clips only
    const int workers = std::max(1, threads > 0 ? threads : int(std::thread::hardware_concurrency()));
    // A clip decodes 8 frames at full size: smaller blocks keep progress and cancel responsive.
    const bool anyClip = std::any_of(samples.begin(), samples.end(),
                                     [](const Sample& s) { return s.kind == MediaKind::VideoClip; });
    const size_t block = anyClip ? 32 : 256;
    ProgressReporter rep(progress, cancel, int64_t(n), int64_t(block));
    for (size_t b = 0; b < n; b += block) {
        const size_t end = std::min(n, b + block);
        std::atomic<size_t> next{b};
        auto work = [&] {
            std::unique_ptr<ClipScanner> clips;  // per thread, made at the block's first clip
            for (size_t i; (i = next++) < end;) {
                const Sample& s = samples[i];
                try {
                    if (s.kind == MediaKind::VideoClip) {
                        if (!clips) clips = std::make_unique<ClipScanner>();
                        clip[i] = clips->scan(s);
                        std::copy(clip[i].descriptor.begin(), clip[i].descriptor.end(),
                                  thumbs.begin() + std::ptrdiff_t(i * size_t(scan.dim)));
                        quality[i] = clip[i].quality;
                        hash[i] = clip[i].hash;
                        continue;
                    }
                    const Image img = loader.load(s);
                    if (img.empty()) throw Error(s.path + ": decodes to an empty image");
                    const auto d = greyThumbnailDescriptor(img);
                    std::copy(d.begin(), d.end(), thumbs.begin() + std::ptrdiff_t(i * size_t(scan.dim)));
                    quality[i] = measureImageQuality(img);
                    hash[i] = s.kind == MediaKind::ImageFile ? sha256FileDigest(s.path) : pixelHash(img);
                } catch (const std::exception& e) {
                    error[i] = e.what();
                    if (error[i].empty()) error[i] = s.path + ": could not be read";
                }
            }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < workers; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        rep.step(int64_t(end - b), "Scanning images and clips");
    }
    size_t kept = 0;  // rows of `thumbs` kept, compacted in place (the failed ones dropped)
    for (size_t i = 0; i < n; ++i) {
        if (!error[i].empty()) {
            ++scan.failed;
            if (scan.problems.size() < 100) scan.problems.push_back(error[i]);
            continue;
        }
        scan.ids.push_back(samples[i].id);
        if (kept != i)
            std::copy_n(thumbs.begin() + std::ptrdiff_t(i * size_t(scan.dim)), scan.dim,
                        thumbs.begin() + std::ptrdiff_t(kept * size_t(scan.dim)));
        ++kept;
        scan.quality.push_back(quality[i]);
        scan.hash.push_back(hash[i]);
        if (auto at = imported.find(samples[i].id); at != imported.end() && at->second != hash[i]) {
            ++scan.changedSinceImport;
            if (scan.changed.size() < 100) {
                const Sample& s = samples[i];
                scan.changed.push_back(s.path + (s.kind == MediaKind::ArrayRecord ? " record " + std::to_string(s.itemIndex) : "") +
                                       ": content differs from its import (edited or replaced since; scanned as it is now)");
            }
        }
        if (samples[i].kind != MediaKind::VideoClip) continue;
        ++scan.clips;
        for (size_t f = 0; f < clip[i].frameIndex.size(); ++f) {
            scan.frameSampleIds.push_back(samples[i].id);
            scan.frameIndex.push_back(clip[i].frameIndex[f]);
            scan.frameQuality.push_back(clip[i].frameQuality[f]);
        }
    }
    thumbs.resize(kept * size_t(scan.dim));
    scan.thumbs = FloatRows::held(std::move(thumbs));
    try {
        writeCache(dir, scan);
        // Written: read them from the page cache from now on, like a scan read from the cache.
        if (auto mapped = FloatRows::mapped(dir / "thumb.f32", scan.thumbs->size())) scan.thumbs = std::move(mapped);
    } catch (const std::exception& e) {
        // A read-only or full cache folder: the scan is still valid for this call.
        scan.cacheWarning = std::string("the scan could not be cached: ") + e.what();
    }
    return scan;
}

}  // namespace winnow::core
