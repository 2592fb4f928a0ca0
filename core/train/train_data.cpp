#include "core/train/train_data.h"

#include <opencv2/imgproc.hpp>

#include <atomic>
#include <cmath>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/dataset/sample.h"
#include "core/media/image_loader.h"
#include "core/store/database.h"
#include "core/util/error.h"

namespace winnow::core {

namespace {

struct Source {
    int64_t id;
    MediaKind kind;
    std::string path;
    int64_t arrayId, item;
};

// Resizes HWC pixels to w x h and stores them as CHW with `channels` channels (grey is
// replicated, RGB averaged to grey when the run is single-channel).
void storeChw(const uint8_t* src, int sw, int sh, int sc, int w, int h, int channels, uint8_t* dst) {
    cv::Mat in(sh, sw, sc == 1 ? CV_8UC1 : CV_8UC3, const_cast<uint8_t*>(src));
    cv::Mat m = in;
    if (sc != channels) {
        if (channels == 1) cv::cvtColor(in, m, cv::COLOR_RGB2GRAY);
        else cv::cvtColor(in, m, cv::COLOR_GRAY2RGB);
    }
    if (m.cols != w || m.rows != h) {
        cv::Mat r;
        cv::resize(m, r, cv::Size(w, h), 0, 0, cv::INTER_AREA);
        m = r;
    }
    if (!m.isContinuous()) m = m.clone();
    const uint8_t* p = m.ptr<uint8_t>();
    for (int c = 0; c < channels; ++c)
        for (int i = 0; i < w * h; ++i) dst[size_t(c) * size_t(w * h) + size_t(i)] = p[size_t(i) * size_t(channels) + size_t(c)];
}

}  // namespace

TrainData loadTrainData(Database& db, int inputSize, int threads, const ProgressFn& progress,
                        const CancelToken* cancel) {
    TrainData d;
    {
        auto st = db.prepare("SELECT name FROM classes ORDER BY idx");
        while (st.step()) d.classNames.push_back(st.text(0));
        d.classes = int(d.classNames.size());
    }
    std::vector<Source> src;
    auto st = db.prepare(
        "SELECT s.id, s.media_kind, s.path, coalesce(s.array_id,-1), s.item_index,"
        " coalesce(c.idx,-1), s.split, s.trusted, s.excluded FROM samples s"
        " LEFT JOIN classes c ON c.id=s.label WHERE s.status=0 AND s.media_kind<>2 ORDER BY s.id");
    while (st.step()) {
        src.push_back({st.int64(0), MediaKind(st.int32(1)), st.text(2), st.int64(3), st.int64(4)});
        d.ids.push_back(st.int64(0));
        d.label.push_back(st.int32(5));
        d.split.push_back(int8_t(st.int32(6)));
        d.trusted.push_back(int8_t(st.int32(7)));
        d.excluded.push_back(int8_t(st.int32(8)));
    }
    if (src.empty()) throw Error("the project has no readable image samples to train on");

    ImageLoader loader(db);
    // The run's geometry comes from the first sample unless a size is given.
    const Source& first = src.front();
    if (first.kind == MediaKind::ArrayRecord) {
        auto v = loader.arrayView(first.arrayId);
        d.channels = v.channels;
        d.height = v.height;
        d.width = v.width;
    } else {
        Image im = ImageLoader::decodeFile(first.path);
        d.channels = 3;
        d.height = im.height;
        d.width = im.width;
    }
    if (inputSize > 0) d.height = d.width = inputSize;
    d.pixels.assign(d.rows() * d.rowBytes(), 0);

    std::atomic<size_t> next{0}, done{0};
    std::mutex errMu;
    std::string firstError;
    auto work = [&] {
        for (size_t i = next++; i < src.size(); i = next++) {
            if (cancel && cancel->cancelled()) return;
            try {
                const Source& s = src[i];
                uint8_t* dst = d.pixels.data() + i * d.rowBytes();
                if (s.kind == MediaKind::ArrayRecord) {
                    auto v = loader.arrayView(s.arrayId);
                    if (s.item < 0 || s.item >= v.count)
                        throw Error("sample " + std::to_string(s.id) + ": record " + std::to_string(s.item) +
                                    " outside array " + std::to_string(s.arrayId));
                    storeChw(v.record(s.item), v.width, v.height, v.channels, d.width, d.height,
                             d.channels, dst);
                } else {
                    Image im = ImageLoader::decodeFile(s.path);
                    storeChw(im.pixels.data(), im.width, im.height, im.channels, d.width, d.height,
                             d.channels, dst);
                }
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(errMu);
                if (firstError.empty()) firstError = e.what();
                return;
            }
            size_t k = ++done;
            if (progress && k % 4096 == 0) progress({double(k) / double(src.size()), "loading pixels"});
        }
    };
    int nThreads = std::max(1, threads);
    // Array records are memcpy-speed; threads only pay off when files need decoding.
    bool anyFiles = false;
    for (const auto& s : src) anyFiles |= s.kind != MediaKind::ArrayRecord;
    if (!anyFiles) nThreads = 1;
    std::vector<std::thread> pool;
    for (int t = 1; t < nThreads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (cancel) cancel->throwIfCancelled();
    if (!firstError.empty())
        throw Error(firstError + " (mark the sample unreadable or fix the file, then train again)");
    return d;
}

void channelStats(const TrainData& d, const std::vector<int64_t>& rows, std::vector<float>& mean,
                  std::vector<float>& stdev) {
    const size_t plane = size_t(d.height) * size_t(d.width);
    mean.assign(size_t(d.channels), 0.f);
    stdev.assign(size_t(d.channels), 1.f);
    for (int c = 0; c < d.channels; ++c) {
        double s = 0, s2 = 0;
        for (int64_t r : rows) {
            const uint8_t* p = d.row(size_t(r)) + size_t(c) * plane;
            uint64_t a = 0, a2 = 0;
            for (size_t i = 0; i < plane; ++i) {
                a += p[i];
                a2 += uint64_t(p[i]) * p[i];
            }
            s += double(a);
            s2 += double(a2);
        }
        double n = double(rows.size()) * double(plane);
        if (n <= 0) continue;
        double m = s / n / 255.0;
        double var = s2 / n / (255.0 * 255.0) - m * m;
        mean[size_t(c)] = float(m);
        stdev[size_t(c)] = float(std::sqrt(std::max(var, 1e-8)));
    }
}

void fillBatch(const TrainData& d, const int64_t* rows, size_t count, const std::vector<float>& mean,
               const std::vector<float>& stdev, bool augment, int pad, bool hflip, Rng* rng,
               float* out) {
    const int H = d.height, W = d.width, C = d.channels;
    const size_t plane = size_t(H) * size_t(W);
    std::vector<float> lut(size_t(C) * 256);  // pixel -> normalised value, per channel
    std::vector<float> zero(static_cast<size_t>(C));
    for (int c = 0; c < C; ++c) {
        for (int v = 0; v < 256; ++v)
            lut[size_t(c) * 256 + size_t(v)] = (float(v) / 255.f - mean[size_t(c)]) / stdev[size_t(c)];
        zero[size_t(c)] = lut[size_t(c) * 256];
    }
    for (size_t b = 0; b < count; ++b) {
        const uint8_t* src = d.row(size_t(rows[b]));
        float* dst = out + b * size_t(C) * plane;
        int ox = 0, oy = 0;
        bool flip = false;
        if (augment && rng) {
            if (pad > 0) {
                std::uniform_int_distribution<int> off(-pad, pad);
                oy = off(*rng);
                ox = off(*rng);
            }
            if (hflip) flip = std::uniform_int_distribution<int>(0, 1)(*rng) == 1;
        }
        for (int c = 0; c < C; ++c) {
            const float* l = &lut[size_t(c) * 256];
            const uint8_t* sp = src + size_t(c) * plane;
            float* dp = dst + size_t(c) * plane;
            for (int y = 0; y < H; ++y) {
                int sy = y + oy;
                float* drow = dp + size_t(y) * size_t(W);
                if (sy < 0 || sy >= H) {
                    std::fill(drow, drow + W, zero[size_t(c)]);  // padding is black before normalising
                    continue;
                }
                const uint8_t* srow = sp + size_t(sy) * size_t(W);
                for (int x = 0; x < W; ++x) {
                    int sx = x + ox;
                    float v = (sx < 0 || sx >= W) ? zero[size_t(c)] : l[srow[sx]];
                    drow[flip ? W - 1 - x : x] = v;
                }
            }
        }
    }
}

}  // namespace winnow::core
