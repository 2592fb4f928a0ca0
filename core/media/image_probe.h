#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/util/sha256.h"

namespace winnow::core {

enum class ImageFormat { Unknown, Png, Jpeg, Bmp, Gif, WebP, Tiff, Ppm };

const char* imageFormatName(ImageFormat f);

// What the first and last bytes of an image file say, without decoding the pixels.
// `ok` false means the file cannot be a usable image; `error` then says why in words a
// user understands ("zero-byte file", "truncated PNG (no IEND chunk)", ...).
struct ImageProbe {
    bool ok = false;
    ImageFormat format = ImageFormat::Unknown;
    int width = 0;        // 0 when the header does not say (or the format is not parsed)
    int height = 0;
    int channels = 0;     // JPEG/PNG colour components when known, else 0
    int64_t fileSize = 0;
    bool missing = false; // the file (or a symbolic link's target) does not exist
    std::string error;
};

// True for extensions Winnow treats as images (.png .jpg .jpeg .bmp .gif .webp .tif ...).
bool hasImageExtension(const std::filesystem::path& p);
// The same test on a file name or path held as a string (no std::filesystem::path parsing).
bool hasImageExtensionName(std::string_view name);

// Reads the header and the tail of `file` (a few KB at most). Recognises the format from the
// magic bytes (never from the extension), reads width/height for PNG, JPEG, BMP, GIF, WebP,
// TIFF and PPM, and checks the format's end marker so truncated files are caught cheaply.
// Thread-safe; never throws.
ImageProbe probeImageFile(const std::filesystem::path& file);
// The same, and when the probe is ok, the SHA-256 of the whole file into *contentHash (read
// through the same descriptor, the head not read twice). A file that cannot be read through
// is not ok ("cannot read through: ...").
ImageProbe probeImageFile(const std::filesystem::path& file, Sha256Digest* contentHash);

// The same checks on bytes already in memory (used before decoding a loaded file).
ImageProbe probeImageBuffer(const uint8_t* data, size_t size);

// Decodes the whole file (VerifyMode::Full): the probe's checks plus a real decode. An image
// whose header claims more than kMaxImagePixels is refused before the decoder allocates.
// Never throws (decoder exceptions become `error`).
ImageProbe verifyImageFile(const std::filesystem::path& file);
ImageProbe verifyImageFile(const std::filesystem::path& file, Sha256Digest* contentHash);

// The most pixels (width x height) an image may claim to be decoded: 2^28 (a 16384 x 16384
// image, 768 MB as RGB), OpenCV's own default limit is 2^30.
inline constexpr int64_t kMaxImagePixels = int64_t(1) << 28;
// Why a probed header is too large to decode ("" when it is not, or its size is unknown).
std::string pixelLimitError(const ImageProbe& p);

// Whether this build's decoder can decode the format (OpenCV 4.6 has no GIF reader).
bool canDecode(ImageFormat f);

}  // namespace winnow::core
