#pragma once
#include "core/train/train_config.h"

namespace winnow::core {

class Project;

// Refuses a training configuration whose settings are out of range, before anything is
// written (no run row, no outputs folder): throws InvalidSetting naming the setting, the
// value and the allowed range. The second form also checks the settings that depend on the
// project (cross-validation folds against its labelled training samples). trainRun calls it.
void checkTrainConfig(const TrainConfig& c);
void checkTrainConfig(Project& project, const TrainConfig& c);

}  // namespace winnow::core
