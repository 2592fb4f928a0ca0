#include "app/cli/retrieval_model.h"

#include "core/retrieval/hash_demo_encoder.h"
#include "core/util/error.h"

namespace winnow::cli {

std::unique_ptr<core::DualEncoder> openEncoder(const std::string& model) {
    if (model == "hash-demo") return std::make_unique<core::HashDemoEncoder>();
    throw core::Error("Cannot open the model '" + model +
                      "': this build accepts only 'hash-demo' (a test baseline, not a real model)");
}

std::vector<core::ImageAttackInput> makeImageAttacks(const core::CaptionSet&, const std::vector<std::string>& kinds,
                                                     const std::vector<int64_t>&, double, const std::string&) {
    if (kinds.empty()) return {};
    throw core::Error("Image attacks (" + kinds.front() +
                      ") are not available in this build: the image-attack renderer is not wired in yet");
}

}  // namespace winnow::cli
