#pragma once
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/retrieval/caption_text.h"

namespace winnow::core {

enum class CaptionFormat { KarpathyList, CocoCaptions, Csv };
const char* captionFormatName(CaptionFormat format);

// Corrupt: found but its header or end marker is unusable (set by probeCaptionSetImages).
enum class ImageStatus { Unchecked, Found, Missing, NotAFile, Corrupt };

struct CaptionEntry {
    std::string text;              // as in the file (normalise with normaliseCaption to evaluate)
    bool adversarial = false;
    int source = -1;               // adversarial: index (within the image) of its ground truth
    std::vector<WordSwap> swaps;   // adversarial: diffCaptions(ground truth, this)
};

struct CaptionedImage {
    std::string image;             // as written in the file
    std::filesystem::path path;    // resolved against the image folder
    ImageStatus status = ImageStatus::Unchecked;
    std::vector<CaptionEntry> captions;  // ground truth first, then adversarial
    size_t groundTruthCount() const;
};

struct CaptionSetIssue {
    std::string item;     // the image (or "line N") it concerns
    std::string message;  // names the file and the reason
};

enum class AttackLayout {
    Auto,     // RoCOCO layout when every entry has 10 or 11 captions and the last five are
              // small edits of the first five (see loadCaptionSet)
    None,     // every caption is ground truth
    Rococo,   // 10 = 5 + 5, 11 = 6 + 5; other counts are issues and load as ground truth
};

struct CaptionSetOptions {
    std::filesystem::path imageFolder;  // empty: images are not checked
    AttackLayout attacks = AttackLayout::Auto;
};

struct CaptionSet {
    std::filesystem::path file;
    CaptionFormat format = CaptionFormat::KarpathyList;
    bool rococoAttack = false;
    std::vector<CaptionedImage> images;
    std::vector<CaptionSetIssue> issues;
    size_t groundTruthCaptions() const;
    size_t adversarialCaptions() const;
    size_t missingImages() const;  // missing, not a file or corrupt
};

// Reads a caption set:
//  * JSON list of {"image": path, "caption": [..] or "..."} (Karpathy split files, RoCOCO);
//    entries naming the same image are merged in file order; an entry with
//    "adversarial_source": [i, ...] (Winnow's attack files, caption_attack.h) has that many
//    adversarial captions last, the k-th made from ground truth i — such a file is an attack
//    set whatever its caption counts (unless options.attacks is None);
//  * JSON object with "images" [{"id", "file_name"}] and "annotations" [{"image_id",
//    "caption"}] (official COCO captions);
//  * CSV with one caption per row: a header naming columns "image" and "caption", or
//    exactly two columns image,caption without a header.
// Images are resolved against options.imageFolder (absolute paths are kept) and checked to be
// existing regular files; a missing one is an issue naming the file, the rest loads. Entries
// without an image or without captions are issues and are skipped.
// Throws Error naming the file when it cannot be read or is in none of these formats.
CaptionSet loadCaptionSet(const std::filesystem::path& file, const CaptionSetOptions& options = {});

}  // namespace winnow::core
