#include "core/retrieval/torchscript_encoder.h"

#include <torch/script.h>
#include <torch/version.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/retrieval/clip_tokenizer.h"
#include "core/retrieval/encoder_preprocessing.h"
#include "core/retrieval/preprocessing_file.h"
#include "core/train/device.h"
#include "core/util/error.h"
#include "core/util/sha256.h"

namespace winnow::core {
namespace {

std::string torchVersion() {
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR);
}

// Torch's message without its C++ backtrace: a TorchScript traceback's last line (the error),
// else the first lines.
std::string shortText(const std::string& m) {
    std::string out;
    if (m.find("Traceback of TorchScript") != std::string::npos) {
        size_t end = m.find_last_not_of(" \t\n");
        if (end != std::string::npos) {
            const size_t start = m.rfind('\n', end);
            out = m.substr(start == std::string::npos ? 0 : start + 1, end + 1 - (start == std::string::npos ? 0 : start + 1));
            if (out.size() > 400) out = out.substr(0, 400) + "...";
            return out;
        }
    }
    std::istringstream in(m);
    std::string line;
    int lines = 0;
    while (std::getline(in, line) && lines < 4) {
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        if (!out.empty()) out += " ";
        out += line.substr(line.find_first_not_of(" \t"));
        ++lines;
    }
    if (out.size() > 400) out = out.substr(0, 400) + "...";
    return out;
}

std::string shortMessage(const c10::Error& e) { return shortText(e.what_without_backtrace()); }

bool contains(const std::string& text, const char* what) { return text.find(what) != std::string::npos; }

const char* kDocs = "see docs/retrieval-models.md";

std::string cudaArchiveMessage(const std::filesystem::path& file) {
    return file.string() +
           ": this archive was saved for CUDA; re-export it on the CPU in float32 (the original OpenAI CLIP "
           "archives were traced on a GPU and fail this way), " + kDocs;
}

std::string newerPyTorchMessage(const std::filesystem::path& file, const std::string& detail) {
    return file.string() + ": written by a newer PyTorch than this Winnow's LibTorch " + torchVersion() +
           " (" + detail + "); re-export it with torch <= " + torchVersion() + ", " + kDocs;
}

// Maps LibTorch's load errors to what the user can do about them.
[[noreturn]] void throwLoadError(const std::filesystem::path& file, const c10::Error& e) {
    const std::string m = shortMessage(e);
    if (contains(m, "maximum supported version") || contains(m, "installation may be too old")) {
        // "Attempted to read a PyTorch file with version 99, but the maximum supported version for reading is 10."
        const auto number = [&](const char* after) {
            const size_t at = m.find(after);
            if (at == std::string::npos) return std::string("?");
            const size_t from = at + std::strlen(after);
            const size_t to = m.find_first_not_of("0123456789", from);
            return m.substr(from, to == std::string::npos ? std::string::npos : to - from);
        };
        throw Error(newerPyTorchMessage(file, "archive format version " + number("file with version ") +
                                                  ", this LibTorch reads up to version " +
                                                  number("supported version for reading is ")));
    }
    if (contains(m, "constants.pkl"))
        throw Error(file.string() +
                    ": a torch.save checkpoint (weights only), not a TorchScript module; export the model "
                    "with torch.jit.script or torch.jit.trace and torch.jit.save, " + kDocs);
    if (contains(m, "central directory") || contains(m, "zip archive") || contains(m, "file not found") ||
        contains(m, "PytorchStreamReader"))
        throw Error(file.string() + ": not a TorchScript archive (not a zip written by torch.jit.save): " + m);
    if (contains(m, "Unknown builtin op") || contains(m, "Unknown type") || contains(m, "unknown type") ||
        contains(m, "Unknown qualified"))
        throw Error(newerPyTorchMessage(file, "it uses operators or types this LibTorch does not know: " + m));
    if (contains(m, "CUDA") || contains(m, "cuda")) throw Error(cudaArchiveMessage(file));
    throw Error(file.string() + ": LibTorch cannot load this TorchScript archive: " + m);
}

std::string shapeText(const at::Tensor& t) {
    std::string s = "[";
    for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
    return s + "]";
}

std::string readTextFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("cannot read the preprocessing file " + file.string());
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) throw Error("reading the preprocessing file " + file.string() + " failed");
    return s.str();
}

}  // namespace

struct TorchScriptEncoder::Impl {
    std::filesystem::path file;
    std::string identity, device, source, note;
    EncoderPreprocessing pre;
    std::unique_ptr<ClipTokenizer> tokenizer;
    torch::jit::Module module;
    std::vector<c10::IValue> imageExtra, textExtra;  // values for arguments after the tensor
    int64_t dim = 0;

    std::vector<c10::IValue> extraArguments(const char* name) {
        auto method = module.find_method(name);
        if (!method)
            throw Error(file.string() + ": the model has no method " + name +
                        " (a CLIP-family dual encoder needs encode_image(image) and encode_text(text), exported "
                        "with @torch.jit.export; " + kDocs + ")");
        const auto& args = method->function().getSchema().arguments();
        // args[0] is self.
        if (args.size() < 2) throw Error(file.string() + ": " + name + " takes no input tensor");
        std::vector<c10::IValue> extra;
        bool defaultsFollow = false;
        for (size_t i = 2; i < args.size(); ++i) {
            if (args[i].default_value().has_value()) {
                defaultsFollow = true;
                continue;
            }
            if (defaultsFollow || args[i].type()->kind() != c10::TypeKind::BoolType)
                throw Error(file.string() + ": " + name + " needs argument '" + args[i].name() +
                            "' besides the input tensor; Winnow passes only the tensor (and false for a "
                            "bool such as normalize)");
            extra.emplace_back(false);
        }
        return extra;
    }

    // Calls `name` on `input`, checks the output, returns it as float32 on the CPU.
    at::Tensor call(const char* name, const at::Tensor& input, const std::vector<c10::IValue>& extra,
                    int64_t rows, const char* what) {
        c10::IValue out;
        std::string failure, full;
        try {
            torch::NoGradGuard noGrad;
            std::vector<c10::IValue> stack{input.to(torch::Device(device))};
            stack.insert(stack.end(), extra.begin(), extra.end());
            out = module.get_method(name)(std::move(stack));
        } catch (const c10::Error& e) {
            full = e.what_without_backtrace();
            failure = shortMessage(e);
        } catch (const std::exception& e) {  // torch::jit::JITException: raised inside the script
            full = e.what();
            failure = shortText(full);
        }
        if (!failure.empty()) {
            const std::string& m = failure;
            // A CUDA device baked into the graph (tensors created on "cuda"): "Could not run '...'
            // with arguments from the 'CUDA' backend" or "Torch not compiled with CUDA enabled".
            if (device == "cpu" && (contains(full, "'CUDA' backend") || contains(full, "not compiled with CUDA") ||
                                    contains(m, "CUDA")))
                throw Error(cudaArchiveMessage(file));
            if (contains(m, "expected scalar type") || contains(m, "Half") || contains(m, "BFloat16") ||
                contains(m, "Double"))
                throw Error(file.string() + ": " + name +
                            " failed on float32 input; the model's weights must be float32 (export after "
                            "model.float(), " + kDocs + "): " + m);
            throw Error(file.string() + ": " + name + " failed: " + m);
        }
        if (!out.isTensor())
            throw Error(file.string() + ": " + name + " returned " + out.tagKind() + ", not a tensor [B, D]");
        at::Tensor t = out.toTensor();
        if (t.dim() != 2 || t.size(0) != rows || t.size(1) < 1)
            throw Error(file.string() + ": " + name + " returned a tensor of shape " + shapeText(t) +
                        " for " + std::to_string(rows) + " " + what + " (expected [" + std::to_string(rows) +
                        ", D], one embedding row per input)");
        if (!t.is_floating_point())
            throw Error(file.string() + ": " + name + " returned " + std::string(c10::toString(t.scalar_type())) +
                        " values; embeddings must be floating point (float32)");
        if (t.scalar_type() != torch::kFloat && note.empty())
            note = std::string(c10::toString(t.scalar_type())) + " outputs converted to float32";
        return t.to(torch::kCPU, torch::kFloat).contiguous();
    }

    Embeddings finish(const at::Tensor& t, const char* name, const char* what) {
        Embeddings e;
        e.rows = t.size(0);
        e.dim = t.size(1);
        e.values.resize(size_t(e.rows * e.dim));
        std::memcpy(e.values.data(), t.data_ptr<float>(), e.values.size() * sizeof(float));
        int64_t nonFinite = 0;
        for (int64_t r = 0; r < e.rows; ++r)
            for (int64_t i = 0; i < e.dim; ++i)
                if (!std::isfinite(e.values[size_t(r * e.dim + i)])) {
                    ++nonFinite;
                    break;
                }
        if (nonFinite > 0)
            throw Error(file.string() + ": " + name + " returned NaN or infinite values for " +
                        std::to_string(nonFinite) + " of " + std::to_string(e.rows) + " " + what);
        const int64_t zero = normaliseRows(e.values.data(), e.rows, e.dim);
        if (zero > 0)
            throw Error(file.string() + ": " + name + " returned a zero embedding for " + std::to_string(zero) +
                        " of " + std::to_string(e.rows) + " " + what + " (it cannot be normalised)");
        return e;
    }

    Embeddings images(const std::vector<Image>& images) {
        const int s = pre.image.size;
        const size_t plane = size_t(3) * s * s;
        std::vector<float> buf(images.size() * plane);
        for (size_t i = 0; i < images.size(); ++i) preprocessImage(images[i], pre.image, buf.data() + i * plane);
        const at::Tensor input = torch::from_blob(buf.data(), {int64_t(images.size()), 3, s, s}, torch::kFloat);
        const at::Tensor out = call("encode_image", input, imageExtra, int64_t(images.size()), "images");
        if (dim > 0 && out.size(1) != dim)
            throw Error(file.string() + ": encode_image returned D = " + std::to_string(out.size(1)) +
                        ", earlier " + std::to_string(dim));
        return finish(out, "encode_image", "images");
    }

    Embeddings texts(const std::vector<std::string>& captions, TextBatchReport* report) {
        std::vector<int64_t> ids = packCaptions(*tokenizer, captions, pre.text, report);
        const at::Tensor input =
            torch::from_blob(ids.data(), {int64_t(captions.size()), pre.text.contextLength}, torch::kLong);
        const at::Tensor out = call("encode_text", input, textExtra, int64_t(captions.size()), "captions");
        if (dim > 0 && out.size(1) != dim)
            throw Error(file.string() + ": encode_text returns " + std::to_string(out.size(1)) +
                        "-dimensional embeddings but encode_image " + std::to_string(dim) +
                        "-dimensional ones; both must be in the same space (same D)");
        return finish(out, "encode_text", "captions");
    }
};

TorchScriptEncoder::TorchScriptEncoder(const std::filesystem::path& modelFile)
    : TorchScriptEncoder(modelFile, Options{}) {}

TorchScriptEncoder::TorchScriptEncoder(const std::filesystem::path& modelFile, const Options& options)
    : m(std::make_unique<Impl>()) {
    m->file = modelFile;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(modelFile, ec))
        throw Error(modelFile.string() + ": the model file does not exist or is not a regular file");
    m->identity = "sha256:" + sha256File(modelFile);
    m->device = resolveDevice(options.device);

    torch::jit::ExtraFilesMap extra{{kPreprocessingExtraFile, ""}};
    try {
        m->module = torch::jit::load(modelFile.string(), torch::Device(torch::kCPU), extra);
    } catch (const c10::Error& e) {
        throwLoadError(modelFile, e);
    }

    // Preprocessing: the user's file, else the archive's, else CLIP's defaults.
    const std::string inArchive = extra[kPreprocessingExtraFile];
    if (!options.preprocessingFile.empty()) {
        m->source = options.preprocessingFile.string();
        m->pre = parsePreprocessingJson(readTextFile(options.preprocessingFile), m->source,
                                        std::filesystem::absolute(options.preprocessingFile).parent_path());
    } else if (!inArchive.empty()) {
        m->source = "archive (" + std::string(kPreprocessingExtraFile) + ")";
        m->pre = parsePreprocessingJson(inArchive, modelFile.string() + " (" + kPreprocessingExtraFile + ")",
                                        std::filesystem::absolute(modelFile).parent_path());
    } else {
        m->source = "CLIP defaults";
    }
    if (m->pre.text.merges.empty()) {
        m->pre.text.merges = findDefaultMerges(modelFile);
    } else if (!std::filesystem::is_regular_file(m->pre.text.merges, ec)) {
        throw Error(m->source + ": the merges file " + m->pre.text.merges.string() +
                    " (field \"merges\") does not exist");
    }
    m->pre.text.mergesSha256 = sha256File(m->pre.text.merges);
    m->tokenizer = std::make_unique<ClipTokenizer>(m->pre.text.merges);
    if (m->pre.text.startId != m->tokenizer->startId() || m->pre.text.endId != m->tokenizer->endId())
        throw Error(m->source + ": fields \"start_id\"/\"end_id\" (" + std::to_string(m->pre.text.startId) + "/" +
                    std::to_string(m->pre.text.endId) + ") are not the ids of the merges file's tokenizer (" +
                    std::to_string(m->tokenizer->startId()) + "/" + std::to_string(m->tokenizer->endId()) + ")");

    m->imageExtra = m->extraArguments("encode_image");
    m->textExtra = m->extraArguments("encode_text");
    try {
        m->module.eval();
        m->module.to(torch::Device(m->device));
    } catch (const c10::Error& e) {
        throw Error(modelFile.string() + ": cannot move the model to " + m->device + ": " + shortMessage(e));
    }

    // The test call: two grey images of another size than the model's, two captions.
    Image grey;
    grey.width = 40;
    grey.height = 30;
    grey.channels = 1;
    grey.pixels.assign(size_t(grey.width * grey.height), 128);
    Image dark = grey;
    dark.pixels.assign(dark.pixels.size(), 40);
    const Embeddings img = m->images({grey, dark});
    m->dim = img.dim;
    m->texts({"a photo of a cat", "two dogs running on a beach"}, nullptr);
}

TorchScriptEncoder::~TorchScriptEncoder() = default;

std::string TorchScriptEncoder::identity() const { return m->identity; }

std::string TorchScriptEncoder::description() const {
    return m->file.filename().string() + " (TorchScript, D = " + std::to_string(m->dim) + ", " + m->device + ")";
}

int64_t TorchScriptEncoder::dim() const { return m->dim; }
const EncoderPreprocessing& TorchScriptEncoder::preprocessing() const { return m->pre; }

Embeddings TorchScriptEncoder::encodeImages(const std::vector<Image>& images) {
    if (images.empty()) return Embeddings{0, m->dim, {}};
    return m->images(images);
}

Embeddings TorchScriptEncoder::encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report) {
    if (captions.empty()) return Embeddings{0, m->dim, {}};
    return m->texts(captions, report);
}

const std::filesystem::path& TorchScriptEncoder::modelFile() const { return m->file; }
std::string TorchScriptEncoder::device() const { return m->device; }
const std::string& TorchScriptEncoder::preprocessingSource() const { return m->source; }
const std::string& TorchScriptEncoder::outputNote() const { return m->note; }

}  // namespace winnow::core
