#include "core/curation/quality_issues.h"

#include <algorithm>

#include "core/curation/clip_scan.h"
#include "core/curation/sample_scan.h"

namespace winnow::core {

double qualityScore(QualityFlag f, const ImageQuality& q, float medianBlur) {
    switch (f) {
    case QualityFlag::Dark: return 1.0 - q.brightness;
    case QualityFlag::Overexposed: return q.brightness;
    case QualityFlag::LowContrast: return 1.0 - q.contrast;
    case QualityFlag::Blurry: return medianBlur > 0 ? 1.0 - q.blur / medianBlur : 0;
    case QualityFlag::LowEntropy: return 8.0 - q.entropy;
    case QualityFlag::ExtremeAspect: return q.aspect;
    case QualityFlag::Tiny: return std::min(q.width, q.height);
    case QualityFlag::GreyColourMismatch: return q.colourfulness;
    }
    return 0;
}

QualityAssessment assessQuality(const SampleScan& scan, const QualityOptions& o) {
    QualityAssessment a;
    std::vector<float> blur;
    int64_t greyCount = 0;
    for (const auto& q : scan.quality) {
        if (q.contrast >= o.lowContrastBelow) blur.push_back(q.blur);
        if (q.channels < 3 || q.colourfulness <= o.greyColourfulnessBelow) ++greyCount;
    }
    if (!blur.empty()) {
        auto mid = blur.begin() + std::ptrdiff_t(blur.size() / 2);
        std::nth_element(blur.begin(), mid, blur.end());
        a.medianBlur = *mid;
    }
    a.mostlyGrey = 2 * greyCount > int64_t(scan.quality.size());
    a.greyFraction = scan.quality.empty() ? 0.0 : double(greyCount) / double(scan.quality.size());
    a.mixedSet = a.greyFraction < o.mismatchMajority && a.greyFraction > 1.0 - o.mismatchMajority;
    a.frameFlags.resize(scan.frameQuality.size());
    for (size_t f = 0; f < scan.frameQuality.size(); ++f)
        a.frameFlags[f] = qualityFlags(scan.frameQuality[f], o, a.medianBlur, a.mostlyGrey, a.mixedSet);

    a.flags.resize(scan.quality.size());
    size_t frame = 0;  // the frames table holds the clips in id order, like scan.ids
    for (size_t i = 0; i < scan.quality.size(); ++i) {
        const int64_t id = scan.ids[i];
        while (frame < scan.frameSampleIds.size() && scan.frameSampleIds[frame] < id) ++frame;
        size_t end = frame;
        while (end < scan.frameSampleIds.size() && scan.frameSampleIds[end] == id) ++end;
        if (end == frame) {  // an image
            a.flags[i] = qualityFlags(scan.quality[i], o, a.medianBlur, a.mostlyGrey, a.mixedSet);
            for (QualityFlag f : allQualityFlags())
                if (a.flags[i] & uint8_t(f)) a.issues.push_back({f, id, qualityScore(f, scan.quality[i], a.medianBlur)});
            continue;
        }
        a.flags[i] = clipFlagsFromFrames({a.frameFlags.begin() + std::ptrdiff_t(frame), a.frameFlags.begin() + std::ptrdiff_t(end)});
        for (QualityFlag f : allQualityFlags()) {
            if (!(a.flags[i] & uint8_t(f))) continue;
            double sum = 0;
            int count = 0;
            for (size_t k = frame; k < end; ++k)
                if (a.frameFlags[k] & uint8_t(f)) {
                    sum += qualityScore(f, scan.frameQuality[k], a.medianBlur);
                    ++count;
                }
            a.issues.push_back({f, id, count > 0 ? sum / count : 0});
        }
        frame = end;
    }
    return a;
}

std::vector<int64_t> flaggedFrames(const std::vector<int64_t>& frameSampleIds, const std::vector<int64_t>& frameIndex,
                                   const std::vector<uint8_t>& frameFlags, int64_t sampleId, QualityFlag flag) {
    std::vector<int64_t> out;
    auto it = std::lower_bound(frameSampleIds.begin(), frameSampleIds.end(), sampleId);
    for (size_t k = size_t(it - frameSampleIds.begin()); k < frameSampleIds.size() && frameSampleIds[k] == sampleId; ++k)
        if (k < frameFlags.size() && (frameFlags[k] & uint8_t(flag))) out.push_back(frameIndex[k]);
    return out;
}

}  // namespace winnow::core
