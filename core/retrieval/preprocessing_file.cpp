#include "core/retrieval/preprocessing_file.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <system_error>

#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::core {
namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& source, const std::string& field, const std::string& why) {
    throw Error(source + ": field \"" + field + "\" " + why);
}

int64_t wholeField(const json& v, const std::string& source, const std::string& field, int64_t lo, int64_t hi) {
    if (!v.is_number_integer() && !v.is_number_unsigned())
        bad(source, field, "must be a whole number, got " + v.dump());
    if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(hi))
        bad(source, field, "must be at most " + std::to_string(hi) + ", got " + v.dump());
    const int64_t x = v.get<int64_t>();
    if (x < lo || x > hi)
        bad(source, field, "must be in " + std::to_string(lo) + ".." + std::to_string(hi) + ", got " + v.dump());
    return x;
}

std::array<float, 3> tripleField(const json& v, const std::string& source, const std::string& field,
                                 bool positive) {
    if (!v.is_array() || v.size() != 3) bad(source, field, "must be a list of three numbers, got " + v.dump());
    std::array<float, 3> out{};
    for (size_t i = 0; i < 3; ++i) {
        if (!v[i].is_number()) bad(source, field, "must be a list of three numbers, got " + v.dump());
        const double x = v[i].get<double>();
        if (!std::isfinite(x) || (positive && !(x > 0)))
            bad(source, field, std::string("must hold three ") + (positive ? "positive " : "finite ") +
                                   "numbers, got " + v.dump());
        out[i] = float(x);
    }
    return out;
}

std::filesystem::path exeFolder() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

}  // namespace

EncoderPreprocessing parsePreprocessingJson(const std::string& text, const std::string& source,
                                            const std::filesystem::path& baseFolder) {
    json doc;
    try {
        doc = parseJson(text, source);
    } catch (const Error& e) {
        throw Error(source + ": not valid JSON (" + e.what() + ")");
    }
    if (!doc.is_object()) throw Error(source + ": must be a JSON object of preprocessing fields");
    EncoderPreprocessing p;
    for (const auto& [key, v] : doc.items()) {
        if (key == "image_size") {
            p.image.size = int(wholeField(v, source, key, 1, 4096));
        } else if (key == "resize") {
            const std::string r = v.is_string() ? v.get<std::string>() : std::string();
            if (r == "squash")
                p.image.resize = ImagePreprocessing::Resize::Squash;
            else if (r == "short-side-center-crop")
                p.image.resize = ImagePreprocessing::Resize::ShortSideCenterCrop;
            else
                bad(source, key, "must be \"short-side-center-crop\" or \"squash\", got " + v.dump());
        } else if (key == "mean") {
            p.image.mean = tripleField(v, source, key, false);
        } else if (key == "std") {
            p.image.std = tripleField(v, source, key, true);
        } else if (key == "context_length") {
            p.text.contextLength = int(wholeField(v, source, key, 2, 4096));
        } else if (key == "start_id") {
            p.text.startId = wholeField(v, source, key, 0, INT32_MAX);
        } else if (key == "end_id") {
            p.text.endId = wholeField(v, source, key, 0, INT32_MAX);
        } else if (key == "pad_id") {
            p.text.padId = wholeField(v, source, key, 0, INT32_MAX);
        } else if (key == "merges") {
            if (!v.is_string() || v.get<std::string>().empty())
                bad(source, key, "must be the path of a BPE merges file, got " + v.dump());
            const std::filesystem::path m(v.get<std::string>());
            p.text.merges = m.is_absolute() ? m : baseFolder / m;
        } else {
            bad(source, key,
                "is not a preprocessing field (known: image_size, resize, mean, std, context_length, "
                "start_id, end_id, pad_id, merges)");
        }
    }
    return p;
}

std::vector<std::filesystem::path> defaultMergesCandidates(const std::filesystem::path& modelFile) {
    std::vector<std::filesystem::path> out;
    const auto exe = exeFolder();
    if (!exe.empty()) out.push_back(exe.parent_path() / "share" / "winnow" / "retrieval" / kClipMergesFileName);
#ifdef WINNOW_RESOURCE_DIR
    out.push_back(std::filesystem::path(WINNOW_RESOURCE_DIR) / "retrieval" / kClipMergesFileName);
#endif
    const auto folder = std::filesystem::absolute(modelFile).parent_path();
    out.push_back(folder / kClipMergesFileName);
    out.push_back((folder / ".." / "shared" / "data" / "clip" / kClipMergesFileName).lexically_normal());
    return out;
}

std::filesystem::path findDefaultMerges(const std::filesystem::path& modelFile) {
    std::string looked;
    for (const auto& c : defaultMergesCandidates(modelFile)) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(c, ec)) return c;
        looked += (looked.empty() ? "" : ", ") + c.string();
    }
    throw Error("CLIP's BPE merges file " + std::string(kClipMergesFileName) + " for " + modelFile.string() +
                " was not found (looked in: " + looked +
                "); give its path as \"merges\" in the preprocessing JSON");
}

}  // namespace winnow::core
