#include "core/influence/noise_structure.h"

#include <algorithm>
#include <exception>

#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "core/util/number_text.h"

namespace winnow::core {

const char* noiseStructureName(NoiseStructure::Kind kind) {
    switch (kind) {
        case NoiseStructure::Kind::Spread: return "spread";
        case NoiseStructure::Kind::PairFlip: return "pair-flip";
        case NoiseStructure::Kind::Unknown: break;
    }
    return "unknown";
}

std::vector<NoiseRow> noiseRows(const std::vector<double>& counts, int classes) {
    const size_t K = size_t(std::max(classes, 0));
    std::vector<NoiseRow> rows;
    if (counts.size() != K * K) return rows;
    for (size_t g = 0; g < K; ++g) {
        NoiseRow r;
        for (size_t j = 0; j < K; ++j) {
            if (j == g) continue;
            const double c = std::max(0.0, counts[g * K + j]);
            r.offDiagonal += c;
            if (c > r.largest) r.largest = c, r.largestClass = int(j);
        }
        rows.push_back(r);
    }
    return rows;
}

NoiseStructure noiseStructureOfRows(const std::vector<NoiseRow>& rows) {
    NoiseStructure s;
    s.classes = int(rows.size());
    const size_t K = rows.size();
    if (K <= 2) {
        s.reason = "with " + std::to_string(K) + " classes every error is a flip to the other class";
        return s;
    }
    s.threshold = 0.5 * (1.0 / double(K - 1) + 1.0);
    double top = 0;
    for (const NoiseRow& r : rows) {
        s.offDiagonal += std::max(0.0, r.offDiagonal);
        top += std::clamp(r.largest, 0.0, std::max(0.0, r.offDiagonal));  // the row's mass x its largest share
    }
    const double needed = std::max(kMinNoiseMass, 5.0 * double(K));
    if (s.offDiagonal < needed) {
        s.reason = "too little suspected noise (" + formatNumber(s.offDiagonal, 0) + " samples, fewer than " +
                   formatNumber(needed, 0) + ") to tell how it spreads";
        return s;
    }
    s.pairConcentration = top / s.offDiagonal;
    const bool flip = s.pairConcentration >= s.threshold;
    s.kind = flip ? NoiseStructure::Kind::PairFlip : NoiseStructure::Kind::Spread;
    s.reason = std::string(flip ? "the suspected errors of each class go mostly to one other class"
                                : "the suspected errors spread over the other classes") +
               " (pair concentration " + formatNumber(s.pairConcentration, 2) + (flip ? " >= " : " < ") +
               formatNumber(s.threshold, 2) + " over " + formatNumber(s.offDiagonal, 0) + " samples)";
    return s;
}

std::vector<double> flaggedPairCounts(const ScoreFile& scoring) {
    const size_t K = size_t(std::max(scoring.classes(), 0));
    std::vector<double> counts(K * K, 0.0);
    for (int64_t i = 0; i < scoring.n(); ++i) {
        const int32_t g = scoring.givenLabel[size_t(i)], f = scoring.suggestedLabel[size_t(i)];
        if (scoring.flag[size_t(i)] && g >= 0 && f >= 0 && size_t(g) < K && size_t(f) < K)
            counts[size_t(g) * K + size_t(f)] += 1;
    }
    return counts;
}

nlohmann::json noiseRowsJson(const std::vector<NoiseRow>& rows) {
    nlohmann::json out = nlohmann::json::array();
    for (const NoiseRow& r : rows) {
        nlohmann::json j;
        j["off_diagonal"] = r.offDiagonal;
        j["largest"] = r.largest;
        j["largest_class"] = r.largestClass;
        out.push_back(j);
    }
    return out;
}

std::vector<NoiseRow> noiseRowsFromSummary(const nlohmann::json& summary) {
    if (!summary.is_object() || !summary.contains("noise_by_class") || !summary.at("noise_by_class").is_array())
        return {};
    std::vector<NoiseRow> rows;
    for (const nlohmann::json& j : summary.at("noise_by_class")) {
        if (!j.is_object() || !j.contains("off_diagonal") || !j.at("off_diagonal").is_number() ||
            !j.contains("largest") || !j.at("largest").is_number())
            return {};
        NoiseRow r;
        r.offDiagonal = j.at("off_diagonal").get<double>();
        r.largest = j.at("largest").get<double>();
        if (j.contains("largest_class") && j.at("largest_class").is_number_integer())
            r.largestClass = j.at("largest_class").get<int>();
        rows.push_back(r);
    }
    return rows;
}

NoiseStructure runNoiseStructure(Project& project, int64_t runId) {
    for (const char* det : {"cl-early", "confident-learning"}) {
        auto st = project.db().prepare(
            "SELECT id, result_file, coalesce(summary_json, '{}') FROM scorings "
            "WHERE run_id=? AND detector=? AND result_file IS NOT NULL ORDER BY id DESC LIMIT 1");
        st.bind(1, runId).bind(2, det);
        if (!st.step()) continue;
        const int64_t id = st.int64(0);
        NoiseStructure s;
        try {
            std::vector<NoiseRow> rows = noiseRowsFromSummary(parseJson(st.text(2), "summary of scoring " + std::to_string(id)));
            std::string source = "confident joint";
            if (rows.empty()) {  // scored before the summary kept the joint's rows
                const ScoreFile f = ScoreFile::read(project.cacheDir() / st.text(1));
                rows = noiseRows(flaggedPairCounts(f), f.classes());
                source = "flagged pairs";
            }
            s = noiseStructureOfRows(rows);
            s.source = source;
            s.reason += " in scoring " + std::to_string(id) + " (" + det + ", " + source + ")";
        } catch (const std::exception& e) {
            s = NoiseStructure{};
            s.reason = "scoring " + std::to_string(id) + " could not be read: " + e.what();
        }
        s.scoringId = id;
        return s;
    }
    NoiseStructure s;
    s.reason = "run " + std::to_string(runId) + " has no confident-learning scoring to read it from";
    return s;
}

}  // namespace winnow::core
