#include "core/influence/self_test.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/dataset/sample_store.h"
#include "core/influence/detection_metrics.h"
#include "core/influence/detector_registry.h"
#include "core/influence/score_file.h"
#include "core/influence/score_order.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/number_text.h"

namespace winnow::core {

nlohmann::json injectProjectNoise(Project& project, const NoiseSpec& spec, int trustedPerClass) {
    auto& db = project.db();
    SampleStore store(db);
    const auto classes = store.classes();
    const int K = int(classes.size());
    if (K < 2) throw Error("project " + project.file().string() + " needs at least 2 classes for noise injection");
    if (trustedPerClass < 0) throw Error("--trusted-per-class must be >= 0");
    SampleTable t = store.loadTable();
    std::vector<int32_t> truth(t.size());
    std::vector<uint8_t> eligible(t.size());
    int64_t nEligible = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        truth[i] = t.originalLabel[i] >= 0 ? t.originalLabel[i] : t.label[i];
        eligible[i] = t.split[i] == 0 && truth[i] >= 0 && t.status[i] == 0;
        nEligible += eligible[i];
    }
    if (nEligible == 0) throw Error("project " + project.file().string() + " has no labelled training samples to inject noise into");
    NoiseOutcome o = injectNoise(truth, eligible, K, spec, trustedPerClass);
    std::vector<int64_t> classId(static_cast<size_t>(K));
    for (const auto& c : classes) classId[size_t(c.idx)] = c.id;

    Transaction tx(db);
    auto ver = db.prepare("INSERT INTO label_versions(parent_id, name, created_at, note) VALUES(?,?,?,?)");
    int64_t parent = std::stoll(project.meta("current_label_version", "1"));
    const std::string name =
        "noise " + spec.kind + " " + formatSignificant(spec.rate, 3) + " seed " + std::to_string(spec.seed);
    ver.bind(1, parent).bind(2, name).bind(3, Project::nowUtc()).bind(4, "self-test noise injection").run();
    const int64_t version = db.lastInsertId();
    auto upd = db.prepare("UPDATE samples SET label=?, original_label=?, trusted=? WHERE id=?");
    auto chg = db.prepare("INSERT INTO label_changes(version_id, sample_id, old_label, new_label, action) VALUES(?,?,?,?,'noise')");
    for (size_t i = 0; i < t.size(); ++i) {
        if (!eligible[i]) continue;
        const int64_t oldId = t.label[i] >= 0 ? classId[size_t(t.label[i])] : 0;
        const int64_t newId = classId[size_t(o.labels[i])];
        upd.bind(1, newId).bind(2, classId[size_t(truth[i])]).bind(3, int(o.trusted[i])).bind(4, t.ids[i]).run();
        if (newId != oldId) {
            chg.bind(1, version).bind(2, t.ids[i]);
            if (oldId) chg.bind(3, oldId); else chg.bindNull(3);
            chg.bind(4, newId).run();
        }
    }
    auto ni = db.prepare(
        "INSERT INTO noise_injections(created_at, kind, rate, seed, trusted_per_class, label_version, n_flipped, n_eligible)"
        " VALUES(?,?,?,?,?,?,?,?)");
    ni.bind(1, Project::nowUtc()).bind(2, spec.kind).bind(3, spec.rate).bind(4, int64_t(spec.seed))
        .bind(5, trustedPerClass).bind(6, version).bind(7, o.flippedCount).bind(8, nEligible).run();
    const int64_t injection = db.lastInsertId();
    // The working set starts afresh: removals were decided on other labels.
    db.exec("DELETE FROM working_set_removed");
    project.setMeta("current_label_version", std::to_string(version));
    tx.commit();

    nlohmann::json j;
    j["injection_id"] = injection;
    j["label_version"] = version;
    j["kind"] = spec.kind;
    j["rate"] = spec.rate;
    j["seed"] = int64_t(spec.seed);
    j["eligible"] = nEligible;
    j["flipped"] = o.flippedCount;
    j["actual_rate"] = double(o.flippedCount) / double(nEligible);
    nlohmann::json per = nlohmann::json::array();
    bool short_ = false;
    for (int k = 0; k < K; ++k) {
        per.push_back(o.trustedPerClass[size_t(k)]);
        short_ = short_ || o.trustedPerClass[size_t(k)] < trustedPerClass;
    }
    j["trusted_per_class"] = per;
    if (short_) j["warning"] = "some classes have fewer unflipped training samples than --trusted-per-class";
    return j;
}

namespace {

nlohmann::json metricsJson(const DetectionMetrics& m) {
    nlohmann::json j;
    j["n"] = m.n;
    j["noisy"] = m.noisy;
    j["flagged"] = m.flagged;
    j["true_positives"] = m.truePositives;
    j["precision"] = m.precision;
    j["recall"] = m.recall;
    j["f1"] = m.f1;
    j["auroc"] = m.auroc;
    j["average_precision"] = m.averagePrecision;
    j["fraction_removed"] = m.fractionRemoved;
    j["residual_noise"] = m.residualNoise;
    if (m.unscored > 0) j["warning"] = unscoredWarning(m.unscored);
    return j;
}

// The working-set removal of a rank session after round `round` (accepted rounds only),
// as a flagged set over the samples the session's first round scored: how well the rounds
// together found the injected noise.
nlohmann::json removedSoFar(Project& project, const std::map<int64_t, int32_t>& truth, int64_t session,
                  int64_t round) {
    auto& db = project.db();
    auto first = db.prepare(
        "SELECT coalesce(s.result_file,'') FROM influence_rounds r JOIN scorings s ON s.id=r.scoring_id "
        "WHERE r.session=? ORDER BY r.round LIMIT 1");
    first.bind(1, session);
    if (!first.step() || first.text(0).empty()) return nlohmann::json();
    const ScoreFile f = ScoreFile::read(project.cacheDir() / first.text(0));
    std::map<int64_t, size_t> rowOf;
    for (size_t i = 0; i < f.sampleIds.size(); ++i) rowOf[f.sampleIds[i]] = i;
    std::vector<uint8_t> noisy(f.sampleIds.size(), 0), removed(f.sampleIds.size(), 0);
    for (size_t i = 0; i < f.sampleIds.size(); ++i) {
        auto it = truth.find(f.sampleIds[i]);
        noisy[i] = it != truth.end() && it->second >= 0 && it->second != f.givenLabel[i];
    }
    auto st = db.prepare(
        "SELECT w.sample_id FROM working_set_removed w JOIN influence_rounds r ON r.id=w.round_id "
        "WHERE r.session=? AND r.round<=? AND r.state='accepted'");
    st.bind(1, session).bind(2, round);
    while (st.step())
        if (auto it = rowOf.find(st.int64(0)); it != rowOf.end()) removed[it->second] = 1;
    return metricsJson(detectionMetrics(noisy, removed, nullptr));
}

}  // namespace

nlohmann::json evaluateProject(Project& project) {
    auto& db = project.db();
    SampleStore store(db);
    SampleTable t = store.loadTable();
    std::map<int64_t, int32_t> truth;
    for (size_t i = 0; i < t.size(); ++i) truth[t.ids[i]] = t.originalLabel[i];
    const int K = int(store.classes().size());
    nlohmann::json out;
    nlohmann::json inj;
    {
        auto st = db.prepare("SELECT id, kind, rate, seed, trusted_per_class, n_flipped, n_eligible FROM noise_injections ORDER BY id DESC LIMIT 1");
        if (!st.step())
            throw Error("project " + project.file().string() +
                        " has no injected noise, so there is no truth to evaluate against; run "
                        "`winnow-cli noise` first");
        inj["id"] = st.int64(0);
        inj["kind"] = st.text(1);
        inj["rate"] = st.real(2);
        inj["seed"] = st.int64(3);
        inj["trusted_per_class"] = st.int64(4);
        inj["flipped"] = st.int64(5);
        inj["eligible"] = st.int64(6);
    }
    out["noise"] = inj;
    nlohmann::json list = nlohmann::json::array();
    auto st = db.prepare(
        "SELECT s.id, s.run_id, s.detector, coalesce(s.result_file,''), s.params_json, r.kind,"
        " s.created_at FROM scorings s JOIN runs r ON r.id=s.run_id ORDER BY s.id");
    while (st.step()) {
        if (st.text(3).empty()) continue;
        ScoreFile f = ScoreFile::read(project.cacheDir() / st.text(3));
        std::vector<uint8_t> noisy(size_t(f.n()));
        std::vector<std::vector<size_t>> byClass(static_cast<size_t>(K));
        for (int64_t i = 0; i < f.n(); ++i) {
            auto it = truth.find(f.sampleIds[size_t(i)]);
            int32_t tl = it == truth.end() ? -1 : it->second;
            noisy[size_t(i)] = tl >= 0 && tl != f.givenLabel[size_t(i)];
            if (f.givenLabel[size_t(i)] >= 0 && f.givenLabel[size_t(i)] < K)
                byClass[size_t(f.givenLabel[size_t(i)])].push_back(size_t(i));
        }
        nlohmann::json e = metricsJson(detectionMetrics(noisy, f.flag, &f.score));
        e["scoring_id"] = st.int64(0);
        e["run_id"] = st.int64(1);
        std::string det = st.text(2);
        nlohmann::json params = parseJson(st.text(4), "parameters of scoring " + std::to_string(st.int64(0)));
        e["detector"] = det;
        e["probabilities"] = jsonField(params, "probabilities");
        e["run_kind"] = st.text(5);
        e["created_at"] = st.text(6);
        // Per class of the given label.
        nlohmann::json pc = nlohmann::json::array();
        for (int k = 0; k < K; ++k) {
            std::vector<uint8_t> nz, fl;
            std::vector<float> sc;
            for (size_t i : byClass[size_t(k)]) {
                nz.push_back(noisy[i]);
                fl.push_back(f.flag[i]);
                sc.push_back(f.score[i]);
            }
            nlohmann::json c = metricsJson(detectionMetrics(nz, fl, &sc));
            c["class"] = k;
            pc.push_back(c);
        }
        e["per_class"] = pc;
        list.push_back(e);
    }
    out["detectors"] = list;
    // The registered detectors the self-test could compare but that have no scoring yet.
    nlohmann::json notScored = nlohmann::json::array();
    for (const DetectorInfo& d : detectors()) {
        if (!d.selfTest) continue;
        const bool scored = std::any_of(list.begin(), list.end(), [&](const nlohmann::json& e) {
            return jsonString(jsonField(e, "detector")) == d.id;
        });
        if (!scored) notScored.push_back(d.id);
    }
    out["not_scored"] = notScored;
    nlohmann::json rounds = nlohmann::json::array();
    auto rs = db.prepare("SELECT id, session, round, base_run, post_run, n_removed, state, coalesce(metrics_json,'{}') FROM influence_rounds ORDER BY id");
    while (rs.step()) {
        nlohmann::json r = parseJson(rs.text(7), "metrics of influence round " + std::to_string(rs.int64(0)));
        r["session"] = rs.int64(1);
        r["round"] = rs.int64(2);
        r["base_run"] = rs.int64(3);
        if (!rs.isNull(4)) r["post_run"] = rs.int64(4);
        r["n_removed"] = rs.int64(5);
        r["state"] = rs.text(6);
        if (rs.text(6) == "accepted") r["removed_so_far"] = removedSoFar(project, truth, rs.int64(1), rs.int64(2));
        rounds.push_back(r);
    }
    out["rounds"] = rounds;
    return out;
}

}  // namespace winnow::core
