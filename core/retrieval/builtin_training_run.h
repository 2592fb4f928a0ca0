#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "core/retrieval/builtin_encoder.h"

namespace winnow::core {

// One training of the built-in dual encoder into a model file, as the CLI and the GUI run it:
// train (trainBuiltinEncoder), then write the model and, beside it, its training history.
//
// The history file (builtinTrainingHistoryFile: "encoder.wbe" -> "encoder.training.json") holds
// the curves and the final numbers as JSON with locale-free numbers:
//   {"format": "winnow-builtin-training", "version": 1, "model": "encoder.wbe",
//    "identity": "builtin:<sha256>", "caption_set": "captions.json",
//    "settings": {"backbone", "epochs", "batch", "lr", "weight_decay", "dim", "seed",
//                 "image_size", "validation_share"},
//    "steps":  [{"epoch" (1-based), "step", "loss", "temperature"}, ...],
//    "epochs": [{"epoch", "step", "loss" (the epoch's mean), "temperature", "images_per_s",
//                "val_i2t_r1", "val_t2i_r1" (null without held-out images)}, ...],
//    "final":  {"train_images", "validation_images", "skipped_images", "seconds",
//               "val_i2t_r1/r5/r10", "val_t2i_r1/r5/r10" (only with held-out images)}}
// A non-finite loss is written as null.
//
// Cancellation is honoured up to the model's write: cancelled during training or after the
// last step, it throws Cancelled and writes nothing (no model, no history, no temporary file).
// The model and the history are each written through an AtomicFile, model first: a model file
// under its final name is always complete.
struct BuiltinTrainingOutcome {
    std::filesystem::path model;
    std::filesystem::path history;
    std::string identity;
    BuiltinTrainResult result;  // result.encoder: the trained encoder (saved as `model`)
};

std::filesystem::path builtinTrainingHistoryFile(const std::filesystem::path& model);

BuiltinTrainingOutcome trainBuiltinEncoderToFile(const CaptionSet& set, const BuiltinTrainOptions& options,
                                                 const std::filesystem::path& model,
                                                 const BuiltinProgressFn& progress = {},
                                                 const CancelToken* cancel = nullptr);

// The job panel's view of one report: fraction = steps done / all steps, and a short English
// message ("epoch 2/5, loss 1.234").
Progress builtinTrainingProgress(const BuiltinTrainProgress& p);

}  // namespace winnow::core
