#include "core/train/config_check.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/store/project.h"
#include "core/util/invalid_setting.h"

namespace winnow::core {
namespace {

// Numbers in messages through a classic-locale stream: the desktop's locale never shows.
std::string num(double v) {
    std::ostringstream s;
    s.imbue(std::locale::classic());
    s << v;
    return s.str();
}

void wholeAtLeast(const char* what, long long v, long long lo) {
    if (v < lo)
        throw InvalidSetting(std::string(what) + " must be at least " + std::to_string(lo) + ", got " +
                             std::to_string(v));
}

}  // namespace

void checkTrainConfig(const TrainConfig& c) {
    if (!std::isfinite(c.lr) || c.lr <= 0)
        throw InvalidSetting("learning rate (--lr) must be > 0, got " + num(c.lr));
    if (!std::isfinite(c.weightDecay) || c.weightDecay < 0)
        throw InvalidSetting("weight decay (--weight-decay) must be >= 0, got " + num(c.weightDecay));
    if (!std::isfinite(c.momentum) || c.momentum < 0 || c.momentum >= 1)
        throw InvalidSetting("momentum (--momentum) must be in [0, 1), got " + num(c.momentum));
    wholeAtLeast("epochs (--epochs)", c.epochs, 1);
    wholeAtLeast("batch size (--batch)", c.batchSize, 2);
    wholeAtLeast("evaluation batch size (--eval-batch)", c.evalBatchSize, 1);
    wholeAtLeast("frames per clip (--frames)", c.framesPerClip, 1);
    wholeAtLeast("input size (--input-size; 0 = the dataset's)", c.inputSize, 0);
    wholeAtLeast("threads (--threads; 0 = LibTorch's default)", c.threads, 0);
    wholeAtLeast("loader threads (--loader-threads)", c.loaderThreads, 1);
    wholeAtLeast("subset (--subset; 0 = all)", c.subset, 0);
    if (c.crossValFolds == 1 || c.crossValFolds < 0)
        throw InvalidSetting("cross-validation folds (--cross-val) must be at least 2 (or 0 for none), got " +
                             std::to_string(c.crossValFolds));
}

void checkTrainConfig(Project& project, const TrainConfig& c) {
    checkTrainConfig(c);
    if (c.crossValFolds > 1) {
        // The folds split the labelled, readable training samples (of the subset, if any).
        int64_t n = project.db().queryInt64(
            "SELECT count(*) FROM samples WHERE split=0 AND status=0 AND label IS NOT NULL");
        if (c.subset > 0) n = std::min(n, c.subset);
        if (c.crossValFolds > n)
            throw InvalidSetting("--cross-val " + std::to_string(c.crossValFolds) +
                                 " must be in [2, " + std::to_string(std::max<int64_t>(n, 2)) +
                                 "]: at most the number of labelled training samples (" +
                                 std::to_string(n) + ")");
    }
}

}  // namespace winnow::core
