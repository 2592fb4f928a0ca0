#include "core/influence/clip_contributions.h"

#include <algorithm>
#include <fstream>
#include <string>

#include "core/util/error.h"

namespace fs = std::filesystem;

namespace winnow::core {

namespace {

uint64_t sizeOf(const fs::path& file) {
    std::error_code ec;
    auto bytes = fs::file_size(file, ec);
    if (ec) throw Error("cannot open " + file.string() + ": missing clip breakdown file");
    return bytes;
}

// Reads `count` elements of T starting at element `first`; the GUI asks for one clip at a
// time, so a seek and a short read beats mapping N x F arrays.
template <typename T>
std::vector<T> readSlice(const fs::path& file, uint64_t first, uint64_t count) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("cannot open " + file.string());
    std::vector<T> out(count);
    in.seekg(std::streamoff(first * sizeof(T)));
    in.read(reinterpret_cast<char*>(out.data()), std::streamsize(count * sizeof(T)));
    if (!in) throw Error(file.string() + " is shorter than the score file says (truncated)");
    return out;
}

}  // namespace

ClipFrameBreakdown readClipFrameBreakdown(const fs::path& scoringDir, int64_t sampleId) {
    const fs::path indexFile = scoringDir / "clip_frame_index.i64";
    if (!fs::exists(indexFile)) return {};
    const fs::path idsFile = scoringDir / "sample_ids.i64";
    const uint64_t n = sizeOf(idsFile) / sizeof(int64_t);
    if (n == 0) return {};
    const uint64_t indexBytes = sizeOf(indexFile);
    if (indexBytes % (n * sizeof(int64_t)) != 0)
        throw Error(indexFile.string() + " has " + std::to_string(indexBytes) + " bytes, not " +
                    std::to_string(n) + " rows of int64 frame numbers (truncated or from another scoring)");
    const uint64_t frames = indexBytes / (n * sizeof(int64_t));
    if (frames == 0) return {};
    for (const char* name : {"clip_frame_norm.f32", "clip_frame_contrib.f32"}) {
        const uint64_t bytes = sizeOf(scoringDir / name);
        if (bytes != n * frames * sizeof(float))
            throw Error((scoringDir / name).string() + " has " + std::to_string(bytes) + " bytes, expected " +
                        std::to_string(n * frames * sizeof(float)) + " (truncated or from another scoring)");
    }

    // sample_ids.i64 is ascending (score_file.h), so a binary search finds the row.
    const std::vector<int64_t> ids = readSlice<int64_t>(idsFile, 0, n);
    auto it = std::lower_bound(ids.begin(), ids.end(), sampleId);
    if (it == ids.end() || *it != sampleId) return {};
    const uint64_t row = uint64_t(it - ids.begin());

    ClipFrameBreakdown b;
    b.frameNumbers = readSlice<int64_t>(indexFile, row * frames, frames);
    if (b.frameNumbers.front() < 0) return {};  // an image row in a mixed dataset
    b.featureNorms = readSlice<float>(scoringDir / "clip_frame_norm.f32", row * frames, frames);
    b.contributions = readSlice<float>(scoringDir / "clip_frame_contrib.f32", row * frames, frames);
    return b;
}

}  // namespace winnow::core
