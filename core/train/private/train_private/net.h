#pragma once
// Internal to core/train: torch types. Never include from a public header.
#include <torch/script.h>
#include <torch/torch.h>

#include <memory>
#include <string>
#include <utility>

namespace winnow::core {

// Backbone + optional bottleneck + linear classifier. forwardBoth() returns (h, logits)
// where h is exactly what the classifier sees (after a ReLU), so the influence engine's
// closed-form last-layer gradients match the trained model.
class Net {
public:
    virtual ~Net() = default;
    std::pair<torch::Tensor, torch::Tensor> forwardBoth(const torch::Tensor& x);
    torch::Tensor forward(const torch::Tensor& x) { return forwardBoth(x).second; }
    virtual torch::Tensor features(const torch::Tensor& x) = 0;  // backbone output, flattened

    std::vector<torch::Tensor> parameters();
    // Every parameter and buffer by a stable name (checkpoints).
    std::vector<std::pair<std::string, torch::Tensor>> namedState();
    void train(bool on);
    void to(const torch::Device& d);
    int featureDim() const { return m_featureDim; }
    int classes() const { return m_classes; }

protected:
    void buildHead(int backboneDim, int bottleneck, int classes);
    virtual std::vector<torch::Tensor> backboneParameters() = 0;
    virtual std::vector<std::pair<std::string, torch::Tensor>> backboneState() = 0;
    virtual void backboneTrain(bool on) = 0;
    virtual void backboneTo(const torch::Device& d) = 0;
    torch::nn::Sequential m_head{nullptr};  // [bottleneck linear, ReLU,] final linear
    bool m_hasBottleneck = false;
    int m_featureDim = 0;
    int m_classes = 0;
};

// Builds "cnn-small", "resnet32", "resnet18" or "torchscript" for inputs C x H x W.
// Throws Error (unknown model, unreadable TorchScript file or one that does not map the input
// to a feature tensor).
std::unique_ptr<Net> makeNet(const std::string& model, const std::string& torchscriptPath,
                             int channels, int height, int width, int bottleneck, int classes);

}  // namespace winnow::core
