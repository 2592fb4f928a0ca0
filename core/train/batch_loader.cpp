#include "train_private/batch_loader.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "core/util/error.h"
#include "core/util/parallel.h"

namespace winnow::core {

namespace {

std::atomic<int64_t> g_liveRows{0};
std::atomic<int64_t> g_peakRows{0};

void addLive(int64_t n) {
    const int64_t now = g_liveRows.fetch_add(n) + n;
    int64_t peak = g_peakRows.load();
    while (now > peak && !g_peakRows.compare_exchange_weak(peak, now)) {
    }
}

// Thrown inside a worker when the loader is being destroyed: the batch is abandoned.
struct Abandoned {};

}  // namespace

LoaderStats loaderStats() { return {g_liveRows.load(), g_peakRows.load()}; }

void resetLoaderPeak() { g_peakRows.store(g_liveRows.load()); }

struct BatchLoader::State {
    State(const TrainData& data, size_t n, Planner p, int depth, SkipLog* s, const CancelToken* c)
        : d(data), count(n), planner(std::move(p)), prefetch(std::max(1, depth)), skips(s), cancel(c) {}
    const TrainData& d;
    std::vector<float> lut;
    size_t count;
    Planner planner;
    size_t prefetch;
    SkipLog* skips;
    const CancelToken* cancel;

    std::mutex mu;
    std::condition_variable cv;
    size_t planned = 0;   // batches handed to a worker
    size_t released = 0;  // batches whose slot came back (consumed, or failed while building)
    size_t delivered = 0;
    std::atomic<bool> stop{false};  // read without the lock between items
    std::exception_ptr error;
    std::map<size_t, LoadedBatch> ready;
    std::unique_ptr<WorkerThreads> workers;  // joined by ~BatchLoader
    std::weak_ptr<State> weakSelf;

    void work();
    LoadedBatch build(size_t index, const BatchPlan& plan, RowReader& reader, std::shared_ptr<void> lease);
    // Reads one item into x at frame slot k*F; false (and logged) when its file fails.
    bool load(RowReader& reader, const ItemPlan& it, bool train, float* x, size_t k,
              std::vector<int64_t>* frames, LoadedBatch& bt);
};

bool BatchLoader::State::load(RowReader& reader, const ItemPlan& it, bool train, float* x, size_t k,
                              std::vector<int64_t>* frames, LoadedBatch& bt) {
    if (skips && skips->contains(it.row)) return false;
    const uint8_t* p = nullptr;
    try {
        p = reader.read(size_t(it.row), train ? SamplingMode::Train : SamplingMode::Eval, it.clipSeed, frames);
    } catch (const Error& e) {
        if (!skips) throw;
        const std::string msg = std::string("skipped a sample that no longer decodes: ") + e.what();
        if (skips->add(it.row, msg)) bt.newSkips.push_back(msg);
        return false;
    }
    const size_t frameFloats = d.frameBytes();
    for (int f = 0; f < d.frames; ++f)
        fillFrame(p + size_t(f) * d.frameBytes(), d.channels, d.height, d.width, lut.data(), it.ox, it.oy,
                  it.flip, x + (k * size_t(d.frames) + size_t(f)) * frameFloats);
    return true;
}

LoadedBatch BatchLoader::State::build(size_t index, const BatchPlan& plan, RowReader& reader,
                                      std::shared_ptr<void> lease) {
    LoadedBatch bt;
    bt.index = index;
    bt.lease = std::move(lease);
    const size_t n = plan.items.size();
    const int64_t F = d.frames, C = d.channels, H = d.height, W = d.width;
    const bool mixed = !plan.fg.empty();
    bt.x = torch::empty({int64_t(n) * F, C, H, W});
    torch::Tensor xf = mixed ? torch::empty({int64_t(n) * F, C, H, W}) : torch::Tensor();
    std::vector<int64_t> labels, fgLabels, frames;
    size_t k = 0;
    for (size_t i = 0; i < n; ++i) {
        if (stop) throw Abandoned{};
        if (cancel) cancel->throwIfCancelled();
        const ItemPlan& it = plan.items[i];
        if (!load(reader, it, plan.train, bt.x.data_ptr<float>(), k, d.clips ? &frames : nullptr, bt)) continue;
        if (mixed && !load(reader, plan.fg[i], plan.train, xf.data_ptr<float>(), k, nullptr, bt)) continue;
        bt.rows.push_back(it.row);
        labels.push_back(d.label[size_t(it.row)]);
        if (mixed) fgLabels.push_back(d.label[size_t(plan.fg[i].row)]);
        if (d.clips) bt.frameIndex.insert(bt.frameIndex.end(), frames.begin(), frames.end());
        ++k;
    }
    bt.x = bt.x.narrow(0, 0, int64_t(k) * F);
    bt.y = torch::tensor(labels, torch::kLong);
    if (mixed) {
        const CutBox& box = plan.box;
        if (box.x1 > box.x0 && box.y1 > box.y0 && k > 0) {
            auto region = [&](const torch::Tensor& t) {
                return t.narrow(2, box.y0, box.y1 - box.y0).narrow(3, box.x0, box.x1 - box.x0);
            };
            region(bt.x).copy_(region(xf.narrow(0, 0, int64_t(k) * F)));
        }
        bt.yFg = torch::tensor(fgLabels, torch::kLong);
        bt.lambda = box.lambda;
        bt.mixed = true;
    }
    return bt;
}

void BatchLoader::State::work() {
    RowReader reader(d);
    for (;;) {
        size_t b = 0;
        BatchPlan plan;
        std::shared_ptr<void> lease;
        {
            std::unique_lock<std::mutex> lock(mu);
            cv.wait(lock, [&] { return stop || error || planned >= count || planned < released + prefetch; });
            if (stop || error || planned >= count) return;
            b = planned++;
            try {
                plan = planner(b);  // under the lock: plans are drawn strictly in batch order
            } catch (...) {
                error = std::current_exception();
                cv.notify_all();
                return;
            }
            const int64_t rows = int64_t(plan.items.size() + plan.fg.size());
            addLive(rows);
            // The slot comes back when the consumer drops the batch, even after the loader
            // is gone (then only the counter moves).
            std::weak_ptr<State> self = weakSelf;
            lease = std::shared_ptr<void>(nullptr, [self, rows](void*) {
                g_liveRows.fetch_sub(rows);
                if (auto s = self.lock()) {
                    std::lock_guard<std::mutex> l(s->mu);
                    ++s->released;
                    s->cv.notify_all();
                }
            });
        }
        try {
            LoadedBatch bt = build(b, plan, reader, std::move(lease));
            std::lock_guard<std::mutex> lock(mu);
            ready.emplace(b, std::move(bt));
            cv.notify_all();
        } catch (const Abandoned&) {
            return;
        } catch (...) {
            std::lock_guard<std::mutex> lock(mu);
            if (!error) error = std::current_exception();
            cv.notify_all();
            return;
        }
    }
}

BatchLoader::BatchLoader(const TrainData& d, const std::vector<float>& mean, const std::vector<float>& stdev,
                         size_t count, Planner planner, int threads, int prefetch, SkipLog* skips,
                         const CancelToken* cancel)
    : m_state(std::make_shared<State>(d, count, std::move(planner), prefetch, skips, cancel)) {
    m_state->weakSelf = m_state;
    m_state->lut = normaliseTable(mean, stdev);
    const int n = int(std::min<size_t>(size_t(std::max(1, threads)), std::max<size_t>(1, count)));
    State* s = m_state.get();
    // Whatever escapes a worker (even its reader's set-up) becomes the loader's error, which
    // next() rethrows on the training thread.
    s->workers = std::make_unique<WorkerThreads>(n, [s](int) { s->work(); }, [s](std::exception_ptr e) {
        std::lock_guard<std::mutex> lock(s->mu);
        if (!s->error) s->error = e;
        s->cv.notify_all();
    });
    if (s->workers->started() == 0) throw Error("cannot start the threads that load training batches");
}

BatchLoader::~BatchLoader() {
    {
        std::lock_guard<std::mutex> lock(m_state->mu);
        m_state->stop = true;
    }
    m_state->cv.notify_all();
    m_state->workers->join();
}

std::optional<LoadedBatch> BatchLoader::next() {
    State& s = *m_state;
    std::unique_lock<std::mutex> lock(s.mu);
    if (s.delivered >= s.count) return std::nullopt;
    for (;;) {
        if (s.cancel && s.cancel->cancelled()) break;
        if (s.ready.count(s.delivered)) break;
        if (s.error) std::rethrow_exception(s.error);
        // Wakes on every finished batch; the timeout only bounds how late a cancel is seen.
        s.cv.wait_for(lock, std::chrono::milliseconds(50));
    }
    if (s.cancel) s.cancel->throwIfCancelled();
    auto it = s.ready.find(s.delivered);
    LoadedBatch bt = std::move(it->second);
    s.ready.erase(it);
    ++s.delivered;
    return bt;
}

}  // namespace winnow::core
