#include "core/retrieval/retrieval_import.h"

#include <system_error>

#include "core/media/image_probe.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

CaptionImportResult importCaptionSet(Project& project, const fs::path& file, const CaptionImportOptions& options) {
    if (options.format != "auto" && options.format != "karpathy" && options.format != "coco" && options.format != "csv")
        throw Error("Unknown caption format '" + options.format + "' (auto, karpathy, coco or csv)");
    if (!options.imageFolder.empty()) {
        std::error_code ec;
        if (!fs::is_directory(options.imageFolder, ec))
            throw Error("The image folder " + options.imageFolder.string() + " does not exist or is not a folder");
    }
    CaptionImportResult r;
    CaptionSetOptions o;
    o.imageFolder = options.imageFolder;
    o.attacks = options.attacks;
    r.set = loadCaptionSet(file, o);
    const std::string got = captionFormatName(r.set.format);
    if (options.format != "auto" && got != options.format)
        throw Error("The caption file " + file.string() + " is in the " + got + " format, not " + options.format +
                    " as asked");
    for (CaptionedImage& im : r.set.images) {
        if (im.status != ImageStatus::Found) continue;
        const ImageProbe p = probeImageFile(im.path);
        if (p.ok) continue;
        im.status = ImageStatus::Corrupt;
        r.set.issues.push_back({im.image, "unusable image " + im.path.string() + ": " + p.error + " (named in " +
                                              file.string() + ")"});
    }
    if (r.set.images.empty())
        throw Error("The caption file " + file.string() + " has no usable entry (image with captions)");
    if (!options.imageFolder.empty() && r.set.missingImages() == r.set.images.size())
        throw Error("None of the " + std::to_string(r.set.images.size()) + " images named in " + file.string() +
                    " is a usable image file in " + options.imageFolder.string() + ": nothing imported");
    r.setId = saveCaptionSet(project.db(), r.set, options.imageFolder);
    return r;
}

}  // namespace winnow::core
