#pragma once
// Helpers shared by the fuzz targets (fuzz_<target>.cpp): a per-process scratch folder, one
// folder per input, and a template project copied for every input that needs one.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace winnow::core {
class Project;
}

namespace winnow::fuzz {

// The folder of this process (created on first use under $TMPDIR, removed at exit).
const std::filesystem::path& processDir();

// A fresh, empty folder for one input, removed with everything in it when destroyed.
class InputDir {
public:
    InputDir();
    ~InputDir();
    InputDir(const InputDir&) = delete;
    InputDir& operator=(const InputDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

// Writes `bytes` to `file` (replacing it). Aborts on failure: the fuzzer's own setup must work.
void writeFile(const std::filesystem::path& file, std::string_view bytes);
inline void writeFile(const std::filesystem::path& file, const uint8_t* data, size_t size) {
    writeFile(file, std::string_view(reinterpret_cast<const char*>(data), size));
}

// A copy of an empty project of the current schema at `file` (copying is much faster than
// creating one and running every migration per input), opened for writing.
std::unique_ptr<core::Project> freshProject(const std::filesystem::path& file);

// Aborts (a finding) when an import left a usable sample that breaks the project's promises:
// a clip outside [0, frames of its video) or empty, an array record outside its array, a
// negative size.
void checkImportedSamples(core::Project& project);

// Small valid media to point manifests at: a 4x3 PNG and a tiny video (from the video corpus).
void writeSmallPng(const std::filesystem::path& file);
void copySmallVideo(const std::filesystem::path& file);

// Takes the first byte of an input (0 when it is empty) and moves past it.
uint8_t takeByte(const uint8_t*& data, size_t& size);

}  // namespace winnow::fuzz
