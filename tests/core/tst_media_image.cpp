// Image probe (header checks without decoding) and ImageLoader (pixels as written).
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <thread>

#include <opencv2/imgcodecs.hpp>

#include "core/dataset/image_loader.h"
#include "core/media/image_probe.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

std::vector<char> readBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& p, const std::vector<char>& b) {
    std::ofstream out(p, std::ios::binary);
    out.write(b.data(), std::streamsize(b.size()));
}

// A BGR image whose pixel (x, y) is (B, G, R) = (x*10, y*20, 200 - x - y): easy to predict.
cv::Mat pattern(int w, int h) {
    cv::Mat m(h, w, CV_8UC3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) m.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x * 10), uchar(y * 20), uchar(200 - x - y));
    return m;
}

}  // namespace

class TestMediaImage : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path file(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }

private Q_SLOTS:
    void probeReadsSizeOfEveryWrittenFormat() {
        cv::Mat m = pattern(7, 5);
        for (const char* ext : {".png", ".jpg", ".bmp", ".tiff", ".ppm", ".webp"}) {
            fs::path f = file(std::string("size") + ext);
            QVERIFY(cv::imwrite(f.string(), m));
            ImageProbe p = probeImageFile(f);
            QVERIFY2(p.ok, (std::string(ext) + ": " + p.error).c_str());
            QCOMPARE(p.width, 7);
            QCOMPARE(p.height, 5);
        }
        QCOMPARE(probeImageFile(file("size.png")).format, ImageFormat::Png);
        QCOMPARE(probeImageFile(file("size.jpg")).format, ImageFormat::Jpeg);
        QCOMPARE(probeImageFile(file("size.bmp")).format, ImageFormat::Bmp);
        QCOMPARE(probeImageFile(file("size.png")).channels, 3);
    }

    void probeRecognisesContentNotExtension() {
        QVERIFY(cv::imwrite(file("real.png").string(), pattern(4, 3)));
        fs::copy_file(file("real.png"), file("named.jpg"));
        ImageProbe p = probeImageFile(file("named.jpg"));
        QVERIFY(p.ok);
        QCOMPARE(p.format, ImageFormat::Png);
    }

    void probeCatchesTruncationAndEmptyFiles() {
        QVERIFY(cv::imwrite(file("t.png").string(), pattern(40, 30)));
        QVERIFY(cv::imwrite(file("t.jpg").string(), pattern(40, 30)));
        auto png = readBytes(file("t.png"));
        auto jpg = readBytes(file("t.jpg"));
        writeBytes(file("cut.png"), {png.begin(), png.begin() + long(png.size() / 2)});
        writeBytes(file("cut.jpg"), {jpg.begin(), jpg.begin() + long(jpg.size() * 2 / 3)});
        writeBytes(file("zero.png"), {});
        writeBytes(file("junk.jpg"), {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'});

        ImageProbe p = probeImageFile(file("cut.png"));
        QVERIFY(!p.ok);
        QVERIFY2(p.error.find("truncated PNG") != std::string::npos, p.error.c_str());
        p = probeImageFile(file("cut.jpg"));
        QVERIFY(!p.ok);
        QVERIFY2(p.error.find("truncated JPEG") != std::string::npos, p.error.c_str());
        p = probeImageFile(file("zero.png"));
        QVERIFY(!p.ok);
        QCOMPARE(QString::fromStdString(p.error), QString("zero-byte file"));
        p = probeImageFile(file("junk.jpg"));
        QVERIFY(!p.ok);
        QVERIFY(p.error.find("not a recognised image") != std::string::npos);
        p = probeImageFile(file("does-not-exist.png"));
        QVERIFY(!p.ok);
        QVERIFY(p.missing);
    }

    void jpegWithTrailerIsNotTruncated() {
        QVERIFY(cv::imwrite(file("trailer.jpg").string(), pattern(40, 30)));
        auto b = readBytes(file("trailer.jpg"));
        b.insert(b.end(), 3000, char(0x42));  // 3 KB appended after the end-of-image marker
        writeBytes(file("trailer2.jpg"), b);
        ImageProbe p = probeImageFile(file("trailer2.jpg"));
        QVERIFY2(p.ok, p.error.c_str());
        QCOMPARE(p.width, 40);
    }

    void fullVerifyCatchesCorruptDataTheHeaderMisses() {
        QVERIFY(cv::imwrite(file("c.png").string(), pattern(64, 64)));
        auto b = readBytes(file("c.png"));
        // Overwrite the middle of the compressed data; header and IEND stay intact.
        for (size_t i = b.size() / 2 - 20; i < b.size() / 2 + 20; ++i) b[i] = char(0xA5);
        writeBytes(file("corrupt.png"), b);
        QVERIFY(probeImageFile(file("corrupt.png")).ok);
        ImageProbe full = verifyImageFile(file("corrupt.png"));
        QVERIFY(!full.ok);
        QVERIFY2(full.error.find("corrupt PNG") != std::string::npos, full.error.c_str());
        QVERIFY(verifyImageFile(file("c.png")).ok);
    }

    void extensions() {
        QVERIFY(hasImageExtension("a/b.PNG"));
        QVERIFY(hasImageExtension("x.jpeg"));
        QVERIFY(hasImageExtension("x.webp"));
        QVERIFY(!hasImageExtension("x.txt"));
        QVERIFY(!hasImageExtension("png"));
    }

    void loaderReturnsRgbPixelsAsWritten() {
        cv::Mat m = pattern(6, 4);
        QVERIFY(cv::imwrite(file("px.png").string(), m));
        Image img = ImageLoader::decodeFile(file("px.png"));
        QCOMPARE(img.width, 6);
        QCOMPARE(img.height, 4);
        QCOMPARE(img.channels, 3);
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 6; ++x) {
                const uint8_t* p = img.pixels.data() + (y * 6 + x) * 3;
                QCOMPARE(int(p[0]), 200 - x - y);  // R
                QCOMPARE(int(p[1]), y * 20);       // G
                QCOMPARE(int(p[2]), x * 10);       // B
            }
    }

    void loaderKeepsGreyAsOneChannel() {
        cv::Mat g(3, 5, CV_8UC1);
        for (int i = 0; i < 15; ++i) g.data[i] = uchar(i * 17);
        QVERIFY(cv::imwrite(file("grey.png").string(), g));
        Image img = ImageLoader::decodeFile(file("grey.png"));
        QCOMPARE(img.channels, 1);
        for (int i = 0; i < 15; ++i) QCOMPARE(int(img.pixels[size_t(i)]), i * 17);
    }

    void loaderExplainsFailures() {
        writeBytes(file("zero2.jpg"), {});
        try {
            ImageLoader::decodeFile(file("zero2.jpg"));
            QFAIL("no exception");
        } catch (const Error& e) {
            QString msg = e.what();
            QVERIFY(msg.contains("zero2.jpg"));
            QVERIFY(msg.contains("zero-byte"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, ImageLoader::decodeFile(file("missing.png")));
    }

    void thumbnailKeepsAspectRatio() {
        QVERIFY(cv::imwrite(file("wide.png").string(), cv::Mat(50, 100, CV_8UC3, cv::Scalar(10, 20, 30))));
        QVERIFY(cv::imwrite(file("big.jpg").string(), cv::Mat(400, 800, CV_8UC3, cv::Scalar(10, 20, 30))));
        Image t = ImageLoader::decodeFile(file("wide.png"), 20);
        QCOMPARE(t.width, 20);
        QCOMPARE(t.height, 10);
        Image j = ImageLoader::decodeFile(file("big.jpg"), 64);
        QCOMPARE(j.width, 64);
        QCOMPARE(j.height, 32);
        QVERIFY(std::abs(int(j.pixels[0]) - 30) <= 3);  // R of a flat (B,G,R)=(10,20,30) image
    }

    void concurrentDecodesAgree() {
        QVERIFY(cv::imwrite(file("conc.png").string(), pattern(16, 16)));
        Image ref = ImageLoader::decodeFile(file("conc.png"), 8);
        std::atomic<int> mismatches{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&] {
                for (int i = 0; i < 50; ++i)
                    if (ImageLoader::decodeFile(file("conc.png"), 8).pixels != ref.pixels) ++mismatches;
            });
        for (auto& t : threads) t.join();
        QCOMPARE(mismatches.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMediaImage)
#include "tst_media_image.moc"
