// Builds the 1M-row CSV benchmark fixture: a few dozen small real PNG/JPEG files, and one hard
// link per CSV row spread over ~1000 folders, so every row is a distinct path to a real image
// (cheap on disk: links share the 48 files' data and use no inodes of their own).
//   c++ -O2 -std=c++20 import_make_fixture.cpp $(pkg-config --cflags --libs opencv4)
//   ./a.out OUT_DIR ROWS
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <opencv2/imgcodecs.hpp>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s OUT_DIR ROWS\n", argv[0]);
        return 2;
    }
    const fs::path out = argv[1];
    const long rows = std::stol(argv[2]);
    const int kSources = 48, kFolders = 1000, kClasses = 100;
    fs::create_directories(out / "src");
    for (int i = 0; i < kSources; ++i) {
        int side = 24 + i;  // 24..71 px, all different
        cv::Mat m(side, side + 3, CV_8UC3);
        cv::randu(m, cv::Scalar::all(0), cv::Scalar::all(255));
        const char* ext = i % 2 ? ".jpg" : ".png";
        cv::imwrite((out / "src" / ("s" + std::to_string(i) + ext)).string(), m);
    }
    std::ofstream csv(out / "manifest.csv");
    csv << "path,label,split\n";
    char name[64];
    for (long r = 0; r < rows; ++r) {
        int src = int(r % kSources);
        const char* ext = src % 2 ? ".jpg" : ".png";
        std::snprintf(name, sizeof name, "data/d%04ld/f%07ld%s", r % kFolders, r, ext);
        fs::path link = out / name;
        if (r < kFolders) fs::create_directories(link.parent_path());
        fs::create_hard_link(out / "src" / ("s" + std::to_string(src) + ext), link);
        csv << name << ",class_" << (r * 7919 % kClasses) << "," << (r % 10 == 0 ? "val" : "train") << "\n";
    }
    std::printf("%ld rows written to %s\n", rows, (out / "manifest.csv").c_str());
    return 0;
}
