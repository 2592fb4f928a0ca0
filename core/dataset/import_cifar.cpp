// CIFAR-10/100 binary batches. Records are planar (1024 R, 1024 G, 1024 B) after one label
// byte (CIFAR-10) or a coarse and a fine label byte (CIFAR-100); they are rewritten once
// into an interleaved 32x32x3 cache so the loader and the trainer read them like IDX.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>

#include "core/dataset/import_formats.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

constexpr size_t kPixels = 32 * 32 * 3;

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::vector<std::string> readNames(const fs::path& p) {
    std::vector<std::string> names;
    std::ifstream in(p);
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty()) names.push_back(line);
    }
    return names;
}

bool isCifar100(const fs::path& p) {
    std::string n = lower(p.filename().string());
    if (n == "train.bin" || n == "test.bin") return true;
    if (n.rfind("data_batch", 0) == 0 || n == "test_batch.bin") return false;
    std::error_code ec;
    auto size = fs::file_size(p, ec);
    return !ec && size % (kPixels + 2) == 0 && size % (kPixels + 1) != 0;
}

void importBatch(ImportContext& ctx, const fs::path& file) {
    const std::string src = normalisedPath(file);
    {
        auto st = ctx.project().db().prepare("SELECT count(*) FROM arrays WHERE source=?");
        st.bind(1, src);
        if (st.step() && st.int64(0) > 0) {
            ctx.addIssue({src, -1, "already imported into this project; skipped"}, true);
            return;
        }
    }
    const bool hundred = isCifar100(file);
    const size_t labelBytes = hundred ? 2 : 1;
    const size_t rec = labelBytes + kPixels;
    std::vector<std::string> names =
        readNames(file.parent_path() / (hundred ? "fine_label_names.txt" : "batches.meta.txt"));

    std::error_code ec;
    const int64_t size = int64_t(fs::file_size(file, ec));
    if (ec) throw Error("cannot read " + file.string() + ": " + ec.message());
    const int64_t n = size / int64_t(rec);
    if (size % int64_t(rec) != 0)
        ctx.addIssue({src, -1, "truncated: " + std::to_string(size % int64_t(rec)) +
                                   " bytes after the last whole record ignored"},
                     false);
    if (n == 0) {
        ctx.addIssue({src, -1, "no complete CIFAR record in this file; skipped"}, true);
        return;
    }
    std::FILE* in = std::fopen(file.c_str(), "rb");
    if (!in) throw Error("cannot read " + file.string());
    fs::path cache = ctx.newCacheFile(file.filename().string());
    std::FILE* out = std::fopen(cache.c_str(), "wb");
    if (!out) {
        std::fclose(in);
        throw Error("cannot write array cache " + cache.string());
    }
    std::vector<uint8_t> labels(static_cast<size_t>(n));
    std::vector<uint8_t> r(rec), px(kPixels);
    for (int64_t i = 0; i < n; ++i) {
        if (std::fread(r.data(), 1, rec, in) != rec) break;
        labels[size_t(i)] = r[labelBytes - 1];  // CIFAR-100: the fine label
        const uint8_t* planes = r.data() + labelBytes;
        for (size_t p = 0; p < 1024; ++p)
            for (size_t ch = 0; ch < 3; ++ch) px[p * 3 + ch] = planes[ch * 1024 + p];
        std::fwrite(px.data(), 1, kPixels, out);
        if ((i & 1023) == 0) ctx.progress(i, 2 * n, "decoding " + file.filename().string());
    }
    std::fclose(in);
    bool writeFailed = std::fflush(out) != 0;
    std::fclose(out);
    if (writeFailed) throw Error("cannot write array cache " + cache.string() + " (disk full?)");

    int64_t arrayId = ctx.addArray(src, cache.string(), n, 32, 32, 3);
    auto nameOf = [&](int k) { return size_t(k) < names.size() ? names[size_t(k)] : std::to_string(k); };
    int maxLabel = *std::max_element(labels.begin(), labels.end());
    for (int k = 0; k <= std::max<int>(maxLabel, int(names.size()) - 1); ++k) ctx.declareClass(nameOf(k));

    std::string lname = lower(file.filename().string());
    Split split = ctx.options().split.value_or(lname.find("test") != std::string::npos ? Split::Test
                                                                                       : Split::Train);
    NewSample s;
    s.kind = MediaKind::ArrayRecord;
    s.path = src;
    s.arrayId = arrayId;
    s.split = split;
    s.width = 32;
    s.height = 32;
    for (int64_t i = 0; i < n; ++i) {
        s.itemIndex = i;
        s.label = nameOf(labels[size_t(i)]);
        ctx.addSample(s);
        if ((i & 1023) == 0) ctx.progress(n + i, 2 * n, "adding " + file.filename().string());
    }
}

std::vector<fs::path> batchesIn(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        std::string n = lower(e.path().filename().string());
        if (e.is_regular_file(ec) && (n.rfind("data_batch", 0) == 0 || n == "test_batch.bin" ||
                                      n == "train.bin" || n == "test.bin"))
            out.push_back(e.path());
    }
    // Training batches first, then the test batch.
    std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) {
        bool ta = lower(a.filename().string()).find("test") != std::string::npos;
        bool tb = lower(b.filename().string()).find("test") != std::string::npos;
        return ta != tb ? tb : a < b;
    });
    return out;
}

}  // namespace

void importCifar(ImportContext& ctx) {
    const fs::path src = fs::absolute(ctx.options().source);
    std::error_code ec;
    std::vector<fs::path> files;
    if (fs::is_directory(src, ec)) {
        files = batchesIn(src);
        // The archives unpack into one sub-folder (cifar-10-batches-bin, cifar-100-binary).
        if (files.empty())
            for (const auto& e : fs::directory_iterator(src, ec))
                if (e.is_directory(ec) && files.empty()) files = batchesIn(e.path());
        if (files.empty())
            throw Error(src.string() + ": no CIFAR batch (data_batch_*.bin, test_batch.bin, train.bin, "
                                       "test.bin) in this folder");
    } else {
        files.push_back(src);
    }
    for (const auto& f : files) importBatch(ctx, f);
}

}  // namespace winnow::core
