// MNIST-style IDX files (raw or gzip). The images are decoded once into a raw uint8 cache
// file and every sample addresses a record in it, never a loose file of its own.
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>

#include "core/dataset/import_formats.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

const std::array<const char*, 10> kFashionNames = {"T-shirt/top", "Trouser", "Pullover", "Dress",
                                                   "Coat",        "Sandal",  "Shirt",    "Sneaker",
                                                   "Bag",         "Ankle boot"};

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

class GzFile {
public:
    explicit GzFile(const fs::path& p) : m_path(p), m_f(gzopen(p.c_str(), "rb")) {
        if (!m_f) throw Error("cannot read " + p.string());
        gzbuffer(m_f, 1 << 18);
    }
    ~GzFile() { gzclose(m_f); }
    // Reads up to n bytes (gzread reads raw files too); fewer means the file ended.
    size_t read(void* dst, size_t n) {
        size_t got = 0;
        while (got < n) {
            unsigned chunk = unsigned(std::min<size_t>(n - got, 1u << 30));
            int r = gzread(m_f, static_cast<char*>(dst) + got, chunk);
            if (r <= 0) break;
            got += size_t(r);
        }
        return got;
    }

private:
    fs::path m_path;
    gzFile m_f;
};

struct IdxHeader {
    std::vector<int64_t> dims;
    int64_t count() const { return dims.empty() ? 0 : dims[0]; }
};

IdxHeader readHeader(GzFile& f, const fs::path& p) {
    uint8_t m[4];
    if (f.read(m, 4) != 4 || m[0] != 0 || m[1] != 0)
        throw Error(p.string() + ": not an IDX file (bad magic number)");
    if (m[2] != 0x08) throw Error(p.string() + ": IDX data type is not unsigned byte");
    IdxHeader h;
    for (int i = 0; i < m[3]; ++i) {
        uint8_t d[4];
        if (f.read(d, 4) != 4) throw Error(p.string() + ": truncated IDX header");
        h.dims.push_back(int64_t(uint32_t(d[0]) << 24 | uint32_t(d[1]) << 16 | uint32_t(d[2]) << 8 | d[3]));
    }
    return h;
}

// train-images-idx3-ubyte[.gz] -> train-labels-idx1-ubyte[.gz] (also the "images.idx3" spelling).
std::optional<fs::path> labelsBeside(const fs::path& images) {
    std::string name = images.filename().string();
    auto swap = [&](std::string s, const std::string& a, const std::string& b) {
        auto pos = s.find(a);
        if (pos != std::string::npos) s.replace(pos, a.size(), b);
        return s;
    };
    std::string l = swap(swap(name, "images", "labels"), "idx3", "idx1");
    std::string stem = l.size() > 3 && l.substr(l.size() - 3) == ".gz" ? l.substr(0, l.size() - 3) : l;
    for (const std::string& cand : {l, stem, stem + ".gz"}) {
        fs::path p = images.parent_path() / cand;
        if (cand != name && fs::exists(p)) return p;
    }
    return std::nullopt;
}

bool isImagesFile(const fs::path& p) {
    std::string n = lower(p.filename().string());
    return n.find("images") != std::string::npos && n.find("idx3") != std::string::npos;
}

Split splitFor(const fs::path& p, const ImportOptions& o) {
    if (o.split) return *o.split;
    std::string n = lower(p.filename().string());
    return n.rfind("t10k", 0) == 0 || n.find("test") != std::string::npos ? Split::Test : Split::Train;
}

void importPair(ImportContext& ctx, const fs::path& images, bool fashion) {
    const std::string src = normalisedPath(images);
    auto labelsPath = labelsBeside(images);
    if (!labelsPath) {
        ctx.addIssue({src, -1, "no labels file found beside this IDX images file; skipped"}, true);
        return;
    }
    {
        auto st = ctx.project().db().prepare("SELECT count(*) FROM arrays WHERE source=?");
        st.bind(1, src);
        if (st.step() && st.int64(0) > 0) {
            ctx.addIssue({src, -1, "already imported into this project; skipped"}, true);
            return;
        }
    }
    GzFile imgs(images);
    IdxHeader ih = readHeader(imgs, images);
    if (ih.dims.size() != 3 && ih.dims.size() != 4)
        throw Error(images.string() + ": expected a 3- or 4-dimensional IDX images file");
    GzFile lbls(*labelsPath);
    IdxHeader lh = readHeader(lbls, *labelsPath);
    if (lh.dims.size() != 1) throw Error(labelsPath->string() + ": expected a 1-dimensional IDX labels file");

    const int h = int(ih.dims[1]), w = int(ih.dims[2]), c = ih.dims.size() == 4 ? int(ih.dims[3]) : 1;
    int64_t n = std::min(ih.count(), lh.count());
    if (ih.count() != lh.count())
        ctx.addIssue({src, -1, "images file has " + std::to_string(ih.count()) + " records but labels file " +
                                   std::to_string(lh.count()) + "; using the first " + std::to_string(n)},
                     false);
    std::vector<uint8_t> labels(static_cast<size_t>(n));
    int64_t gotLabels = int64_t(lbls.read(labels.data(), labels.size()));

    // Decode the pixels straight into the cache file, in chunks.
    fs::path cache = ctx.newCacheFile(images.filename().string());
    std::FILE* out = std::fopen(cache.c_str(), "wb");
    if (!out) throw Error("cannot write array cache " + cache.string());
    const size_t rec = size_t(h) * size_t(w) * size_t(c);
    std::vector<uint8_t> buf(rec * 4096);
    int64_t done = 0;
    while (done < n) {
        size_t want = size_t(std::min<int64_t>(n - done, 4096)) * rec;
        size_t got = imgs.read(buf.data(), want);
        size_t whole = got / rec;
        if (whole && std::fwrite(buf.data(), rec, whole, out) != whole) {
            std::fclose(out);
            throw Error("cannot write array cache " + cache.string() + " (disk full?)");
        }
        done += int64_t(whole);
        ctx.progress(done, 2 * n, "decoding " + images.filename().string());
        if (got < want) break;
    }
    std::fclose(out);
    int64_t usable = std::min(done, gotLabels);
    if (usable < n)
        ctx.addIssue({src, -1, "truncated: only " + std::to_string(usable) + " of " + std::to_string(n) +
                                   " records are complete; the rest skipped"},
                     false);
    if (usable < done) fs::resize_file(cache, uint64_t(usable) * rec);

    int64_t arrayId = ctx.addArray(src, cache.string(), usable, h, w, c);
    const Split split = splitFor(images, ctx.options());
    std::vector<std::string> names;
    for (int k = 0; k < 256; ++k)
        names.push_back(fashion && k < 10 ? kFashionNames[size_t(k)] : std::to_string(k));
    int maxLabel = 0;
    for (int64_t i = 0; i < usable; ++i) maxLabel = std::max<int>(maxLabel, labels[size_t(i)]);
    for (int k = 0; k <= maxLabel; ++k) ctx.declareClass(names[size_t(k)]);

    NewSample s;
    s.kind = MediaKind::ArrayRecord;
    s.path = src;
    s.arrayId = arrayId;
    s.split = split;
    s.width = w;
    s.height = h;
    for (int64_t i = 0; i < usable; ++i) {
        s.itemIndex = i;
        s.label = names[labels[size_t(i)]];
        ctx.addSample(s);
        if ((i & 1023) == 0) ctx.progress(n + i, 2 * n, "adding " + images.filename().string());
    }
}

}  // namespace

void importIdx(ImportContext& ctx) {
    const fs::path src = fs::absolute(ctx.options().source);
    std::error_code ec;
    std::vector<fs::path> images;
    fs::path folder = fs::is_directory(src, ec) ? src : src.parent_path();
    if (fs::is_directory(src, ec)) {
        for (const auto& e : fs::directory_iterator(src, ec))
            if (e.is_regular_file(ec) && isImagesFile(e.path())) images.push_back(e.path());
        // Prefer .gz when both spellings are present, so the same data is not imported twice.
        std::sort(images.begin(), images.end());
        std::vector<fs::path> uniq;
        for (const auto& p : images) {
            std::string s = p.string();
            bool gz = s.size() > 3 && s.substr(s.size() - 3) == ".gz";
            if (!gz && std::find(images.begin(), images.end(), fs::path(s + ".gz")) != images.end()) continue;
            uniq.push_back(p);
        }
        images = uniq;
        // train before t10k so training samples get the lower ids.
        std::stable_sort(images.begin(), images.end(), [](const fs::path& a, const fs::path& b) {
            return lower(a.filename().string()).rfind("train", 0) == 0 &&
                   lower(b.filename().string()).rfind("train", 0) != 0;
        });
        if (images.empty())
            throw Error(src.string() + ": no IDX images file (e.g. train-images-idx3-ubyte.gz) in this folder");
    } else {
        if (!isImagesFile(src) && labelsBeside(src) == std::nullopt)
            throw Error(src.string() + ": not an IDX images file (expected a name like train-images-idx3-ubyte)");
        images.push_back(src);
    }
    std::string where = lower(folder.filename().string() + "/" + src.filename().string());
    bool fashion = where.find("fashion") != std::string::npos;
    for (const auto& p : images) importPair(ctx, p, fashion);
}

}  // namespace winnow::core
