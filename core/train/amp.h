#pragma once
// Internal to core/train: bfloat16 autocast on CUDA for the forward pass. bfloat16 has
// float32's exponent range, so no loss scaler is needed (LibTorch has no GradScaler).
namespace winnow::core {

class AutocastScope {
public:
    explicit AutocastScope(bool enable);
    ~AutocastScope();
    AutocastScope(const AutocastScope&) = delete;
    AutocastScope& operator=(const AutocastScope&) = delete;

private:
    bool m_on = false;
};

}  // namespace winnow::core
