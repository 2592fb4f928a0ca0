#pragma once
#include <string>
#include <vector>

#include "core/train/train_config.h"

namespace winnow::core {

// The command line that trains a TrainConfig in another process: the GUI's Train dialog
// starts `torchrun ... --no_python winnow-cli train ...` for a run of several processes
// (docs/distributed.md). Each argument is one element: nothing goes through a shell.

// `winnow-cli train` arguments (without the program and the "train" word) that make the
// CLI train exactly `cfg` on `projectFile`, printing one JSON object per line (--json).
// Only fields that differ from TrainConfig's defaults are written (the CLI starts from the
// same defaults). A resumed run (resumeRunId > 0) passes --resume with only --device and
// --threads, as the CLI requires. Numbers never follow the locale.
// Throws InvalidSetting naming the field when cfg holds something the CLI cannot be given
// (an exclusion list, a post-training parent run, step milestones other than the defaults…).
std::vector<std::string> trainCliArguments(const std::string& projectFile, const TrainConfig& cfg);

struct LaunchCommand {
    std::string program;
    std::vector<std::string> arguments;
};

// `launcher --nproc_per_node=N [--master_addr=127.0.0.1 --master_port=P] -r 1 -t 1 --no_python
// cli train <trainCliArguments>`. The master options are given when `masterPort` > 0 (the GUI
// passes a free loopback port, pickLoopbackPort, so two runs at once do not both take torchrun's
// default 29500); 0 leaves torchrun's defaults.
// `-r 1 -t 1` (stdout of every rank to a log file, teed to the console with a "[defaultK]:"
// prefix) is how Debian 12's torchrun (torch 1.13, Python 3.11) runs; without it, it fails
// with "'NoneType' object has no attribute 'get'". Throws InvalidSetting for processes < 1 or a
// port outside 0..65535.
LaunchCommand torchrunTrainCommand(const std::string& launcher, int processes, const std::string& cliPath,
                                   const std::string& projectFile, const TrainConfig& cfg, int masterPort = 0);

}  // namespace winnow::core
