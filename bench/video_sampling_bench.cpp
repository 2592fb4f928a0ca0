// Segment sampling throughput (issue 6): decodes F frames per clip to RGB24 with
// VideoDecoder, one decoder per clip (as a training data worker opening a new sample).
// Input: a text file of clips, one "path frameStart frameEnd" per line.
// Usage: video_sampling_bench CLIPS [--frames F] [--threads N] [--train SEED]
//                             [--compare FILE] [--repeat R]
// --compare reads raw RGB24 frames (the ffmpeg tool's output for the same clips, in clip
// order) and reports the mean absolute difference per frame, to check that both tools
// returned the same pictures (scalers differ slightly, a different frame differs a lot).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/media/frame_sampler.h"
#include "core/media/video_decoder.h"
#include "core/util/error.h"

using namespace winnow::core;

struct Clip {
    std::string path;
    int64_t start = 0, end = 0;
};

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CLIPS [--frames F] [--threads N] [--train SEED] "
                             "[--compare FILE] [--repeat R]\n", argv[0]);
        return 2;
    }
    int frames = 8, threads = 1, repeat = 1;
    bool train = false;
    uint64_t seed = 0;
    std::string compare;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--frames") frames = std::atoi(argv[i + 1]);
        else if (a == "--threads") threads = std::atoi(argv[i + 1]);
        else if (a == "--repeat") repeat = std::atoi(argv[i + 1]);
        else if (a == "--compare") compare = argv[i + 1];
        else if (a == "--train") { train = true; seed = std::strtoull(argv[i + 1], nullptr, 10); }
    }
    std::vector<Clip> clips;
    std::ifstream in(argv[1]);
    for (std::string line; std::getline(in, line);) {
        std::istringstream ls(line);
        Clip c;
        if (ls >> c.path >> c.start >> c.end) clips.push_back(c);
    }
    std::ifstream ref;
    if (!compare.empty()) ref.open(compare, std::ios::binary);
    double worstMad = 0.0, sumMad = 0.0;
    int64_t compared = 0, missing = 0, same = 0;
    std::vector<char> buf;
    DecoderOptions opt;
    opt.threads = threads;
    int64_t nFrames = 0, seeks = 0, decoded = 0;
    uint64_t checksum = 0;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        for (int r = 0; r < repeat; ++r) {
            for (size_t k = 0; k < clips.size(); ++k) {
                const Clip& c = clips[k];
                const auto idx = sampleSegmentFrames({c.start, c.end}, frames,
                                                     train ? SamplingMode::Train : SamplingMode::Eval,
                                                     clipSeed(seed, r, int64_t(k)));
                VideoDecoder dec(c.path, opt);
                const auto imgs = dec.frames(idx);
                for (const auto& img : imgs) {
                    checksum += img.pixels[img.pixels.size() / 2];
                    if (!ref.is_open()) continue;
                    buf.resize(img.pixels.size());
                    if (!ref.read(buf.data(), std::streamsize(buf.size()))) {
                        ++missing;
                        continue;
                    }
                    double sum = 0.0;
                    for (size_t p = 0; p < buf.size(); ++p)
                        sum += std::abs(int(uint8_t(buf[p])) - int(img.pixels[p]));
                    const double mad = sum / double(buf.size());
                    worstMad = std::max(worstMad, mad);
                    // Same-size conversions of the same picture agree to within rounding;
                    // neighbouring frames of a slow scene can differ by only 2-3.
                    if (mad > 1.0)
                        std::printf("differs: %s clip [%lld, %lld) frame %lld: %.2f\n",
                                    c.path.c_str(), static_cast<long long>(c.start),
                                    static_cast<long long>(c.end),
                                    static_cast<long long>(idx[size_t(&img - imgs.data())]), mad);
                    sumMad += mad;
                    same += mad <= 1.0;
                    ++compared;
                }
                nFrames += int64_t(imgs.size());
                seeks += dec.stats().seeks;
                decoded += dec.stats().decoded;
            }
        }
    } catch (const Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double nClips = double(clips.size()) * repeat;
    std::printf("clips %.0f frames %lld seconds %.3f clips/s %.1f frames/s %.1f "
                "seeks/clip %.2f decoded/clip %.1f checksum %llu\n",
                nClips, static_cast<long long>(nFrames), s, nClips / s, double(nFrames) / s,
                double(seeks) / nClips, double(decoded) / nClips,
                static_cast<unsigned long long>(checksum));
    if (ref.is_open())
        std::printf("compared %lld frames with %s: %lld the same (mean abs diff <= 1), "
                    "mean abs diff %.2f, worst frame %.2f, missing %lld\n",
                    static_cast<long long>(compared), compare.c_str(), static_cast<long long>(same),
                    compared ? sumMad / double(compared) : 0.0, worstMad,
                    static_cast<long long>(missing));
    return 0;
}
