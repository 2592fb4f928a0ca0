#pragma once
// A hand-built RoCOCO-layout caption set whose every retrieval number is worked out by hand
// (tst_retrieval_evaluation.cpp), and a fake dual encoder that maps each image (by its first
// pixel value) and each NORMALISED caption to a chosen 5-d unit vector with components in
// {0, ±0.5, ±1}, so every cosine is exact in float and ties are real ties.
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/retrieval/caption_text.h"
#include "core/retrieval/dual_encoder.h"

namespace winnow::test {

using Vec5 = std::array<float, 5>;
inline constexpr Vec5 e1{1, 0, 0, 0, 0}, e2{0, 1, 0, 0, 0}, e3{0, 0, 1, 0, 0}, e5{0, 0, 0, 0, 1};
inline constexpr Vec5 minusE4{0, 0, 0, -1, 0}, minusE5{0, 0, 0, 0, -1};
inline constexpr Vec5 hB{0.5f, 0.5f, -0.5f, 0.5f, 0};   // B's winning ground truth
inline constexpr Vec5 hC{0.5f, -0.5f, 0.5f, 0.5f, 0};   // C's winning ground truth
inline constexpr Vec5 hD{0.5f, 0.5f, 0.5f, -0.5f, 0};   // image D

class FakeEncoder : public core::DualEncoder {
public:
    std::map<int, Vec5> images;          // first pixel value -> vector
    std::map<std::string, Vec5> texts;   // normalised caption -> vector (others: e5)
    std::set<std::string> seen;          // every caption text this encoder was given
    int imageCalls = 0;
    core::EncoderPreprocessing pre;

    FakeEncoder() { pre.text.mergesSha256 = std::string(64, 'c'); }
    std::string identity() const override { return "sha256:" + std::string(64, 'a'); }
    std::string description() const override { return "fake.pt, D=5"; }
    int64_t dim() const override { return 5; }
    const core::EncoderPreprocessing& preprocessing() const override { return pre; }
    core::Embeddings encodeImages(const std::vector<core::Image>& batch) override {
        ++imageCalls;
        core::Embeddings e;
        e.rows = int64_t(batch.size());
        e.dim = 5;
        for (const core::Image& im : batch) {
            const auto it = images.find(im.pixels.at(0));
            if (it == images.end()) throw std::runtime_error("fake encoder: unknown image " + std::to_string(im.pixels.at(0)));
            e.values.insert(e.values.end(), it->second.begin(), it->second.end());
        }
        return e;
    }
    core::Embeddings encodeTexts(const std::vector<std::string>& captions, core::TextBatchReport*) override {
        core::Embeddings e;
        e.rows = int64_t(captions.size());
        e.dim = 5;
        for (const std::string& c : captions) {
            seen.insert(c);
            const auto it = texts.find(c);
            const Vec5& v = it == texts.end() ? e5 : it->second;
            e.values.insert(e.values.end(), v.begin(), v.end());
        }
        return e;
    }
};

inline void writeGreyPng(const std::filesystem::path& p, int value) {
    std::filesystem::create_directories(p.parent_path());
    if (!cv::imwrite(p.string(), cv::Mat(4, 4, CV_8UC1, cv::Scalar(value))))
        throw std::runtime_error("cannot write " + p.string());
}

// Images a.png (A = e1), b.png (B = e2, 6 + 5 captions), c.png (C = e3), d.png (D = hD) in
// `imageDir`; e.png is named in the file but missing. Writes the set file (RoCOCO layout)
// and a second attack file (attack2.json) for the same images; fills the encoder's tables.
inline void writeHandBuiltSet(const std::filesystem::path& dir, FakeEncoder& enc) {
    namespace fs = std::filesystem;
    const fs::path images = dir / "images";
    writeGreyPng(images / "a.png", 10);
    writeGreyPng(images / "b.png", 20);
    writeGreyPng(images / "c.png", 30);
    writeGreyPng(images / "d.png", 40);
    enc.images = {{10, e1}, {20, e2}, {30, e3}, {40, hD}};
    auto filler = [](const std::string& who, int k, const char* kind) {
        return "\"Photo " + std::to_string(k) + " of " + who + " " + kind + ".\"";
    };
    auto entry = [&](const std::string& image, const std::string& who, std::vector<std::string> gt,
                     std::vector<std::string> adv, size_t gtCount) {
        while (gt.size() < gtCount) gt.push_back(filler(who, int(gt.size()), "truth"));
        while (adv.size() < 5) adv.push_back(filler(who, int(adv.size()), "adv"));
        std::string s = "{\"image\": \"" + image + "\", \"caption\": [";
        for (size_t i = 0; i < gt.size(); ++i) s += (i ? ", " : "") + gt[i];
        for (const auto& a : adv) s += ", " + a;
        return s + "]}";
    };
    // Captions as written (capitals, full stop): the evaluation must normalise them.
    std::ofstream f(dir / "handbuilt.json");
    f << "[" << entry("a.png", "A", {"\"A dog runs on grass.\""}, {"\"A cat runs on grass.\""}, 5) << ",\n"
      << entry("b.png", "B", {filler("B", 0, "truth"), filler("B", 1, "truth"), "\"A red bird sings.\""},
               {filler("B", 0, "adv"), filler("B", 1, "adv"), "\"A red plane sings.\""}, 6)
      << ",\n"
      << entry("c.png", "C", {"\"A man rides a horse.\""}, {"\"A man rides a zebra.\""}, 5) << ",\n"
      << entry("d.png", "D", {"\"Two cups on a table.\""}, {}, 5) << ",\n"
      << entry("e.png", "E", {}, {}, 5) << "]\n";
    f.close();
    std::ofstream g(dir / "attack2.json");
    g << "[" << entry("a.png", "A", {"\"A dog runs on grass.\""}, {filler("A", 0, "adv2"), "\"The one that wins.\""}, 5)
      << ",\n"
      << entry("b.png", "B", {}, {}, 6) << ",\n"
      << entry("c.png", "C", {}, {}, 5) << ",\n"
      << entry("d.png", "D", {}, {}, 5) << "]\n";
    g.close();
    enc.texts = {{"a dog runs on grass", e1},  {"a red bird sings", hB},  {"a man rides a horse", hC},
                 {"two cups on a table", minusE4}, {"a red plane sings", e2}, {"a man rides a zebra", hC},
                 {"the one that wins", e1}};
}

}  // namespace winnow::test
