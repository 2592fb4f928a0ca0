// Image quality measures against hand-made images whose values are known without OpenCV:
// black, white, uniform noise (entropy 8 bits, std 255/sqrt(12)), the same noise blurred by a
// 3x3 box (variance of the Laplacian = noise variance x the sum of squares of the combined
// kernel), and the flags a set-wide context gives.
#include <QtTest>

#include <cmath>
#include <random>

#include "core/curation/image_quality.h"
#include "core/curation/quality_issues.h"
#include "core/curation/sample_scan.h"

using namespace winnow::core;

namespace {

Image flat(int w, int h, int channels, uint8_t value) {
    Image im;
    im.width = w;
    im.height = h;
    im.channels = channels;
    im.pixels.assign(size_t(w) * size_t(h) * size_t(channels), value);
    return im;
}

Image noise(int w, int h, uint32_t seed) {
    Image im = flat(w, h, 1, 0);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> u(0, 255);
    for (auto& p : im.pixels) p = uint8_t(u(rng));
    return im;
}

double variance(const Image& im) {
    double s = 0, s2 = 0;
    for (uint8_t p : im.pixels) {
        s += p;
        s2 += double(p) * p;
    }
    const double n = double(im.pixels.size());
    return s2 / n - (s / n) * (s / n);
}

// Valid-region box blur (side x side), rounded like an 8-bit image.
Image boxBlur(const Image& in, int side) {
    const int r = side / 2;
    Image out = flat(in.width - 2 * r, in.height - 2 * r, 1, 0);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x) {
            int sum = 0;
            for (int dy = 0; dy < side; ++dy)
                for (int dx = 0; dx < side; ++dx) sum += in.pixels[size_t(y + dy) * size_t(in.width) + size_t(x + dx)];
            out.pixels[size_t(y) * size_t(out.width) + size_t(x)] = uint8_t(std::lround(double(sum) / (side * side)));
        }
    return out;
}

// Sum of squares of the Laplacian [0 1 0; 1 -4 1; 0 1 0] convolved with a side x side box / side^2.
double laplacianOfBoxEnergy(int side) {
    const int n = side + 2;
    std::vector<double> c(size_t(n) * size_t(n), 0.0);
    const int lap[3][3] = {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}};
    for (int ly = 0; ly < 3; ++ly)
        for (int lx = 0; lx < 3; ++lx)
            for (int by = 0; by < side; ++by)
                for (int bx = 0; bx < side; ++bx)
                    c[size_t(ly + by) * size_t(n) + size_t(lx + bx)] += lap[ly][lx] / double(side * side);
    double e = 0;
    for (double v : c) e += v * v;
    return e;
}

}  // namespace

class TestCurationQuality : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void blackImage() {
        const ImageQuality q = measureImageQuality(flat(64, 48, 3, 0));
        QCOMPARE(q.brightness, 0.0f);
        QCOMPARE(q.contrast, 0.0f);
        QCOMPARE(q.entropy, 0.0f);
        QCOMPARE(q.blur, 0.0f);
        QCOMPARE(q.width, 64.0f);
        QCOMPARE(q.height, 48.0f);
        QCOMPARE(q.aspect, float(64.0 / 48.0));
        const uint8_t f = qualityFlags(q, {}, 100.0f, false);
        QVERIFY(f & uint8_t(QualityFlag::Dark));
        QVERIFY(f & uint8_t(QualityFlag::LowContrast));
        QVERIFY(f & uint8_t(QualityFlag::LowEntropy));
        QVERIFY(!(f & uint8_t(QualityFlag::Overexposed)));
        QVERIFY(!(f & uint8_t(QualityFlag::Blurry)));  // flat: low contrast, not blur
        QVERIFY(f & uint8_t(QualityFlag::GreyColourMismatch));  // grey in a colour set
        QVERIFY(!(qualityFlags(q, {}, 100.0f, true) & uint8_t(QualityFlag::GreyColourMismatch)));
    }

    void whiteImage() {
        const ImageQuality q = measureImageQuality(flat(32, 32, 1, 255));
        QCOMPARE(q.brightness, 1.0f);
        QCOMPARE(q.contrast, 0.0f);
        const uint8_t f = qualityFlags(q, {}, 100.0f, true);
        QVERIFY(f & uint8_t(QualityFlag::Overexposed));
        QVERIFY(!(f & uint8_t(QualityFlag::Dark)));
    }

    void uniformNoise() {
        const Image im = noise(256, 256, 7);
        const ImageQuality q = measureImageQuality(im);
        QVERIFY2(q.entropy > 7.99f && q.entropy <= 8.0f, qPrintable(QString::number(q.entropy)));
        QVERIFY(std::abs(q.contrast - 255.0 / std::sqrt(12.0) / 255.0) < 0.005);
        QVERIFY(std::abs(q.brightness - 0.5) < 0.01);
        // iid noise: var(Laplacian) = (1+1+1+1+16) var(pixel), borders aside.
        const double expected = 20.0 * variance(im);
        QVERIFY2(std::abs(q.blur / expected - 1.0) < 0.03, qPrintable(QString("%1 vs %2").arg(q.blur).arg(expected)));
        QCOMPARE(qualityFlags(q, {}, q.blur, true), uint8_t(0));
    }

    void blurredByKnownKernel() {
        const Image sharp = noise(262, 262, 11);
        const Image blurred = boxBlur(sharp, 3);
        const ImageQuality q = measureImageQuality(blurred);
        const double expected = variance(sharp) * laplacianOfBoxEnergy(3);
        QVERIFY2(std::abs(q.blur / expected - 1.0) < 0.05, qPrintable(QString("%1 vs %2").arg(q.blur).arg(expected)));
        // A 7x7 box in a set of sharp images is flagged blurry; the sharp ones are not.
        const ImageQuality sharpQ = measureImageQuality(sharp);
        const ImageQuality veryBlurred = measureImageQuality(boxBlur(sharp, 7));
        QVERIFY(qualityFlags(veryBlurred, {}, sharpQ.blur, true) & uint8_t(QualityFlag::Blurry));
        QVERIFY(!(qualityFlags(sharpQ, {}, sharpQ.blur, true) & uint8_t(QualityFlag::Blurry)));
    }

    void geometryAndColour() {
        QVERIFY(qualityFlags(measureImageQuality(noise(200, 20, 1)), {}, 1.0f, true) & uint8_t(QualityFlag::ExtremeAspect));
        QVERIFY(qualityFlags(measureImageQuality(noise(10, 10, 1)), {}, 1.0f, true) & uint8_t(QualityFlag::Tiny));
        QVERIFY(!(qualityFlags(measureImageQuality(noise(30, 30, 1)), {}, 1.0f, true) & uint8_t(QualityFlag::Tiny)));
        Image red = flat(16, 16, 3, 0);
        for (size_t i = 0; i < red.pixels.size(); i += 3) red.pixels[i] = 255;
        const ImageQuality q = measureImageQuality(red);
        QCOMPARE(q.colourfulness, float(2.0 * 255 / (3.0 * 255)));
        QVERIFY(qualityFlags(q, {}, 1.0f, true) & uint8_t(QualityFlag::GreyColourMismatch));
        QVERIFY(!(qualityFlags(q, {}, 1.0f, false) & uint8_t(QualityFlag::GreyColourMismatch)));
        // Grey pixels stored as RGB count as grey.
        QVERIFY(measureImageQuality(flat(8, 8, 3, 90)).colourfulness == 0.0f);
    }

    void thumbnailDescriptor() {
        const auto d = greyThumbnailDescriptor(noise(64, 40, 3));
        QCOMPARE(int(d.size()), 256);
        double sum = 0, norm = 0;
        for (float v : d) {
            sum += v;
            norm += double(v) * v;
        }
        QVERIFY(std::abs(sum) < 1e-4);
        QVERIFY(std::abs(norm - 1.0) < 1e-4);
        for (float v : greyThumbnailDescriptor(flat(20, 20, 3, 77))) QCOMPARE(v, 0.0f);
        // Pixel hash: geometry counts, equal pixels hash equal.
        QVERIFY(pixelHash(flat(4, 8, 1, 1)) != pixelHash(flat(8, 4, 1, 1)));
        QVERIFY(pixelHash(noise(9, 9, 2)) == pixelHash(noise(9, 9, 2)));
    }

    // A grey/colour mismatch needs a 90% majority of the other kind: in a set mixing both
    // (half grey, or 60/40) nothing is a mismatch; one colour image among 19 grey ones is.
    void mismatchOnlyAgainstAClearMajority() {
        Image red = flat(16, 16, 3, 0);
        for (size_t i = 0; i < red.pixels.size(); i += 3) red.pixels[i] = 255;
        const ImageQuality colour = measureImageQuality(red), grey = measureImageQuality(noise(16, 16, 3));
        auto mismatches = [&](int greys, int colours) {
            SampleScan scan;
            for (int i = 0; i < greys + colours; ++i) {
                scan.ids.push_back(i + 1);
                scan.quality.push_back(i < greys ? grey : colour);
            }
            const QualityAssessment a = assessQuality(scan, {});
            std::vector<int64_t> flagged;
            for (const auto& is : a.issues)
                if (is.flag == QualityFlag::GreyColourMismatch) flagged.push_back(is.sampleId);
            return flagged;
        };
        QCOMPARE(mismatches(5, 5), std::vector<int64_t>{});
        QCOMPARE(mismatches(6, 4), std::vector<int64_t>{});
        QCOMPARE(mismatches(19, 1), std::vector<int64_t>{20});
        QCOMPARE(mismatches(1, 19), std::vector<int64_t>{1});
        QVERIFY(!(qualityFlags(colour, {}, 1.0f, true, true) & uint8_t(QualityFlag::GreyColourMismatch)));
    }
};

QTEST_GUILESS_MAIN(TestCurationQuality)
#include "tst_curation_quality.moc"
