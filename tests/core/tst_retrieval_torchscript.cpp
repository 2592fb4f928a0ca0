// TorchScriptEncoder and the embedding cache on CLIP-shaped TorchScript models that the test
// makes with Debian's python3-torch (retrieval_make_models.py): loading, identity = SHA-256 of
// the file, embeddings equal to PyTorch's own for the same inputs, every bad variant refused with
// its reason, preprocessing JSON validation, and cached embeddings reused bit for bit.
#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/retrieval/embedding_cache.h"
#include "core/retrieval/encoding.h"
#include "core/retrieval/preprocessing_file.h"
#include "core/retrieval/torchscript_encoder.h"
#include "core/util/error.h"
#include "tests/core/retrieval_model_fixture.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using winnow::test::formulaImage;

namespace {

// Counts what reaches the model, to prove cached rows are not encoded again.
class CountingEncoder : public DualEncoder {
public:
    explicit CountingEncoder(DualEncoder& inner) : m_inner(inner) {}
    std::string identity() const override { return m_inner.identity(); }
    std::string description() const override { return m_inner.description(); }
    int64_t dim() const override { return m_inner.dim(); }
    const EncoderPreprocessing& preprocessing() const override { return m_inner.preprocessing(); }
    Embeddings encodeImages(const std::vector<Image>& images) override {
        ++calls;
        items += int64_t(images.size());
        return m_inner.encodeImages(images);
    }
    Embeddings encodeTexts(const std::vector<std::string>& captions, TextBatchReport* report) override {
        ++calls;
        items += int64_t(captions.size());
        return m_inner.encodeTexts(captions, report);
    }
    int calls = 0;
    int64_t items = 0;

private:
    DualEncoder& m_inner;
};

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

void writeText(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

// Writes formulaImage(k) as PNG (OpenCV writes BGR).
void writeFormulaPng(const fs::path& file, int k, int channels) {
    const Image im = formulaImage(k, channels);
    cv::Mat m(im.height, im.width, channels == 1 ? CV_8UC1 : CV_8UC3, const_cast<uint8_t*>(im.pixels.data()));
    cv::Mat out;
    if (channels == 3)
        cv::cvtColor(m, out, cv::COLOR_RGB2BGR);
    else
        out = m;
    QVERIFY(cv::imwrite(file.string(), out));
}

}  // namespace

class TestRetrievalTorchScript : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    winnow::test::RetrievalModels m_models;

    fs::path tmp() const { return fs::path(m_tmp.path().toStdString()); }

    void compareRows(const Embeddings& got, const nlohmann::json& expected) {
        QCOMPARE(got.rows, int64_t(expected.size()));
        QCOMPARE(got.dim, int64_t(16));
        for (int64_t r = 0; r < got.rows; ++r) {
            double norm = 0;
            for (int64_t i = 0; i < got.dim; ++i) {
                const double want = expected[size_t(r)][size_t(i)].get<double>();
                const double have = got.row(r)[i];
                norm += have * have;
                if (std::abs(want - have) > 2e-5)
                    QFAIL(qPrintable(QString("row %1 dim %2: %3, PyTorch %4").arg(r).arg(i).arg(have).arg(want)));
            }
            QVERIFY2(std::abs(std::sqrt(norm) - 1.0) < 1e-5, "row is not unit length");
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_models = winnow::test::makeRetrievalModels(tmp() / "models");
        QVERIFY2(m_models.failure.isEmpty(), qPrintable(m_models.failure));
    }

    void loadsAndNamesTheFile() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        TorchScriptEncoder enc(m_models / "good.pt", {.preprocessingFile = {}, .device = "cpu"});
        QCOMPARE(enc.identity(), "sha256:" + m_models.expected["sha256"]["good.pt"].get<std::string>());
        QCOMPARE(enc.dim(), int64_t(16));
        QCOMPARE(enc.device(), std::string("cpu"));
        QCOMPARE(enc.preprocessingSource(), std::string("archive (winnow_preprocessing.json)"));
        const EncoderPreprocessing& p = enc.preprocessing();
        QCOMPARE(p.image.size, 8);
        QVERIFY(p.image.resize == ImagePreprocessing::Resize::Squash);
        QCOMPARE(p.image.mean[1], 0.4f);
        QCOMPARE(p.image.std[2], 0.3f);
        QCOMPARE(p.text.contextLength, 24);
        QCOMPARE(p.text.merges.filename().string(), std::string(kClipMergesFileName));
        QCOMPARE(p.text.mergesSha256.size(), size_t(64));
        QVERIFY(p.canonical().find("merges-sha256=" + p.text.mergesSha256) != std::string::npos);
        QVERIFY(enc.description().find("good.pt") != std::string::npos);
        QVERIFY(enc.outputNote().empty());
    }

    void encodesCaptionsAsPyTorch() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        TorchScriptEncoder enc(m_models / "good.pt");
        const auto captions = m_models.expected["captions"].get<std::vector<std::string>>();
        TextBatchReport report;
        const Embeddings e = enc.encodeTexts(captions, &report);
        compareRows(e, m_models.expected["caption_embeddings"]);
        QCOMPARE(report.truncated, m_models.expected["truncated"].get<int64_t>());
    }

    void encodesImagesAsPyTorch() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        TorchScriptEncoder enc(m_models / "good.pt");
        std::vector<Image> images;
        for (const auto& im : m_models.expected["images"])
            images.push_back(formulaImage(im["index"].get<int>(), im["channels"].get<int>()));
        compareRows(enc.encodeImages(images), m_models.expected["image_embeddings"]);
    }

    void preprocessingFromAUserFile() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        // plain.pt has no preprocessing inside: CLIP's 224-pixel default does not fit its layers.
        const std::string msg = errorOf([&] { TorchScriptEncoder enc(m_models / "plain.pt"); });
        QVERIFY2(msg.find((m_models / "plain.pt").string()) != std::string::npos && msg.find("encode_image") != std::string::npos,
                 msg.c_str());
        // With the JSON beside it (merges relative to the JSON's folder), it equals good.pt.
        fs::create_directories(tmp() / "userjson");
        fs::copy_file(fs::path(WINNOW_SOURCE_DIR) / "resources/retrieval" / kClipMergesFileName,
                      tmp() / "userjson" / "my-merges.txt.gz", fs::copy_options::overwrite_existing);
        nlohmann::json j = nlohmann::json::parse(std::ifstream(m_models / "preprocessing.json"));
        j["merges"] = "my-merges.txt.gz";
        writeText(tmp() / "userjson" / "p.json", j.dump());
        TorchScriptEncoder enc(m_models / "plain.pt", {.preprocessingFile = tmp() / "userjson" / "p.json", .device = "auto"});
        QCOMPARE(enc.preprocessingSource(), (tmp() / "userjson" / "p.json").string());
        QCOMPARE(enc.preprocessing().text.merges, tmp() / "userjson" / "my-merges.txt.gz");
        compareRows(enc.encodeTexts(m_models.expected["captions"].get<std::vector<std::string>>()),
                    m_models.expected["caption_embeddings"]);
    }

    void float64OutputsAreConverted() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        TorchScriptEncoder enc(m_models / "float64.pt");
        QCOMPARE(enc.outputNote(), std::string("Double outputs converted to float32"));
        compareRows(enc.encodeTexts(m_models.expected["captions"].get<std::vector<std::string>>()),
                    m_models.expected["caption_embeddings"]);
    }

    void badModelsFailWithTheirReason_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reason");  // a regular expression
        QTest::newRow("no encode_text") << "no_text.pt" << "has no method encode_text";
        QTest::newRow("mismatched D") << "dim_mismatch.pt" << "encode_text returns 8-dimensional embeddings but encode_image 16";
        QTest::newRow("integer output") << "int_output.pt" << "encode_image returned Long values; embeddings must be floating point";
        QTest::newRow("float16 weights") << "half_weights.pt" << "encode_image failed on float32 input; the model's weights must be float32";
        QTest::newRow("NaN output") << "nan_output.pt" << "encode_image returned NaN or infinite values";
        QTest::newRow("zero output") << "zero_output.pt" << "encode_text returned a zero embedding";
        QTest::newRow("CUDA archive") << "cuda_const.pt" << "this archive was saved for CUDA; re-export it on the CPU in float32";
        QTest::newRow("newer PyTorch") << "version_bumped.pt" << R"(written by a newer PyTorch than this Winnow's LibTorch (\d+\.\d+) \(archive format version 99, this LibTorch reads up to version \d+\); re-export it with torch <= \1, see docs/retrieval-models.md)";
        QTest::newRow("weights only") << "weights_only.pt" << R"(a torch.save checkpoint \(weights only\), not a TorchScript module)";
        QTest::newRow("not a zip") << "corrupt.pt" << "not a TorchScript archive";
        QTest::newRow("missing file") << "absent.pt" << "the model file does not exist";
    }

    void badModelsFailWithTheirReason() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        QFETCH(QString, file);
        QFETCH(QString, reason);
        const fs::path path = m_models / file.toStdString().c_str();
        const std::string msg = errorOf([&] { TorchScriptEncoder enc(path, {.preprocessingFile = {}, .device = "cpu"}); });
        QVERIFY2(msg.rfind(path.string() + ": ", 0) == 0, msg.c_str());
        QVERIFY2(QRegularExpression(reason).match(QString::fromStdString(msg)).hasMatch(), msg.c_str());
    }

    void badPreprocessingJsonNamesTheField_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not JSON") << "{image_size: 3" << "not valid JSON";
        QTest::newRow("not an object") << "[1, 2]" << "must be a JSON object";
        QTest::newRow("size 0") << R"({"image_size": 0})" << R"(field "image_size" must be in 1..4096)";
        QTest::newRow("size text") << R"({"image_size": "224"})" << R"(field "image_size" must be a whole number)";
        QTest::newRow("resize") << R"({"resize": "crop"})" << R"(field "resize" must be "short-side-center-crop" or "squash")";
        QTest::newRow("mean of two") << R"({"mean": [0.5, 0.5]})" << R"(field "mean" must be a list of three numbers)";
        QTest::newRow("zero std") << R"({"std": [0.2, 0, 0.2]})" << R"(field "std" must hold three positive numbers)";
        QTest::newRow("context 1") << R"({"context_length": 1})" << R"(field "context_length" must be in 2..4096)";
        QTest::newRow("negative pad") << R"({"pad_id": -1})" << R"(field "pad_id" must be in 0..)";
        QTest::newRow("typo") << R"({"image_szie": 224})" << R"(field "image_szie" is not a preprocessing field)";
        QTest::newRow("merges empty") << R"({"merges": ""})" << R"(field "merges" must be the path of a BPE merges file)";
    }

    void badPreprocessingJsonNamesTheField() {
        QFETCH(QString, json);
        QFETCH(QString, reason);
        const std::string msg = errorOf([&] { parsePreprocessingJson(json.toStdString(), "/data/p.json", "/data"); });
        QVERIFY2(msg.rfind("/data/p.json: ", 0) == 0, msg.c_str());
        QVERIFY2(msg.find(reason.toStdString()) != std::string::npos, msg.c_str());
    }

    void preprocessingJsonValues() {
        const EncoderPreprocessing p = parsePreprocessingJson(
            R"({"image_size": 336, "resize": "squash", "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.25, 2],
                "context_length": 64, "start_id": 1, "end_id": 2, "pad_id": 3, "merges": "m/b.txt"})",
            "p.json", "/base");
        QCOMPARE(p.image.size, 336);
        QVERIFY(p.image.resize == ImagePreprocessing::Resize::Squash);
        QCOMPARE(p.image.std[1], 0.25f);
        QCOMPARE(p.text.contextLength, 64);
        QCOMPARE(p.text.padId, int64_t(3));
        QCOMPARE(p.text.merges, fs::path("/base/m/b.txt"));
        const EncoderPreprocessing d = parsePreprocessingJson("{}", "p.json", "/base");
        QCOMPARE(d.canonical(), EncoderPreprocessing{}.canonical());
    }

    void badPreprocessingOnLoad() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        writeText(tmp() / "nomerges.json", R"({"image_size": 8, "merges": "nowhere/merges.txt"})");
        std::string msg = errorOf([&] { TorchScriptEncoder enc(m_models / "plain.pt", {.preprocessingFile = tmp() / "nomerges.json", .device = "cpu"}); });
        QVERIFY2(msg.find("nomerges.json") != std::string::npos && msg.find("field \"merges\"") != std::string::npos &&
                     msg.find((tmp() / "nowhere/merges.txt").string()) != std::string::npos, msg.c_str());
        writeText(tmp() / "ids.json", R"({"image_size": 8, "start_id": 1})");
        msg = errorOf([&] { TorchScriptEncoder enc(m_models / "plain.pt", {.preprocessingFile = tmp() / "ids.json", .device = "cpu"}); });
        QVERIFY2(msg.find("ids.json") != std::string::npos && msg.find("\"start_id\"") != std::string::npos, msg.c_str());
        msg = errorOf([&] { TorchScriptEncoder enc(m_models / "plain.pt", {.preprocessingFile = tmp() / "absent.json", .device = "cpu"}); });
        QVERIFY2(msg.find("absent.json") != std::string::npos, msg.c_str());
    }

    void secondEncodingComesFromTheCache() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        TorchScriptEncoder model(m_models / "good.pt");
        const fs::path images = tmp() / "cache-images";
        fs::create_directories(images);
        std::vector<fs::path> files;
        for (const auto& im : m_models.expected["images"]) {
            files.push_back(images / ("img" + std::to_string(im["index"].get<int>()) + ".png"));
            writeFormulaPng(files.back(), im["index"].get<int>(), im["channels"].get<int>());
        }
        writeText(images / "broken.png", "not an image");
        files.insert(files.begin() + 1, images / "broken.png");
        const auto captions = m_models.expected["captions"].get<std::vector<std::string>>();
        const fs::path cacheFolder = tmp() / "project-cache" / "embeddings";

        CountingEncoder first(model);
        std::vector<std::string> issues;
        std::vector<bool> ok;
        Embeddings img1, txt1;
        TextBatchReport report1;
        {
            EmbeddingCache cache(cacheFolder, first);
            img1 = encodeImageFiles(first, files, &cache, 2, {}, nullptr, &issues, &ok);
            txt1 = encodeCaptions(first, captions, &cache, 4, {}, nullptr, &report1);
            QCOMPARE(cache.size(), size_t(3 + captions.size()));
        }
        QCOMPARE(first.items, int64_t(3 + captions.size()));
        QCOMPARE(ok, (std::vector<bool>{true, false, true, true}));
        QCOMPARE(issues.size(), size_t(1));
        QVERIFY2(issues[0].find((images / "broken.png").string()) != std::string::npos, issues[0].c_str());
        for (int64_t i = 0; i < img1.dim; ++i) QCOMPARE(img1.row(1)[i], 0.0f);
        // The good rows are PyTorch's (the broken file did not shift them).
        Embeddings good = img1;
        good.values.erase(good.values.begin() + 16, good.values.begin() + 32);
        good.rows = 3;
        compareRows(good, m_models.expected["image_embeddings"]);
        QCOMPARE(report1.truncated, int64_t(1));
        // Everything it wrote is inside the cache folder.
        for (const auto& e : fs::recursive_directory_iterator(tmp() / "project-cache"))
            QVERIFY(e.path().string().rfind(cacheFolder.string(), 0) == 0);

        // A second evaluation (a new cache object on the same folder) does not call the model.
        CountingEncoder second(model);
        EmbeddingCache cache(cacheFolder, second);
        QVERIFY(cache.issues().empty());
        issues.clear();
        TextBatchReport report2;
        const Embeddings img2 = encodeImageFiles(second, files, &cache, 2, {}, nullptr, &issues, &ok);
        const Embeddings txt2 = encodeCaptions(second, captions, &cache, 4, {}, nullptr, &report2);
        QCOMPARE(second.calls, 0);
        QCOMPARE(issues.size(), size_t(1));
        QCOMPARE(report2.truncated, int64_t(1));
        QCOMPARE(img2.values.size(), img1.values.size());
        QVERIFY(std::memcmp(img2.values.data(), img1.values.data(), img1.values.size() * 4) == 0);
        QVERIFY(std::memcmp(txt2.values.data(), txt1.values.data(), txt1.values.size() * 4) == 0);
        // A new caption is the only thing encoded.
        std::vector<std::string> more = captions;
        more.push_back("a cat on a sofa");
        encodeCaptions(second, more, &cache, 4, {}, nullptr, nullptr);
        QCOMPARE(second.items, int64_t(1));
    }

    void cacheOfAnotherEncoderIsRefused() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        TorchScriptEncoder model(m_models / "good.pt");
        const fs::path folder = tmp() / "cache-other";
        const std::vector<std::string> captions{"a dog", "a cat"};
        {
            EmbeddingCache cache(folder, model);
            encodeCaptions(model, captions, &cache, 8, {}, nullptr);
        }
        // Another model's cache folder, holding a copy of good.pt's segment (a copied folder).
        EmbeddingCache probe(folder, "sha256:" + std::string(64, '0'), model.preprocessing().canonical(), model.dim());
        fs::create_directories(probe.encoderFolder());
        EmbeddingCache original(folder, model);
        for (const auto& e : fs::directory_iterator(original.encoderFolder()))
            fs::copy_file(e.path(), probe.encoderFolder() / e.path().filename());
        EmbeddingCache other(folder, "sha256:" + std::string(64, '0'), model.preprocessing().canonical(), model.dim());
        QCOMPARE(other.size(), size_t(0));
        QVERIFY(other.find(EmbeddingCache::captionKey("a dog")) == nullptr);
        QCOMPARE(other.issues().size(), size_t(1));
        QVERIFY2(other.issues()[0].find("was written by encoder " + model.identity()) != std::string::npos,
                 other.issues()[0].c_str());
        // Other preprocessing: the same refusal, naming the preprocessing.
        EncoderPreprocessing p = model.preprocessing();
        p.image.size = 9;
        EmbeddingCache probe2(folder, model.identity(), p.canonical(), model.dim());
        fs::create_directories(probe2.encoderFolder());
        for (const auto& e : fs::directory_iterator(original.encoderFolder()))
            fs::copy_file(e.path(), probe2.encoderFolder() / e.path().filename());
        EmbeddingCache resized(folder, model.identity(), p.canonical(), model.dim());
        QCOMPARE(resized.size(), size_t(0));
        QVERIFY2(resized.issues().size() == 1 && resized.issues()[0].find("other preprocessing") != std::string::npos,
                 resized.issues().empty() ? "no issue" : resized.issues()[0].c_str());
        // A damaged segment is not used either.
        for (const auto& e : fs::directory_iterator(original.encoderFolder())) fs::resize_file(e.path(), fs::file_size(e.path()) - 3);
        EmbeddingCache damaged(folder, model);
        QCOMPARE(damaged.size(), size_t(0));
        QVERIFY(damaged.issues().size() == 1 && damaged.issues()[0].find("truncated or damaged") != std::string::npos);
    }

    void cancelStopsEncoding() {
        if (!m_models.skipReason.isEmpty()) QSKIP(qPrintable(m_models.skipReason));
        TorchScriptEncoder model(m_models / "good.pt");
        CancelToken cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, encodeCaptions(model, {"a dog"}, nullptr, 4, {}, &cancel));
    }
};

QTEST_GUILESS_MAIN(TestRetrievalTorchScript)
#include "tst_retrieval_torchscript.moc"
