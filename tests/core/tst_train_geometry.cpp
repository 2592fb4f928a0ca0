// Issue 15 item 8: the default input size. It came from the first image, so a folder of
// 512x512 photos gave cnn-small a 1.07 GB checkpoint; now it is the median recorded size,
// scaled down to at most 64 per side, reported, and absurd sizes are refused with a hint.
// torch before Qt: Qt's `slots` keyword macro breaks LibTorch headers.
#include "train_private/net.h"

#include <QtTest>

#include <filesystem>

#include <opencv2/imgcodecs.hpp>

#include "core/dataset/importer.h"
#include "core/store/project.h"
#include "core/train/train_data.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestTrainGeometry : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }

    void image(const fs::path& p, int w, int h) {
        fs::create_directories(p.parent_path());
        QVERIFY(cv::imwrite(p.string(), cv::Mat(h, w, CV_8UC3, cv::Scalar(40, 80, 120))));
    }

    std::unique_ptr<Project> project(const std::string& name, const fs::path& root) {
        auto p = Project::create(dir(name + ".winnow"));
        ImportOptions o;
        o.format = "imagefolder";
        o.source = root;
        importDataset(*p, o);
        return p;
    }

private Q_SLOTS:
    void largeImagesGetACappedDefault() {
        fs::path root = dir("big");
        for (int i = 0; i < 18; ++i) image(root / (i % 2 ? "a" : "b") / (std::to_string(i) + ".png"), 512, 512);
        auto p = project("big", root);
        TrainData d = loadTrainData(p->db(), 0, 8);
        QCOMPARE(d.width, 64);
        QCOMPARE(d.height, 64);
        QVERIFY(d.capped);
        QVERIFY2(d.geometryNote.find("512x512") != std::string::npos, d.geometryNote.c_str());
        QVERIFY2(d.geometryNote.find("--input-size") != std::string::npos, d.geometryNote.c_str());
    }

    void medianNotFirstImageDecides() {
        // The first file (by path) is an odd one out; the other three agree.
        fs::path root = dir("mixed");
        image(root / "a" / "0-odd.png", 60, 60);
        image(root / "a" / "1.png", 40, 30);
        image(root / "b" / "2.png", 40, 30);
        image(root / "b" / "3.png", 40, 30);
        auto p = project("mixed", root);
        TrainData d = loadTrainData(p->db(), 0, 8);
        QCOMPARE(d.width, 40);
        QCOMPARE(d.height, 30);
        QVERIFY(!d.capped);
    }

    void nonSquareLargeImagesKeepTheirAspect() {
        fs::path root = dir("wide");
        for (int i = 0; i < 3; ++i) image(root / (i % 2 ? "a" : "b") / (std::to_string(i) + ".png"), 256, 128);
        auto p = project("wide", root);
        TrainData d = loadTrainData(p->db(), 0, 8);
        QCOMPARE(d.width, 64);
        QCOMPARE(d.height, 32);
    }

    void absurdSizesAreRefusedWithAHint() {
        fs::path root = dir("small");
        for (int i = 0; i < 4; ++i) image(root / (i % 2 ? "a" : "b") / (std::to_string(i) + ".png"), 8, 8);
        auto p = project("small", root);
        try {
            loadTrainData(p->db(), 100000, 8);
            QFAIL("accepted an input size of 100000");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("at most 1024") != std::string::npos, e.what());
        }
        TrainData d = loadTrainData(p->db(), 96, 8);  // an explicit size is used as given
        QCOMPARE(d.width, 96);
        try {
            makeNet("cnn-small", "", 3, 512, 512, 0, 10);
            QFAIL("built a cnn-small with a 134-million-weight dense layer");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("--input-size 64") != std::string::npos, e.what());
        }
        QVERIFY(makeNet("cnn-small", "", 3, 64, 64, 0, 10) != nullptr);
    }
};

QTEST_GUILESS_MAIN(TestTrainGeometry)
#include "tst_train_geometry.moc"
