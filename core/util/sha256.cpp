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

class Digest {
public:
    Digest() : m_ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
        if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1)
            throw Error("SHA-256: OpenSSL could not start a digest");
    }
    void update(const void* data, size_t size) {
        if (EVP_DigestUpdate(m_ctx.get(), data, size) != 1) throw Error("SHA-256: OpenSSL digest update failed");
    }
    std::string hex() {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        if (EVP_DigestFinal_ex(m_ctx.get(), md, &len) != 1) throw Error("SHA-256: OpenSSL digest failed");
        static const char* digits = "0123456789abcdef";
        std::string out;
        out.reserve(len * 2);
        for (unsigned int i = 0; i < len; ++i) {
            out += digits[md[i] >> 4];
            out += digits[md[i] & 15];
        }
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> m_ctx;
};

}  // namespace

std::string sha256Hex(std::string_view data) {
    Digest d;
    d.update(data.data(), data.size());
    return d.hex();
}

std::string sha256File(const std::filesystem::path& file) {
    std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(file.c_str(), "rb"), &std::fclose);
    if (!f) throw Error("cannot read " + file.string() + ": " + std::strerror(errno));
    Digest d;
    std::vector<char> buf(1 << 20);
    for (;;) {
        const size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
        if (n > 0) d.update(buf.data(), n);
        if (n < buf.size()) {
            if (std::ferror(f.get())) throw Error("reading " + file.string() + " failed: " + std::strerror(errno));
            break;
        }
    }
    return d.hex();
}

}  // namespace winnow::core
