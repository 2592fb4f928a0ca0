#include "core/util/sha256.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "core/util/error.h"

namespace winnow::core {
namespace {

std::string hexOf(const Sha256Digest& md) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(2 * md.size());
    for (uint8_t b : md) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

void digestFile(Sha256Stream& d, const std::filesystem::path& file) {
    std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(file.c_str(), "rb"), &std::fclose);
    if (!f) throw Error("cannot read " + file.string() + ": " + std::strerror(errno));
    std::vector<char> buf(1 << 20);
    for (;;) {
        const size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
        if (n > 0) d.update(buf.data(), n);
        if (n < buf.size()) {
            if (std::ferror(f.get())) throw Error("reading " + file.string() + " failed: " + std::strerror(errno));
            break;
        }
    }
}

}  // namespace

Sha256Stream::Sha256Stream() : m_ctx(EVP_MD_CTX_new()) {
    if (!m_ctx || EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(m_ctx);
        throw Error("SHA-256: OpenSSL could not start a digest");
    }
}

Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(m_ctx); }

void Sha256Stream::update(const void* data, size_t size) {
    if (EVP_DigestUpdate(m_ctx, data, size) != 1) throw Error("SHA-256: OpenSSL digest update failed");
}

Sha256Digest Sha256Stream::digest() {
    Sha256Digest md{};
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(m_ctx, md.data(), &len) != 1 || len != md.size())
        throw Error("SHA-256: OpenSSL digest failed");
    return md;
}

std::string sha256Hex(std::string_view data) {
    Sha256Stream d;
    d.update(data.data(), data.size());
    return hexOf(d.digest());
}

std::string sha256File(const std::filesystem::path& file) { return hexOf(sha256FileDigest(file)); }

Sha256Digest sha256FileDigest(const std::filesystem::path& file) {
    Sha256Stream d;
    digestFile(d, file);
    return d.digest();
}

Sha256Digest sha256Pixels(int width, int height, int channels, const uint8_t* pixels, size_t size) {
    const int32_t geometry[3] = {width, height, channels};
    Sha256Stream d;
    d.update(geometry, sizeof geometry);
    d.update(pixels, size);
    return d.digest();
}

}  // namespace winnow::core
