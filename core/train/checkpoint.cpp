#include <filesystem>

#include "train_private/train_engine.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace fs = std::filesystem;

namespace winnow::core {

// checkpoint.pt: one torch archive with "model.<name>" tensors (parameters and buffers),
// the optimizer in "optimizer", the next epoch, the normalisation and the config as JSON.
void saveCheckpoint(const fs::path& file, Net& net, torch::optim::SGD* opt, const TrainConfig& cfg,
                    int nextEpoch, const std::vector<float>& mean, const std::vector<float>& stdev) {
    torch::serialize::OutputArchive ar;
    for (auto& [name, t] : net.namedState()) ar.write("model." + name, t.detach().to(torch::kCPU));
    if (opt) {
        torch::serialize::OutputArchive o;
        opt->save(o);
        ar.write("optimizer", o);
    }
    ar.write("next_epoch", torch::tensor(int64_t(nextEpoch)));
    ar.write("mean", torch::tensor(mean));
    ar.write("std", torch::tensor(stdev));
    ar.write("config", c10::IValue(dumpJson(cfg.toJson())));
    // Written through an AtomicFile: a crash or a full disk mid-save leaves the previous
    // checkpoint intact and no temporary behind. Torch's archive writer must never see a
    // failed write (it would throw again from its destructor and abort the process), so the
    // first error is kept and thrown after save_to returns.
    AtomicFile out(file);
    std::string failure;
    try {
        ar.save_to([&](const void* data, size_t size) -> size_t {
            if (!failure.empty()) return size;
            try {
                out.write(data, size);
            } catch (const Error& e) {
                failure = e.what();
            }
            return size;
        });
    } catch (const std::exception& e) {
        if (failure.empty()) {
            std::string w = e.what();
            failure = "writing checkpoint " + file.string() + " failed: " + w.substr(0, w.find('\n'));
        }
    }
    if (!failure.empty()) throw Error(failure);
    out.commit();
    std::error_code ec;
    fs::remove(fs::path(file.string() + ".tmp"), ec);  // left by versions that saved in place
}

int loadCheckpoint(const fs::path& fileOrDir, Net& net, torch::optim::SGD* opt, std::vector<float>* mean,
                   std::vector<float>* stdev) {
    fs::path file = fs::is_directory(fileOrDir) ? fileOrDir / "checkpoint.pt" : fileOrDir;
    if (!fs::exists(file)) throw Error("checkpoint " + file.string() + " does not exist");
    torch::serialize::InputArchive ar;
    try {
        ar.load_from(file.string());
        torch::NoGradGuard ng;
        for (auto& [name, t] : net.namedState()) {
            torch::Tensor v;
            if (!ar.try_read("model." + name, v))
                throw Error("it has no tensor " + name + " (a different model or head size?)");
            if (v.sizes() != t.sizes())
                throw Error("tensor " + name + " has another shape (a different model or class count?)");
            t.copy_(v);
        }
        if (opt) {
            torch::serialize::InputArchive o;
            if (ar.try_read("optimizer", o)) opt->load(o);
        }
        auto readVec = [&](const char* key, std::vector<float>* out) {
            torch::Tensor v;
            if (!out || !ar.try_read(key, v)) return;
            v = v.to(torch::kFloat).contiguous();
            out->assign(v.data_ptr<float>(), v.data_ptr<float>() + v.numel());
        };
        readVec("mean", mean);
        readVec("std", stdev);
        torch::Tensor e;
        ar.read("next_epoch", e);
        return int(e.item<int64_t>());
    } catch (const Error& e) {
        throw Error("cannot use checkpoint " + file.string() + ": " + e.what());
    } catch (const std::exception& e) {
        std::string w = e.what();
        throw Error("cannot read checkpoint " + file.string() + ": " + w.substr(0, w.find('\n')));
    }
}

}  // namespace winnow::core
