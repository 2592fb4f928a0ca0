#pragma once
#include <QString>
#include <QStringList>
#include <filesystem>

#include "core/train/train_config.h"

namespace winnow::widgets {

// Where the Train dialog's runs of several processes come from (issue 12, docs/distributed.md).

// The launcher: $WINNOW_TORCHRUN when set (a program name or path; tests name a fake one),
// else torchrun on PATH. Empty when there is none: the dialog then offers one process only.
QString torchrunProgram();
// winnow-cli: $WINNOW_CLI when set, else beside this program (an installed bin/), else in the
// build tree (app/gui/../cli/), else on PATH. Empty when none is found.
QString winnowCliProgram();

struct ProcessLaunch {
    QString program;
    QStringList arguments;
};

// `launcher --nproc_per_node=N --master_addr=127.0.0.1 --master_port=P -r 1 -t 1 --no_python
// cli train <cfg's options> --json` (core::torchrunTrainCommand). P is `masterPort`, or when 0 a
// free loopback port chosen now (core::pickLoopbackPort: never one this program handed out
// before), so two runs at once do not collide on torchrun's default 29500. Throws
// core::InvalidSetting for a setting the CLI cannot take, core::Error when no port is free.
ProcessLaunch trainLaunch(const QString& launcher, int processes, const QString& cli,
                          const std::filesystem::path& projectFile, const core::TrainConfig& cfg, int masterPort = 0);

}  // namespace winnow::widgets
