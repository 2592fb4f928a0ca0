// winnow-cli retrieval check-model | encode: a user's TorchScript dual encoder
// (core/retrieval/torchscript_encoder.h), checked and used to write embeddings.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/retrieval/caption_set.h"
#include "core/retrieval/embedding_cache.h"
#include "core/retrieval/encoding.h"
#include "core/retrieval/torchscript_encoder.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace winnow::cli {


namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct ModelOptions {
    std::string model, preprocessing, device = "auto";
    bool json = false;
};

void addModelOptions(CLI::App& app, ModelOptions& o) {
    addText(app, "--model", o.model, "the TorchScript dual encoder (.pt with encode_image and encode_text)", "M.pt")
        ->required()
        ->check(existingFile());
    addText(app, "--preprocessing", o.preprocessing,
            "preprocessing JSON (default: the one inside the archive, else CLIP's); see docs/retrieval-models.md",
            "P.json")
        ->check(existingFile());
    addChoice(app, "--device", o.device, {"auto", "cpu", "cuda"}, "compute device");
    addJson(app, o.json);
}

std::unique_ptr<core::TorchScriptEncoder> loadModel(const ModelOptions& o) {
    return std::make_unique<core::TorchScriptEncoder>(
        o.model, core::TorchScriptEncoder::Options{.preprocessingFile = o.preprocessing, .device = o.device});
}

json modelJson(const core::TorchScriptEncoder& enc) {
    json j;
    j["model"] = enc.modelFile().string();
    j["identity"] = enc.identity();
    j["dim"] = enc.dim();
    j["device"] = enc.device();
    j["preprocessing_source"] = enc.preprocessingSource();
    j["preprocessing"] = enc.preprocessing().canonical();
    j["merges"] = enc.preprocessing().text.merges.string();
    if (!enc.outputNote().empty()) j["note"] = enc.outputNote();
    return j;
}

int checkModel(const ModelOptions& o) {
    const auto enc = loadModel(o);
    if (o.json) {
        json j = modelJson(*enc);
        j["event"] = "done";
        j["ok"] = true;
        printJsonLine(j.dump());
        return 0;
    }
    std::cout << "model:         " << enc->modelFile().string() << "\n"
              << "identity:      " << enc->identity() << "\n"
              << "embedding:     D = " << enc->dim() << "\n"
              << "device:        " << enc->device() << "\n"
              << "preprocessing: " << enc->preprocessingSource() << "\n"
              << "               " << enc->preprocessing().canonical() << "\n"
              << "merges:        " << enc->preprocessing().text.merges.string() << "\n";
    if (!enc->outputNote().empty()) std::cout << "note:          " << enc->outputNote() << "\n";
    std::cout << "ok: encode_image and encode_text answered the test call\n";
    return 0;
}

Runner defineCheck(CLI::App& app) {
    auto o = std::make_shared<ModelOptions>();
    addModelOptions(app, *o);
    return [o] { return checkModel(*o); };
}

struct EncodeOptions {
    ModelOptions model;
    std::string captions, images, out, cache;
    int batch = 64;
};

void writeRows(const fs::path& file, const core::Embeddings& e) {
    core::AtomicFile f(file);
    f.write(e.values.data(), e.values.size() * sizeof(float));
    f.commit();
}

int encode(const EncodeOptions& o) {
    const fs::path out(o.out);
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw core::Error("cannot create the output folder " + out.string() + ": " + ec.message());

    core::CaptionSetOptions setOptions;
    if (!o.images.empty()) {
        if (!fs::is_directory(o.images, ec)) throw UsageError{"--images must name an existing folder, got '" + o.images + "'"};
        setOptions.imageFolder = o.images;
    }
    const core::CaptionSet set = core::loadCaptionSet(o.captions, setOptions);
    const auto enc = loadModel(o.model);
    core::EmbeddingCache cache(o.cache.empty() ? out / "cache" : fs::path(o.cache), *enc);
    core::CancelToken cancel;
    SigintCancels guard(cancel);

    std::vector<std::string> captions;
    json imagesMeta = json::array();
    std::vector<fs::path> files;
    std::vector<size_t> fileOf;  // image index -> row in files (or npos)
    for (const auto& im : set.images) {
        for (const auto& c : im.captions) captions.push_back(c.text);
        fileOf.push_back(std::string::npos);
        if (!o.images.empty() && im.status == core::ImageStatus::Found) {
            fileOf.back() = files.size();
            files.push_back(im.path);
        }
    }
    std::vector<std::string> issues;
    for (const auto& is : set.issues) issues.push_back(is.item + ": " + is.message);

    if (o.model.json) printJsonLine(json{{"event", "stage"}, {"stage", "captions"}, {"count", captions.size()}}.dump());
    core::TextBatchReport report;
    const core::Embeddings text =
        core::encodeCaptions(*enc, captions, &cache, o.batch, cliProgress(o.model.json), &cancel, &report);
    writeRows(out / "captions.f32", text);

    std::vector<bool> ok;
    size_t encodedImages = 0;
    if (!o.images.empty()) {
        if (o.model.json) printJsonLine(json{{"event", "stage"}, {"stage", "images"}, {"count", files.size()}}.dump());
        const core::Embeddings img = core::encodeImageFiles(*enc, files, &cache, o.batch, cliProgress(o.model.json),
                                                            &cancel, &issues, &ok);
        // Rows in caption-set order; images not found or not decoded stay zero ("encoded": false).
        core::Embeddings rows{int64_t(set.images.size()), enc->dim(),
                              std::vector<float>(set.images.size() * size_t(enc->dim()), 0.0f)};
        for (size_t i = 0; i < set.images.size(); ++i) {
            if (fileOf[i] == std::string::npos || !ok[fileOf[i]]) continue;
            std::copy(img.row(int64_t(fileOf[i])), img.row(int64_t(fileOf[i])) + enc->dim(),
                      rows.values.begin() + i * size_t(enc->dim()));
            ++encodedImages;
        }
        writeRows(out / "images.f32", rows);
    }
    for (const auto& is : cache.issues()) issues.push_back(is);

    size_t captionRow = 0;
    for (size_t i = 0; i < set.images.size(); ++i) {
        const auto& im = set.images[i];
        json e;
        e["image"] = im.image;
        e["first_caption_row"] = captionRow;
        e["captions"] = im.captions.size();
        e["ground_truth_captions"] = im.groundTruthCount();
        captionRow += im.captions.size();
        if (!o.images.empty()) e["encoded"] = fileOf[i] != std::string::npos && ok[fileOf[i]];
        imagesMeta.push_back(e);
    }
    json meta = modelJson(*enc);
    meta["format"] = "winnow-embeddings 1: row-major float32 little-endian, rows L2-normalised";
    meta["caption_file"] = set.file.string();
    meta["caption_format"] = core::captionFormatName(set.format);
    meta["caption_normalisation"] = "RoCOCO (lowercase, strip .!\"()*#:;~, collapse spaces, 30 words)";
    meta["captions"] = captions.size();
    meta["captions_truncated"] = report.truncated;
    meta["images"] = o.images.empty() ? 0 : set.images.size();
    meta["images_encoded"] = encodedImages;
    meta["files"] = o.images.empty() ? json{{"captions", "captions.f32"}}
                                     : json{{"captions", "captions.f32"}, {"images", "images.f32"}};
    meta["entries"] = imagesMeta;
    meta["issues"] = issues;
    core::writeFileAtomically(out / "meta.json", meta.dump(1) + "\n");

    if (o.model.json) {
        json j;
        j["event"] = "done";
        j["out"] = out.string();
        j["identity"] = enc->identity();
        j["dim"] = enc->dim();
        j["captions"] = captions.size();
        j["captions_truncated"] = report.truncated;
        j["images_encoded"] = encodedImages;
        j["issues"] = issues;
        printJsonLine(j.dump());
    } else {
        std::cout << "encoded " << captions.size() << " captions (" << report.truncated << " truncated)";
        if (!o.images.empty()) std::cout << " and " << encodedImages << " of " << set.images.size() << " images";
        std::cout << " with " << enc->description() << " into " << out.string() << "\n";
        for (size_t i = 0; i < issues.size() && i < 10; ++i) std::cout << "  " << issues[i] << "\n";
        if (issues.size() > 10) std::cout << "  ... " << issues.size() - 10 << " more issues in meta.json\n";
    }
    return 0;
}

Runner defineEncode(CLI::App& app) {
    auto o = std::make_shared<EncodeOptions>();
    addModelOptions(app, o->model);
    addText(app, "--captions", o->captions, "caption set: Karpathy/RoCOCO JSON, COCO captions JSON or CSV image,caption",
            "FILE")
        ->required()
        ->check(existingFile());
    addText(app, "--images", o->images, "the folder the caption set's images are resolved against (omit: captions only)",
            "DIR");
    addText(app, "--out", o->out, "output folder: captions.f32, images.f32, meta.json (and cache/)", "FOLDER")
        ->required();
    addText(app, "--cache", o->cache, "embedding cache folder (default: FOLDER/cache)", "DIR");
    addWhole(app, "--batch", o->batch, 1, 4096, "inputs per model call");
    return [o] { return encode(*o); };
}

const CommandRegistrar regCheck({"retrieval check-model", "load a TorchScript dual encoder and check it", defineCheck});
const CommandRegistrar regEncode({"retrieval encode", "write a caption set's embeddings with a TorchScript dual encoder",
                                  defineEncode});

}  // namespace
}  // namespace winnow::cli
