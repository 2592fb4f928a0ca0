// Cuts OpenCV's digits.png (opencv-doc: 50 rows x 100 columns of 20x20 handwritten digits, 500 of
// each digit in order, five rows per digit) into ImageFolder trees OUT/train/<digit>/ and
// OUT/test/<digit>/: per digit the first TRAIN tiles (row-major) to train, the rest to test.
// Build: c++ -O2 -std=c++17 bench/digits_tiles.cpp $(pkg-config --cflags --libs opencv4)
// Usage: digits_tiles DIGITS.png OUT [TRAIN=400]
#include <opencv2/imgcodecs.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s DIGITS.png OUT [TRAIN=400]\n", argv[0]);
        return 2;
    }
    const cv::Mat sheet = cv::imread(argv[1], cv::IMREAD_GRAYSCALE);
    if (sheet.empty() || sheet.cols != 2000 || sheet.rows != 1000) {
        std::fprintf(stderr, "%s: not OpenCV's 2000x1000 digits sheet\n", argv[1]);
        return 1;
    }
    const int train = argc > 3 ? std::stoi(argv[3]) : 400;
    const std::filesystem::path out = argv[2];
    for (int digit = 0; digit < 10; ++digit)
        for (int i = 0; i < 500; ++i) {
            const int row = digit * 5 + i / 100, col = i % 100;
            const std::filesystem::path dir = out / (i < train ? "train" : "test") / std::to_string(digit);
            std::filesystem::create_directories(dir);
            char name[32];
            std::snprintf(name, sizeof name, "%03d.png", i);
            if (!cv::imwrite((dir / name).string(), sheet(cv::Rect(col * 20, row * 20, 20, 20)))) {
                std::fprintf(stderr, "%s: cannot write\n", (dir / name).c_str());
                return 1;
            }
        }
    std::printf("5000 tiles: %d per digit to %s/train, %d to %s/test\n", train, out.c_str(), 500 - train, out.c_str());
    return 0;
}
