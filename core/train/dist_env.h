#pragma once
// Where this process sits in a multi-process run (issue 12), read from the environment its
// launcher set. No torch types: the CLI reports and checks it before any process group exists.
//
// torchrun (any of RANK, WORLD_SIZE, LOCAL_RANK set): RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR
// and MASTER_PORT are all required; LOCAL_WORLD_SIZE is checked when present.
// Slurm (SLURM_PROCID set, no torchrun variable): SLURM_PROCID, SLURM_NTASKS (or the older
// SLURM_NPROCS) and SLURM_LOCALID are required; the master is MASTER_ADDR when set, else the
// first host of SLURM_JOB_NODELIST (or SLURM_NODELIST, compressed form such as
// "node[01-03,07]"); the port is MASTER_PORT when set, else kDefaultMasterPort.
// torchrun started inside a Slurm allocation sets both: its variables win, since they describe
// this process. Neither: one process (rank 0 of 1).
// Missing, malformed or inconsistent variables throw Error naming the variable, its value and
// the launcher.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace winnow::core {

constexpr int kDefaultMasterPort = 29500;  // torchrun's default, for Slurm jobs without MASTER_PORT

struct DistEnv {
    std::string launcher = "none";  // "none", "torchrun" or "slurm"
    int rank = 0;
    int worldSize = 1;
    int localRank = 0;
    std::string masterAddr;  // empty for "none"
    int masterPort = 0;      // 0 for "none"
    bool multiProcess() const { return worldSize > 1; }
};

// Returns the value of a variable, or nullopt when it is unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

DistEnv parseDistEnv(const EnvLookup& env);
// parseDistEnv over this process's environment (getenv).
DistEnv distEnvFromProcess();

// Expands a Slurm host list: comma-separated hosts, each with any number of bracket groups of
// numbers and zero-padded ranges ("node[01-03,07]" -> node01 node02 node03 node07;
// "r[1-2]-n[3-4]" -> r1-n3 r1-n4 r2-n3 r2-n4). Throws Error naming the list on unbalanced or
// nested brackets, empty names, a range that runs backwards or holds something else than
// digits, or more than a million hosts.
std::vector<std::string> expandSlurmNodeList(const std::string& list);

}  // namespace winnow::core
