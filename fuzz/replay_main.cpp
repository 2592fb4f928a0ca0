// Replays a fuzz target's corpus as an ordinary test (ctest fuzz_replay_<target>): every file of
// the folders (or the files) given on the command line goes through LLVMFuzzerTestOneInput once.
// Fails when the corpus is empty or an input lets an exception escape; a crash fails by itself.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg = argv[i];
        if (fs::is_directory(arg)) {
            for (const auto& e : fs::recursive_directory_iterator(arg))
                if (e.is_regular_file()) inputs.push_back(e.path());
        } else {
            inputs.push_back(arg);
        }
    }
    std::sort(inputs.begin(), inputs.end());
    if (inputs.empty()) {
        std::fprintf(stderr, "no corpus input given (expected a folder of inputs)\n");
        return 1;
    }
    int failures = 0;
    for (const auto& p : inputs) {
        std::ifstream in(p, std::ios::binary);
        std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) {
            std::fprintf(stderr, "FAIL %s: cannot read\n", p.c_str());
            ++failures;
            continue;
        }
        std::fprintf(stderr, "input %s (%zu bytes)\n", p.c_str(), bytes.size());
        try {
            LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "FAIL %s: unexpected exception: %s\n", p.c_str(), e.what());
            ++failures;
        } catch (...) {
            std::fprintf(stderr, "FAIL %s: unexpected exception of an unknown type\n", p.c_str());
            ++failures;
        }
    }
    std::printf("%zu inputs replayed, %d failed\n", inputs.size(), failures);
    return failures == 0 ? 0 : 1;
}
