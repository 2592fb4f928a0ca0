#pragma once
// The process group of a multi-process run (issue 12): PyTorch's c10d (TCPStore + Gloo),
// created from the DistEnv its launcher (torchrun, Slurm) described. No torch types here;
// core/train's engine reaches the c10d group through train_private/dist_tensor.h.
//
// Rank 0 hosts the TCPStore at MASTER_ADDR:MASTER_PORT; every collective and the rendezvous
// wait at most `timeoutSeconds`. A collective that fails (a peer died: its sockets close at
// once; a peer hangs: the timeout) throws Error naming the rank(s) that stopped answering:
// each survivor leaves a mark in the store and waits a short grace for the others' marks.
// World size 1: no store, no group, every call returns at once (zero overhead).
// Test hook: WINNOW_TEST_KILL_AT_COLLECTIVE=N in a rank's environment makes it SIGKILL itself
// as it enters its N-th collective (tests lose a rank at a chosen point; never set otherwise).
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/train/dist_env.h"

namespace winnow::core {

struct DistOptions {
    std::string backend = "auto";  // auto (nccl for CUDA when built with it, else gloo) | gloo | nccl
    int timeoutSeconds = 60;       // rendezvous and every collective
};

class DistGroup {
public:
    // Connects to the group env describes (blocks until every rank joined or the timeout).
    // `device` is the resolved compute device ("cpu" or "cuda"). Throws Error naming the
    // master address and port, the backend or the timeout.
    static std::unique_ptr<DistGroup> create(const DistEnv& env, const DistOptions& opts, const std::string& device);
    // A group of one (rank 0 of 1): no store, no sockets.
    static std::unique_ptr<DistGroup> single();
    ~DistGroup();

    int rank() const { return m_rank; }
    int worldSize() const { return m_world; }
    bool active() const { return m_world > 1; }
    bool writer() const { return m_rank == 0; }  // the one process that writes the project
    const std::string& backend() const { return m_backend; }

    // Sums element-wise over all ranks, in place (float64 on the wire: exact for counts).
    void allReduceSum(std::vector<double>& v);
    // Rank `root`'s values on every rank.
    void broadcast(std::vector<int64_t>& v, int root = 0);
    void barrier();

    // Turns an exception thrown by a collective into Error "rank R: OP failed: rank(s) X ...".
    [[noreturn]] void failCollective(const std::string& op, const std::exception& e);

    struct Impl;
    Impl* impl() { return m_impl.get(); }

private:
    DistGroup() = default;
    int m_rank = 0;
    int m_world = 1;
    std::string m_backend = "none";
    std::unique_ptr<Impl> m_impl;
};

// "gloo" or "nccl" for `requested` on `device`; throws Error for nccl where this build has
// none or for an unknown name.
std::string chooseDistBackend(const std::string& requested, const std::string& device);

}  // namespace winnow::core
