#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/influence/last_layer_data.h"
#include "core/util/progress.h"

namespace winnow::core {

// Last-layer influence (METHODS.md §1): closed-form per-sample gradients
// g_i = (p_i - y_i) ⊗ [h_i, 1] and the damped mean Hessian, factored once, then applied to
// samples streamed in batches. Parameter order is class-major: index a (L + 1) + l.
class LastLayerInfluence {
public:
    // Builds and factors H from `hessianData` (all rows up to hessianMaxSamples, else a
    // seeded subsample). Throws Error for empty data or a singular damped Hessian.
    LastLayerInfluence(const LastLayerData& hessianData, const InfluenceOptions& options);
    ~LastLayerInfluence();
    LastLayerInfluence(const LastLayerInfluence&) = delete;
    LastLayerInfluence& operator=(const LastLayerInfluence&) = delete;

    int64_t params() const;        // P = K (L + 1)
    std::string solver() const;    // "exact" or "kfac"
    std::string device() const;    // "cpu" or "cuda"

    // Streams `data`: selfNorm[i] = ||H^-1 g_i|| (n floats). When `trusted` has rows and
    // `groupOf` maps each trusted row to a group 0..groups-1, also writes
    // sigma[i * groups + k] = population std over v in group k of I_D(i, v) = -g_v' H^-1 g_i
    // (NaN for an empty group). Never holds more than a budgeted block of n x P.
    void score(const LastLayerData& data, float* selfNorm, const LastLayerData* trusted,
               const int32_t* groupOf, int groups, float* sigma, ProgressFn progress = {},
               const CancelToken* cancel = nullptr) const;

    // out[i * M + v] = -g_v' H^-1 g_i for every pair (n x M written by the caller's choice;
    // for tests and small problems).
    void pairwise(const LastLayerData& data, const LastLayerData& other, double* out) const;

    // The damped Hessian actually used (P x P, row-major, double): exact, or A ⊗ B for K-FAC.
    std::vector<double> hessian() const;
    // Closed-form per-sample gradients (n x P, double), for tests and small problems.
    static std::vector<double> gradients(const LastLayerData& data);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace winnow::core
