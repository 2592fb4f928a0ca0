#include "core/train/train_config.h"

namespace winnow::core {

namespace {

Json doubles(const std::vector<double>& v) {
    Json a = Json::array();
    for (double x : v) a.push(x);
    return a;
}
Json int64s(const std::vector<int64_t>& v) {
    Json a = Json::array();
    for (int64_t x : v) a.push(x);
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

Json TrainConfig::toJson() const {
    Json j = Json::object();
#define X(name, type) j[#name] = name;
    WINNOW_TRAIN_CONFIG_FIELDS(X)
#undef X
    // uint64 seeds above 2^53 would lose bits in a JSON number; keep it as text.
    j["seed"] = std::to_string(seed);
    j["stepMilestones"] = doubles(stepMilestones);
    j["excludeIds"] = int64s(excludeIds);
    return j;
}

TrainConfig TrainConfig::fromJson(const Json& j) {
    TrainConfig c;
#define GET_String(name) c.name = j.at(#name).asString(c.name);
#define GET_Int(name) c.name = decltype(c.name)(j.at(#name).asInt(int64_t(c.name)));
#define GET_Double(name) c.name = j.at(#name).asDouble(c.name);
#define GET_Bool(name) c.name = j.at(#name).asBool(c.name);
#define X(name, type) \
    if (j.contains(#name)) { GET_##type(name) }
    WINNOW_TRAIN_CONFIG_FIELDS(X)
#undef X
#undef GET_String
#undef GET_Int
#undef GET_Double
#undef GET_Bool
    if (j.contains("seed")) {
        const Json& s = j.at("seed");
        c.seed = s.type() == Json::Type::String ? std::stoull(s.asString()) : uint64_t(s.asInt());
    }
    if (j.contains("stepMilestones")) {
        c.stepMilestones.clear();
        for (const Json& v : j.at("stepMilestones").items()) c.stepMilestones.push_back(v.asDouble());
    }
    if (j.contains("excludeIds")) {
        c.excludeIds.clear();
        for (const Json& v : j.at("excludeIds").items()) c.excludeIds.push_back(v.asInt());
    }
    return c;
}

}  // namespace winnow::core
