#include "app/cli/features_option.h"

#include "app/cli/command.h"
#include "app/cli/options.h"
#include "core/curation/encoder_features.h"

namespace winnow::cli {

void addFeaturesOption(CLI::App& app, std::string& into) {
    addText(app, "--features", into, "thumbnail (no model: 16x16 grey thumbnails), run:<id> "
            "(that run's penultimate features) or encoder:<model> (an image encoder: a TorchScript "
            "CLIP-family .pt, a built-in encoder file, or hash-demo); default thumbnail", "FEATURES");
}

void checkFeatures(const std::string& f) {
    bool ok = f == "thumbnail" || core::isEncoderSpec(f);
    if (!ok && f.rfind("run:", 0) == 0) {
        const std::string num = f.substr(4);
        ok = !num.empty() && num.size() < 18 && num.find_first_not_of("0123456789") == std::string::npos && num != "0";
    }
    if (!ok) throw UsageError{"--features expects thumbnail, run:<id> or encoder:<model>, got '" + f + "'"};
}

}  // namespace winnow::cli
