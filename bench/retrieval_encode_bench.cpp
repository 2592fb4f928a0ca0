// Encoding throughput of a TorchScript dual encoder through core/retrieval (issue 11,
// bench/retrieval_encode.sh): images/s (decoded pixels -> preprocessImage -> encode_image ->
// normalised rows) and captions/s (normalisation, CLIP BPE, encode_text, normalisation).
// No cache. Usage: retrieval_encode_bench MODEL.pt [images captions repeats batch]
// Prints one JSON line with the median of the repeats.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/retrieval/torchscript_encoder.h"

using namespace winnow::core;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: retrieval_encode_bench MODEL.pt [images captions repeats batch]\n";
        return 2;
    }
    const int nImages = argc > 2 ? std::stoi(argv[2]) : 128;
    const int nCaptions = argc > 3 ? std::stoi(argv[3]) : 256;
    const int repeats = argc > 4 ? std::stoi(argv[4]) : 3;
    const int batch = argc > 5 ? std::stoi(argv[5]) : 32;
    try {
        TorchScriptEncoder enc(argv[1]);
        // COCO-like inputs: 640x480 RGB photos (noise-free gradients), 10-12 word captions.
        std::vector<Image> images(static_cast<size_t>(batch));
        for (int k = 0; k < batch; ++k) {
            Image& im = images[size_t(k)];
            im.width = 640;
            im.height = 480;
            im.channels = 3;
            im.pixels.resize(size_t(640 * 480 * 3));
            for (size_t i = 0; i < im.pixels.size(); ++i) im.pixels[i] = uint8_t((i * 7 + size_t(k) * 131) % 251);
        }
        const std::vector<std::string> words{"a", "man", "riding", "red", "bike", "down", "the", "street",
                                             "next", "to", "parked", "cars", "dog", "on", "beach"};
        std::vector<std::string> captions(static_cast<size_t>(batch));
        for (int k = 0; k < batch; ++k)
            for (int w = 0; w < 10 + k % 3; ++w) captions[size_t(k)] += (w ? " " : "") + words[size_t(k + w * 3) % words.size()];
        enc.encodeImages({images[0]});  // warm-up
        enc.encodeTexts({captions[0]});
        std::vector<double> imgRate, txtRate;
        using clock = std::chrono::steady_clock;
        for (int r = 0; r < repeats; ++r) {
            auto t = clock::now();
            for (int done = 0; done < nImages; done += batch) enc.encodeImages(images);
            imgRate.push_back(nImages / std::chrono::duration<double>(clock::now() - t).count());
            t = clock::now();
            for (int done = 0; done < nCaptions; done += batch) enc.encodeTexts(captions);
            txtRate.push_back(nCaptions / std::chrono::duration<double>(clock::now() - t).count());
        }
        nlohmann::json j;
        j["model"] = argv[1];
        j["identity"] = enc.identity();
        j["dim"] = enc.dim();
        j["device"] = enc.device();
        j["batch"] = batch;
        j["images_per_s"] = median(imgRate);
        j["captions_per_s"] = median(txtRate);
        j["images_per_s_runs"] = imgRate;
        j["captions_per_s_runs"] = txtRate;
        std::cout << j.dump() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "retrieval_encode_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
