#include "core/train/train_config.h"

#include <charconv>

namespace winnow::core {

namespace {

nlohmann::json doubles(const std::vector<double>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (double x : v) a.push_back(x);
    return a;
}
nlohmann::json int64s(const std::vector<int64_t>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (int64_t x : v) a.push_back(x);
    return a;
}

}  // namespace

// One table of fields keeps toJson and fromJson from drifting apart.
#define WINNOW_TRAIN_CONFIG_FIELDS(X)                                                         \
    X(model, String) X(torchscriptPath, String) X(bottleneck, Int) X(inputSize, Int)          \
    X(epochs, Int) X(batchSize, Int) X(lr, Double) X(momentum, Double) X(nesterov, Bool)      \
    X(weightDecay, Double) X(schedule, String) X(warmupEpochs, Int) X(stepGamma, Double)      \
    X(loss, String) X(focalGamma, Double) X(ibAlpha, Double) X(ibStartEpoch, Int)             \
    X(classWeights, String) X(drwStartEpoch, Int) X(sampler, String) X(samplerR, Double)      \
    X(cmo, Bool) X(cmoProb, Double) X(cmoStartEpoch, Int) X(cmoEndMargin, Int) X(cmoR, Double) \
    X(augment, Bool) X(cropPadding, Int) X(hflip, Bool) X(device, String) X(threads, Int)     \
    X(mixedPrecision, Bool) X(deterministic, Bool) X(loaderThreads, Int)                      \
    X(initCheckpoint, String) X(kind, String) X(crossValFolds, Int) X(subset, Int)            \
    X(parentRun, Int) X(resumeRunId, Int) X(evalBatchSize, Int) X(writeOutputs, Bool)       \
    X(framesPerClip, Int) X(prefetchBatches, Int)

nlohmann::json TrainConfig::toJson() const {
    nlohmann::json j = nlohmann::json::object();
#define X(name, type) j[#name] = name;
    WINNOW_TRAIN_CONFIG_FIELDS(X)
#undef X
    // uint64 seeds above 2^53 would lose bits in a JSON number; keep it as text.
    j["seed"] = std::to_string(seed);
    j["stepMilestones"] = doubles(stepMilestones);
    j["excludeIds"] = int64s(excludeIds);
    return j;
}

TrainConfig TrainConfig::fromJson(const nlohmann::json& j) {
    TrainConfig c;
#define GET_String(name) c.name = jsonString(jsonField(j, #name), c.name);
#define GET_Int(name) c.name = decltype(c.name)(jsonInt(jsonField(j, #name), int64_t(c.name)));
#define GET_Double(name) c.name = jsonDouble(jsonField(j, #name), c.name);
#define GET_Bool(name) c.name = jsonBool(jsonField(j, #name), c.name);
#define X(name, type) \
    if (j.contains(#name)) { GET_##type(name) }
    WINNOW_TRAIN_CONFIG_FIELDS(X)
#undef X
#undef GET_String
#undef GET_Int
#undef GET_Double
#undef GET_Bool
    if (j.contains("seed")) {
        const nlohmann::json& s = jsonField(j, "seed");
        if (s.is_string()) {
            const std::string t = jsonString(s);
            uint64_t v = 0;
            const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
            if (r.ec == std::errc() && r.ptr == t.data() + t.size()) c.seed = v;
        } else if (s.is_number_unsigned()) {
            c.seed = s.get<uint64_t>();
        } else if (s.is_number_integer()) {
            c.seed = uint64_t(s.get<int64_t>());
        }
    }
    if (j.contains("stepMilestones")) {
        c.stepMilestones.clear();
        for (const nlohmann::json& v : jsonArray(jsonField(j, "stepMilestones"))) c.stepMilestones.push_back(jsonDouble(v));
    }
    if (j.contains("excludeIds")) {
        c.excludeIds.clear();
        for (const nlohmann::json& v : jsonArray(jsonField(j, "excludeIds"))) c.excludeIds.push_back(jsonInt(v));
    }
    return c;
}

}  // namespace winnow::core
