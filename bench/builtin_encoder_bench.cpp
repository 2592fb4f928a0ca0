// The built-in dual encoder on the Fashion-MNIST demo caption set (issue 11; bench/builtin_encoder.sh):
// builds the demo set (1,000 images, seed 1), trains with the default options (10 % held out)
// `runs` times with seeds 1..runs, and per run reports the training time, clean R@1/5/10 in
// both directions on the held-out images and on the whole set, and the encoding throughput
// (all images decoded beforehand, then encoded; all captions encoded; median of 3 passes).
// Prints one JSON object per run and the medians.
// Usage: builtin_encoder_bench MERGES_FILE WORK_FOLDER [runs] [threads]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/dataset/image_loader.h"
#include "core/retrieval/builtin_encoder.h"
#include "core/retrieval/caption_demo.h"
#include "core/retrieval/caption_set.h"
#include "core/retrieval/retrieval_metrics.h"

using namespace winnow::core;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

json scores(const RecallScores& s) { return {{"r1", s.r1}, {"r5", s.r5}, {"r10", s.r10}}; }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: builtin_encoder_bench MERGES_FILE WORK_FOLDER [runs] [threads]\n";
        return 2;
    }
    const fs::path merges = argv[1], work = argv[2];
    const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
    const int threads = argc > 4 ? std::atoi(argv[4]) : 0;
    try {
        const CaptionDemoReport demo = buildCaptionDemo(work / "demo", {1000, 1});
        CaptionSetOptions load;
        load.imageFolder = work / "demo";
        const CaptionSet set = loadCaptionSet(demo.captionsFile, load);
        std::vector<Image> images;
        std::vector<std::string> captions;
        std::vector<int32_t> captionImage;
        for (size_t i = 0; i < set.images.size(); ++i) {
            images.push_back(ImageLoader::decodeFile(set.images[i].path));
            for (const auto& c : set.images[i].captions) {
                captions.push_back(c.text);
                captionImage.push_back(int32_t(i));
            }
        }
        std::map<std::string, std::vector<double>> all;
        for (int run = 1; run <= runs; ++run) {
            BuiltinTrainOptions o;
            o.merges = merges;
            o.seed = uint64_t(run);
            o.threads = threads;
            auto t0 = std::chrono::steady_clock::now();
            BuiltinTrainResult r = trainBuiltinEncoder(set, o);
            const double train = seconds(t0);
            // Encoding: the median of 3 passes over all images and all captions.
            Embeddings img, txt;
            std::vector<double> imageTimes, textTimes;
            for (int pass = 0; pass < 3; ++pass) {
                t0 = std::chrono::steady_clock::now();
                img = r.encoder->encodeImages(images);
                imageTimes.push_back(seconds(t0));
                t0 = std::chrono::steady_clock::now();
                txt = r.encoder->encodeTexts(captions);
                textTimes.push_back(seconds(t0));
            }
            const double imageSeconds = median(imageTimes), textSeconds = median(textTimes);
            const RecallScores i2t = evaluateRetrieval(img.values.data(), img.rows, txt.values.data(), txt.rows, img.dim,
                                                       imageToTextTruth(captionImage, img.rows), {})[0].scores;
            const RecallScores t2i = evaluateRetrieval(txt.values.data(), txt.rows, img.values.data(), img.rows, img.dim,
                                                       textToImageTruth(captionImage), {})[0].scores;
            json j = {{"run", run},
                      {"train_s", train},
                      {"train_images", r.trainImages},
                      {"heldout_images", r.validationImages},
                      {"heldout_i2t", scores(r.validationI2T)},
                      {"heldout_t2i", scores(r.validationT2I)},
                      {"all_i2t", scores(i2t)},
                      {"all_t2i", scores(t2i)},
                      {"images_per_s", double(images.size()) / imageSeconds},
                      {"captions_per_s", double(captions.size()) / textSeconds},
                      {"temperature", r.encoder->temperature()}};
            std::cout << j.dump() << std::endl;
            all["train_s"].push_back(train);
            all["images_per_s"].push_back(double(images.size()) / imageSeconds);
            all["captions_per_s"].push_back(double(captions.size()) / textSeconds);
            for (const auto& [name, s] : {std::pair{"heldout_i2t", r.validationI2T}, std::pair{"heldout_t2i", r.validationT2I},
                                          std::pair{"all_i2t", i2t}, std::pair{"all_t2i", t2i}}) {
                all[std::string(name) + "_r1"].push_back(s.r1);
                all[std::string(name) + "_r5"].push_back(s.r5);
                all[std::string(name) + "_r10"].push_back(s.r10);
            }
        }
        json med;
        for (const auto& [name, v] : all) med[name] = median(v);
        std::cout << json{{"median_of", runs}, {"median", med}}.dump() << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "builtin_encoder_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
