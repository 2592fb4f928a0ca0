// c10d stays in this file: TCPStore + ProcessGroupGloo (LibTorch 1.13 and 2.x).
#include "core/train/dist_group.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <thread>

#include "train_private/dist_tensor.h"
#include "core/util/error.h"

#if defined(WINNOW_WITH_GLOO)
#ifndef USE_C10D_GLOO
#define USE_C10D_GLOO
#endif
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/version.h>
#endif

namespace winnow::core {

namespace {

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

std::atomic<DistGroup*> g_batchNormGroup{nullptr};

}  // namespace

std::string chooseDistBackend(const std::string& requested, const std::string& device) {
    if (requested != "auto" && requested != "gloo" && requested != "nccl")
        throw Error("unknown distributed backend '" + requested + "' (auto, gloo, nccl)");
    // This build's c10d has Gloo only (Debian's LibTorch is CPU-only; NCCL comes with a CUDA
    // LibTorch, where this choice is the place to add it).
    if (requested == "nccl")
        throw Error(std::string("the distributed backend nccl is not available in this build (device ") + device +
                    "); use --dist-backend gloo");
#if !defined(WINNOW_WITH_GLOO)
    throw Error("this build has no distributed backend (Gloo's headers were missing when it was built); "
                "run one process");
#else
    return "gloo";
#endif
}

#if defined(WINNOW_WITH_GLOO)

#if TORCH_VERSION_MAJOR >= 2
using GroupBase = c10d::Backend;
#else
using GroupBase = c10d::ProcessGroup;
#endif

struct DistGroup::Impl {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<GroupBase> pg;
    std::chrono::milliseconds timeout{60000};
    std::string where;  // MASTER_ADDR:MASTER_PORT
};

namespace {

bool servesStore(const DistEnv& env, bool agentStore) { return env.rank == 0 && !agentStore; }

bool isLoopback(const std::string& host) {
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1";
}

// Test hook (tests/cli/tst_cli_distributed.cpp): WINNOW_TEST_KILL_AT_COLLECTIVE=N makes this
// process SIGKILL itself as it enters its N-th collective operation, so a test can lose a rank
// at a chosen point of a run. Unset (always, outside tests): nothing happens.
void killHereForTest() {
    static const long at = [] {
        const char* v = std::getenv("WINNOW_TEST_KILL_AT_COLLECTIVE");
        return v && *v ? std::strtol(v, nullptr, 10) : 0L;
    }();
    static std::atomic<long> count{0};
    if (at > 0 && ++count == at) ::raise(SIGKILL);
}

template <class WorkPtr>
void waitFor(DistGroup& g, const WorkPtr& work, const char* what) {
    try {
        work->wait();
    } catch (const std::exception& e) {
        g.failCollective(what, e);
    }
}

}  // namespace

std::unique_ptr<DistGroup> DistGroup::create(const DistEnv& env, const DistOptions& opts, const std::string& device) {
    if (!env.multiProcess()) return single();
    if (opts.timeoutSeconds < 1) throw Error("the distributed timeout must be at least 1 second");
    std::unique_ptr<DistGroup> g(new DistGroup());
    g->m_rank = env.rank;
    g->m_world = env.worldSize;
    g->m_backend = chooseDistBackend(opts.backend, device);
    g->m_impl = std::make_unique<Impl>();
    auto& im = *g->m_impl;
    im.timeout = std::chrono::milliseconds(int64_t(opts.timeoutSeconds) * 1000);
    im.where = env.masterAddr + ":" + std::to_string(env.masterPort);
    const std::string who = "rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize);
    // torchrun's agent already serves a store at MASTER_PORT and says so: every rank is then
    // its client (as torch.distributed does). Keys go under a prefix per restart.
    const char* agent = std::getenv("TORCHELASTIC_USE_AGENT_STORE");
    const bool agentStore = agent && std::string(agent) == "True";
    const char* restart = std::getenv("TORCHELASTIC_RESTART_COUNT");
    const std::string prefix = std::string("winnow/") + (restart && *restart ? restart : "0");
    try {
        c10d::TCPStoreOptions so;
        so.port = uint16_t(env.masterPort);
        so.isServer = env.rank == 0 && !agentStore;
        so.numWorkers = size_t(env.worldSize);
        so.waitWorkers = true;
        so.timeout = im.timeout;
        im.store = c10::make_intrusive<c10d::PrefixStore>(prefix, c10::make_intrusive<c10d::TCPStore>(env.masterAddr, so));
    } catch (const std::exception& e) {
        throw Error(who + ": the rendezvous store at " + im.where +
                    (servesStore(env, agentStore) ? " could not be opened" : " could not be reached") + " within " +
                    std::to_string(opts.timeoutSeconds) + " s (MASTER_ADDR/MASTER_PORT): " + firstLine(e.what()));
    }
    try {
        auto o = c10d::ProcessGroupGloo::Options::create(im.timeout);
        if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
            o->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
        else if (isLoopback(env.masterAddr))  // every rank on this machine: stay on loopback
            o->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            o->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        im.pg = c10::make_intrusive<c10d::ProcessGroupGloo>(im.store, env.rank, env.worldSize, o);
    } catch (const std::exception& e) {
        throw Error(who + ": the Gloo process group (store " + im.where + ") did not form within " +
                    std::to_string(opts.timeoutSeconds) + " s: " + firstLine(e.what()));
    }
    return g;
}

void DistGroup::allReduceSum(std::vector<double>& v) {
    if (!active() || v.empty()) return;
    killHereForTest();
    auto t = torch::from_blob(v.data(), {int64_t(v.size())}, torch::kDouble);
    std::vector<at::Tensor> ts{t};
    waitFor(*this, m_impl->pg->allreduce(ts), "all-reduce");
}

void DistGroup::broadcast(std::vector<int64_t>& v, int root) {
    if (!active() || v.empty()) return;
    killHereForTest();
    auto t = torch::from_blob(v.data(), {int64_t(v.size())}, torch::kLong);
    std::vector<at::Tensor> ts{t};
    c10d::BroadcastOptions o;
    o.rootRank = root;
    waitFor(*this, m_impl->pg->broadcast(ts, o), "broadcast");
}

void DistGroup::barrier() {
    if (!active()) return;
    killHereForTest();
    waitFor(*this, m_impl->pg->barrier(), "barrier");
}

void DistGroup::failCollective(const std::string& op, const std::exception& e) {
    const std::string prefix = "rank " + std::to_string(m_rank) + ": " + op + " failed: ";
    const std::string cause = " (" + firstLine(e.what()) + ")";
    if (!active() || !m_impl) throw Error(prefix + firstLine(e.what()));
    // Each survivor leaves a mark; whoever leaves none within the grace has died or hangs.
    std::vector<int> silent;
    try {
        auto& st = *m_impl->store;
        st.set("winnow/failed/" + std::to_string(m_rank), std::vector<uint8_t>{'1'});
        const auto grace = std::min<std::chrono::milliseconds>(m_impl->timeout, std::chrono::milliseconds(5000));
        const auto end = std::chrono::steady_clock::now() + grace;
        for (;;) {
            silent.clear();
            for (int r = 0; r < m_world; ++r)
                if (r != m_rank && !st.check({"winnow/failed/" + std::to_string(r)})) silent.push_back(r);
            if (silent.empty() || std::chrono::steady_clock::now() >= end) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    } catch (const std::exception&) {
        throw Error(prefix + "rank 0 (the rendezvous store at " + m_impl->where +
                    ") died or stopped answering" + cause);
    }
    if (silent.empty()) throw Error(prefix + "every other rank is alive but the collective broke" + cause);
    std::string list;
    for (int r : silent) list += (list.empty() ? "" : ", ") + std::to_string(r);
    throw Error(prefix + (silent.size() == 1 ? "rank " : "ranks ") + list +
                (silent.size() == 1 ? " died or stopped answering" : " died or stopped answering") + cause);
}

void allReduceSum(DistGroup& g, torch::Tensor& t, const char* what) {
    if (!g.active()) return;
    killHereForTest();
    const bool host = t.device().is_cpu() && t.is_contiguous();
    torch::Tensor buf = host ? t : t.to(torch::kCPU).contiguous();
    std::vector<at::Tensor> ts{buf};
    waitFor(g, g.impl()->pg->allreduce(ts), what);
    if (!host) t.copy_(buf);
}

void broadcastTensor(DistGroup& g, torch::Tensor& t, int root, const char* what) {
    if (!g.active()) return;
    killHereForTest();
    const bool host = t.device().is_cpu() && t.is_contiguous();
    torch::Tensor buf = host ? t : t.to(torch::kCPU).contiguous();
    std::vector<at::Tensor> ts{buf};
    c10d::BroadcastOptions o;
    o.rootRank = root;
    waitFor(g, g.impl()->pg->broadcast(ts, o), what);
    if (!host) t.copy_(buf);
}

#else  // no Gloo: only groups of one

struct DistGroup::Impl {};

std::unique_ptr<DistGroup> DistGroup::create(const DistEnv& env, const DistOptions& opts, const std::string& device) {
    if (!env.multiProcess()) return single();
    chooseDistBackend(opts.backend, device);  // throws
    return single();
}
void DistGroup::allReduceSum(std::vector<double>&) {}
void DistGroup::broadcast(std::vector<int64_t>&, int) {}
void DistGroup::barrier() {}
void DistGroup::failCollective(const std::string& op, const std::exception& e) {
    throw Error("rank " + std::to_string(m_rank) + ": " + op + " failed: " + firstLine(e.what()));
}
void allReduceSum(DistGroup&, torch::Tensor&, const char*) {}
void broadcastTensor(DistGroup&, torch::Tensor&, int, const char*) {}

#endif

std::unique_ptr<DistGroup> DistGroup::single() { return std::unique_ptr<DistGroup>(new DistGroup()); }

DistGroup::~DistGroup() = default;

DistGroup* batchNormGroup() { return g_batchNormGroup.load(); }

BatchNormGroupScope::BatchNormGroupScope(DistGroup* g) : m_previous(g_batchNormGroup.exchange(g)) {}

BatchNormGroupScope::~BatchNormGroupScope() { g_batchNormGroup.store(m_previous); }

}  // namespace winnow::core
