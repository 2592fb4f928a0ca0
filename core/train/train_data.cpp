#include "core/train/train_data.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>

#include "core/dataset/sample.h"
#include "core/dataset/image_loader.h"
#include "core/media/video_clip_reader.h"
#include "core/store/database.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

namespace winnow::core {

namespace {

constexpr int kDefaultClipSide = 64;
constexpr int kMinSide = 4;

// Resizes HWC pixels to w x h with `channels` channels (grey is replicated, RGB averaged to
// grey when the run is single-channel) into dst (HWC).
void fitHwc(const uint8_t* src, int sw, int sh, int sc, int w, int h, int channels, uint8_t* dst) {
    cv::Mat in(sh, sw, sc == 1 ? CV_8UC1 : CV_8UC3, const_cast<uint8_t*>(src));
    cv::Mat m = in;
    if (sc != channels) {
        if (channels == 1) cv::cvtColor(in, m, cv::COLOR_RGB2GRAY);
        else cv::cvtColor(in, m, cv::COLOR_GRAY2RGB);
    }
    cv::Mat out(h, w, channels == 1 ? CV_8UC1 : CV_8UC3, dst);
    if (m.cols != w || m.rows != h) cv::resize(m, out, cv::Size(w, h), 0, 0, cv::INTER_AREA);
    else m.copyTo(out);
}

}  // namespace

std::string TrainData::describe(size_t row) const {
    if (kind[row] == int8_t(MediaKind::ArrayRecord))
        return "array " + std::to_string(arrayId[row]) + " record " + std::to_string(item[row]);
    if (kind[row] == int8_t(MediaKind::VideoClip))
        return path[row] + " [frames " + std::to_string(frameStart[row]) + ", " +
               std::to_string(frameEnd[row]) + ")";
    return path[row];
}

TrainData loadTrainData(Database& db, int inputSize, int framesPerClip) {
    TrainData d;
    {
        auto st = db.prepare("SELECT name FROM classes ORDER BY idx");
        while (st.step()) d.classNames.push_back(st.text(0));
        d.classes = int(d.classNames.size());
    }
    auto st = db.prepare(
        "SELECT s.id, s.media_kind, s.path, coalesce(s.array_id,-1), s.item_index, s.frame_start,"
        " s.frame_end, coalesce(c.idx,-1), s.split, s.trusted, s.excluded FROM samples s"
        " LEFT JOIN classes c ON c.id=s.label WHERE s.status=0 ORDER BY s.id");
    int64_t clips = 0, images = 0;
    while (st.step()) {
        const auto k = MediaKind(st.int32(1));
        d.ids.push_back(st.int64(0));
        d.kind.push_back(int8_t(k));
        // Array records share one source path; keeping it per row would only cost memory.
        d.path.push_back(k == MediaKind::ArrayRecord ? std::string() : st.text(2));
        d.arrayId.push_back(st.int64(3));
        d.item.push_back(st.int64(4));
        d.frameStart.push_back(st.int64(5));
        d.frameEnd.push_back(st.int64(6));
        d.label.push_back(st.int32(7));
        d.split.push_back(int8_t(st.int32(8)));
        d.trusted.push_back(int8_t(st.int32(9)));
        d.excluded.push_back(int8_t(st.int32(10)));
        (k == MediaKind::VideoClip ? clips : images) += 1;
    }
    if (d.ids.empty()) throw Error("the project has no readable samples to train on");
    if (inputSize > kMaxInputSize)
        throw Error("input size " + std::to_string(inputSize) + " is too large (at most " +
                    std::to_string(kMaxInputSize) + " per side): every sample is resized to it, and a "
                    "model's memory and checkpoint grow with it; leave it unset for a default chosen "
                    "from the images (at most " + std::to_string(kDefaultMaxSide) + "), or try 64 to 224");
    if (clips > 0 && images > 0)
        throw Error("the project mixes " + std::to_string(images) + " image samples with " +
                    std::to_string(clips) +
                    " video clips; a run trains on one kind (exclude one kind in review, or import "
                    "them into separate projects)");
    d.loader = std::make_shared<ImageLoader>(db);
    if (clips > 0) {
        if (framesPerClip < 1) throw Error("frames per clip must be at least 1");
        d.clips = true;
        d.frames = framesPerClip;
        d.channels = 3;
        d.height = d.width = inputSize > 0 ? inputSize : kDefaultClipSide;
        return d;
    }
    // The run's geometry comes from the first sample unless a size is given; a first file
    // that no longer decodes hands the choice to the next one.
    std::string firstError;
    for (size_t i = 0; i < d.rows() && d.channels == 0; ++i) {
        try {
            if (d.kind[i] == int8_t(MediaKind::ArrayRecord)) {
                auto v = d.loader->arrayView(d.arrayId[i]);
                d.channels = v.channels;
                d.height = v.height;
                d.width = v.width;
            } else {
                Image im = ImageLoader::decodeFile(d.path[i]);
                d.channels = 3;
                d.height = im.height;
                d.width = im.width;
            }
        } catch (const Error& e) {
            if (firstError.empty()) firstError = e.what();
            if (i >= 16) break;
        }
    }
    if (d.channels == 0) throw Error("cannot read the first samples of the project: " + firstError);
    if (inputSize > 0) {
        d.height = d.width = inputSize;
        d.geometryNote = "input size " + std::to_string(inputSize) + "x" + std::to_string(inputSize) + " (as asked)";
        return d;
    }
    chooseDefaultGeometry(db, d);
    return d;
}

void chooseDefaultGeometry(Database& db, TrainData& d) {
    // The median of the recorded sizes (from the import's probe; no decoding), so one odd
    // first file does not decide, capped so a folder of photos does not make a huge model.
    std::vector<int> widths, heights;
    auto st = db.prepare("SELECT width, height FROM samples WHERE status=0 AND media_kind IN (?,?)"
                         " AND width>0 AND height>0");
    st.bind(1, int(MediaKind::ImageFile)).bind(2, int(MediaKind::ArrayRecord));
    while (st.step()) {
        widths.push_back(st.int32(0));
        heights.push_back(st.int32(1));
    }
    if (widths.empty()) {  // sizes not recorded: the first readable sample's, as found above
        d.geometryNote = "input size " + std::to_string(d.width) + "x" + std::to_string(d.height) +
                         " (the first readable sample's)";
    } else {
        auto median = [](std::vector<int>& v) {
            std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
            return v[v.size() / 2];
        };
        const int mw = median(widths), mh = median(heights);
        d.width = mw;
        d.height = mh;
        d.geometryNote = "input size " + std::to_string(mw) + "x" + std::to_string(mh) + " (the median image size)";
        const int side = std::max(mw, mh);
        if (side > kDefaultMaxSide) {
            const double scale = double(kDefaultMaxSide) / double(side);
            d.width = std::max(kMinSide, int(std::lround(mw * scale)));
            d.height = std::max(kMinSide, int(std::lround(mh * scale)));
            d.capped = true;
            d.geometryNote = "input size " + std::to_string(d.width) + "x" + std::to_string(d.height) +
                             ": the median image is " + std::to_string(mw) + "x" + std::to_string(mh) +
                             ", scaled down to at most " + std::to_string(kDefaultMaxSide) +
                             " per side by default (set the input size, e.g. --input-size 128, to train larger)";
        }
    }
}

bool SkipLog::add(int64_t row, const std::string& message) {
    std::lock_guard<std::mutex> lock(m_mu);
    if (m_rows.count(row)) return false;
    m_rows.emplace(row, m_messages.size());
    m_messages.push_back(message);
    return true;
}

bool SkipLog::contains(int64_t row) const {
    std::lock_guard<std::mutex> lock(m_mu);
    return m_rows.count(row) > 0;
}

size_t SkipLog::size() const {
    std::lock_guard<std::mutex> lock(m_mu);
    return m_messages.size();
}

std::vector<std::string> SkipLog::messages() const {
    std::lock_guard<std::mutex> lock(m_mu);
    return m_messages;
}

RowReader::RowReader(const TrainData& d) : m_d(d), m_scratch(d.rowBytes()) {}

RowReader::~RowReader() = default;

const uint8_t* RowReader::read(size_t r, SamplingMode mode, uint64_t seed, std::vector<int64_t>* frameIndex) {
    const auto& d = m_d;
    const auto k = MediaKind(d.kind[r]);
    if (k == MediaKind::ArrayRecord) {
        auto v = d.loader->arrayView(d.arrayId[r]);
        if (d.item[r] < 0 || d.item[r] >= v.count)
            throw Error("sample " + std::to_string(d.ids[r]) + ": record " + std::to_string(d.item[r]) +
                        " is outside array " + std::to_string(d.arrayId[r]));
        if (v.width == d.width && v.height == d.height && v.channels == d.channels)
            return v.record(d.item[r]);  // zero copy: the map already holds HWC uint8
        fitHwc(v.record(d.item[r]), v.width, v.height, v.channels, d.width, d.height, d.channels,
               m_scratch.data());
        return m_scratch.data();
    }
    if (k == MediaKind::ImageFile) {
        Image im = ImageLoader::decodeFile(d.path[r]);
        fitHwc(im.pixels.data(), im.width, im.height, im.channels, d.width, d.height, d.channels,
               m_scratch.data());
        return m_scratch.data();
    }
    if (!m_clips) m_clips = std::make_unique<VideoClipReader>(DecoderOptions{1, 0, true}, 4);
    ClipRange range{d.frameStart[r], d.frameEnd[r]};
    std::vector<Image> frames = m_clips->read(d.path[r], range, d.frames, mode, seed, frameIndex);
    if (int(frames.size()) != d.frames)
        throw Error(d.describe(r) + ": decoded " + std::to_string(frames.size()) + " of " +
                    std::to_string(d.frames) + " frames");
    for (size_t f = 0; f < frames.size(); ++f) {
        const Image& im = frames[f];
        if (im.empty()) throw Error(d.describe(r) + ": frame " + std::to_string(f) + " is empty");
        fitHwc(im.pixels.data(), im.width, im.height, im.channels, d.width, d.height, d.channels,
               m_scratch.data() + f * d.frameBytes());
    }
    return m_scratch.data();
}

void channelStats(const TrainData& d, const std::vector<int64_t>& rows, int threads, SkipLog* skips,
                  const CancelToken* cancel, std::vector<float>& mean, std::vector<float>& stdev) {
    const int C = d.channels;
    const size_t plane = size_t(d.height) * size_t(d.width) * size_t(d.frames);
    // Array records are memcpy-speed; threads only pay off when files need decoding.
    bool anyFiles = false;
    for (int64_t r : rows) anyFiles |= d.kind[size_t(r)] != int8_t(MediaKind::ArrayRecord);
    const int nThreads = anyFiles ? std::max(1, threads) : 1;
    // Per worker: its reader and its sums, added up after every worker has finished.
    struct Partial {
        std::unique_ptr<RowReader> reader;
        std::vector<uint64_t> sum, sum2;
        uint64_t counted = 0;
    };
    std::vector<Partial> parts(static_cast<size_t>(nThreads));
    parallelFor("computing channel statistics", rows.size(), nThreads, [&](size_t i, int worker) {
        Partial& w = parts[size_t(worker)];
        if (!w.reader) {
            w.reader = std::make_unique<RowReader>(d);
            w.sum.assign(size_t(C), 0);
            w.sum2.assign(size_t(C), 0);
        }
        const size_t r = size_t(rows[i]);
        if (skips && skips->contains(int64_t(r))) return;
        const uint8_t* p = nullptr;
        try {
            p = w.reader->read(r, SamplingMode::Eval, 0);
        } catch (const Error& e) {
            if (!skips) throw;
            skips->add(int64_t(r), std::string("skipped a sample that no longer decodes: ") + e.what());
            return;
        }
        for (size_t j = 0; j < plane; ++j)
            for (int c = 0; c < C; ++c) {
                const uint64_t v = p[j * size_t(C) + size_t(c)];
                w.sum[size_t(c)] += v;
                w.sum2[size_t(c)] += v * v;
            }
        ++w.counted;
    }, cancel);
    std::vector<uint64_t> sum(size_t(C), 0), sum2(size_t(C), 0);
    uint64_t counted = 0;
    for (const Partial& w : parts) {
        if (!w.reader) continue;
        for (int c = 0; c < C; ++c) {
            sum[size_t(c)] += w.sum[size_t(c)];
            sum2[size_t(c)] += w.sum2[size_t(c)];
        }
        counted += w.counted;
    }
    mean.assign(size_t(C), 0.f);
    stdev.assign(size_t(C), 1.f);
    const double n = double(counted) * double(plane);
    if (n <= 0) return;
    for (int c = 0; c < C; ++c) {
        double m = double(sum[size_t(c)]) / n / 255.0;
        double var = double(sum2[size_t(c)]) / n / (255.0 * 255.0) - m * m;
        mean[size_t(c)] = float(m);
        stdev[size_t(c)] = float(std::sqrt(std::max(var, 1e-8)));
    }
}

std::vector<float> normaliseTable(const std::vector<float>& mean, const std::vector<float>& stdev) {
    std::vector<float> lut(mean.size() * 256);
    for (size_t c = 0; c < mean.size(); ++c)
        for (int v = 0; v < 256; ++v) lut[c * 256 + size_t(v)] = (float(v) / 255.f - mean[c]) / stdev[c];
    return lut;
}

void fillFrame(const uint8_t* hwc, int C, int H, int W, const float* lut, int ox, int oy, bool flip,
               float* chw) {
    const size_t plane = size_t(H) * size_t(W);
    for (int c = 0; c < C; ++c) {
        const float* l = lut + size_t(c) * 256;
        const float zero = l[0];  // padding is black before normalising
        float* dp = chw + size_t(c) * plane;
        for (int y = 0; y < H; ++y) {
            const int sy = y + oy;
            float* drow = dp + size_t(y) * size_t(W);
            if (sy < 0 || sy >= H) {
                std::fill(drow, drow + W, zero);
                continue;
            }
            const uint8_t* srow = hwc + size_t(sy) * size_t(W) * size_t(C) + size_t(c);
            if (C == 1 && ox == 0 && !flip) {  // the common untouched grey row
                for (int x = 0; x < W; ++x) drow[x] = l[srow[x]];
                continue;
            }
            for (int x = 0; x < W; ++x) {
                const int sx = x + ox;
                const float v = (sx < 0 || sx >= W) ? zero : l[srow[size_t(sx) * size_t(C)]];
                drow[flip ? W - 1 - x : x] = v;
            }
        }
    }
}

}  // namespace winnow::core
