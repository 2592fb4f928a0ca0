#include "core/train/cross_val_state.h"

#include <cstring>
#include <fstream>

#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/util/sha256.h"

namespace winnow::core {
namespace fs = std::filesystem;
namespace {

constexpr const char* kBin = "cv-state.bin";
constexpr const char* kJson = "cv-state.json";
constexpr int kVersion = 1;

template <class T>
void put(AtomicFile& f, const std::vector<T>& v) {
    if (!v.empty()) f.write(v.data(), v.size() * sizeof(T));
}

template <class T>
void get(std::ifstream& in, std::vector<T>& v, size_t n, const fs::path& file) {
    v.resize(n);
    if (n && !in.read(reinterpret_cast<char*>(v.data()), std::streamsize(n * sizeof(T))))
        throw Error("cross-validation state " + file.string() + " is shorter than its description says");
}

}  // namespace

std::string idListKey(const std::vector<int64_t>& ids) {
    std::string bytes(ids.size() * sizeof(int64_t), '\0');
    if (!ids.empty()) std::memcpy(bytes.data(), ids.data(), bytes.size());
    return sha256Hex(bytes);
}

void saveCrossValState(const fs::path& dir, const CrossValState& s) {
    AtomicFile bin(dir / kBin);
    put(bin, s.logits);
    put(bin, s.features);
    put(bin, s.loss);
    put(bin, s.have);
    put(bin, s.frameIndex);
    put(bin, s.frameFeatures);
    bin.commit();
    const uint64_t bytes = s.logits.size() * 4 + s.features.size() * 4 + s.loss.size() * 4 + s.have.size() +
                           s.frameIndex.size() * 8 + s.frameFeatures.size() * 4;
    nlohmann::json j;
    j["version"] = kVersion;
    j["folds"] = s.folds;
    j["folds_done"] = s.foldsDone;
    j["rows"] = s.rows;
    j["classes"] = s.classes;
    j["feature_dim"] = s.featureDim;
    j["frames"] = s.frames;
    j["train_rows_key"] = s.trainRowsKey;
    j["oos_correct"] = s.oosCorrect;
    j["cpu_seconds"] = s.cpuSeconds;
    j["train_seconds"] = s.trainSeconds;
    j["sample_passes"] = s.samplePasses;
    j["bin_bytes"] = bytes;
    writeFileAtomically(dir / kJson, dumpJson(j, 1) + "\n");
}

std::optional<CrossValState> loadCrossValState(const fs::path& dir) {
    const fs::path jf = dir / kJson, bf = dir / kBin;
    std::error_code ec;
    if (!fs::exists(jf, ec)) return std::nullopt;
    nlohmann::json j;
    try {
        std::ifstream in(jf);
        j = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
        throw Error("cross-validation state " + jf.string() + " is not readable JSON: " + e.what());
    }
    CrossValState s;
    uint64_t bytes = 0;
    try {
        if (j.at("version").get<int>() != kVersion)
            throw Error("cross-validation state " + jf.string() + " has an unknown version");
        s.folds = j.at("folds").get<int>();
        s.foldsDone = j.at("folds_done").get<int>();
        s.rows = j.at("rows").get<int64_t>();
        s.classes = j.at("classes").get<int>();
        s.featureDim = j.at("feature_dim").get<int>();
        s.frames = j.at("frames").get<int>();
        s.trainRowsKey = j.at("train_rows_key").get<std::string>();
        s.oosCorrect = j.at("oos_correct").get<double>();
        s.cpuSeconds = j.at("cpu_seconds").get<double>();
        s.trainSeconds = j.at("train_seconds").get<double>();
        s.samplePasses = j.at("sample_passes").get<int64_t>();
        bytes = j.at("bin_bytes").get<uint64_t>();
    } catch (const nlohmann::json::exception& e) {
        throw Error("cross-validation state " + jf.string() + " lacks a field: " + e.what());
    }
    if (s.folds < 2 || s.foldsDone < 0 || s.foldsDone > s.folds || s.rows < 0 || s.classes < 1 ||
        s.featureDim < 0 || s.frames < 0)
        throw Error("cross-validation state " + jf.string() + " has impossible sizes");
    const size_t n = size_t(s.rows), fr = size_t(s.frames), L = size_t(s.featureDim);
    const uint64_t want = n * size_t(s.classes) * 4 + n * L * 4 + n * 4 + n + n * fr * 8 + n * fr * L * 4;
    const uint64_t have = fs::file_size(bf, ec);
    if (ec) throw Error("cross-validation state " + bf.string() + " cannot be read: " + ec.message());
    if (have != want || bytes != want)
        throw Error("cross-validation state " + bf.string() + " has " + std::to_string(have) +
                    " bytes where its description gives " + std::to_string(want));
    std::ifstream in(bf, std::ios::binary);
    if (!in) throw Error("cross-validation state " + bf.string() + " cannot be opened");
    get(in, s.logits, n * size_t(s.classes), bf);
    get(in, s.features, n * L, bf);
    get(in, s.loss, n, bf);
    get(in, s.have, n, bf);
    get(in, s.frameIndex, n * fr, bf);
    get(in, s.frameFeatures, n * fr * L, bf);
    return s;
}

void removeCrossValState(const fs::path& dir) {
    std::error_code ec;
    fs::remove(dir / kJson, ec);  // the JSON first: without it the bin is not a state
    fs::remove(dir / kBin, ec);
}

}  // namespace winnow::core
