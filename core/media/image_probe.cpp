#include "core/media/image_probe.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include <opencv2/core/version.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/util/regular_file.h"

namespace winnow::core {
namespace {

// Random access to the bytes of a file or a buffer; the probe only ever reads the head,
// a few header segments and the tail.
class Bytes {
public:
    virtual ~Bytes() = default;
    virtual int64_t size() const = 0;
    // Reads up to n bytes at off; returns how many were read.
    virtual size_t read(int64_t off, uint8_t* dst, size_t n) const = 0;
    bool readExact(int64_t off, uint8_t* dst, size_t n) const {
        if (n == 0) return off >= 0 && off <= size();  // nothing to copy (dst may be null)
        return off >= 0 && off + int64_t(n) <= size() && read(off, dst, n) == n;
    }
};

class FileBytes : public Bytes {
public:
    // Reads the head once: most header walks then need no further system call, and a small
    // file (the common case for datasets) is answered entirely from it, tail included.
    FileBytes(int fd, int64_t size) : m_fd(fd), m_size(size) {
        m_headLen = rawRead(0, m_head, size_t(std::min<int64_t>(size, int64_t(sizeof m_head))));
    }
    int64_t size() const override { return m_size; }
    // Feeds every byte of the file to `h`: the head already read, then the rest in blocks.
    // False when the file ends early (it shrank) or a read fails.
    bool digestAll(Sha256Stream& h) const {
        h.update(m_head, m_headLen);
        std::vector<uint8_t> buf;
        for (int64_t off = int64_t(m_headLen); off < m_size;) {
            if (buf.empty()) buf.resize(size_t(1) << 16);
            const size_t want = size_t(std::min<int64_t>(m_size - off, int64_t(buf.size())));
            const size_t got = rawRead(off, buf.data(), want);
            if (got != want) return false;
            h.update(buf.data(), got);
            off += int64_t(got);
        }
        return true;
    }
    size_t read(int64_t off, uint8_t* dst, size_t n) const override {
        if (off >= 0 && off + int64_t(n) <= int64_t(m_headLen)) {
            std::memcpy(dst, m_head + off, n);
            return n;
        }
        return rawRead(off, dst, n);
    }

private:
    size_t rawRead(int64_t off, uint8_t* dst, size_t n) const {
        size_t got = 0;
        while (got < n) {
            ssize_t r = ::pread(m_fd, dst + got, n - got, off + int64_t(got));
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) break;
            got += size_t(r);
        }
        return got;
    }

    int m_fd;
    int64_t m_size;
    uint8_t m_head[8192];
    size_t m_headLen = 0;
};

class MemBytes : public Bytes {
public:
    MemBytes(const uint8_t* d, size_t n) : m_d(d), m_n(n) {}
    int64_t size() const override { return int64_t(m_n); }
    size_t read(int64_t off, uint8_t* dst, size_t n) const override {
        if (off < 0 || size_t(off) >= m_n) return 0;
        size_t k = std::min(n, m_n - size_t(off));
        std::memcpy(dst, m_d + off, k);
        return k;
    }

private:
    const uint8_t* m_d;
    size_t m_n;
};

uint32_t be16(const uint8_t* p) { return uint32_t(p[0]) << 8 | p[1]; }
uint32_t be32(const uint8_t* p) { return be16(p) << 16 | be16(p + 2); }
uint32_t le16(const uint8_t* p) { return uint32_t(p[1]) << 8 | p[0]; }
uint32_t le24(const uint8_t* p) { return uint32_t(p[2]) << 16 | le16(p); }
uint32_t le32(const uint8_t* p) { return le24(p + 1) << 8 | p[0]; }

ImageProbe failed(ImageProbe p, std::string why) {
    p.ok = false;
    p.error = std::move(why);
    return p;
}

// True when `needle` occurs in the last `window` bytes.
bool tailContains(const Bytes& b, const char* needle, size_t len, size_t window) {
    uint8_t small[1024];
    std::vector<uint8_t> large;
    int64_t n = std::min<int64_t>(b.size(), int64_t(window));
    uint8_t* tail = small;
    if (n > int64_t(sizeof small)) {
        large.resize(size_t(n));
        tail = large.data();
    }
    if (n <= 0 || !b.readExact(b.size() - n, tail, size_t(n))) return false;
    auto it = std::search(tail, tail + n, needle, needle + len,
                          [](uint8_t a, char c) { return a == uint8_t(c); });
    return it != tail + n;
}

ImageProbe probePng(const Bytes& b, ImageProbe p) {
    uint8_t h[26];
    if (!b.readExact(0, h, sizeof h) || std::memcmp(h + 12, "IHDR", 4) != 0)
        return failed(p, "truncated or corrupt PNG (no IHDR header)");
    p.width = int(be32(h + 16));
    p.height = int(be32(h + 20));
    static const int kChannels[7] = {1, 0, 3, 3, 2, 0, 4};
    p.channels = h[25] <= 6 ? kChannels[h[25]] : 0;
    if (p.width <= 0 || p.height <= 0) return failed(p, "corrupt PNG (zero or negative size)");
    // A complete PNG ends with the IEND chunk (a few bytes of trailing junk are tolerated).
    if (!tailContains(b, "IEND", 4, 64)) return failed(p, "truncated PNG (no IEND chunk at the end)");
    p.ok = true;
    return p;
}

bool isSof(uint8_t m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

ImageProbe probeJpeg(const Bytes& b, ImageProbe p) {
    int64_t off = 2;
    uint8_t seg[8];
    // Walk the marker segments up to the frame header; EXIF blocks may push it past 64 KB.
    for (int guard = 0; guard < 512; ++guard) {
        if (!b.readExact(off, seg, 4)) return failed(p, "truncated JPEG (header ends early)");
        if (seg[0] != 0xFF) return failed(p, "corrupt JPEG (bad marker in header)");
        uint8_t m = seg[1];
        if (m == 0xFF) {  // fill byte
            off += 1;
            continue;
        }
        if (m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
            off += 2;
            continue;
        }
        if (m == 0xDA || m == 0xD9) return failed(p, "corrupt JPEG (no frame header)");
        uint32_t len = be16(seg + 2);
        if (len < 2) return failed(p, "corrupt JPEG (bad segment length)");
        if (isSof(m)) {
            if (!b.readExact(off + 4, seg, 6)) return failed(p, "truncated JPEG (header ends early)");
            p.height = int(be16(seg + 1));
            p.width = int(be16(seg + 3));
            p.channels = seg[5];
            break;
        }
        off += 2 + int64_t(len);
    }
    if (p.width <= 0 || p.height <= 0) return failed(p, "corrupt JPEG (no usable frame size)");
    // Entropy-coded data stuffs every 0xFF, so FF D9 after the frame header can only be the
    // EOI marker. Look in the last 1 KB first; some writers append a trailer, so look further
    // back (up to 64 KB, never into the header, whose EXIF thumbnail has an EOI of its own).
    if (!tailContains(b, "\xFF\xD9", 2, 1024) &&
        !tailContains(b, "\xFF\xD9", 2, size_t(std::min<int64_t>(65536, b.size() - off))))
        return failed(p, "truncated JPEG (no end-of-image marker)");
    p.ok = true;
    return p;
}

ImageProbe probeBmp(const Bytes& b, ImageProbe p) {
    uint8_t h[26];
    if (!b.readExact(0, h, sizeof h)) return failed(p, "truncated BMP (header ends early)");
    uint32_t declared = le32(h + 2);
    uint32_t hdr = le32(h + 14);
    if (hdr == 12) {
        p.width = int(le16(h + 18));
        p.height = int(le16(h + 20));
    } else {
        p.width = int(int32_t(le32(h + 18)));
        // Negative = top-down rows. Widened first: -(-2^31) does not fit an int.
        const int64_t height = int64_t(int32_t(le32(h + 22)));
        p.height = height == INT32_MIN ? -1 : int(height < 0 ? -height : height);
    }
    if (p.width <= 0 || p.height <= 0) return failed(p, "corrupt BMP (zero or negative size)");
    if (declared > 26 && int64_t(declared) > b.size())
        return failed(p, "truncated BMP (" + std::to_string(b.size()) + " of " +
                             std::to_string(declared) + " bytes)");
    p.ok = true;
    return p;
}

ImageProbe probeGif(const Bytes& b, ImageProbe p) {
    uint8_t h[10];
    if (!b.readExact(0, h, sizeof h)) return failed(p, "truncated GIF (header ends early)");
    p.width = int(le16(h + 6));
    p.height = int(le16(h + 8));
    p.channels = 3;
    uint8_t last = 0;
    if (!b.readExact(b.size() - 1, &last, 1) || last != 0x3B)
        return failed(p, "truncated GIF (no trailer byte)");
    p.ok = true;
    return p;
}

ImageProbe probeWebp(const Bytes& b, ImageProbe p) {
    uint8_t h[30] = {};
    if (b.read(0, h, sizeof h) < 16) return failed(p, "truncated WebP (header ends early)");
    if (int64_t(le32(h + 4)) + 8 > b.size()) return failed(p, "truncated WebP (RIFF size exceeds file)");
    if (std::memcmp(h + 12, "VP8X", 4) == 0) {
        p.width = int(le24(h + 24)) + 1;
        p.height = int(le24(h + 27)) + 1;
    } else if (std::memcmp(h + 12, "VP8L", 4) == 0) {
        p.width = 1 + int(h[21] | (h[22] & 0x3F) << 8);
        p.height = 1 + int((h[22] >> 6) | h[23] << 2 | (h[24] & 0x0F) << 10);
    } else if (std::memcmp(h + 12, "VP8 ", 4) == 0) {
        p.width = int(le16(h + 26) & 0x3FFF);
        p.height = int(le16(h + 28) & 0x3FFF);
    }
    p.ok = true;
    return p;
}

ImageProbe probeTiff(const Bytes& b, ImageProbe p, bool little) {
    auto u16 = [&](const uint8_t* q) { return little ? le16(q) : be16(q); };
    auto u32 = [&](const uint8_t* q) { return little ? le32(q) : be32(q); };
    uint8_t h[8];
    if (!b.readExact(0, h, 8)) return failed(p, "truncated TIFF (header ends early)");
    int64_t ifd = u32(h + 4);
    uint8_t c[2];
    if (!b.readExact(ifd, c, 2)) return failed(p, "truncated TIFF (first directory missing)");
    int n = std::min<int>(int(u16(c)), 256);
    if (n == 0) return failed(p, "corrupt TIFF (the first directory is empty)");
    std::vector<uint8_t> e(size_t(n) * 12);
    if (!b.readExact(ifd + 2, e.data(), e.size())) return failed(p, "truncated TIFF (directory ends early)");
    for (int i = 0; i < n; ++i) {
        const uint8_t* q = e.data() + i * 12;
        uint32_t tag = u16(q), type = u16(q + 2);
        uint32_t v = type == 3 ? u16(q + 8) : u32(q + 8);
        // A LONG size of 2^31 or more would turn negative as an int.
        if ((tag == 256 || tag == 257) && v > uint32_t(std::numeric_limits<int>::max()))
            return failed(p, "corrupt TIFF (image size " + std::to_string(v) + " out of range)");
        if (tag == 256) p.width = int(v);
        if (tag == 257) p.height = int(v);
    }
    p.ok = true;
    return p;
}

ImageProbe probePpm(const Bytes& b, ImageProbe p) {
    uint8_t h[512];
    size_t n = b.read(0, h, sizeof h);
    char kind = char(h[1]);
    size_t i = 2;
    long vals[3] = {0, 0, 1};
    int need = (kind == '1' || kind == '4') ? 2 : 3;
    for (int k = 0; k < need; ++k) {
        while (i < n && (std::isspace(h[i]) || h[i] == '#')) {
            if (h[i] == '#')
                while (i < n && h[i] != '\n') ++i;
            else
                ++i;
        }
        if (i >= n || !std::isdigit(h[i])) return failed(p, "corrupt PNM header");
        long v = 0;
        while (i < n && std::isdigit(h[i]) && v < 1000000) v = v * 10 + (h[i++] - '0');
        vals[k] = v;
    }
    p.width = int(vals[0]);
    p.height = int(vals[1]);
    p.channels = (kind == '3' || kind == '6') ? 3 : 1;
    if (p.width <= 0 || p.height <= 0) return failed(p, "corrupt PNM (zero size)");
    int64_t start = int64_t(i) + 1;  // one whitespace byte after the last header field
    int64_t bps = vals[2] > 255 ? 2 : 1;
    int64_t need_bytes = 0;
    if (kind == '5' || kind == '6') need_bytes = int64_t(p.width) * p.height * p.channels * bps;
    if (kind == '4') need_bytes = int64_t((p.width + 7) / 8) * p.height;
    if (start + need_bytes > b.size())
        return failed(p, "truncated PNM (" + std::to_string(b.size()) + " of " +
                             std::to_string(start + need_bytes) + " bytes)");
    p.ok = true;
    return p;
}

ImageProbe probe(const Bytes& b) {
    ImageProbe p;
    p.fileSize = b.size();
    if (b.size() == 0) return failed(p, "zero-byte file");
    uint8_t m[12] = {};
    size_t n = b.read(0, m, sizeof m);
    if (n < 4) return failed(p, "file too short to be an image (" + std::to_string(n) + " bytes)");
    static const uint8_t kPng[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (n >= 8 && std::memcmp(m, kPng, 8) == 0) {
        p.format = ImageFormat::Png;
        return probePng(b, p);
    }
    if (m[0] == 0xFF && m[1] == 0xD8 && m[2] == 0xFF) {
        p.format = ImageFormat::Jpeg;
        return probeJpeg(b, p);
    }
    if (m[0] == 'B' && m[1] == 'M') {
        p.format = ImageFormat::Bmp;
        return probeBmp(b, p);
    }
    if (n >= 6 && (std::memcmp(m, "GIF87a", 6) == 0 || std::memcmp(m, "GIF89a", 6) == 0)) {
        p.format = ImageFormat::Gif;
        return probeGif(b, p);
    }
    if (n >= 12 && std::memcmp(m, "RIFF", 4) == 0 && std::memcmp(m + 8, "WEBP", 4) == 0) {
        p.format = ImageFormat::WebP;
        return probeWebp(b, p);
    }
    if (std::memcmp(m, "II*\0", 4) == 0 || std::memcmp(m, "MM\0*", 4) == 0) {
        p.format = ImageFormat::Tiff;
        return probeTiff(b, p, m[0] == 'I');
    }
    if (m[0] == 'P' && m[1] >= '1' && m[1] <= '6' && std::isspace(m[2])) {
        p.format = ImageFormat::Ppm;
        return probePpm(b, p);
    }
    return failed(p, "not a recognised image (unknown file signature)");
}

std::string errnoText(int e) { return std::strerror(e); }

}  // namespace

const char* imageFormatName(ImageFormat f) {
    switch (f) {
        case ImageFormat::Png: return "PNG";
        case ImageFormat::Jpeg: return "JPEG";
        case ImageFormat::Bmp: return "BMP";
        case ImageFormat::Gif: return "GIF";
        case ImageFormat::WebP: return "WebP";
        case ImageFormat::Tiff: return "TIFF";
        case ImageFormat::Ppm: return "PNM";
        case ImageFormat::Unknown: break;
    }
    return "unknown";
}

bool hasImageExtension(const std::filesystem::path& p) {
    return hasImageExtensionName(p.filename().string());
}

bool hasImageExtensionName(std::string_view name) {
    static const std::array<const char*, 14> kExt = {".png", ".jpg", ".jpeg", ".jpe", ".bmp",
                                                     ".dib", ".gif", ".webp", ".tif", ".tiff",
                                                     ".ppm", ".pgm", ".pbm", ".pnm"};
    size_t dot = name.find_last_of("./");
    if (dot == std::string_view::npos || name[dot] != '.' || dot == 0 || name[dot - 1] == '/')
        return false;  // no extension, or a dot file such as ".png"
    std::string e(name.substr(dot));
    if (e.size() < 2 || e.size() > 5) return false;
    for (auto& c : e) c = char(std::tolower(static_cast<unsigned char>(c)));
    return std::find_if(kExt.begin(), kExt.end(), [&](const char* k) { return e == k; }) !=
           kExt.end();
}

bool canDecode(ImageFormat f) {
    if (f == ImageFormat::Unknown) return false;
#if CV_VERSION_MAJOR == 4 && CV_VERSION_MINOR < 7
    if (f == ImageFormat::Gif) return false;
#endif
    return true;
}

ImageProbe probeImageBuffer(const uint8_t* data, size_t size) {
    MemBytes b(data, size);
    return probe(b);
}

std::string pixelLimitError(const ImageProbe& p) {
    if (p.width <= 0 || p.height <= 0) return {};
    const int64_t pixels = int64_t(p.width) * int64_t(p.height);
    if (pixels <= kMaxImagePixels) return {};
    return std::string(imageFormatName(p.format)) + " header claims " + std::to_string(p.width) + "x" +
           std::to_string(p.height) + " pixels, more than the " + std::to_string(kMaxImagePixels / 1000000) +
           " million pixels Winnow decodes";
}

ImageProbe probeImageFile(const std::filesystem::path& file) { return probeImageFile(file, nullptr); }

ImageProbe probeImageFile(const std::filesystem::path& file, Sha256Digest* contentHash) {
    // Never blocks: a FIFO or device listed as an image is refused before any read.
    std::string why;
    int err = 0;
    int fd = openRegularFile(file, why, &err);
    if (fd < 0) {
        ImageProbe p;
        p.missing = err == ENOENT || err == ENOTDIR;
        p.error = p.missing ? "file not found" : err == 0 ? why : "cannot open: " + why;
        return p;
    }
    struct stat st {};
    ImageProbe p;
    if (::fstat(fd, &st) != 0) {
        p.error = "cannot read: " + errnoText(errno);
    } else {
        FileBytes b(fd, int64_t(st.st_size));
        p = probe(b);
        if (p.ok && !canDecode(p.format))
            p = failed(p, std::string(imageFormatName(p.format)) +
                              " images cannot be decoded by this build");
        if (p.ok)
            if (std::string tooBig = pixelLimitError(p); !tooBig.empty()) p = failed(p, tooBig);
        if (p.ok && contentHash) {
            Sha256Stream h;
            if (b.digestAll(h)) *contentHash = h.digest();
            else p = failed(p, "cannot read through: the file ended early or a read failed");
        }
    }
    ::close(fd);
    return p;
}

ImageProbe verifyImageFile(const std::filesystem::path& file) { return verifyImageFile(file, nullptr); }

ImageProbe verifyImageFile(const std::filesystem::path& file, Sha256Digest* contentHash) {
    ImageProbe p = probeImageFile(file, contentHash);
    if (!p.ok) return p;
    // The header's size is checked before the decoder allocates for it.
    if (std::string why = pixelLimitError(p); !why.empty()) return failed(p, why);
    try {
        cv::Mat m = cv::imread(file.string(), cv::IMREAD_ANYCOLOR);
        if (m.empty())
            return failed(p, std::string("corrupt ") + imageFormatName(p.format) +
                                 " (the decoder rejected the data)");
        p.width = m.cols;
        p.height = m.rows;
    } catch (const cv::Exception& e) {
        return failed(p, std::string("corrupt ") + imageFormatName(p.format) + " (" + e.what() + ")");
    } catch (const std::exception& e) {
        return failed(p, std::string("cannot decode ") + imageFormatName(p.format) + ": " + e.what());
    }
    return p;
}

}  // namespace winnow::core
