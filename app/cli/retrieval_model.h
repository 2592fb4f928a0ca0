#pragma once
// winnow-cli's --model values: what core::openDualEncoder opens (TorchScript .pt, a built-in
// encoder file, or hash-demo).
#include <memory>
#include <string>

#include "core/retrieval/dual_encoder.h"

namespace winnow::cli {

std::unique_ptr<core::DualEncoder> openEncoder(const std::string& model, const std::string& preprocessing = {});

}  // namespace winnow::cli
