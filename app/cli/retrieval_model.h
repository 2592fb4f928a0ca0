#pragma once
// The one place winnow-cli turns --model and --image-attacks values into core objects, so the
// model loaders (TorchScript, built-in) and the image-attack renderer plug in here only.
#include <memory>
#include <string>
#include <vector>

#include "core/retrieval/caption_set.h"
#include "core/retrieval/dual_encoder.h"
#include "core/retrieval/retrieval_evaluation.h"

namespace winnow::cli {

// Opens the dual encoder a --model value names. Today: "hash-demo" (core/retrieval/
// hash_demo_encoder.h, a deterministic test baseline, not a real model). Throws
// core::Error naming the value and what is accepted.
std::unique_ptr<core::DualEncoder> openEncoder(const std::string& model);

// The image attacks of --image-attacks (mix, patch) for every seed, rendering altered copies
// of `set`'s images. Throws core::Error while no renderer is built in.
std::vector<core::ImageAttackInput> makeImageAttacks(const core::CaptionSet& set, const std::vector<std::string>& kinds,
                                                     const std::vector<int64_t>& seeds, double lambda,
                                                     const std::string& pairing);

}  // namespace winnow::cli
