#include "core/influence/influential_rank_rounds.h"
#include "core/influence/round_budget.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>

#include "core/dataset/sample_store.h"
#include "core/influence/detectors.h"
#include "core/influence/project_scoring.h"
#include "core/store/project.h"
#include "core/train/dist_group.h"
#include "core/train/run_outputs.h"
#include "core/train/run_record.h"
#include "core/train/trainer.h"
#include "core/util/error.h"
#include "core/util/number_text.h"
#include "core/util/process_tag.h"

namespace winnow::core {
namespace {

// acc_trusted / acc_val / acc_test of a finished run (null when the split is absent).
nlohmann::json runAccuracy(Project& project, int64_t runId) {
    std::string s = project.db().queryText(
        "SELECT coalesce(summary_json,'{}') FROM runs WHERE id=" + std::to_string(runId), "{}");
    nlohmann::json j = parseJson(s, "summary of run " + std::to_string(runId));
    nlohmann::json a;
    for (const char* k : {"acc_trusted", "acc_val", "acc_test", "acc_train"}) a[k] = jsonField(j, k);
    return a;
}

// Post-training config: the base run's recipe (and its exclusions), restarted learning rate decayed x0.1 after
// 25% and 75% of E, starting from `fromRun`'s weights, without `exclude`.
TrainConfig postTrainConfig(Project& project, int64_t baseRun, int64_t fromRun, int epochs,
                            const std::vector<int64_t>& exclude, const std::string& device) {
    TrainConfig cfg = loadRunConfig(project.db(), baseRun);
    cfg.kind = "post-train";
    cfg.crossValFolds = 0;
    cfg.resumeRunId = 0;
    cfg.parentRun = fromRun;
    cfg.initCheckpoint =
        (std::filesystem::path(runOutputsPath(project, fromRun)) / "checkpoint.pt").string();
    cfg.epochs = epochs;
    cfg.schedule = "step";
    cfg.stepMilestones = {0.25, 0.75};
    cfg.stepGamma = 0.1;
    cfg.warmupEpochs = 0;
    // The base run's own exclusions (a training subset) stay; the round's removals add to them.
    std::vector<int64_t> ex = cfg.excludeIds;
    ex.insert(ex.end(), exclude.begin(), exclude.end());
    std::sort(ex.begin(), ex.end());
    ex.erase(std::unique(ex.begin(), ex.end()), ex.end());
    cfg.excludeIds = std::move(ex);
    if (!device.empty()) cfg.device = device;
    return cfg;
}

// A round whose post-training did not finish (`state` failed or cancelled): its removals go
// back to the working set and the state and reason are stored, in one transaction. Returns
// "" or, when that could not be written, why (the caller still reports its own error; the
// round then stays 'running' with this process as owner and is marked interrupted when the
// project is next opened).
std::string endUnfinishedRound(Database& db, int64_t roundId, const char* state, const std::string& reason) {
    try {
        nlohmann::json m;
        m["error"] = reason;
        Transaction tx(db);
        db.prepare("DELETE FROM working_set_removed WHERE round_id=?").bind(1, roundId).run();
        db.prepare("UPDATE influence_rounds SET state=?, metrics_json=?, owner=NULL WHERE id=?")
            .bind(1, state).bind(2, dumpJson(m)).bind(3, roundId).run();
        tx.commit();
        return {};
    } catch (const std::exception& e) {
        return std::string("the round could not be marked ") + state + ": " + e.what();
    }
}

}  // namespace

RoundVerdict judgeRound(const nlohmann::json& before, const nlohmann::json& after, double margin) {
    RoundVerdict v;
    int usable = 0;
    bool gained = false;
    std::string saturated;
    auto pct = [](double x) { return formatNumber(x * 100.0, 1); };
    for (const char* k : {"acc_trusted", "acc_val"}) {
        if (!before.contains(k) || !after.contains(k) || jsonField(before, k).is_null() || jsonField(after, k).is_null()) continue;
        const double b = jsonDouble(jsonField(before, k)), a = jsonDouble(jsonField(after, k));
        if (b >= 1.0 - 1e-12) {  // cannot gain: left out
            saturated += std::string(saturated.empty() ? "" : ", ") + k + " was 100% before the round";
            continue;
        }
        ++usable;
        if (a < b + margin - 1e-12) {
            v.why = std::string(k) + " " + pct(b) + "% -> " + pct(a) + "% (needs " + (margin >= 0 ? "+" : "") +
                    pct(margin) + " points)";
            return v;
        }
        gained = gained || a > b;
    }
    v.accepted = true;
    if (!usable) {
        v.unjudged = true;
        v.why = "accepted unjudged: " + (saturated.empty() ? std::string("no trusted or validation accuracy") : saturated) +
                " and no validation split can judge it (import one to judge rounds)";
    } else {
        v.why = gained ? "improved" : margin < 0 ? "within the accept margin" : "not worse (accept margin 0)";
        if (!saturated.empty()) v.why += " (" + saturated + ": left out)";
    }
    return v;
}

nlohmann::json runInfluentialRank(Project& project, const RankOptions& o,
                        const std::function<void(const nlohmann::json&)>& onEvent, ProgressFn progress,
                        const CancelToken* cancel) {
    if (o.rounds < 1 || o.rounds > 5) throw Error("--rounds must be between 1 and 5");
    if (o.epochs < 1) throw Error("--epochs must be at least 1");
    auto& db = project.db();
    const int64_t base = o.baseRun > 0 ? o.baseRun : latestRun(project);
    runOutputsPath(project, base);  // validates the run
    const int64_t session = db.queryInt64("SELECT coalesce(max(session),0)+1 FROM influence_rounds");
    DistGroup* group = o.group && o.group->active() ? o.group : nullptr;
    const bool writer = !group || group->writer();
    auto emit = [&](const nlohmann::json& j) { if (onEvent && writer) onEvent(j); };
    TrainCallbacks cb;
    cb.progress = progress;
    cb.cancel = cancel;
    // Rank 0 has written what the others read next.
    auto written = [&] { if (group) group->barrier(); };
    // Rank 0's decision on every rank.
    auto agree = [&](bool decision) {
        if (!group) return decision;
        std::vector<int64_t> v{decision ? 1 : 0};
        group->broadcast(v);
        return v[0] != 0;
    };
    // Trains on every rank (data-parallel under several processes); returns once rank 0 has
    // finished the run row and its outputs.
    auto train = [&](const TrainConfig& cfg) {
        if (!group) return trainRun(project, cfg, cb);
        TrainResult t = trainRun(project, cfg, cb, *group);
        written();
        return t;
    };

    nlohmann::json summary;
    summary["session"] = session;
    summary["base_run"] = base;
    nlohmann::json before = runAccuracy(project, base);
    summary["before"] = before;
    int64_t current = base;
    int acceptedRounds = 0;
    nlohmann::json rounds = nlohmann::json::array();
    const auto clock = o.cpuClock ? o.cpuClock : std::function<double()>(processCpuTime);
    std::optional<RoundBudget> budget;
    std::string stop = "round count reached";
    if (o.budget >= 0) {
        const nlohmann::json baseSummary = parseJsonOrNull(db.queryText("SELECT summary_json FROM runs WHERE id=" + std::to_string(base), "{}"));
        const nlohmann::json baseConfig = parseJsonOrNull(db.queryText("SELECT config_json FROM runs WHERE id=" + std::to_string(base), "{}"));
        const double baseCost = o.baseCostOverride >= 0 ? o.baseCostOverride : jsonDouble(jsonField(baseSummary, "cpu_seconds"));
        const double baseEpochs = double(std::max<int64_t>(1, jsonInt(jsonField(baseConfig, "epochs"), 1)));
        budget = RoundBudget{o.budget * baseCost, 0, -1, baseCost * double(o.epochs) / baseEpochs};
        summary["budget_cpu_seconds"] = budget->limit;
        summary["base_cpu_seconds"] = baseCost;
    }
    for (int r = 1; r <= o.rounds; ++r) {
        if (budget && !agree(nextRoundFits(*budget))) {
            stop = "budget: the next round (about " + std::to_string(int64_t(budget->lastRound >= 0 ? budget->lastRound : budget->firstEstimate)) +
                   " CPU-s) would pass the budget";
            break;
        }
        const double cost0 = clock();
        ScoreRequest req;
        req.detector = "influential-rank";
        req.runId = current;
        req.influentialRank = o.scoring;
        if (group)
            req.influentialRank.influence.shard = {group->rank(), group->worldSize(),
                                                   [group](std::vector<double>& v) { group->allReduceSum(v); }};
        ScoringOutcome sc = scoreProject(project, req, progress, cancel);
        if (budget && agree(sc.flaggedIds.empty())) {
            budget->spent += clock() - cost0;
            stop = "nothing flagged";
            break;
        }
        int64_t roundId = 0;
        if (writer) {
            // The round and its removals appear together or not at all.
            Transaction tx(db);
            auto ins = db.prepare("INSERT INTO influence_rounds(created_at, session, round, base_run, scoring_id, n_removed, owner) VALUES(?,?,?,?,?,?,?)");
            ins.bind(1, Project::nowUtc()).bind(2, session).bind(3, r).bind(4, current).bind(5, sc.scoringId)
                .bind(6, int64_t(sc.flaggedIds.size())).bind(7, currentProcessTag()).run();
            roundId = db.lastInsertId();
            auto add = db.prepare("INSERT OR IGNORE INTO working_set_removed(sample_id, round_id, created_at) VALUES(?,?,?)");
            for (int64_t id : sc.flaggedIds) add.bind(1, id).bind(2, roundId).bind(3, Project::nowUtc()).run();
            tx.commit();
        }
        written();
        nlohmann::json acc0 = runAccuracy(project, current);
        TrainResult tr;
        try {
            tr = train(postTrainConfig(project, base, current, o.epochs, workingSetRemoved(project), o.device));
        } catch (const Cancelled&) {
            if (writer) endUnfinishedRound(db, roundId, "cancelled", "cancelled by the user");
            throw;
        } catch (const std::exception& e) {
            // The caller gets the original error, whatever happens while recording it.
            if (!writer) throw;
            if (std::string why = endUnfinishedRound(db, roundId, "failed", e.what()); !why.empty())
                throw Error(std::string(e.what()) + " (" + why + ")");
            throw;
        } catch (...) {
            if (writer) endUnfinishedRound(db, roundId, "failed", "unknown error");
            throw;
        }
        nlohmann::json acc1 = runAccuracy(project, tr.runId);
        const RoundVerdict verdict = judgeRound(acc0, acc1, o.acceptMargin);
        const bool ok = agree(verdict.accepted);
        nlohmann::json m;
        m["round"] = r;
        m["scoring_id"] = sc.scoringId;
        m["flagged"] = int64_t(sc.flaggedIds.size());
        m["gamma"] = jsonField(sc.summary, "gamma");
        m["post_run"] = tr.runId;
        m["before"] = acc0;
        m["after"] = acc1;
        m["accepted"] = ok;
        m["reason"] = verdict.why;
        m["unjudged"] = verdict.unjudged;
        m["train_seconds"] = jsonField(tr.finalMetrics, "wall_seconds");
        const double cost = clock() - cost0;
        m["cpu_seconds"] = cost;
        if (budget) {
            budget->spent += cost;
            budget->lastRound = cost;
        }
        if (writer) try {
            // The verdict and, for a rejected round, the return of its removals to the working
            // set (C restored; theta_r stays on record but unused) are one transaction: a
            // failure in between must not leave a 'rejected' round whose samples stay removed.
            Transaction tx(db);
            auto upd = db.prepare("UPDATE influence_rounds SET post_run=?, state=?, metrics_json=?, owner=NULL WHERE id=?");
            upd.bind(1, tr.runId).bind(2, ok ? "accepted" : "rejected").bind(3, dumpJson(m)).bind(4, roundId).run();
            if (!ok) db.prepare("DELETE FROM working_set_removed WHERE round_id=?").bind(1, roundId).run();
            tx.commit();
        } catch (const std::exception& e) {
            // As for a failed post-training; if even that cannot be written the round stays
            // 'running' and is marked interrupted, its removals undone, on the next open.
            if (std::string why = endUnfinishedRound(db, roundId, "failed", e.what()); !why.empty())
                throw Error(std::string(e.what()) + " (" + why + ")");
            throw;
        }
        written();
        rounds.push_back(m);
        emit(m);
        if (!ok) {
            stop = "round rejected";
            break;
        }
        ++acceptedRounds;
        current = tr.runId;
    }
    summary["rounds"] = rounds;
    summary["accepted_rounds"] = acceptedRounds;
    summary["stopped"] = stop;
    if (budget) summary["spent_cpu_seconds"] = budget->spent;
    summary["final_run"] = current;
    summary["after"] = runAccuracy(project, current);

    if (o.controlLonger && acceptedRounds > 0) {
        // "+Longer": the base model trained for the same extra epochs, nothing removed.
        TrainResult c = train(postTrainConfig(project, base, base, o.epochs * acceptedRounds, {}, o.device));
        nlohmann::json cj;
        cj["control_run"] = c.runId;
        cj["epochs"] = o.epochs * acceptedRounds;
        cj["accuracy"] = runAccuracy(project, c.runId);
        summary["longer_control"] = cj;
        emit(nlohmann::json{{"event", "longer-control"}, {"result", cj}});
    }

    // Label refinement: predict every removed sample with the final model.
    SampleStore store(db);
    auto classes = store.classes();
    std::vector<int64_t> classId(classes.size());
    for (const auto& c : classes) classId[size_t(c.idx)] = c.id;
    auto out = RunOutputs::open(runOutputsPath(project, current));
    const int K = out->meta().classes;
    std::vector<int64_t> removedIds;
    {
        auto st = db.prepare("SELECT w.sample_id FROM working_set_removed w JOIN influence_rounds r ON r.id=w.round_id WHERE r.session=? ORDER BY w.sample_id");
        st.bind(1, session);
        while (st.step()) removedIds.push_back(st.int64(0));
    }
    int64_t nRelabel = 0, nExclude = 0;
    struct Sug { int64_t id; bool relabel; int label; float prob; };
    std::vector<Sug> sugs;
    for (int64_t id : removedIds) {
        int64_t row = out->rowOf(id);
        if (row < 0) continue;
        auto p = softmaxRows(out->logits() + row * K, 1, K);
        int a = int(std::max_element(p.begin(), p.end()) - p.begin());
        bool relabel = p[size_t(a)] > o.relabelThreshold;
        (relabel ? nRelabel : nExclude) += 1;
        sugs.push_back({id, relabel, a, p[size_t(a)]});
    }
    if (writer) {
        Transaction tx(db);
        auto ins = db.prepare("INSERT INTO suggestions(created_at, session, run_id, sample_id, action, suggested_label, probability) VALUES(?,?,?,?,?,?,?)");
        for (const Sug& s : sugs)
            ins.bind(1, Project::nowUtc()).bind(2, session).bind(3, current).bind(4, s.id)
                .bind(5, s.relabel ? "relabel" : "exclude").bind(6, classId[size_t(s.label)]).bind(7, double(s.prob)).run();
        tx.commit();
    }
    nlohmann::json sj;
    sj["relabel"] = nRelabel;
    sj["exclude"] = nExclude;
    summary["suggestions"] = sj;
    emit(nlohmann::json{{"event", "suggestions"}, {"result", sj}});

    if (o.autoApply && agree(!sugs.empty())) {
        // New label version: relabels change samples.label (old value kept in label_changes);
        // excludes stay out of the working set and are recorded as 'exclude' changes.
        if (writer) {
            SampleTable t = store.loadTable();
            std::map<int64_t, int32_t> label;
            for (size_t i = 0; i < t.size(); ++i) label[t.ids[i]] = t.label[i];
            Transaction tx(db);
            int64_t parent = std::stoll(project.meta("current_label_version", "1"));
            auto ver = db.prepare("INSERT INTO label_versions(parent_id, name, created_at, note) VALUES(?,?,?,?)");
            ver.bind(1, parent).bind(2, "influential-rank session " + std::to_string(session))
                .bind(3, Project::nowUtc()).bind(4, "suggestions applied automatically (--auto-apply)").run();
            const int64_t version = db.lastInsertId();
            auto chg = db.prepare("INSERT INTO label_changes(version_id, sample_id, old_label, new_label, action) VALUES(?,?,?,?,?)");
            auto upd = db.prepare("UPDATE samples SET label=? WHERE id=?");
            auto back = db.prepare("DELETE FROM working_set_removed WHERE sample_id=?");
            std::vector<int64_t> excluded;
            for (const auto& s : sugs) {
                int32_t old = label[s.id];
                int64_t oldId = old >= 0 ? classId[size_t(old)] : 0;
                chg.bind(1, version).bind(2, s.id);
                if (oldId) chg.bind(3, oldId); else chg.bindNull(3);
                if (s.relabel) {
                    chg.bind(4, classId[size_t(s.label)]).bind(5, "relabel").run();
                    upd.bind(1, classId[size_t(s.label)]).bind(2, s.id).run();
                    back.bind(1, s.id).run();  // relabelled samples rejoin the working set
                } else {
                    if (oldId) chg.bind(4, oldId); else chg.bindNull(4);
                    chg.bind(5, "exclude").run();
                    excluded.push_back(s.id);
                }
            }
            db.exec("UPDATE suggestions SET state='applied' WHERE session=" + std::to_string(session));
            project.setMeta("current_label_version", std::to_string(version));
            tx.commit();
        }
        written();
        TrainResult ft = train(postTrainConfig(project, base, current, o.epochs, workingSetRemoved(project), o.device));
        nlohmann::json aj;
        aj["label_version"] = std::stoll(project.meta("current_label_version", "1"));
        aj["fine_tune_run"] = ft.runId;
        aj["accuracy"] = runAccuracy(project, ft.runId);
        summary["applied"] = aj;
        emit(nlohmann::json{{"event", "applied"}, {"result", aj}});
    }
    return summary;
}

}  // namespace winnow::core
