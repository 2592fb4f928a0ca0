#include "core/train/run_outputs.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/mapped_file.h"
#include "core/util/json_text.h"

namespace fs = std::filesystem;

namespace winnow::core {

namespace {

std::unique_ptr<MappedFile> mapOutput(const fs::path& file, size_t expectedBytes) {
    return mapFileOfSize(file, expectedBytes, "missing run output file", "meta.json says");
}

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("cannot open " + file.string() + ": run outputs are incomplete (no meta.json)");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

struct RunOutputs::Impl {
    std::unique_ptr<MappedFile> ids, logits, features, loss;
    std::vector<std::pair<int64_t, int64_t>> index;  // (sample id, row), sorted by id
};

std::unique_ptr<RunOutputs> RunOutputs::open(const fs::path& dir) {
    nlohmann::json meta = parseJson(readText(dir / "meta.json"), (dir / "meta.json").string());
    if (jsonInt(jsonField(meta, "format")) != 1)
        throw Error((dir / "meta.json").string() + ": unknown run outputs format");
    std::unique_ptr<RunOutputs> r(new RunOutputs());
    r->m_meta.n = jsonInt(jsonField(meta, "n"));
    r->m_meta.classes = int(jsonInt(jsonField(meta, "classes")));
    r->m_meta.features = int(jsonInt(jsonField(meta, "features")));
    r->m_meta.model = jsonString(jsonField(meta, "model"));
    const auto n = size_t(r->m_meta.n);
    r->m_impl = std::make_unique<Impl>();
    auto& im = *r->m_impl;
    im.ids = mapOutput(dir / "sample_ids.i64", n * sizeof(int64_t));
    im.logits = mapOutput(dir / "logits.f32", n * size_t(r->m_meta.classes) * 4);
    im.features = mapOutput(dir / "features.f32", n * size_t(r->m_meta.features) * 4);
    im.loss = mapOutput(dir / "loss.f32", n * 4);
    const int64_t* ids = r->sampleIds();
    im.index.reserve(n);
    for (size_t i = 0; i < n; ++i) im.index.emplace_back(ids[i], int64_t(i));
    std::sort(im.index.begin(), im.index.end());
    return r;
}

RunOutputs::~RunOutputs() = default;

const int64_t* RunOutputs::sampleIds() const { return m_impl->ids->as<int64_t>(); }
const float* RunOutputs::logits() const { return m_impl->logits->as<float>(); }
const float* RunOutputs::features() const { return m_impl->features->as<float>(); }
const float* RunOutputs::loss() const { return m_impl->loss->as<float>(); }

int64_t RunOutputs::rowOf(int64_t sampleId) const {
    const auto& idx = m_impl->index;
    auto it = std::lower_bound(idx.begin(), idx.end(), std::make_pair(sampleId, int64_t(-1)));
    return (it != idx.end() && it->first == sampleId) ? it->second : -1;
}

struct RunOutputsWriter::Impl {
    fs::path dir;
    RunOutputsMeta meta;
    // Each array appears under its name only when finish() commits it (AtomicFile).
    std::unique_ptr<AtomicFile> ids, logits, features, loss;
    int64_t rows = 0;
    bool finished = false;
};

RunOutputsWriter::RunOutputsWriter(const fs::path& dir, RunOutputsMeta meta)
    : m_impl(std::make_unique<Impl>()) {
    auto& im = *m_impl;
    im.dir = dir;
    im.meta = std::move(meta);
    fs::create_directories(dir);
    // A stale meta.json from an earlier attempt would make half-written arrays look complete.
    fs::remove(dir / "meta.json");
    im.ids = std::make_unique<AtomicFile>(dir / "sample_ids.i64");
    im.logits = std::make_unique<AtomicFile>(dir / "logits.f32");
    im.features = std::make_unique<AtomicFile>(dir / "features.f32");
    im.loss = std::make_unique<AtomicFile>(dir / "loss.f32");
}

RunOutputsWriter::~RunOutputsWriter() = default;

void RunOutputsWriter::append(const int64_t* ids, const float* logits, const float* features,
                              const float* loss, int64_t rows) {
    auto& im = *m_impl;
    if (im.finished) throw Error("run outputs in " + im.dir.string() + " are already finished");
    // Each write is checked; an error names the file ("disk full" when it is).
    im.ids->write(ids, size_t(rows) * 8);
    im.logits->write(logits, size_t(rows) * size_t(im.meta.classes) * 4);
    im.features->write(features, size_t(rows) * size_t(im.meta.features) * 4);
    im.loss->write(loss, size_t(rows) * 4);
    im.rows += rows;
}

void RunOutputsWriter::finish() {
    auto& im = *m_impl;
    if (im.finished) return;
    if (im.meta.n != 0 && im.meta.n != im.rows)
        throw Error("run outputs in " + im.dir.string() + ": expected " + std::to_string(im.meta.n) +
                    " rows, got " + std::to_string(im.rows));
    im.meta.n = im.rows;
    nlohmann::json j = nlohmann::json::object();
    j["n"] = im.meta.n;
    j["classes"] = im.meta.classes;
    j["features"] = im.meta.features;
    j["format"] = 1;
    j["model"] = im.meta.model;
    for (auto* f : {&im.ids, &im.logits, &im.features, &im.loss}) (*f)->commit();
    writeFileAtomically(im.dir / "meta.json", dumpJson(j) + "\n");  // last: readers see all or nothing
    im.finished = true;
}

}  // namespace winnow::core
