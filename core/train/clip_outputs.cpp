#include "core/train/clip_outputs.h"

#include <fstream>
#include <sstream>
#include <string>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/mapped_file.h"
#include "core/util/json_text.h"

namespace fs = std::filesystem;

namespace winnow::core {

namespace {

std::unique_ptr<MappedFile> mapOutput(const fs::path& file, size_t expectedBytes) {
    return mapFileOfSize(file, expectedBytes, "missing clip frame output file", "clip_frames.json implies");
}

// Row count is not in clip_frames.json: it is implied by the index file, which the run's
// meta.json pins to N rows. Dividing the index file size keeps the json minimal.
int64_t rowsFromIndexFile(const fs::path& file, int frames) {
    std::error_code ec;
    auto bytes = fs::file_size(file, ec);
    if (ec) throw Error("cannot open " + file.string() + ": missing clip frame output file");
    const auto rowBytes = uint64_t(frames) * sizeof(int64_t);
    if (bytes % rowBytes != 0)
        throw Error(file.string() + " has " + std::to_string(bytes) + " bytes, not a whole number of " +
                    std::to_string(frames) + "-frame rows (truncated)");
    return int64_t(bytes / rowBytes);
}

}  // namespace

struct ClipFrameOutputs::Impl {
    int frames = 0;
    int features = 0;
    int64_t rows = 0;
    std::unique_ptr<MappedFile> index, feats;
};

std::unique_ptr<ClipFrameOutputs> ClipFrameOutputs::open(const fs::path& runDir) {
    const fs::path metaFile = runDir / "clip_frames.json";
    // No json: the run saw no clips, or the writer never finished; both read as "no clips".
    if (!fs::exists(metaFile)) return nullptr;
    std::ifstream in(metaFile, std::ios::binary);
    if (!in) throw Error("cannot open " + metaFile.string());
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json meta = parseJson(ss.str(), metaFile.string());
    if (jsonInt(jsonField(meta, "format")) != 1) throw Error(metaFile.string() + ": unknown clip frame outputs format");
    const int frames = int(jsonInt(jsonField(meta, "frames")));
    const int features = int(jsonInt(jsonField(meta, "features")));
    if (frames <= 0 || features <= 0)
        throw Error(metaFile.string() + ": frames and features must be positive");
    std::unique_ptr<ClipFrameOutputs> r(new ClipFrameOutputs());
    r->m_impl = std::make_unique<Impl>();
    auto& im = *r->m_impl;
    im.frames = frames;
    im.features = features;
    im.rows = rowsFromIndexFile(runDir / "clip_frame_index.i64", frames);
    const auto rows = size_t(im.rows);
    im.index = mapOutput(runDir / "clip_frame_index.i64", rows * size_t(frames) * 8);
    im.feats = mapOutput(runDir / "clip_frame_features.f32",
                                             rows * size_t(frames) * size_t(features) * 4);
    return r;
}

ClipFrameOutputs::~ClipFrameOutputs() = default;

int ClipFrameOutputs::frames() const { return m_impl->frames; }
int ClipFrameOutputs::features() const { return m_impl->features; }
int64_t ClipFrameOutputs::rows() const { return m_impl->rows; }

const int64_t* ClipFrameOutputs::frameIndex(int64_t row) const {
    return m_impl->index->as<int64_t>() + row * m_impl->frames;
}

const float* ClipFrameOutputs::frameFeatures(int64_t row) const {
    return m_impl->feats->as<float>() + row * int64_t(m_impl->frames) * m_impl->features;
}

struct ClipFrameOutputsWriter::Impl {
    fs::path dir;
    int frames = 0;
    int features = 0;
    std::unique_ptr<AtomicFile> index, feats;  // committed by finish()
    int64_t rows = 0;
    bool finished = false;
};

ClipFrameOutputsWriter::ClipFrameOutputsWriter(const fs::path& runDir, int frames, int features)
    : m_impl(std::make_unique<Impl>()) {
    if (frames <= 0 || features <= 0)
        throw Error("clip frame outputs in " + runDir.string() + ": frames and features must be positive");
    auto& im = *m_impl;
    im.dir = runDir;
    im.frames = frames;
    im.features = features;
    fs::create_directories(runDir);
    // A stale json from an earlier attempt would make half-written arrays look complete.
    fs::remove(runDir / "clip_frames.json");
    im.index = std::make_unique<AtomicFile>(runDir / "clip_frame_index.i64");
    im.feats = std::make_unique<AtomicFile>(runDir / "clip_frame_features.f32");
}

ClipFrameOutputsWriter::~ClipFrameOutputsWriter() = default;

void ClipFrameOutputsWriter::append(const int64_t* frameIndex, const float* frameFeatures, int64_t rows) {
    auto& im = *m_impl;
    if (im.finished) throw Error("clip frame outputs in " + im.dir.string() + " are already finished");
    im.index->write(frameIndex, size_t(rows) * size_t(im.frames) * 8);
    im.feats->write(frameFeatures, size_t(rows) * size_t(im.frames) * size_t(im.features) * 4);
    im.rows += rows;
}

void ClipFrameOutputsWriter::finish() {
    auto& im = *m_impl;
    if (im.finished) return;
    im.index->commit();
    im.feats->commit();
    nlohmann::json j = nlohmann::json::object();
    j["format"] = 1;
    j["frames"] = im.frames;
    j["features"] = im.features;
    writeFileAtomically(im.dir / "clip_frames.json", dumpJson(j) + "\n");  // last: all or nothing
    im.finished = true;
}

}  // namespace winnow::core
