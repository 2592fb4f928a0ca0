// winnow-cli retrieval demo | retrieval train: the Fashion-MNIST demo caption set and the
// built-in dual encoder (core/retrieval/caption_demo.h, builtin_encoder.h).
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/retrieval/builtin_encoder.h"
#include "core/retrieval/builtin_training_run.h"
#include "core/retrieval/preprocessing_file.h"
#include "core/retrieval/caption_demo.h"
#include "core/retrieval/caption_set.h"
#include "core/util/error.h"

namespace winnow::cli {


namespace {

using nlohmann::json;

// ---- retrieval demo

struct DemoOptions {
    std::string out;
    int count = 1000;
    uint64_t seed = 1;
    bool json = false;
};

int runDemo(const DemoOptions& o) {
    core::CancelToken cancel;
    SigintCancels guard(cancel);
    core::CaptionDemoOptions options;
    options.count = o.count;
    options.seed = o.seed;
    const core::CaptionDemoReport r = core::buildCaptionDemo(o.out, options, cliProgress(o.json), &cancel);
    if (o.json) {
        json j;
        j["event"] = "done";
        j["captions"] = r.captionsFile.string();
        j["images_dir"] = (r.captionsFile.parent_path() / "images").string();
        j["images"] = r.images;
        j["caption_count"] = r.captions;
        printJsonLine(j.dump());
    } else {
        std::cout << r.images << " images and " << r.captions << " captions written; captions: "
                  << r.captionsFile.string() << " (images resolve against " << o.out << ")\n";
    }
    return 0;
}

Runner defineDemo(CLI::App& app) {
    auto o = std::make_shared<DemoOptions>();
    addText(app, "--out", o->out, "the folder to create (missing or empty)", "FOLDER")->required();
    addWhole(app, "--count", o->count, 1, 10000, "Fashion-MNIST test images to caption");
    addWhole(app, "--seed", o->seed, 0, kNoLimit, "random seed (image choice and captions)");
    addJson(app, o->json);
    return [o] { return runDemo(*o); };
}

// ---- retrieval train

struct TrainOptions {
    std::string captions, images, out, merges;
    core::BuiltinTrainOptions train;
    bool json = false;
};

std::string percent(double v) {
    if (v < 0) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
    return buf;
}

int runTrain(const TrainOptions& o) {
    core::BuiltinTrainOptions t = o.train;
    t.merges = o.merges;
    if (t.merges.empty()) {
        if (const char* env = std::getenv("WINNOW_CLIP_MERGES"); env && *env) t.merges = env;
        else t.merges = core::findDefaultMerges(o.out);  // the bundled copy (Error lists where it looked)
    }
    core::CaptionSetOptions load;
    load.imageFolder = o.images;
    const core::CaptionSet set = core::loadCaptionSet(o.captions, load);
    for (const auto& issue : set.issues) std::cerr << "warning: " << issue.message << "\n";

    core::CancelToken cancel;
    SigintCancels guard(cancel);
    auto progress = [&](const core::BuiltinTrainProgress& p) {
        if (o.json) {
            json j;
            j["event"] = p.epochEnd ? "epoch" : "step";
            j["epoch"] = p.epoch + 1;
            j["epochs"] = p.epochs;
            j["step"] = p.step;
            j["steps"] = p.steps;
            j["loss"] = p.loss;
            j["temperature"] = p.temperature;
            if (p.epochEnd) {
                j["images_per_s"] = p.imagesPerSecond;
                j["val_i2t_r1"] = p.validationI2T_R1 < 0 ? json(nullptr) : json(p.validationI2T_R1);
                j["val_t2i_r1"] = p.validationT2I_R1 < 0 ? json(nullptr) : json(p.validationT2I_R1);
            }
            printJsonLine(j.dump());
        } else if (p.epochEnd) {
            std::cout << "epoch " << p.epoch + 1 << "/" << p.epochs << ": loss " << p.loss << ", temperature "
                      << p.temperature << ", validation R@1 image->text " << percent(p.validationI2T_R1)
                      << ", text->image " << percent(p.validationT2I_R1) << std::endl;
        }
    };
    // Writes the model and its training history beside it; a Ctrl-C even after the last step
    // writes nothing.
    const core::BuiltinTrainingOutcome outcome = core::trainBuiltinEncoderToFile(set, t, o.out, progress, &cancel);
    const core::BuiltinTrainResult& r = outcome.result;
    for (const auto& issue : r.issues) std::cerr << "warning: " << issue.message << "\n";
    if (o.json) {
        json j;
        j["event"] = "done";
        j["model"] = o.out;
        j["history"] = outcome.history.string();
        j["identity"] = r.encoder->identity();
        j["train_images"] = r.trainImages;
        j["validation_images"] = r.validationImages;
        j["skipped_images"] = r.issues.size();
        j["seconds"] = r.seconds;
        if (r.validationImages > 0) {
            for (const auto& [name, s] : {std::pair{"val_i2t", r.validationI2T}, std::pair{"val_t2i", r.validationT2I}}) {
                j[std::string(name) + "_r1"] = s.r1;
                j[std::string(name) + "_r5"] = s.r5;
                j[std::string(name) + "_r10"] = s.r10;
            }
        }
        printJsonLine(j.dump());
    } else {
        std::cout << "model written to " << o.out << " (" << r.encoder->identity() << "), training history in "
                  << outcome.history.string() << "; trained on "
                  << r.trainImages << " images, " << r.validationImages << " held out";
        if (!r.issues.empty()) std::cout << ", " << r.issues.size() << " skipped";
        std::cout << "\n";
    }
    return 0;
}

Runner defineTrain(CLI::App& app) {
    auto o = std::make_shared<TrainOptions>();
    core::BuiltinTrainOptions& t = o->train;
    addText(app, "--captions", o->captions, "the caption file (Karpathy/RoCOCO JSON, COCO captions JSON, CSV)",
            "FILE")->required()->check(existingFile());
    addText(app, "--images", o->images, "the folder the caption file's image paths are relative to", "DIR")
        ->required();
    addText(app, "--out", o->out, "the model file to write", "MODEL_FILE")->required();
    addText(app, "--merges", o->merges, "CLIP's BPE merges file (default: $WINNOW_CLIP_MERGES, else the bundled copy)", "FILE")
        ->check(existingFile());
    addWhole(app, "--epochs", t.epochs, 1, kMaxEpochs, "training epochs");
    addWhole(app, "--batch", t.batch, 2, 65536, "images per contrastive batch");
    addReal(app, "--lr", t.lr, 0, End::Open, 10, End::Closed, "learning rate (AdamW)");
    addWhole(app, "--dim", t.dim, 2, 4096, "embedding size");
    addChoice(app, "--backbone", t.backbone, {"cnn-small", "resnet32", "resnet18"}, "image backbone");
    addWhole(app, "--image-size", t.imageSize, 8, 512, "images are squashed to S x S pixels");
    addReal(app, "--val-share", t.validationShare, 0, End::Closed, 0.9, End::Closed,
            "share of the images held out for the validation R@1");
    addChoice(app, "--device", t.device, {"auto", "cpu", "cuda"}, "compute device");
    addWhole(app, "--seed", t.seed, 0, kNoLimit, "random seed");
    addWhole(app, "--threads", t.threads, 1, 1024, "compute threads (default: LibTorch's)");
    addJson(app, o->json);
    return [o] { return runTrain(*o); };
}

const CommandRegistrar regDemo({"retrieval demo", "build the Fashion-MNIST demo caption set (images + captions.json)",
                                defineDemo});
const CommandRegistrar regTrain({"retrieval train", "train the built-in image-text dual encoder on a caption set",
                                 defineTrain});

}  // namespace
}  // namespace winnow::cli
