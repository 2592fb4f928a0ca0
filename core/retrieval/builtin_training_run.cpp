#include "core/retrieval/builtin_training_run.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/util/atomic_file.h"
#include "core/util/json_text.h"
#include "core/util/number_text.h"

namespace winnow::core {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json finite(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
json recall(double v) { return v < 0 ? json(nullptr) : finite(v); }

}  // namespace

fs::path builtinTrainingHistoryFile(const fs::path& model) {
    fs::path history = model;
    history.replace_extension(".training.json");
    return history;
}

Progress builtinTrainingProgress(const BuiltinTrainProgress& p) {
    Progress out;
    out.fraction = p.steps > 0 ? std::min(1.0, double(p.step) / double(p.steps)) : 0.0;
    out.message = "epoch " + std::to_string(p.epoch + 1) + "/" + std::to_string(p.epochs) + ", loss " +
                  formatNumber(p.loss, 3);
    return out;
}

BuiltinTrainingOutcome trainBuiltinEncoderToFile(const CaptionSet& set, const BuiltinTrainOptions& o,
                                                 const fs::path& model, const BuiltinProgressFn& progress,
                                                 const CancelToken* cancel) {
    json steps = json::array(), epochs = json::array();
    auto record = [&](const BuiltinTrainProgress& p) {
        if (p.epochEnd) {
            epochs.push_back({{"epoch", p.epoch + 1},
                              {"step", p.step},
                              {"loss", finite(p.loss)},
                              {"temperature", finite(p.temperature)},
                              {"images_per_s", finite(p.imagesPerSecond)},
                              {"val_i2t_r1", recall(p.validationI2T_R1)},
                              {"val_t2i_r1", recall(p.validationT2I_R1)}});
        } else {
            steps.push_back({{"epoch", p.epoch + 1},
                             {"step", p.step},
                             {"loss", finite(p.loss)},
                             {"temperature", finite(p.temperature)}});
        }
        if (progress) progress(p);
    };
    BuiltinTrainingOutcome out;
    out.result = trainBuiltinEncoder(set, o, record, cancel);
    if (cancel) cancel->throwIfCancelled();  // cancelled after the last step: still nothing written
    out.model = model;
    out.history = builtinTrainingHistoryFile(model);
    out.result.encoder->save(model);
    out.identity = out.result.encoder->identity();

    const BuiltinTrainResult& r = out.result;
    json h;
    h["format"] = "winnow-builtin-training";
    h["version"] = 1;
    h["model"] = model.filename().string();
    h["identity"] = out.identity;
    h["caption_set"] = set.file.filename().string();
    h["settings"] = {{"backbone", o.backbone},   {"epochs", o.epochs},         {"batch", o.batch},
                     {"lr", o.lr},               {"weight_decay", o.weightDecay}, {"dim", o.dim},
                     {"seed", o.seed},           {"image_size", o.imageSize},  {"validation_share", o.validationShare}};
    h["steps"] = std::move(steps);
    h["epochs"] = std::move(epochs);
    json totals = {{"train_images", r.trainImages},
                  {"validation_images", r.validationImages},
                  {"skipped_images", r.issues.size()},
                  {"seconds", finite(r.seconds)}};
    if (r.validationImages > 0) {
        for (const auto& [name, s] : {std::pair{"val_i2t", r.validationI2T}, std::pair{"val_t2i", r.validationT2I}}) {
            totals[std::string(name) + "_r1"] = finite(s.r1);
            totals[std::string(name) + "_r5"] = finite(s.r5);
            totals[std::string(name) + "_r10"] = finite(s.r10);
        }
    }
    h["final"] = std::move(totals);
    AtomicFile file(out.history);
    file << dumpJson(h, 1) << '\n';
    file.commit();
    return out;
}

}  // namespace winnow::core
