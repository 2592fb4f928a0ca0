#include "fuzz/fuzz_common.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <system_error>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "core/store/database.h"
#include "core/store/project.h"

namespace winnow::fuzz {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void setupFailed(const std::string& what) {
    std::fprintf(stderr, "fuzz setup failed: %s\n", what.c_str());
    std::abort();
}

struct ProcessDir {
    fs::path path;
    ProcessDir() {
        const char* tmp = std::getenv("TMPDIR");
        std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/winnow-fuzz-XXXXXX";
        std::vector<char> buf(templ.begin(), templ.end());
        buf.push_back('\0');
        if (!::mkdtemp(buf.data())) setupFailed("cannot create a folder like " + templ);
        path = buf.data();
    }
    ~ProcessDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

ProcessDir& processDirObject() {
    static ProcessDir dir;
    return dir;
}

}  // namespace

const fs::path& processDir() { return processDirObject().path; }

InputDir::InputDir() {
    static std::atomic<uint64_t> counter{0};
    m_path = processDir() / ("in-" + std::to_string(counter++));
    std::error_code ec;
    fs::remove_all(m_path, ec);
    if (!fs::create_directory(m_path, ec)) setupFailed("cannot create " + m_path.string());
}

InputDir::~InputDir() {
    std::error_code ec;
    // A fuzzed input may have made its files unreadable or unwritable: give them back first.
    fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(m_path, ec);
}

void writeFile(const fs::path& file, std::string_view bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    out.close();
    if (!out) setupFailed("cannot write " + file.string());
}

std::unique_ptr<core::Project> freshProject(const fs::path& file) {
    // The template is kept in memory and written with ofstream, which retries on EINTR:
    // fs::copy_file (sendfile) failed now and then when libFuzzer's timer signal arrived.
    static const std::string templ = [] {
        const fs::path path = processDir() / "template.winnow";
        core::Project::create(path).reset();  // closing checkpoints the WAL into the file
        std::ifstream in(path, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) setupFailed("cannot read " + path.string());
        return bytes;
    }();
    writeFile(file, templ);
    return core::Project::open(file);
}

void checkImportedSamples(core::Project& project) {
    auto st = project.db().prepare(
        "SELECT s.id, s.media_kind, s.item_index, s.frame_start, s.frame_end, s.width, s.height, "
        "coalesce(a.count, -1), coalesce(v.frames, -1) FROM samples s "
        "LEFT JOIN arrays a ON a.id = s.array_id LEFT JOIN videos v ON v.path = s.path WHERE s.status = 0");
    while (st.step()) {
        const int64_t kind = st.int64(1), item = st.int64(2), f0 = st.int64(3), f1 = st.int64(4);
        const int64_t records = st.int64(7), frames = st.int64(8);
        std::string why;
        if (st.int64(5) < 0 || st.int64(6) < 0) why = "negative size";
        if (kind == 1 && (item < 0 || item >= records)) why = "record outside its array";
        if (kind == 2 && (f0 < 0 || f0 >= f1 || (frames >= 0 && f1 > frames))) why = "clip outside its video";
        if (!why.empty()) {
            std::fprintf(stderr, "imported sample %lld: %s (item %lld of %lld, frames [%lld, %lld) of %lld)\n",
                         static_cast<long long>(st.int64(0)), why.c_str(), static_cast<long long>(item),
                         static_cast<long long>(records), static_cast<long long>(f0), static_cast<long long>(f1),
                         static_cast<long long>(frames));
            std::abort();
        }
    }
}

void writeSmallPng(const fs::path& file) {
    static const std::vector<uint8_t> png = [] {
        cv::Mat m(3, 4, CV_8UC3, cv::Scalar(10, 200, 30));
        std::vector<uint8_t> bytes;
        if (!cv::imencode(".png", m, bytes)) setupFailed("cannot encode a PNG");
        return bytes;
    }();
    writeFile(file, png.data(), png.size());
}

void copySmallVideo(const fs::path& file) {
    std::error_code ec;
    const fs::path src = fs::path(WINNOW_FUZZ_SOURCE_DIR) / "corpus" / "video" / "tiny_mpeg4.avi";
    if (!fs::copy_file(src, file, fs::copy_options::overwrite_existing, ec))
        setupFailed("cannot copy " + src.string() + " to " + file.string());
}

uint8_t takeByte(const uint8_t*& data, size_t& size) {
    if (size == 0) return 0;
    const uint8_t b = *data;
    ++data;
    --size;
    return b;
}

}  // namespace winnow::fuzz
