#include "core/dataset/image_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/media/image_probe.h"
#include "core/media/mapped_array.h"
#include "core/store/database.h"
#include "core/util/error.h"
#include "core/util/regular_file.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

std::vector<uint8_t> readWholeFile(const fs::path& file) {
    std::string why;
    int fd = openRegularFile(file, why);  // a FIFO or device is refused, never waited on
    if (fd < 0) throw Error("cannot read " + file.string() + ": " + why);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        throw Error("cannot read " + file.string() + ": " + std::strerror(errno));
    }
    std::vector<uint8_t> buf(size_t(st.st_size));
    size_t got = 0;
    while (got < buf.size()) {
        ssize_t r = ::read(fd, buf.data() + got, buf.size() - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += size_t(r);
    }
    ::close(fd);
    buf.resize(got);
    return buf;
}

Image toImage(const cv::Mat& m) {
    Image img;
    cv::Mat rgb;
    if (m.channels() == 1) {
        rgb = m;
    } else if (m.channels() == 3) {
        cv::cvtColor(m, rgb, cv::COLOR_BGR2RGB);
    } else {
        cv::cvtColor(m, rgb, cv::COLOR_BGRA2RGB);
    }
    if (rgb.depth() != CV_8U) rgb.convertTo(rgb, CV_8U, 1.0 / 257.0);
    img.width = rgb.cols;
    img.height = rgb.rows;
    img.channels = rgb.channels();
    img.pixels.resize(size_t(img.width) * size_t(img.height) * size_t(img.channels));
    size_t row = size_t(img.width) * size_t(img.channels);
    for (int y = 0; y < rgb.rows; ++y) std::memcpy(img.pixels.data() + size_t(y) * row, rgb.ptr(y), row);
    return img;
}

cv::Mat fitInside(const cv::Mat& m, int maxSide) {
    if (maxSide <= 0 || (m.cols <= maxSide && m.rows <= maxSide)) return m;
    double scale = double(maxSide) / double(std::max(m.cols, m.rows));
    cv::Size sz(std::max(1, int(m.cols * scale + 0.5)), std::max(1, int(m.rows * scale + 0.5)));
    cv::Mat out;
    cv::resize(m, out, sz, 0, 0, cv::INTER_AREA);
    return out;
}

}  // namespace

ImageLoader::ImageLoader(Database& db) {
    fs::path cacheDir = db.path();
    cacheDir += "-cache";
    auto st = db.prepare("SELECT id, cache_file, count, height, width, channels FROM arrays");
    while (st.step()) {
        fs::path f = st.text(1);
        if (f.is_relative()) f = cacheDir / f;
        m_arrays.emplace(st.int64(0), std::make_shared<MappedArray>(f, st.int64(2), st.int32(3),
                                                                    st.int32(4), st.int32(5)));
    }
}

ImageLoader::~ImageLoader() = default;

ImageLoader::ArrayView ImageLoader::arrayView(int64_t arrayId) const {
    auto it = m_arrays.find(arrayId);
    if (it == m_arrays.end())
        throw Error("array source " + std::to_string(arrayId) + " is not in this project");
    const MappedArray& a = *it->second;
    ArrayView v;
    v.data = a.data();
    v.count = a.count();
    v.height = a.height();
    v.width = a.width();
    v.channels = a.channels();
    return v;
}

Image ImageLoader::decodeFile(const fs::path& file, int maxSide) {
    std::vector<uint8_t> buf = readWholeFile(file);
    ImageProbe p = probeImageBuffer(buf.data(), buf.size());
    if (!p.ok) throw Error(file.string() + ": " + p.error);
    if (!canDecode(p.format))
        throw Error(file.string() + ": " + imageFormatName(p.format) +
                    " images cannot be decoded by this build");
    if (std::string why = pixelLimitError(p); !why.empty()) throw Error(file.string() + ": " + why);
    int flags = cv::IMREAD_ANYCOLOR;
    // libjpeg can scale by 1/2, 1/4, 1/8 while decoding: far cheaper for thumbnails.
    if (maxSide > 0 && p.format == ImageFormat::Jpeg && (p.channels == 1 || p.channels == 3)) {
        int ratio = std::max(p.width, p.height) / maxSide;
        bool grey = p.channels == 1;
        if (ratio >= 8) flags = grey ? cv::IMREAD_REDUCED_GRAYSCALE_8 : cv::IMREAD_REDUCED_COLOR_8;
        else if (ratio >= 4) flags = grey ? cv::IMREAD_REDUCED_GRAYSCALE_4 : cv::IMREAD_REDUCED_COLOR_4;
        else if (ratio >= 2) flags = grey ? cv::IMREAD_REDUCED_GRAYSCALE_2 : cv::IMREAD_REDUCED_COLOR_2;
    }
    cv::Mat raw(1, int(buf.size()), CV_8U, buf.data());
    cv::Mat m;
    try {
        m = cv::imdecode(raw, flags);
    } catch (const cv::Exception& e) {
        throw Error(file.string() + ": corrupt " + imageFormatName(p.format) + " (" + e.what() + ")");
    }
    if (m.empty())
        throw Error(file.string() + ": corrupt " + std::string(imageFormatName(p.format)) +
                    " (the decoder rejected the data)");
    return toImage(fitInside(m, maxSide));
}

Image ImageLoader::load(const Sample& s) const { return loadThumbnail(s, 0); }

Image ImageLoader::loadThumbnail(const Sample& s, int maxSide) const {
    if (s.kind == MediaKind::ImageFile) return decodeFile(s.path, maxSide);
    if (s.kind == MediaKind::ArrayRecord) {
        ArrayView v = arrayView(s.arrayId);
        if (s.itemIndex < 0 || s.itemIndex >= v.count)
            throw Error(s.path + ": record " + std::to_string(s.itemIndex) + " is outside the " +
                        std::to_string(v.count) + " records of its array cache");
        int type = CV_8UC(v.channels);
        cv::Mat m(v.height, v.width, type, const_cast<uint8_t*>(v.record(s.itemIndex)));
        cv::Mat fit = fitInside(m, maxSide);
        Image img;
        img.width = fit.cols;
        img.height = fit.rows;
        img.channels = v.channels;
        size_t row = size_t(img.width) * size_t(img.channels);
        img.pixels.resize(row * size_t(img.height));
        for (int y = 0; y < fit.rows; ++y)
            std::memcpy(img.pixels.data() + size_t(y) * row, fit.ptr(y), row);
        return img;
    }
    throw Error(s.path + ": video clips are decoded by the video loader, not the image loader");
}

}  // namespace winnow::core
