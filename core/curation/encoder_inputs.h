#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/dataset/sample.h"
#include "core/media/image.h"

namespace winnow::core {

class ClipScanner;
class Project;

// What the image encoder is shown of each scanned sample (issue 14): an image file or array
// record decoded as the scan decodes it (ImageLoader), one image; a video clip's sampled frames
// (clip_scan: the 8 segment centres, decoded by ClipScanner as the scan decodes them).

// The samples with these ids (ascending), as the loaders need them (clips with their range).
std::vector<Sample> encoderInputSamples(Project& project, const std::vector<int64_t>& ids);

// Decodes samples [begin, end) on up to `workers.size()` threads (one ClipScanner each, kept
// by the caller so videos stay open between blocks). images[i - begin] gets the sample's
// images; a sample that fails gets none and its reason in error[i - begin].
class EncoderInputDecoder {
public:
    EncoderInputDecoder(Project& project, int threads);
    ~EncoderInputDecoder();
    EncoderInputDecoder(const EncoderInputDecoder&) = delete;
    EncoderInputDecoder& operator=(const EncoderInputDecoder&) = delete;

    void decode(const std::vector<Sample>& samples, size_t begin, size_t end,
                std::vector<std::vector<Image>>& images, std::vector<std::string>& error);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace winnow::core
