#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace winnow::core {

// SHA-256 (OpenSSL's libcrypto) as 64 lower-case hex digits.
std::string sha256Hex(std::string_view data);
// Of a file's bytes, read in blocks. Throws Error naming the file when it cannot be read.
std::string sha256File(const std::filesystem::path& file);

using Sha256Digest = std::array<uint8_t, 32>;

// Incremental SHA-256, for bytes that arrive in pieces. Throws Error if OpenSSL fails.
class Sha256Stream {
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;
    void update(const void* data, size_t size);
    Sha256Digest digest();  // call once

private:
    ::evp_md_ctx_st* m_ctx;
};

// The same digests as raw bytes. sha256FileDigest throws Error like sha256File.
Sha256Digest sha256FileDigest(const std::filesystem::path& file);
// Of an 8-bit image held as pixels: its geometry (width, height, channels as three native
// int32) then the interleaved rows. The content hash of array records and decoded frames.
Sha256Digest sha256Pixels(int width, int height, int channels, const uint8_t* pixels, size_t size);

}  // namespace winnow::core
