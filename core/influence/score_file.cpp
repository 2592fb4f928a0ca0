#include "core/influence/score_file.h"

#include <fstream>
#include <sstream>

#include "core/store/database.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;
namespace {

template <class T>
void writeArray(const fs::path& file, const std::vector<T>& v) {
    writeFileAtomically(file, std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)));
}

// Reads `expect` values (or nothing when the file is absent and optional).
template <class T>
std::vector<T> readArray(const fs::path& file, size_t expect, bool optional) {
    std::vector<T> v;
    if (!fs::exists(file)) {
        if (optional) return v;
        throw Error("score file " + file.string() + " is missing");
    }
    if (fs::file_size(file) != expect * sizeof(T))
        throw Error("score file " + file.string() + " has " + std::to_string(fs::file_size(file)) +
                    " bytes, expected " + std::to_string(expect * sizeof(T)));
    v.resize(expect);
    std::ifstream f(file, std::ios::binary);
    f.read(reinterpret_cast<char*>(v.data()), std::streamsize(expect * sizeof(T)));
    if (!f) throw Error("cannot read " + file.string());
    return v;
}

}  // namespace

Gmm1d ScoreFile::gmm(int k) const {
    Gmm1d g;
    const nlohmann::json& j = jsonItem(jsonField(meta, "gmm"), size_t(k));
    if (!j.is_object()) return g;
    for (int c = 0; c < 2; ++c) {
        g.weight[c] = jsonDouble(jsonItem(jsonField(j, "weight"), size_t(c)));
        g.mean[c] = jsonDouble(jsonItem(jsonField(j, "mean"), size_t(c)));
        g.var[c] = jsonDouble(jsonItem(jsonField(j, "var"), size_t(c)));
    }
    g.meanLogLik = jsonDouble(jsonField(j, "mean_loglik"));
    g.valid = jsonBool(jsonField(j, "valid"));
    return g;
}

void ScoreFile::write(const fs::path& dir) const {
    fs::create_directories(dir);
    const size_t n = sampleIds.size();
    auto check = [&](size_t got, size_t want, const char* what) {
        if (got != want)
            throw Error(std::string("score file: ") + what + " has " + std::to_string(got) +
                        " values, expected " + std::to_string(want));
    };
    check(givenLabel.size(), n, "given_label");
    check(score.size(), n, "score");
    check(flag.size(), n, "flag");
    check(suggestedLabel.size(), n, "suggested_label");
    check(suggestedProb.size(), n, "suggested_prob");
    writeArray(dir / "sample_ids.i64", sampleIds);
    writeArray(dir / "given_label.i32", givenLabel);
    writeArray(dir / "score.f32", score);
    writeArray(dir / "flag.u8", flag);
    writeArray(dir / "suggested_label.i32", suggestedLabel);
    writeArray(dir / "suggested_prob.f32", suggestedProb);
    if (!osm.empty()) {
        writeArray(dir / "osm.f32", osm);
        writeArray(dir / "in_dm.u8", inDM);
        writeArray(dir / "osd.f32", osd);
        writeArray(dir / "posterior.f32", posterior);
        writeArray(dir / "candidate.u8", candidate);
        writeArray(dir / "consensus.u8", consensus);
    }
    writeFileAtomically(dir / "meta.json", dumpJson(meta, 1) + "\n");
}

ScoreFile ScoreFile::read(const fs::path& dir) {
    ScoreFile s;
    std::ifstream m(dir / "meta.json");
    if (!m) throw Error("score file " + (dir / "meta.json").string() + " is missing");
    std::stringstream ss;
    ss << m.rdbuf();
    s.meta = parseJson(ss.str(), (dir / "meta.json").string());
    if (jsonInt(jsonField(s.meta, "format")) != 1)
        throw Error("score file " + dir.string() + " has an unknown format");
    const size_t n = size_t(jsonInt(jsonField(s.meta, "n")));
    const size_t k = size_t(jsonInt(jsonField(s.meta, "classes")));
    s.sampleIds = readArray<int64_t>(dir / "sample_ids.i64", n, false);
    s.givenLabel = readArray<int32_t>(dir / "given_label.i32", n, false);
    s.score = readArray<float>(dir / "score.f32", n, false);
    s.flag = readArray<uint8_t>(dir / "flag.u8", n, false);
    s.suggestedLabel = readArray<int32_t>(dir / "suggested_label.i32", n, false);
    s.suggestedProb = readArray<float>(dir / "suggested_prob.f32", n, false);
    s.osm = readArray<float>(dir / "osm.f32", n, true);
    if (!s.osm.empty()) {
        s.inDM = readArray<uint8_t>(dir / "in_dm.u8", n, false);
        s.osd = readArray<float>(dir / "osd.f32", n * k, false);
        s.posterior = readArray<float>(dir / "posterior.f32", n * k, false);
        s.candidate = readArray<uint8_t>(dir / "candidate.u8", n * k, false);
        s.consensus = readArray<uint8_t>(dir / "consensus.u8", n, false);
    }
    return s;
}

void writeScoringFilesOrForget(Database& db, int64_t scoringId, const fs::path& dir, const std::function<void()>& write) {
    try {
        write();
    } catch (...) {
        try {
            db.prepare("DELETE FROM scorings WHERE id=? AND result_file IS NULL").bind(1, scoringId).run();
        } catch (...) {
            // The row stays without a result file, which every reader skips; the write's error matters.
        }
        std::error_code ec;
        if (fs::is_directory(dir, ec)) fs::remove_all(dir, ec);
        throw;
    }
}

}  // namespace winnow::core
