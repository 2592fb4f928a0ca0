#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/retrieval/retrieval_evaluation.h"
#include "core/util/progress.h"

namespace winnow::core {

class Project;

// One evaluation as the CLI (`retrieval eval`) and the GUI (the Retrieval window) ask for it:
// which stored caption set, which model, which attacks. runRetrievalRequest opens the model
// (openDualEncoder), loads the stored sets, plans and renders the image attacks per seed,
// encodes through the project's embedding cache and stores the run (runRetrievalEvaluation).
struct RetrievalRequest {
    int64_t setId = 0;
    std::string model;                     // a TorchScript .pt, a built-in encoder file, or "hash-demo"
    std::filesystem::path preprocessing;   // optional JSON for a TorchScript model
    std::vector<int64_t> captionAttackSets;  // stored RoCOCO-layout sets whose adversarial captions attack
    std::vector<std::string> imageAttacks;   // "mix", "patch"
    std::vector<int64_t> seeds{1, 10, 100};
    double lambda = 0.9;
    std::string pairing = "default";       // default | paper
    bool useCache = true;                  // embeddings cached in the project's cache folder
    int64_t batchSize = 64;
};

class EmbeddingCache;
// Encodes through `cache` (kept alive by the caller until the evaluation ends; flush it after):
// original images keyed by their content, captions by their text; altered copies never cached.
// The failure browser's top-k (retrieval_topk.h) reads these rows back.
void useEmbeddingCache(RetrievalEvalOptions& options, EmbeddingCache& cache);

// Throws InvalidSetting for a bad request (unknown set, no model, λ outside (0, 1), no seed
// for an image attack), Error for a model or image that cannot be used, Cancelled.
RetrievalEvalResult runRetrievalRequest(Project& project, const RetrievalRequest& request,
                                        const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace winnow::core
