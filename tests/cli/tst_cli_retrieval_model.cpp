// winnow-cli retrieval check-model / encode on CLIP-shaped TorchScript models made at test time
// with python3-torch (tests/core/retrieval_make_models.py): identity, embeddings equal to
// PyTorch's, bad models refused with their reason and exit code 1, the cache reused.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/cli/cli_runner.h"
#include "tests/core/retrieval_model_fixture.h"

namespace fs = std::filesystem;
using winnow::test::runCli;

namespace {

QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }

std::vector<float> readF32(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::vector<float> v(fs::exists(file) ? fs::file_size(file) / 4 : 0);
    in.read(reinterpret_cast<char*>(v.data()), std::streamsize(v.size() * 4));
    return v;
}

size_t filesUnder(const fs::path& dir) {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file() ? 1 : 0;
    return n;
}

}  // namespace

class TestCliRetrievalModel : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    winnow::test::RetrievalModels m_models;
    fs::path dir(const std::string& name) const { return fs::path(m_tmp.path().toStdString()) / name; }

    void expectRows(const std::vector<float>& got, size_t firstRow, const nlohmann::json& expected) {
        for (size_t r = 0; r < expected.size(); ++r)
            for (size_t i = 0; i < 16; ++i)
                if (std::abs(got[(firstRow + r) * 16 + i] - expected[r][i].get<double>()) > 2e-5)
                    QFAIL(qPrintable(QString("row %1 differs from PyTorch's at %2").arg(firstRow + r).arg(i)));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_models = winnow::test::makeRetrievalModels(dir("models"));
        QVERIFY2(m_models.failure.isEmpty(), qPrintable(m_models.failure));
    }

    void checkModelPrintsIdentity() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        auto r = runCli({"retrieval", "check-model", "--model", qs(m_models / "good.pt"), "--device", "cpu", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject j = winnow::test::lastJson(r.out);
        QCOMPARE(j["identity"].toString().toStdString(), "sha256:" + m_models.expected["sha256"]["good.pt"].get<std::string>());
        QCOMPARE(j["dim"].toInt(), 16);
        QCOMPARE(j["device"].toString(), QString("cpu"));
        QVERIFY(j["preprocessing"].toString().contains("image:size=8,resize=squash"));
        r = runCli({"retrieval", "check-model", "--model", qs(m_models / "good.pt")});
        QVERIFY2(r.code == 0 && r.out.contains("identity:") && r.out.contains("D = 16"), r.out.constData());
    }

    void checkModelRefusesBadModels_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing method") << "no_text.pt" << "has no method encode_text";
        QTest::newRow("wrong dimension") << "dim_mismatch.pt" << "encode_text returns 8-dimensional embeddings";
        QTest::newRow("wrong dtype") << "int_output.pt" << "embeddings must be floating point";
        QTest::newRow("not TorchScript") << "corrupt.pt" << "not a TorchScript archive";
    }

    void checkModelRefusesBadModels() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        QFETCH(QString, file);
        QFETCH(QString, reason);
        const fs::path model = m_models / file.toStdString().c_str();
        const auto r = runCli({"retrieval", "check-model", "--model", qs(model), "--device", "cpu"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(qs(model).toUtf8()) && r.err.contains(reason.toUtf8()), r.err.constData());
    }

    void encodeWritesPyTorchsEmbeddings() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        const fs::path images = dir("images");
        fs::create_directories(images);
        for (const auto& im : m_models.expected["images"]) {
            const auto px = winnow::test::formulaImage(im["index"].get<int>(), im["channels"].get<int>());
            cv::Mat m(px.height, px.width, px.channels == 1 ? CV_8UC1 : CV_8UC3, const_cast<uint8_t*>(px.pixels.data()));
            cv::Mat bgr;
            if (px.channels == 3)
                cv::cvtColor(m, bgr, cv::COLOR_RGB2BGR);
            else
                bgr = m;
            QVERIFY(cv::imwrite((images / ("img" + std::to_string(im["index"].get<int>()) + ".png")).string(), bgr));
        }
        const auto caps = m_models.expected["captions"].get<std::vector<std::string>>();
        QCOMPARE(caps.size(), size_t(6));
        {
            std::ofstream csv(dir("captions.csv"));
            csv << "image,caption\n"
                << "img0.png," << caps[0] << "\nimg0.png," << caps[1] << "\nimg1.png," << caps[2] << "\n"
                << "img2.png," << caps[3] << "\nimg2.png," << caps[4] << "\nmissing.png," << caps[5] << "\n";
        }
        const QStringList args{"retrieval", "encode", "--model", qs(m_models / "good.pt"), "--captions",
                               qs(dir("captions.csv")), "--images", qs(images), "--out", qs(dir("out")),
                               "--batch", "2", "--json"};
        auto r = runCli(args);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("\"event\":\"progress\""), r.out.constData());
        const QJsonObject done = winnow::test::lastJson(r.out);
        QCOMPARE(done["captions"].toInt(), 6);
        QCOMPARE(done["captions_truncated"].toInt(), 1);
        QCOMPARE(done["images_encoded"].toInt(), 3);

        const auto text = readF32(dir("out") / "captions.f32");
        QCOMPARE(text.size(), size_t(6 * 16));
        expectRows(text, 0, m_models.expected["caption_embeddings"]);
        const auto img = readF32(dir("out") / "images.f32");
        QCOMPARE(img.size(), size_t(4 * 16));
        expectRows(img, 0, m_models.expected["image_embeddings"]);
        for (size_t i = 0; i < 16; ++i) QCOMPARE(img[3 * 16 + i], 0.0f);  // missing.png
        const auto meta = nlohmann::json::parse(std::ifstream(dir("out") / "meta.json"));
        QCOMPARE(meta["identity"].get<std::string>(), "sha256:" + m_models.expected["sha256"]["good.pt"].get<std::string>());
        QCOMPARE(meta["dim"].get<int>(), 16);
        QCOMPARE(meta["entries"][3]["encoded"].get<bool>(), false);
        QCOMPARE(meta["entries"][2]["first_caption_row"].get<int>(), 3);
        QVERIFY(meta["preprocessing"].get<std::string>().find("merges-sha256=") != std::string::npos);
        bool namesMissing = false;
        for (const auto& is : meta["issues"]) namesMissing |= is.get<std::string>().find("missing.png") != std::string::npos;
        QVERIFY2(namesMissing, meta["issues"].dump().c_str());

        // Again: everything comes from the cache, so no new cache file is written; same bytes out.
        const size_t cacheFiles = filesUnder(dir("out") / "cache");
        QVERIFY(cacheFiles >= 1);
        r = runCli(args);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(filesUnder(dir("out") / "cache"), cacheFiles);
        QVERIFY(readF32(dir("out") / "captions.f32") == text);
        QVERIFY(readF32(dir("out") / "images.f32") == img);
    }

    void encodeWithABadModelWritesNothing() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        {
            std::ofstream csv(dir("one.csv"));
            csv << "image,caption\na.png,a dog\n";
        }
        const auto r = runCli({"retrieval", "encode", "--model", qs(m_models / "nan_output.pt"), "--captions",
                               qs(dir("one.csv")), "--out", qs(dir("bad-out")), "--device", "cpu"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("NaN"), r.err.constData());
        QVERIFY(!fs::exists(dir("bad-out") / "meta.json"));
    }
};

QTEST_GUILESS_MAIN(TestCliRetrievalModel)
#include "tst_cli_retrieval_model.moc"
