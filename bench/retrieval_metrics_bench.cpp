// Retrieval metrics for a COCO-sized evaluation (issue 11, bench/retrieval_metrics.sh): reads
// the embeddings of retrieval_make_data.py and evaluates image->text (clean + four caption
// attacks) and text->image (clean + two image attacks) with core/retrieval, timed.
// Usage: retrieval_metrics_bench DIR [repeats] [block-rows]   Prints one JSON line.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/retrieval/retrieval_metrics.h"

using namespace winnow::core;
using nlohmann::json;

namespace {

template <class T>
std::vector<T> load(const std::string& file, size_t count) {
    std::vector<T> v(count);
    std::ifstream in(file, std::ios::binary);
    if (!in.read(reinterpret_cast<char*>(v.data()), std::streamsize(count * sizeof(T)))) {
        std::cerr << "cannot read " << file << "\n";
        std::exit(2);
    }
    return v;
}

json scoresJson(const RecallScores& s) { return {{"r1", s.r1}, {"r5", s.r5}, {"r10", s.r10}, {"fr1", s.fr1}}; }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: retrieval_metrics_bench DIR [repeats]\n";
        return 2;
    }
    const std::string dir = argv[1];
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 1;
    const int64_t blockRows = argc > 3 ? std::max(1, std::atoi(argv[3])) : 512;
    json meta;
    std::ifstream(dir + "/meta.json") >> meta;
    const int64_t n = meta["images"], dim = meta["dim"], c = meta["captions"];
    const auto images = load<float>(dir + "/images.f32", size_t(n * dim));
    const auto captions = load<float>(dir + "/captions.f32", size_t(c * dim));
    const auto owner = load<int32_t>(dir + "/caption_image.i32", size_t(c));
    std::vector<std::vector<float>> adv, alt;
    std::vector<AttackGallery> captionAttacks, imageAttacks;
    for (const json& a : meta["caption_attacks"]) {
        adv.push_back(load<float>(dir + "/" + a["name"].get<std::string>() + ".f32", size_t(a["count"].get<int64_t>() * dim)));
        captionAttacks.push_back({a["name"], adv.back().data(), a["count"]});
    }
    for (const json& a : meta["image_attacks"]) {
        alt.push_back(load<float>(dir + "/" + a["name"].get<std::string>() + ".f32", size_t(a["count"].get<int64_t>() * dim)));
        imageAttacks.push_back({a["name"], alt.back().data(), a["count"]});
    }
    const GroundTruth i2tTruth = imageToTextTruth(owner, n);
    const GroundTruth t2iTruth = textToImageTruth(owner);

    std::vector<double> seconds, i2tSeconds, t2iSeconds, cpuSeconds;
    json result;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::clock_t c0 = std::clock();  // CPU time of all threads
        const auto i2t = evaluateRetrieval(images.data(), n, captions.data(), c, dim, i2tTruth, captionAttacks,
                                           blockRows);
        const auto t1 = std::chrono::steady_clock::now();
        const auto t2i = evaluateRetrieval(captions.data(), c, images.data(), n, dim, t2iTruth, imageAttacks,
                                           blockRows);
        const auto t2 = std::chrono::steady_clock::now();
        i2tSeconds.push_back(std::chrono::duration<double>(t1 - t0).count());
        t2iSeconds.push_back(std::chrono::duration<double>(t2 - t1).count());
        seconds.push_back(std::chrono::duration<double>(t2 - t0).count());
        cpuSeconds.push_back(double(std::clock() - c0) / CLOCKS_PER_SEC);
        result = json::object();
        for (const auto& o : i2t) {
            result["i2t"][o.name] = scoresJson(o.scores);
            if (o.name != "clean") result["i2t"][o.name]["drop"] = recallDrop(i2t[0].scores, o.scores).rate;
        }
        for (const auto& o : t2i) {
            result["t2i"][o.name] = scoresJson(o.scores);
            if (o.name != "clean") result["t2i"][o.name]["drop"] = recallDrop(t2i[0].scores, o.scores).rate;
        }
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    result["seconds"] = seconds;
    result["cpu_seconds"] = cpuSeconds;
    result["median_seconds"] = median(seconds);
    result["median_i2t_seconds"] = median(i2tSeconds);
    result["median_t2i_seconds"] = median(t2iSeconds);
    std::cout << result.dump() << std::endl;
    return 0;
}
