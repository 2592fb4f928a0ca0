// CIFAR-10/100 binary batches. Records are planar (1024 R, 1024 G, 1024 B) after one label
// byte (CIFAR-10) or a coarse and a fine label byte (CIFAR-100); they are rewritten once
// into an interleaved 32x32x3 cache so the loader and the trainer read them like IDX.
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>

#include "core/dataset/import_formats.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/regular_file.h"
#include "core/util/utf8.h"

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
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) return names;  // absent, or a FIFO that would block
    std::ifstream in(p);
    std::string line;
    while (names.size() < 256 && std::getline(in, line)) {  // labels are bytes
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
    if (!isValidUtf8(src)) {
        ctx.addIssue({src, -1, "file name is not valid UTF-8 text; skipped (rename the file)"}, true);
        return;
    }
    {
        auto st = ctx.project().db().prepare("SELECT count(*) FROM arrays WHERE source=?");
        st.bind(1, src);
        if (st.step() && st.int64(0) > 0) {
            ctx.addIssue({src, -1, "already imported into this project; skipped (if its array cache is missing, "
                                   "rebuild it with: winnow-cli repair --project " +
                                   ctx.project().file().string() + ")"},
                         true);
            return;
        }
    }
    const bool hundred = isCifar100(file);
    const size_t labelBytes = hundred ? 2 : 1;
    const size_t rec = labelBytes + kPixels;
    const fs::path namesFile = file.parent_path() / (hundred ? "fine_label_names.txt" : "batches.meta.txt");
    std::vector<std::string> names = readNames(namesFile);
    for (size_t k = 0; k < names.size(); ++k)
        if (!isValidUtf8(names[k])) {
            ctx.addIssue({normalisedPath(namesFile), int64_t(k) + 1,
                          "class name is not valid UTF-8 text; class " + std::to_string(k) + " is named '" +
                              std::to_string(k) + "' instead"},
                         false);
            names[k] = std::to_string(k);
        }

    // Only a regular file is opened (a FIFO would block forever); its size, not anything
    // in it, decides how many records there are.
    std::string why;
    std::FILE* in = fopenRegularFile(file, why);
    if (!in) {
        ctx.addIssue({src, -1, "cannot read: " + why + "; skipped"}, true);
        return;
    }
    struct stat st {};
    const int64_t size = ::fstat(::fileno(in), &st) == 0 ? int64_t(st.st_size) : 0;
    const int64_t whole = size / int64_t(rec);
    if (size % int64_t(rec) != 0)
        ctx.addIssue({src, -1, "truncated: " + std::to_string(size % int64_t(rec)) +
                                   " bytes after the last whole record ignored"},
                     false);
    if (whole == 0) {
        std::fclose(in);
        ctx.addIssue({src, -1, "no complete CIFAR record in this file; skipped"}, true);
        return;
    }
    fs::path cache = ctx.newCacheFile(file.filename().string());
    std::FILE* out = std::fopen(cache.c_str(), "wb");
    if (!out) {
        std::fclose(in);
        throw Error("cannot write array cache " + cache.string());
    }
    std::vector<uint8_t> labels;
    std::vector<uint8_t> r(rec), px(kPixels);
    bool writeFailed = false;
    int64_t n = 0;  // records really read (the file may shrink while being read)
    for (; n < whole; ++n) {
        if (std::fread(r.data(), 1, rec, in) != rec) break;
        labels.push_back(r[labelBytes - 1]);  // CIFAR-100: the fine label
        const uint8_t* planes = r.data() + labelBytes;
        for (size_t p = 0; p < 1024; ++p)
            for (size_t ch = 0; ch < 3; ++ch) px[p * 3 + ch] = planes[ch * 1024 + p];
        if (std::fwrite(px.data(), 1, kPixels, out) != kPixels) {
            writeFailed = true;
            break;
        }
        if ((n & 1023) == 0) {
            try {
                ctx.progress(n, 2 * whole, "decoding " + file.filename().string());
            } catch (...) {
                std::fclose(in);
                std::fclose(out);
                throw;
            }
        }
    }
    std::fclose(in);
    writeFailed = std::fclose(out) != 0 || writeFailed;
    if (writeFailed) throw Error("cannot write array cache " + cache.string() + " (disk full?)");
    if (n < whole)
        ctx.addIssue({src, -1, "only " + std::to_string(n) + " of " + std::to_string(whole) +
                                   " records could be read; the rest skipped"},
                     false);
    if (n == 0) {
        std::error_code ec;
        fs::remove(cache, ec);
        ctx.addIssue({src, -1, "no CIFAR record could be read; skipped"}, true);
        return;
    }

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
    const std::vector<Sha256Digest> hashes = arrayRecordHashes(cache, n, 32, 32, 3);
    for (int64_t i = 0; i < n; ++i) {
        s.itemIndex = i;
        s.label = nameOf(labels[size_t(i)]);
        s.contentHash = hashes[size_t(i)];
        ctx.addSample(s);
        if ((i & 1023) == 0) ctx.progress(whole + i, whole + n, "adding " + file.filename().string());
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

int64_t rebuildCifarCache(const fs::path& batch, const fs::path& cache, int64_t records,
                          const std::function<void(int64_t, int64_t)>& progress) {
    const size_t rec = (isCifar100(batch) ? 2 : 1) + kPixels;
    std::string why;
    std::FILE* in = fopenRegularFile(batch, why);
    if (!in) throw Error("cannot read " + batch.string() + ": " + why);
    std::FILE* out = std::fopen(cache.c_str(), "wb");
    if (!out) {
        std::fclose(in);
        throw Error("cannot write array cache " + cache.string());
    }
    std::vector<uint8_t> r(rec), px(kPixels);
    int64_t n = 0;
    bool writeFailed = false;
    for (; n < records; ++n) {
        if (std::fread(r.data(), 1, rec, in) != rec) break;
        const uint8_t* planes = r.data() + (rec - kPixels);
        for (size_t p = 0; p < 1024; ++p)
            for (size_t ch = 0; ch < 3; ++ch) px[p * 3 + ch] = planes[ch * 1024 + p];
        if (std::fwrite(px.data(), 1, kPixels, out) != kPixels) {
            writeFailed = true;
            break;
        }
        if ((n & 1023) == 0 && progress) progress(n, records);
    }
    std::fclose(in);
    writeFailed = std::fclose(out) != 0 || writeFailed;
    if (writeFailed) throw Error("cannot write array cache " + cache.string() + " (disk full?)");
    return n;
}

}  // namespace winnow::core
