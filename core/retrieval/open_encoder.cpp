#include "core/retrieval/open_encoder.h"

#include <fstream>

#include "core/retrieval/builtin_encoder.h"
#include "core/retrieval/hash_demo_encoder.h"
#include "core/retrieval/preprocessing_file.h"
#include "core/retrieval/torchscript_encoder.h"
#include "core/util/error.h"

namespace winnow::core {
namespace {

bool startsWithBuiltinMagic(const std::filesystem::path& file) {
    static const std::string magic = "WINNOW-BUILTIN-DUAL-ENCODER\n";
    std::ifstream in(file, std::ios::binary);
    std::string head(magic.size(), '\0');
    in.read(head.data(), std::streamsize(head.size()));
    return in.gcount() == std::streamsize(magic.size()) && head == magic;
}

}  // namespace

std::unique_ptr<DualEncoder> openDualEncoder(const std::string& model, const std::filesystem::path& preprocessingFile,
                                             const std::string& device) {
    if (isHashDemoName(model)) return std::make_unique<HashDemoEncoder>();
    const std::filesystem::path file = model;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw Error(model + ": no such model file (give a TorchScript .pt, a built-in encoder file, or hash-demo)");
    if (startsWithBuiltinMagic(file)) {
        if (!preprocessingFile.empty())
            throw Error(model + " is a built-in encoder: its preprocessing is inside the file, " +
                        preprocessingFile.string() + " does not apply");
        return BuiltinEncoder::load(file, findDefaultMerges(file), device);
    }
    TorchScriptEncoder::Options o;
    o.preprocessingFile = preprocessingFile;
    o.device = device;
    return std::make_unique<TorchScriptEncoder>(file, o);
}

}  // namespace winnow::core
