#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/curation/image_quality.h"

namespace winnow::core {

struct SampleScan;

// Image-quality flags over a scan, with set-wide context: the median blur of the rows with
// contrast, and whether most rows are grey. Every scanned sample counts once (a clip by the
// median of its frames). Images are flagged by qualityFlags; each sampled frame of a clip is
// flagged the same way with the same context, and the clip raises a flag when at least half
// of its sampled frames raise it (clipFlagsFromFrames).
struct QualityAssessment {
    float medianBlur = 0;
    bool mostlyGrey = false;
    double greyFraction = 0;           // of the scanned samples
    bool mixedSet = false;             // neither grey nor colour reaches mismatchMajority
    std::vector<uint8_t> flags;        // per scan row (scan.ids)
    std::vector<uint8_t> frameFlags;   // per frames-table row (scan.frameIndex)
    struct Issue {
        QualityFlag flag;
        int64_t sampleId = 0;
        double score = 0;              // image: qualityScore; clip: mean over its flagged frames
    };
    std::vector<Issue> issues;         // scan order, flags in allQualityFlags order
};

QualityAssessment assessQuality(const SampleScan& scan, const QualityOptions& o);

// How strongly one image (or frame) raises a flag: 1 - brightness for dark, brightness for
// overexposed, 1 - contrast, 1 - blur / median blur, 8 - entropy, aspect, the short side, and
// colourfulness for a grey/colour mismatch.
double qualityScore(QualityFlag f, const ImageQuality& q, float medianBlur);

// The sampled frames of clip `sampleId` that raise `flag`, ascending (frames table columns).
std::vector<int64_t> flaggedFrames(const std::vector<int64_t>& frameSampleIds, const std::vector<int64_t>& frameIndex,
                                   const std::vector<uint8_t>& frameFlags, int64_t sampleId, QualityFlag flag);

}  // namespace winnow::core
