#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace winnow::core {

// What a finished training run leaves for the influence engine and the review GUI, in the
// cache folder (runs/<run id>/), one row per sample of every split, in sample-id order:
//   meta.json       {"n":N,"classes":K,"features":L,"format":1,"model":...}
//   sample_ids.i64  N int64
//   logits.f32      N x K float32, row-major (eval mode, no augmentation)
//   features.f32    N x L float32: h, the input of the last linear layer (after ReLU)
//   loss.f32        N float32: cross-entropy against the given label (NaN when unlabelled)
// Raw little-endian arrays so they can be memory-mapped and streamed without a parser.
struct RunOutputsMeta {
    int64_t n = 0;
    int classes = 0;
    int features = 0;
    std::string model;
};

// Read side: memory-maps the files; rows are views valid while the object lives.
class RunOutputs {
public:
    static std::unique_ptr<RunOutputs> open(const std::filesystem::path& dir);
    ~RunOutputs();
    const RunOutputsMeta& meta() const { return m_meta; }
    const int64_t* sampleIds() const;
    const float* logits() const;    // n x classes
    const float* features() const;  // n x features
    const float* loss() const;      // n
    // Index of a sample id in the arrays, or -1.
    int64_t rowOf(int64_t sampleId) const;

private:
    RunOutputs() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    RunOutputsMeta m_meta;
};

// Write side: streamed, row blocks appended in order; finish() writes meta.json last so a
// half-written directory is never mistaken for a complete one.
class RunOutputsWriter {
public:
    RunOutputsWriter(const std::filesystem::path& dir, RunOutputsMeta meta);
    ~RunOutputsWriter();
    void append(const int64_t* ids, const float* logits, const float* features,
                const float* loss, int64_t rows);
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace winnow::core
