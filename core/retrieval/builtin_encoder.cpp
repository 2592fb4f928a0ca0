#include "core/retrieval/builtin_encoder.h"

#include <torch/torch.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "core/dataset/image_loader.h"
#include "core/retrieval/clip_tokenizer.h"
#include "core/retrieval/encoder_preprocessing.h"
#include "core/train/cpu_tuning.h"
#include "core/train/device.h"
#include "train_private/net.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/util/sha256.h"
#include "core/util/regular_file.h"

namespace winnow::core {
namespace fs = std::filesystem;
namespace F = torch::nn::functional;
using nlohmann::json;

namespace {

constexpr const char* kMagic = "WINNOW-BUILTIN-DUAL-ENCODER";
constexpr int kFormatVersion = 1;
constexpr size_t kMaxHeaderBytes = 1 << 20;
constexpr int64_t kEncodeChunk = 256;
const double kMaxLogitScale = std::log(100.0);  // CLIP clamps exp(s) at 100
const double kInitLogitScale = std::log(1 / 0.07);

std::string sha256Hex(const void* data, size_t size) {
    return core::sha256Hex(std::string_view(static_cast<const char*>(data), size));
}

std::string readWholeFile(const fs::path& file) {
    std::string why;
    const int fd = openRegularFile(file, why);
    if (fd < 0) throw Error("cannot read " + file.string() + ": " + why);
    std::string out;
    char buf[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int e = errno;
            ::close(fd);
            throw Error("cannot read " + file.string() + ": " + std::strerror(e));
        }
        if (n == 0) break;
        out.append(buf, size_t(n));
    }
    ::close(fd);
    return out;
}

// Token embedding -> conv over 3 tokens + ReLU -> masked mean and max -> MLP.
struct TextTowerImpl : torch::nn::Module {
    TextTowerImpl(int64_t vocab, int64_t width, int64_t dim)
        : embed(register_module("embed", torch::nn::Embedding(vocab, width))),
          conv(register_module("conv", torch::nn::Conv1d(torch::nn::Conv1dOptions(width, width, 3).padding(1)))),
          fc1(register_module("fc1", torch::nn::Linear(2 * width, 2 * width))),
          fc2(register_module("fc2", torch::nn::Linear(2 * width, dim))) {}
    // ids, mask: [B, L]; mask is 1 for the caption's tokens (start..end), 0 for padding.
    torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& mask) {
        const torch::Tensor m = mask.unsqueeze(2);                              // B L 1
        torch::Tensor x = embed(ids) * m;                                        // padding never leaks in
        x = torch::relu(conv(x.transpose(1, 2))).transpose(1, 2) * m;            // B L W, >= 0
        const torch::Tensor mean = x.sum(1) / m.sum(1).clamp_min(1);
        const torch::Tensor max = std::get<0>(x.max(1));                         // padding is 0 <= any value
        return fc2(torch::relu(fc1(torch::cat({mean, max}, 1))));
    }
    torch::nn::Embedding embed;
    torch::nn::Conv1d conv;
    torch::nn::Linear fc1, fc2;
};
TORCH_MODULE(TextTower);

struct Architecture {
    std::string backbone = "cnn-small";
    int imageSize = 28;
    int dim = 64;
    int textWidth = 128;
    int contextLength = 32;
    std::vector<int64_t> vocab;  // sorted CLIP ids with rows 1..; row 0 = any other id
};

EncoderPreprocessing preprocessingFor(const Architecture& a, const fs::path& merges, const std::string& mergesSha) {
    EncoderPreprocessing p;
    p.image.size = a.imageSize;
    p.image.resize = ImagePreprocessing::Resize::Squash;
    p.image.mean = {0.5f, 0.5f, 0.5f};
    p.image.std = {0.25f, 0.25f, 0.25f};
    p.text.contextLength = a.contextLength;
    p.text.merges = merges;
    p.text.mergesSha256 = mergesSha;
    return p;
}

}  // namespace

struct BuiltinEncoder::Impl {
    Architecture arch;
    EncoderPreprocessing pre;
    std::unique_ptr<ClipTokenizer> tokenizer;
    std::unique_ptr<Net> image;
    TextTower text{nullptr};
    torch::Tensor logitScale;
    torch::Device device{torch::kCPU};
    json training = json::object();  // settings and validation results, kept in the header
    std::string bytes;               // the file's content (serialise())
    std::string sha;
    std::string fileName;            // "" until saved or loaded

    void build(const std::string& deviceName) {
        device = deviceName == "cuda" ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
        image = makeNet(arch.backbone, "", 3, arch.imageSize, arch.imageSize, 0, arch.dim);
        text = TextTower(int64_t(arch.vocab.size()) + 1, arch.textWidth, arch.dim);
        logitScale = torch::full({1}, kInitLogitScale, torch::kFloat32);
        image->to(device);
        text->to(device);
        logitScale = logitScale.to(device).set_requires_grad(true);
    }

    std::vector<std::pair<std::string, torch::Tensor>> state() {
        auto s = image->namedState();
        for (auto& p : s) p.first = "image." + p.first;
        for (auto& kv : text->named_parameters()) s.emplace_back("text." + kv.key(), kv.value());
        s.emplace_back("logit_scale", logitScale);
        return s;
    }

    std::vector<torch::Tensor> parameters() {
        auto p = image->parameters();
        for (auto& t : text->parameters()) p.push_back(t);
        p.push_back(logitScale);
        return p;
    }

    void setTraining(bool on) {
        image->train(on);
        text->train(on);
    }

    json header() {
        json h;
        h["format"] = "winnow-builtin-dual-encoder";
        h["version"] = kFormatVersion;
        h["image_tower"] = {{"backbone", arch.backbone}, {"input", {3, arch.imageSize, arch.imageSize}}};
        h["text_tower"] = {{"kind", "embedding-conv3-meanmax-mlp"},
                           {"width", arch.textWidth},
                           {"vocabulary", int64_t(arch.vocab.size())}};
        h["dim"] = arch.dim;
        h["preprocessing"] = pre.canonical();
        h["tokenizer"] = {{"kind", "clip-bpe"}, {"merges_sha256", pre.text.mergesSha256}};
        h["training"] = training;
        json names = json::array();
        for (auto& [name, t] : state()) names.push_back({{"name", name}, {"shape", t.sizes().vec()}});
        h["tensors"] = names;
        return h;
    }

    // Fills bytes and sha from the current weights.
    void serialise() {
        torch::serialize::OutputArchive archive;
        int i = 0;
        for (auto& [name, t] : state()) archive.write("t" + std::to_string(i++), t.detach().to(torch::kCPU));
        archive.write("vocab", torch::tensor(arch.vocab, torch::kInt64));
        std::ostringstream weights;
        archive.save_to(weights);
        const std::string head = header().dump();
        bytes = std::string(kMagic) + "\n" + std::to_string(head.size()) + "\n" + head + weights.str();
        sha = sha256Hex(bytes.data(), bytes.size());
    }

    // Packed CLIP ids -> compact ids and the token mask (both [rows, L], on the device).
    std::pair<torch::Tensor, torch::Tensor> compact(const std::vector<int64_t>& packed, int64_t rows) const {
        const int64_t L = arch.contextLength;
        std::vector<int64_t> ids(packed.size(), 0);
        std::vector<float> mask(packed.size(), 0.0f);
        for (int64_t r = 0; r < rows; ++r) {
            for (int64_t k = 0; k < L; ++k) {
                const size_t at = size_t(r * L + k);
                const int64_t id = packed[at];
                const auto it = std::lower_bound(arch.vocab.begin(), arch.vocab.end(), id);
                ids[at] = it != arch.vocab.end() && *it == id ? int64_t(it - arch.vocab.begin()) + 1 : 0;
                mask[at] = 1.0f;
                if (id == pre.text.endId) break;
            }
        }
        auto i = torch::tensor(ids, torch::kInt64).view({rows, L}).to(device);
        auto m = torch::tensor(mask, torch::kFloat32).view({rows, L}).to(device);
        return {i, m};
    }

    torch::Tensor imageEmbeddings(const torch::Tensor& x) { return image->forward(x); }
    torch::Tensor textEmbeddings(const torch::Tensor& ids, const torch::Tensor& mask) { return text->forward(ids, mask); }

    // Rows of `t` ([rows, D]) to normalised Embeddings; Error when one is zero or not finite.
    Embeddings finish(const torch::Tensor& t, const char* what) const {
        Embeddings e;
        const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        e.rows = c.size(0);
        e.dim = c.size(1);
        e.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
        const int64_t bad = normaliseRows(e.values.data(), e.rows, e.dim);
        if (bad > 0)
            throw Error("built-in encoder " + (fileName.empty() ? std::string("(not saved)") : fileName) + ": " +
                        std::to_string(bad) + " " + what + " embeddings are zero or not finite");
        return e;
    }

    // Embeddings of preprocessed images [N, 3, S, S] (CPU), in chunks, eval mode.
    Embeddings encodeTensor(const torch::Tensor& images) {
        torch::NoGradGuard noGrad;
        setTraining(false);
        std::vector<torch::Tensor> parts;
        for (int64_t at = 0; at < images.size(0); at += kEncodeChunk)
            parts.push_back(imageEmbeddings(images.slice(0, at, std::min(images.size(0), at + kEncodeChunk)).to(device)));
        return finish(parts.empty() ? torch::zeros({0, arch.dim}) : torch::cat(parts), "image");
    }

    Embeddings encodePacked(const std::vector<int64_t>& packed, int64_t rows) {
        torch::NoGradGuard noGrad;
        setTraining(false);
        std::vector<torch::Tensor> parts;
        const int64_t L = arch.contextLength;
        for (int64_t at = 0; at < rows; at += kEncodeChunk) {
            const int64_t n = std::min(rows, at + kEncodeChunk) - at;
            const std::vector<int64_t> slice(packed.begin() + at * L, packed.begin() + (at + n) * L);
            auto [ids, mask] = compact(slice, n);
            parts.push_back(textEmbeddings(ids, mask));
        }
        return finish(parts.empty() ? torch::zeros({0, arch.dim}) : torch::cat(parts), "caption");
    }
};

BuiltinEncoder::BuiltinEncoder(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
BuiltinEncoder::~BuiltinEncoder() = default;

std::string BuiltinEncoder::identity() const { return "builtin:" + m->sha; }
int64_t BuiltinEncoder::dim() const { return m->arch.dim; }
const EncoderPreprocessing& BuiltinEncoder::preprocessing() const { return m->pre; }
std::string BuiltinEncoder::backbone() const { return m->arch.backbone; }
double BuiltinEncoder::temperature() const { return std::exp(-m->logitScale.item<double>()); }

std::string BuiltinEncoder::description() const {
    return "built-in dual encoder " + (m->fileName.empty() ? std::string("(not saved)") : m->fileName) + " (" +
           m->arch.backbone + " + text conv, D=" + std::to_string(m->arch.dim) + ", " + m->device.str() + ")";
}

Embeddings BuiltinEncoder::encodeImages(const std::vector<Image>& images) {
    const int64_t s = m->arch.imageSize;
    const int64_t n = int64_t(images.size());
    torch::Tensor x = torch::empty({n, 3, s, s}, torch::kFloat32);
    for (int64_t i = 0; i < n; ++i) preprocessImage(images[size_t(i)], m->pre.image, x[i].data_ptr<float>());
    return m->encodeTensor(x);
}

Embeddings BuiltinEncoder::encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report) {
    const std::vector<int64_t> packed = packCaptions(*m->tokenizer, captions, m->pre.text, report);
    return m->encodePacked(packed, int64_t(captions.size()));
}

void BuiltinEncoder::save(const fs::path& file) const {
    AtomicFile out(file);
    out.write(m->bytes.data(), m->bytes.size());
    out.commit();
    m->fileName = file.filename().string();
}

std::unique_ptr<BuiltinEncoder> BuiltinEncoder::load(const fs::path& file, const fs::path& merges,
                                                     const std::string& device) {
    const std::string bytes = readWholeFile(file);
    const std::string notOurs = file.string() + " is not a Winnow built-in encoder file";
    const std::string magicLine = std::string(kMagic) + "\n";
    if (bytes.compare(0, magicLine.size(), magicLine) != 0)
        throw Error(notOurs + " (it does not start with " + kMagic + ")");
    const size_t lengthEnd = bytes.find('\n', magicLine.size());
    size_t headerBytes = 0;
    try {
        const std::string length = bytes.substr(magicLine.size(), lengthEnd - magicLine.size());
        if (lengthEnd == std::string::npos || length.empty() || length.size() > 8 ||
            length.find_first_not_of("0123456789") != std::string::npos)
            throw Error("");
        headerBytes = std::stoul(length);
    } catch (const std::exception&) {
        throw Error(notOurs + " (damaged header length)");
    }
    if (headerBytes > kMaxHeaderBytes || lengthEnd + 1 + headerBytes > bytes.size())
        throw Error(file.string() + ": damaged built-in encoder file (header longer than the file)");
    json h;
    try {
        h = parseJson(bytes.substr(lengthEnd + 1, headerBytes), file.string() + " header");
    } catch (const Error& e) {
        throw Error(file.string() + ": damaged built-in encoder header (" + e.what() + ")");
    }
    Architecture arch;
    std::string mergesSha;
    size_t tensorCount = 0;
    try {
        if (h.at("format").get<std::string>() != "winnow-builtin-dual-encoder") throw Error(notOurs);
        const int version = h.at("version").get<int>();
        if (version != kFormatVersion)
            throw Error(file.string() + ": built-in encoder format version " + std::to_string(version) +
                        " (this Winnow reads version " + std::to_string(kFormatVersion) + ")");
        arch.backbone = h.at("image_tower").at("backbone").get<std::string>();
        arch.imageSize = h.at("image_tower").at("input").at(1).get<int>();
        arch.dim = h.at("dim").get<int>();
        arch.textWidth = h.at("text_tower").at("width").get<int>();
        mergesSha = h.at("tokenizer").at("merges_sha256").get<std::string>();
        tensorCount = h.at("tensors").size();
        // The context length is part of the canonical preprocessing text.
        const std::string pre = h.at("preprocessing").get<std::string>();
        const size_t at = pre.find("context=");
        if (at == std::string::npos) throw Error(file.string() + ": the header names no context length");
        arch.contextLength = std::stoi(pre.substr(at + 8));
    } catch (const json::exception& e) {
        throw Error(file.string() + ": damaged built-in encoder header (" + e.what() + ")");
    }
    const std::string mergesBytes = readWholeFile(merges);
    const std::string haveSha = sha256Hex(mergesBytes.data(), mergesBytes.size());
    if (haveSha != mergesSha)
        throw Error(file.string() + " was trained with a tokenizer merges file of SHA-256 " + mergesSha + ", but " +
                    merges.string() + " has " + haveSha);

    auto impl = std::make_unique<Impl>();
    try {
        torch::serialize::InputArchive archive;
        std::istringstream weights(bytes.substr(lengthEnd + 1 + headerBytes));
        archive.load_from(weights);
        torch::Tensor vocab;
        archive.read("vocab", vocab);
        vocab = vocab.to(torch::kInt64).contiguous();
        arch.vocab.assign(vocab.data_ptr<int64_t>(), vocab.data_ptr<int64_t>() + vocab.numel());
        impl->arch = arch;
        impl->build(resolveDevice(device));
        auto state = impl->state();
        if (state.size() != tensorCount)
            throw Error(file.string() + ": damaged built-in encoder file (" + std::to_string(tensorCount) +
                        " tensors listed, the architecture has " + std::to_string(state.size()) + ")");
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < state.size(); ++i) {
            torch::Tensor t;
            archive.read("t" + std::to_string(i), t);
            if (t.sizes() != state[i].second.sizes())
                throw Error(file.string() + ": damaged built-in encoder file (tensor " + state[i].first +
                            " has the wrong shape)");
            state[i].second.copy_(t);
        }
    } catch (const c10::Error& e) {
        const std::string what = e.what();
        throw Error(file.string() + ": damaged built-in encoder weights (" + what.substr(0, what.find('\n')) + ")");
    }
    impl->training = h.value("training", json::object());
    impl->pre = preprocessingFor(arch, merges, mergesSha);
    impl->tokenizer = std::make_unique<ClipTokenizer>(merges);
    impl->bytes = bytes;
    impl->sha = sha256Hex(bytes.data(), bytes.size());
    impl->fileName = file.filename().string();
    return std::make_unique<BuiltinEncoder>(std::move(impl));
}

// ---------------------------------------------------------------------------------------------
// Training

namespace {

size_t pick(std::mt19937_64& rng, size_t n) { return size_t(rng() % n); }

void checkOptions(const BuiltinTrainOptions& o) {
    auto bad = [](const std::string& what) { throw Error("built-in encoder: " + what); };
    if (o.epochs < 1) bad("epochs must be at least 1");
    if (o.batch < 2) bad("the batch needs at least 2 images (contrastive loss)");
    if (!(o.lr > 0) || !std::isfinite(o.lr)) bad("the learning rate must be above 0");
    if (!(o.weightDecay >= 0)) bad("the weight decay must be at least 0");
    if (o.dim < 2 || o.dim > 4096) bad("the embedding size must be in 2..4096");
    if (o.imageSize < 8 || o.imageSize > 512) bad("the image size must be in 8..512");
    if (o.textWidth < 4 || o.textWidth > 4096) bad("the text width must be in 4..4096");
    if (o.contextLength < 3 || o.contextLength > 77) bad("the context length must be in 3..77");
    if (!(o.validationShare >= 0 && o.validationShare <= 0.9)) bad("the validation share must be in [0, 0.9]");
    if (o.backbone != "cnn-small" && o.backbone != "resnet32" && o.backbone != "resnet18")
        bad("unknown backbone '" + o.backbone + "' (cnn-small, resnet32, resnet18)");
    if (o.merges.empty()) bad("no tokenizer merges file given (CLIP's bpe_simple_vocab_16e6.txt.gz)");
}

struct Prepared {
    torch::Tensor images;                 // [N, 3, S, S] float, CPU
    std::vector<std::string> captions;    // ground truth, grouped by image
    std::vector<int32_t> captionImage;    // caption -> image
    std::vector<int64_t> firstCaption;    // image -> first caption (N + 1 entries)
};

Prepared prepare(const CaptionSet& set, const ImagePreprocessing& pre, std::vector<CaptionSetIssue>& issues,
                 const CancelToken* cancel) {
    const int64_t s = pre.size;
    const size_t plane = size_t(3 * s * s);
    std::vector<float> pixels;
    Prepared p;
    p.firstCaption.push_back(0);
    for (const CaptionedImage& item : set.images) {
        if (cancel) cancel->throwIfCancelled();
        const size_t truth = item.groundTruthCount();
        if (truth == 0) continue;
        if (item.status == ImageStatus::Missing || item.status == ImageStatus::NotAFile) {
            issues.push_back({item.image, item.path.string() + ": missing; left out of training"});
            continue;
        }
        try {
            const Image image = ImageLoader::decodeFile(item.path);
            pixels.resize(pixels.size() + plane);
            preprocessImage(image, pre, pixels.data() + pixels.size() - plane);
        } catch (const Error& e) {
            issues.push_back({item.image, std::string(e.what()) + "; left out of training"});
            continue;
        }
        const int32_t index = int32_t(p.firstCaption.size() - 1);
        for (size_t c = 0; c < truth; ++c) {
            p.captions.push_back(item.captions[c].text);
            p.captionImage.push_back(index);
        }
        p.firstCaption.push_back(int64_t(p.captions.size()));
    }
    const int64_t n = int64_t(p.firstCaption.size()) - 1;
    p.images = torch::from_blob(pixels.data(), {n, 3, s, s}, torch::kFloat32).clone();
    return p;
}

}  // namespace

BuiltinTrainResult trainBuiltinEncoder(const CaptionSet& set, const BuiltinTrainOptions& o,
                                       const BuiltinProgressFn& progress, const CancelToken* cancel) {
    checkOptions(o);
    const auto started = std::chrono::steady_clock::now();
    if (o.threads > 0) at::set_num_threads(o.threads);
    // Small products: one BLAS thread, so OpenBLAS's spinning workers do not compete with
    // LibTorch's OpenMP pool (core/train/cpu_tuning.h).
    SingleThreadedBlas singleThreadedBlas;
    keepTrainingBuffersMapped();
    torch::manual_seed(o.seed);
    const std::string device = resolveDevice(o.device);

    auto impl = std::make_unique<BuiltinEncoder::Impl>();
    impl->arch.backbone = o.backbone;
    impl->arch.imageSize = o.imageSize;
    impl->arch.dim = o.dim;
    impl->arch.textWidth = o.textWidth;
    impl->arch.contextLength = o.contextLength;
    impl->tokenizer = std::make_unique<ClipTokenizer>(o.merges);
    const std::string mergesBytes = readWholeFile(o.merges);
    impl->pre = preprocessingFor(impl->arch, o.merges, sha256Hex(mergesBytes.data(), mergesBytes.size()));

    BuiltinTrainResult result;
    Prepared data = prepare(set, impl->pre.image, result.issues, cancel);
    const int64_t n = data.images.size(0);
    if (n < 2)
        throw Error("built-in encoder: " + set.file.string() + " has " + std::to_string(n) +
                    " usable captioned images; training needs at least 2");

    // Seeded split: the first nVal of a shuffled order are held out.
    std::mt19937_64 rng(o.seed);
    std::vector<int64_t> order(size_t(n), 0);
    for (int64_t i = 0; i < n; ++i) order[size_t(i)] = i;
    for (size_t i = 0; i + 1 < order.size(); ++i) std::swap(order[i], order[i + pick(rng, order.size() - i)]);
    int64_t nVal = int64_t(std::floor(o.validationShare * double(n)));
    nVal = std::min(nVal, n - 2);
    std::vector<int64_t> val(order.begin(), order.begin() + nVal), train(order.begin() + nVal, order.end());
    std::sort(val.begin(), val.end());
    result.trainImages = int64_t(train.size());
    result.validationImages = nVal;

    // Tokens of every ground-truth caption; the vocabulary is what the training captions use.
    const int64_t L = o.contextLength;
    const std::vector<int64_t> packed = packCaptions(*impl->tokenizer, data.captions, impl->pre.text);
    {
        std::vector<int64_t> vocab;
        for (int64_t i : train)
            for (int64_t c = data.firstCaption[size_t(i)]; c < data.firstCaption[size_t(i) + 1]; ++c)
                for (int64_t k = 0; k < L; ++k) {
                    const int64_t id = packed[size_t(c * L + k)];
                    vocab.push_back(id);
                    if (id == impl->pre.text.endId) break;
                }
        std::sort(vocab.begin(), vocab.end());
        vocab.erase(std::unique(vocab.begin(), vocab.end()), vocab.end());
        impl->arch.vocab = std::move(vocab);
    }
    impl->build(device);
    auto [allIds, allMask] = impl->compact(packed, int64_t(data.captions.size()));
    const torch::Tensor images = data.images.to(impl->device);

    // Validation: held-out images against their own ground-truth captions.
    torch::Tensor valImages;
    std::vector<int64_t> valPacked;
    std::vector<int32_t> valCaptionImage;
    for (size_t v = 0; v < val.size(); ++v)
        for (int64_t c = data.firstCaption[size_t(val[v])]; c < data.firstCaption[size_t(val[v]) + 1]; ++c) {
            valPacked.insert(valPacked.end(), packed.begin() + c * L, packed.begin() + (c + 1) * L);
            valCaptionImage.push_back(int32_t(v));
        }
    if (nVal > 0) valImages = data.images.index_select(0, torch::tensor(val, torch::kInt64));

    torch::optim::AdamW optimiser(impl->parameters(), torch::optim::AdamWOptions(o.lr).weight_decay(o.weightDecay));
    const int64_t perEpoch = (int64_t(train.size()) + o.batch - 1) / o.batch;
    BuiltinTrainProgress report;
    report.epochs = o.epochs;
    report.steps = perEpoch * o.epochs;
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        const auto epochStart = std::chrono::steady_clock::now();
        report.epoch = epoch;
        report.epochEnd = false;
        for (size_t i = 0; i + 1 < train.size(); ++i) std::swap(train[i], train[i + pick(rng, train.size() - i)]);
        impl->setTraining(true);
        double lossSum = 0;
        int64_t batches = 0, seen = 0;
        for (int64_t b = 0; b < perEpoch; ++b) {
            if (cancel) cancel->throwIfCancelled();
            const int64_t from = b * o.batch, to = std::min<int64_t>(int64_t(train.size()), from + o.batch);
            ++report.step;
            if (to - from < 2) continue;  // a contrastive batch needs a negative
            std::vector<int64_t> imageIndex, captionIndex;
            for (int64_t k = from; k < to; ++k) {
                const int64_t i = train[size_t(k)];
                const int64_t first = data.firstCaption[size_t(i)], count = data.firstCaption[size_t(i) + 1] - first;
                imageIndex.push_back(i);
                captionIndex.push_back(first + int64_t(pick(rng, size_t(count))));
            }
            const auto ii = torch::tensor(imageIndex, torch::kInt64).to(impl->device);
            const auto ci = torch::tensor(captionIndex, torch::kInt64).to(impl->device);
            const auto img = F::normalize(impl->imageEmbeddings(images.index_select(0, ii)),
                                          F::NormalizeFuncOptions().dim(1));
            const auto txt = F::normalize(impl->textEmbeddings(allIds.index_select(0, ci), allMask.index_select(0, ci)),
                                          F::NormalizeFuncOptions().dim(1));
            const auto logits = impl->logitScale.exp() * img.mm(txt.t());
            const auto labels = torch::arange(to - from, torch::TensorOptions().dtype(torch::kInt64).device(impl->device));
            const auto loss = (F::cross_entropy(logits, labels) + F::cross_entropy(logits.t(), labels)) / 2;
            optimiser.zero_grad();
            loss.backward();
            optimiser.step();
            {
                torch::NoGradGuard noGrad;
                impl->logitScale.clamp_(0, kMaxLogitScale);
            }
            report.loss = loss.item<double>();
            report.temperature = std::exp(-impl->logitScale.item<double>());
            lossSum += report.loss;
            ++batches;
            seen += to - from;
            if (progress) progress(report);
        }
        const double epochSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - epochStart).count();
        report.epochEnd = true;
        report.loss = batches > 0 ? lossSum / double(batches) : 0;
        report.imagesPerSecond = epochSeconds > 0 ? double(seen) / epochSeconds : 0;
        if (nVal > 0) {
            const Embeddings vi = impl->encodeTensor(valImages);
            const Embeddings vt = impl->encodePacked(valPacked, int64_t(valCaptionImage.size()));
            result.validationI2T = evaluateRetrieval(vi.values.data(), vi.rows, vt.values.data(), vt.rows, vi.dim,
                                                     imageToTextTruth(valCaptionImage, vi.rows), {})[0]
                                       .scores;
            result.validationT2I = evaluateRetrieval(vt.values.data(), vt.rows, vi.values.data(), vi.rows, vi.dim,
                                                     textToImageTruth(valCaptionImage), {})[0]
                                       .scores;
            report.validationI2T_R1 = result.validationI2T.r1;
            report.validationT2I_R1 = result.validationT2I.r1;
        }
        if (progress) progress(report);
    }
    impl->setTraining(false);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    impl->training = {{"epochs", o.epochs},
                      {"batch", o.batch},
                      {"lr", o.lr},
                      {"weight_decay", o.weightDecay},
                      {"seed", o.seed},
                      {"train_images", result.trainImages},
                      {"validation_images", result.validationImages},
                      {"caption_set", set.file.filename().string()}};
    if (nVal > 0) {
        impl->training["validation_i2t_r1"] = result.validationI2T.r1;
        impl->training["validation_t2i_r1"] = result.validationT2I.r1;
    }
    impl->serialise();
    result.encoder = std::make_unique<BuiltinEncoder>(std::move(impl));
    return result;
}

}  // namespace winnow::core
