#include "train_private/net.h"

#include "train_private/sync_batch_norm.h"

#include "core/util/error.h"

namespace winnow::core {

namespace nn = torch::nn;

std::pair<torch::Tensor, torch::Tensor> Net::forwardBoth(const torch::Tensor& x) {
    torch::Tensor h = features(x);
    if (m_hasBottleneck) {
        h = torch::relu(m_head[0]->as<nn::Linear>()->forward(h));
        return {h, m_head[1]->as<nn::Linear>()->forward(h)};
    }
    return {h, m_head[0]->as<nn::Linear>()->forward(h)};
}

void Net::buildHead(int backboneDim, int bottleneck, int classes) {
    m_head = nn::Sequential();
    m_classes = classes;
    m_hasBottleneck = bottleneck > 0;
    if (m_hasBottleneck) {
        m_head->push_back(nn::Linear(backboneDim, bottleneck));
        m_head->push_back(nn::Linear(bottleneck, classes));
        m_featureDim = bottleneck;
    } else {
        m_head->push_back(nn::Linear(backboneDim, classes));
        m_featureDim = backboneDim;
    }
}

std::vector<torch::Tensor> Net::parameters() {
    auto p = backboneParameters();
    for (auto& t : m_head->parameters()) p.push_back(t);
    return p;
}

std::vector<std::pair<std::string, torch::Tensor>> Net::namedState() {
    auto s = backboneState();
    for (auto& kv : m_head->named_parameters()) s.emplace_back("head." + kv.key(), kv.value());
    return s;
}

void Net::train(bool on) {
    backboneTrain(on);
    m_head->train(on);
}

void Net::to(const torch::Device& d) {
    backboneTo(d);
    m_head->to(d);
}

namespace {

// A Net whose backbone is a torch::nn module.
class ModuleNet : public Net {
public:
    ModuleNet(nn::Sequential backbone, int dim, int bottleneck, int classes)
        : m_backbone(std::move(backbone)), m_holder(m_backbone.ptr()) {
        buildHead(dim, bottleneck, classes);
    }
    torch::Tensor features(const torch::Tensor& x) override {
        return m_backbone->forward(x).flatten(1);
    }

protected:
    std::vector<torch::Tensor> backboneParameters() override { return m_holder->parameters(); }
    std::vector<std::pair<std::string, torch::Tensor>> backboneState() override {
        std::vector<std::pair<std::string, torch::Tensor>> s;
        for (auto& kv : m_holder->named_parameters()) s.emplace_back("backbone." + kv.key(), kv.value());
        for (auto& kv : m_holder->named_buffers()) s.emplace_back("backbone." + kv.key(), kv.value());
        return s;
    }
    void backboneTrain(bool on) override { m_holder->train(on); }
    void backboneTo(const torch::Device& d) override { m_holder->to(d); }

private:
    nn::Sequential m_backbone;
    std::shared_ptr<nn::Module> m_holder;
};

nn::Conv2d conv3(int in, int out, int stride) {
    return nn::Conv2d(nn::Conv2dOptions(in, out, 3).stride(stride).padding(1).bias(false));
}

// CIFAR ResNet block with the parameter-free "option A" shortcut: stride-2 subsampling and
// zero-padded extra channels.
struct BlockAImpl : nn::Module {
    BlockAImpl(int in, int out, int stride)
        : c1(register_module("c1", conv3(in, out, stride))),
          b1(register_module("b1", SyncBatchNorm2d(out))),
          c2(register_module("c2", conv3(out, out, 1))),
          b2(register_module("b2", SyncBatchNorm2d(out))),
          m_stride(stride), m_pad(out - in) {}
    torch::Tensor forward(const torch::Tensor& x) {
        auto y = b2(c2(torch::relu(b1(c1(x)))));
        torch::Tensor sc = x;
        if (m_stride != 1 || m_pad != 0) {
            sc = x.slice(2, 0, c10::nullopt, m_stride).slice(3, 0, c10::nullopt, m_stride);
            sc = torch::constant_pad_nd(sc, {0, 0, 0, 0, m_pad / 2, m_pad - m_pad / 2});
        }
        return torch::relu(y + sc);
    }
    nn::Conv2d c1;
    SyncBatchNorm2d b1;
    nn::Conv2d c2;
    SyncBatchNorm2d b2;
    int m_stride, m_pad;
};
TORCH_MODULE(BlockA);

// ResNet-18 basic block with a 1x1 projection shortcut when the shape changes.
struct BlockBImpl : nn::Module {
    BlockBImpl(int in, int out, int stride)
        : c1(register_module("c1", conv3(in, out, stride))),
          b1(register_module("b1", SyncBatchNorm2d(out))),
          c2(register_module("c2", conv3(out, out, 1))),
          b2(register_module("b2", SyncBatchNorm2d(out))) {
        if (stride != 1 || in != out) {
            proj = register_module("proj", nn::Sequential(
                nn::Conv2d(nn::Conv2dOptions(in, out, 1).stride(stride).bias(false)),
                SyncBatchNorm2d(out)));
        }
    }
    torch::Tensor forward(const torch::Tensor& x) {
        auto y = b2(c2(torch::relu(b1(c1(x)))));
        return torch::relu(y + (proj ? proj->forward(x) : x));
    }
    nn::Conv2d c1;
    SyncBatchNorm2d b1;
    nn::Conv2d c2;
    SyncBatchNorm2d b2;
    nn::Sequential proj{nullptr};
};
TORCH_MODULE(BlockB);

std::unique_ptr<Net> cnnSmall(int c, int h, int w, int bottleneck, int classes) {
    // The exact layout; the linear(->128)+ReLU output is the backbone's feature h.
    auto seq = nn::Sequential(
        nn::Conv2d(nn::Conv2dOptions(c, 32, 3).padding(1)), SyncBatchNorm2d(32), nn::ReLU(),
        nn::MaxPool2d(2),
        nn::Conv2d(nn::Conv2dOptions(32, 64, 3).padding(1)), SyncBatchNorm2d(64), nn::ReLU(),
        nn::MaxPool2d(2), nn::Flatten(), nn::Linear(64 * (h / 4) * (w / 4), 128), nn::ReLU());
    return std::make_unique<ModuleNet>(seq, 128, bottleneck, classes);
}

std::unique_ptr<Net> resnet32(int c, int bottleneck, int classes) {
    auto seq = nn::Sequential(conv3(c, 16, 1), SyncBatchNorm2d(16), nn::ReLU());
    int in = 16;
    for (int stage = 0; stage < 3; ++stage) {
        int out = 16 << stage;
        for (int b = 0; b < 5; ++b) {
            seq->push_back(BlockA(in, out, (b == 0 && stage > 0) ? 2 : 1));
            in = out;
        }
    }
    seq->push_back(nn::AdaptiveAvgPool2d(1));
    seq->push_back(nn::Flatten());
    return std::make_unique<ModuleNet>(seq, 64, bottleneck, classes);
}

std::unique_ptr<Net> resnet18(int c, int h, int bottleneck, int classes) {
    nn::Sequential seq;
    if (h <= 64) {
        // Small inputs (28-64 px): the CIFAR stem (3x3, stride 1, no max-pool) keeps resolution.
        seq = nn::Sequential(conv3(c, 64, 1), SyncBatchNorm2d(64), nn::ReLU());
    } else {
        seq = nn::Sequential(
            nn::Conv2d(nn::Conv2dOptions(c, 64, 7).stride(2).padding(3).bias(false)),
            SyncBatchNorm2d(64), nn::ReLU(), nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1)));
    }
    int in = 64;
    for (int stage = 0; stage < 4; ++stage) {
        int out = 64 << stage;
        for (int b = 0; b < 2; ++b) {
            seq->push_back(BlockB(in, out, (b == 0 && stage > 0) ? 2 : 1));
            in = out;
        }
    }
    seq->push_back(nn::AdaptiveAvgPool2d(1));
    seq->push_back(nn::Flatten());
    return std::make_unique<ModuleNet>(seq, 512, bottleneck, classes);
}

// A user TorchScript module mapping N x C x H x W to N x D (or N x D x 1 x 1) features.
class ScriptNet : public Net {
public:
    ScriptNet(const std::string& path, int c, int h, int w, int bottleneck, int classes) {
        try {
            m_module = torch::jit::load(path);
        } catch (const std::exception& e) {
            std::string what = e.what();
            throw Error("cannot load TorchScript backbone " + path + ": " +
                        what.substr(0, what.find('\n')));
        }
        int dim = 0;
        try {
            torch::NoGradGuard ng;
            m_module.eval();
            auto out = m_module.forward({torch::zeros({2, c, h, w})});
            if (!out.isTensor()) throw Error("its forward() does not return a tensor");
            dim = int(out.toTensor().flatten(1).size(1));
        } catch (const Error& e) {
            throw Error("TorchScript backbone " + path + " is unusable: " + e.what());
        } catch (const std::exception& e) {
            std::string what = e.what();
            throw Error("TorchScript backbone " + path + " fails on a " + std::to_string(c) + "x" +
                        std::to_string(h) + "x" + std::to_string(w) + " input: " +
                        what.substr(0, what.find('\n')));
        }
        buildHead(dim, bottleneck, classes);
    }
    torch::Tensor features(const torch::Tensor& x) override {
        // ReLU so h is non-negative like the built-in models' features.
        return torch::relu(m_module.forward({x}).toTensor().flatten(1));
    }

protected:
    std::vector<torch::Tensor> backboneParameters() override {
        std::vector<torch::Tensor> p;
        for (const auto& t : m_module.parameters()) p.push_back(t);
        return p;
    }
    std::vector<std::pair<std::string, torch::Tensor>> backboneState() override {
        std::vector<std::pair<std::string, torch::Tensor>> s;
        for (const auto& kv : m_module.named_parameters()) s.emplace_back("backbone." + kv.name, kv.value);
        for (const auto& kv : m_module.named_buffers()) s.emplace_back("backbone." + kv.name, kv.value);
        return s;
    }
    void backboneTrain(bool on) override { m_module.train(on); }
    void backboneTo(const torch::Device& d) override { m_module.to(d); }

private:
    torch::jit::Module m_module;
};

}  // namespace

std::unique_ptr<Net> makeNet(const std::string& model, const std::string& torchscriptPath,
                             int channels, int height, int width, int bottleneck, int classes) {
    if (classes < 2) throw Error("training needs at least 2 classes, the project has " +
                                 std::to_string(classes));
    if (model == "cnn-small") {
        if (height < 4 || width < 4) throw Error("cnn-small needs inputs of at least 4x4 pixels");
        // Its first dense layer grows with the input: 512x512 would be 134 million weights
        // (a checkpoint over 1 GB). Refused with a hint instead of written.
        const int64_t dense = int64_t(64) * (height / 4) * (width / 4) * 128;
        constexpr int64_t kMaxDense = int64_t(1) << 25;  // 33.5 million weights, 128 MB (256x256)
        if (dense > kMaxDense)
            throw Error("cnn-small at " + std::to_string(width) + "x" + std::to_string(height) + " would hold " +
                        std::to_string(dense / 1000000) + " million weights in its dense layer (a checkpoint of about " +
                        std::to_string(dense * 8 / 1000000) + " MB); use an input size of at most 256 (e.g. "
                        "--input-size 64), or resnet18/resnet32, whose size does not grow with the input");
        return cnnSmall(channels, height, width, bottleneck, classes);
    }
    if (model == "resnet32") return resnet32(channels, bottleneck, classes);
    if (model == "resnet18") return resnet18(channels, height, bottleneck, classes);
    if (model == "torchscript") {
        if (torchscriptPath.empty()) throw Error("model torchscript needs a backbone file (--torchscript)");
        return std::make_unique<ScriptNet>(torchscriptPath, channels, height, width, bottleneck, classes);
    }
    throw Error("unknown model '" + model + "' (use cnn-small, resnet32, resnet18 or torchscript)");
}

}  // namespace winnow::core
