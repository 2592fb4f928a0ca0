#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace winnow::core {

// SHA-256 (OpenSSL's libcrypto) as 64 lower-case hex digits.
std::string sha256Hex(std::string_view data);
// Of a file's bytes, read in blocks. Throws Error naming the file when it cannot be read.
std::string sha256File(const std::filesystem::path& file);

}  // namespace winnow::core
