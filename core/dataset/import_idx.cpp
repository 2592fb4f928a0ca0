// MNIST-style IDX files (raw or gzip). The images are decoded once into a raw uint8 cache
// file and every sample addresses a record in it, never a loose file of its own.
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <functional>
#include <optional>

#include "core/dataset/import_formats.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/regular_file.h"
#include "core/util/utf8.h"

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

// Limits a header must respect before anything is allocated or read for it.
constexpr int64_t kMaxSide = 16384;    // pixels per image side
constexpr int64_t kMaxChannels = 4;
constexpr size_t kChunkBytes = 4 << 20;  // copy buffer: memory stays constant whatever the header says

class GzFile {
public:
    // Only regular files are opened (a FIFO would block open() forever); gzread reads raw
    // files too.
    explicit GzFile(const fs::path& p) : m_path(p) {
        std::string why;
        int fd = openRegularFile(p, why);
        if (fd < 0) throw Error("cannot read " + p.string() + ": " + why);
        m_f = gzdopen(fd, "rb");
        if (!m_f) {
            ::close(fd);
            throw Error("cannot read " + p.string());
        }
        gzbuffer(m_f, 1 << 18);
    }
    ~GzFile() { gzclose(m_f); }
    GzFile(const GzFile&) = delete;
    GzFile& operator=(const GzFile&) = delete;
    // Reads up to n bytes; fewer means the file ended.
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
    gzFile m_f = nullptr;
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

// Why an images header cannot be imported ("" when it can). Every dimension is checked
// before anything is sized from it.
std::string imagesHeaderProblem(const IdxHeader& h) {
    const size_t nd = h.dims.size();
    if (nd != 3 && nd != 4)
        return "expected a 3- or 4-dimensional IDX images file, the header has " + std::to_string(nd) +
               " dimensions";
    const int64_t rows = h.dims[1], cols = h.dims[2], ch = nd == 4 ? h.dims[3] : 1;
    if (rows < 1 || cols < 1 || ch < 1)
        return "the IDX header gives an image size of " + std::to_string(rows) + "x" + std::to_string(cols) +
               "x" + std::to_string(ch) + " (a dimension of 0)";
    if (rows > kMaxSide || cols > kMaxSide)
        return "the IDX header claims images of " + std::to_string(rows) + "x" + std::to_string(cols) +
               " pixels (at most " + std::to_string(kMaxSide) + " per side)";
    if (ch > kMaxChannels)
        return "the IDX header claims " + std::to_string(ch) + " channels per pixel (at most " +
               std::to_string(kMaxChannels) + ")";
    return {};
}

// Copies up to `want` bytes from `in` to `out` through a fixed buffer; returns how many the
// file held. Reports progress and polls cancel between chunks.
int64_t copyBytes(GzFile& in, std::FILE* out, int64_t want, const fs::path& cache,
                  const std::function<void(int64_t, int64_t)>& progress) {
    std::vector<uint8_t> buf(size_t(std::min<int64_t>(want, int64_t(kChunkBytes))));
    int64_t done = 0;
    while (done < want) {
        size_t n = size_t(std::min<int64_t>(want - done, int64_t(buf.size())));
        size_t got = in.read(buf.data(), n);
        if (got && std::fwrite(buf.data(), 1, got, out) != got)
            throw Error("cannot write array cache " + cache.string() + " (disk full?)");
        done += int64_t(got);
        if (progress) progress(done, want);
        if (got < n) break;
    }
    return done;
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
    if (!isValidUtf8(src)) {
        ctx.addIssue({src, -1, "file name is not valid UTF-8 text; skipped (rename the file)"}, true);
        return;
    }
    auto labelsPath = labelsBeside(images);
    if (!labelsPath) {
        ctx.addIssue({src, -1, "no labels file found beside this IDX images file; skipped"}, true);
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
    // A damaged file is this pair's issue; the other pairs of the folder still import.
    std::optional<GzFile> imgs, lbls;
    IdxHeader ih, lh;
    try {
        imgs.emplace(images);
        ih = readHeader(*imgs, images);
        lbls.emplace(*labelsPath);
        lh = readHeader(*lbls, *labelsPath);
    } catch (const Error& e) {
        ctx.addIssue({src, -1, std::string(e.what()) + "; skipped"}, true);
        return;
    }
    if (std::string why = imagesHeaderProblem(ih); !why.empty()) {
        ctx.addIssue({src, -1, why + "; skipped"}, true);
        return;
    }
    if (lh.dims.size() != 1) {
        ctx.addIssue({normalisedPath(*labelsPath), -1,
                      "expected a 1-dimensional IDX labels file, the header has " + std::to_string(lh.dims.size()) +
                          " dimensions; " + images.filename().string() + " skipped"},
                     true);
        return;
    }

    // Validated above: each side <= kMaxSide, channels <= kMaxChannels, so neither the record
    // size nor count * record size (count < 2^32) can overflow 64 bits.
    const int h = int(ih.dims[1]), w = int(ih.dims[2]), c = ih.dims.size() == 4 ? int(ih.dims[3]) : 1;
    const int64_t rec = int64_t(h) * int64_t(w) * int64_t(c);
    int64_t n = std::min(ih.count(), lh.count());
    if (ih.count() != lh.count())
        ctx.addIssue({src, -1, "images file has " + std::to_string(ih.count()) + " records but labels file " +
                                   std::to_string(lh.count()) + "; using the first " + std::to_string(n)},
                     false);
    // The pixels are laid out as the cache wants them (row-major, channels interleaved): a
    // straight copy, in fixed-size chunks.
    fs::path cache = ctx.newCacheFile(images.filename().string());
    std::FILE* out = std::fopen(cache.c_str(), "wb");
    if (!out) throw Error("cannot write array cache " + cache.string());
    int64_t pixelBytes = 0;
    try {
        const std::string what = "decoding " + images.filename().string();
        pixelBytes = copyBytes(*imgs, out, n * rec, cache,
                               [&](int64_t done, int64_t total) { ctx.progress(done, 2 * total, what); });
    } catch (...) {
        std::fclose(out);
        throw;
    }
    if (std::fclose(out) != 0) throw Error("cannot write array cache " + cache.string() + " (disk full?)");
    const int64_t done = pixelBytes / rec;
    std::vector<uint8_t> labels;
    for (uint8_t chunk[65536]; int64_t(labels.size()) < done;) {
        size_t want = size_t(std::min<int64_t>(done - int64_t(labels.size()), int64_t(sizeof chunk)));
        size_t got = lbls->read(chunk, want);
        labels.insert(labels.end(), chunk, chunk + got);
        if (got < want) break;
    }
    const int64_t usable = int64_t(labels.size());
    // The header's count sized nothing: a file holding fewer records than it claims is
    // found here, after reading what is really there.
    if (usable < n)
        ctx.addIssue({src, -1, "truncated: only " + std::to_string(usable) + " of the " + std::to_string(n) +
                                   " records the header claims are complete; the rest skipped"},
                     false);
    if (usable == 0) {
        std::error_code ec;
        fs::remove(cache, ec);
        ctx.addIssue({src, -1, "no complete record to import; skipped"}, true);
        return;
    }
    if (usable * rec != pixelBytes) fs::resize_file(cache, uint64_t(usable * rec));

    int64_t arrayId = ctx.addArray(src, cache.string(), usable, h, w, c);
    const int64_t nAdd = usable;
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
    const std::vector<Sha256Digest> hashes = arrayRecordHashes(cache, usable, h, w, c);
    for (int64_t i = 0; i < usable; ++i) {
        s.itemIndex = i;
        s.label = names[labels[size_t(i)]];
        s.contentHash = hashes[size_t(i)];
        ctx.addSample(s);
        if ((i & 1023) == 0) ctx.progress(nAdd + i, 2 * nAdd, "adding " + images.filename().string());
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

int64_t rebuildIdxCache(const fs::path& images, const fs::path& cache, int64_t records, int height, int width,
                        int channels, const std::function<void(int64_t, int64_t)>& progress) {
    GzFile imgs(images);
    IdxHeader ih = readHeader(imgs, images);
    if (std::string why = imagesHeaderProblem(ih); !why.empty()) throw Error(images.string() + ": " + why);
    const int c = ih.dims.size() == 4 ? int(ih.dims[3]) : 1;
    if (ih.dims[1] != height || ih.dims[2] != width || c != channels)
        throw Error(images.string() + " now holds " + std::to_string(ih.dims[1]) + "x" + std::to_string(ih.dims[2]) +
                    "x" + std::to_string(c) + " records, the project imported " + std::to_string(height) + "x" +
                    std::to_string(width) + "x" + std::to_string(channels));
    const int64_t rec = int64_t(height) * int64_t(width) * int64_t(channels);
    std::FILE* out = std::fopen(cache.c_str(), "wb");
    if (!out) throw Error("cannot write array cache " + cache.string() + ": " + std::strerror(errno));
    int64_t bytes = 0;
    try {
        bytes = copyBytes(imgs, out, std::min(records, ih.count()) * rec, cache, progress);
    } catch (...) {
        std::fclose(out);
        throw;
    }
    if (std::fclose(out) != 0) throw Error("cannot write array cache " + cache.string() + " (disk full?)");
    return bytes / rec;
}

}  // namespace winnow::core
