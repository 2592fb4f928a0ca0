// IDX (raw and gzip) and CIFAR binary imports: records land in one cache file, samples
// address them, the loader returns the pixels the test wrote. Also the demo builder.
#include <QtTest>

#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "core/dataset/demo.h"
#include "core/dataset/importer.h"
#include "core/dataset/sample_store.h"
#include "core/dataset/image_loader.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

std::string be32(uint32_t v) {
    return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}

// IDX images: n records of h x w; pixel (i, y, x) = (i * 31 + y * 7 + x) mod 256.
std::string idxImages(int n, int h, int w) {
    std::string s = std::string("\0\0\x08\x03", 4) + be32(uint32_t(n)) + be32(uint32_t(h)) + be32(uint32_t(w));
    for (int i = 0; i < n; ++i)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) s += char((i * 31 + y * 7 + x) % 256);
    return s;
}

std::string idxLabels(const std::vector<int>& labels) {
    std::string s = std::string("\0\0\x08\x01", 4) + be32(uint32_t(labels.size()));
    for (int l : labels) s += char(l);
    return s;
}

void writeRaw(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
}

void writeGz(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    gzFile f = gzopen(p.c_str(), "wb");
    gzwrite(f, bytes.data(), unsigned(bytes.size()));
    gzclose(f);
}

std::vector<std::string> labelsInOrder(Project& p) {
    std::vector<std::string> out;
    auto st = p.db().prepare("SELECT c.name FROM samples s JOIN classes c ON c.id=s.label ORDER BY s.id");
    while (st.step()) out.push_back(st.text(0));
    return out;
}

}  // namespace

class TestImportArrays : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }

private Q_SLOTS:
    void idxFolderWithTrainAndTestPairs() {
        fs::path d = dir("mnist");
        writeGz(d / "train-images-idx3-ubyte.gz", idxImages(5, 3, 4));
        writeGz(d / "train-labels-idx1-ubyte.gz", idxLabels({3, 1, 4, 1, 5}));
        writeRaw(d / "t10k-images-idx3-ubyte", idxImages(2, 3, 4));
        writeRaw(d / "t10k-labels-idx1-ubyte", idxLabels({9, 2}));
        auto p = Project::create(dir("mnist.winnow"));
        ImportReport r = importDataset(*p, {"idx", d, {}, VerifyMode::Header, 8});
        QCOMPARE(r.imported, int64_t(7));
        QCOMPARE(r.issueCount, int64_t(0));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM arrays"), int64_t(2));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE media_kind=1"), int64_t(7));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE split=2"), int64_t(2));
        QCOMPARE(labelsInOrder(*p), (std::vector<std::string>{"3", "1", "4", "1", "5", "9", "2"}));
        // Digit classes get their own digit as dense index, whatever order they appear in.
        auto classes = SampleStore(p->db()).classes();
        QCOMPARE(classes.size(), size_t(10));
        for (int k = 0; k < 10; ++k) QCOMPARE(classes[size_t(k)].name, std::to_string(k));
        // No loose files: one cache file per array, exactly n*h*w bytes.
        size_t files = 0;
        for (const auto& e : fs::directory_iterator(p->cacheDir() / "arrays")) {
            ++files;
            QVERIFY(e.file_size() == 5 * 12 || e.file_size() == 2 * 12);
        }
        QCOMPARE(files, size_t(2));

        // The loader returns record i's pixels exactly as written.
        ImageLoader loader(p->db());
        SampleStore store(p->db());
        auto s = store.sample(p->db().queryInt64("SELECT id FROM samples WHERE item_index=3 AND split=0"));
        QVERIFY(s.has_value());
        QCOMPARE(s->kind, MediaKind::ArrayRecord);
        Image img = loader.load(*s);
        QCOMPARE(img.width, 4);
        QCOMPARE(img.height, 3);
        QCOMPARE(img.channels, 1);
        for (int y = 0; y < 3; ++y)
            for (int x = 0; x < 4; ++x) QCOMPARE(int(img.pixels[size_t(y * 4 + x)]), (3 * 31 + y * 7 + x) % 256);
        auto view = loader.arrayView(s->arrayId);
        QCOMPARE(view.count, int64_t(5));
        QCOMPARE(int(view.record(4)[0]), (4 * 31) % 256);
        auto test = store.sample(p->db().queryInt64("SELECT id FROM samples WHERE item_index=1 AND split=2"));
        QCOMPARE(int(loader.load(*test).pixels[5]), (1 * 31 + 1 * 7 + 1) % 256);

        // Importing the same files again adds nothing.
        ImportReport again = importDataset(*p, {"idx", d, {}, VerifyMode::Header, 8});
        QCOMPARE(again.imported, int64_t(0));
        QVERIFY(again.issueCount >= 1);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples"), int64_t(7));
    }

    void idxSingleFileFindsLabelsBeside() {
        fs::path d = dir("single");
        writeRaw(d / "train-images-idx3-ubyte", idxImages(3, 2, 2));
        writeRaw(d / "train-labels-idx1-ubyte", idxLabels({0, 0, 7}));
        auto p = Project::create(dir("single.winnow"));
        ImportReport r = importDataset(*p, {"idx", d / "train-images-idx3-ubyte", Split::Val, VerifyMode::Header, 8});
        QCOMPARE(r.imported, int64_t(3));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE split=1"), int64_t(3));
    }

    void fashionFolderUsesRealClassNames() {
        fs::path d = dir("fashion-mnist");
        writeGz(d / "t10k-images-idx3-ubyte.gz", idxImages(3, 2, 2));
        writeGz(d / "t10k-labels-idx1-ubyte.gz", idxLabels({0, 9, 5}));
        auto p = Project::create(dir("fashion.winnow"));
        importDataset(*p, {"idx", d, {}, VerifyMode::Header, 8});
        QCOMPARE(labelsInOrder(*p), (std::vector<std::string>{"T-shirt/top", "Ankle boot", "Sandal"}));
    }

    void truncatedIdxKeepsCompleteRecords() {
        fs::path d = dir("trunc");
        std::string imgs = idxImages(4, 2, 2);
        writeRaw(d / "train-images-idx3-ubyte", imgs.substr(0, imgs.size() - 3));  // last record cut
        writeRaw(d / "train-labels-idx1-ubyte", idxLabels({1, 2, 3, 4}));
        auto p = Project::create(dir("trunc.winnow"));
        ImportReport r = importDataset(*p, {"idx", d, {}, VerifyMode::Header, 8});
        QCOMPARE(r.imported, int64_t(3));
        QVERIFY(r.issueCount >= 1);
        QVERIFY(r.issues[0].reason.find("truncated") != std::string::npos);
        QCOMPARE(p->db().queryInt64("SELECT count FROM arrays"), int64_t(3));
    }

    void cancelledArrayImportRemovesItsCache() {
        fs::path d = dir("mnist");
        auto p = Project::create(dir("cancel.winnow"));
        CancelToken c;
        ImportReport r = importDataset(*p, {"idx", d, {}, VerifyMode::Header, 8},
                                       [&](const Progress&) { c.cancel(); }, &c);
        QVERIFY(r.cancelled);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples"), int64_t(0));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM arrays"), int64_t(0));
        QVERIFY(fs::is_empty(p->cacheSubdir("arrays")));
    }

    void largeImportKeepsTheSampleIndexes() {
        // Past 50,000 rows the driver rebuilds secondary indexes once at the end; after a
        // commit and after a rollback they must all be there.
        fs::path d = dir("many");
        const int n = 60000;
        std::vector<int> labels(n);
        for (int i = 0; i < n; ++i) labels[size_t(i)] = i % 10;
        writeRaw(d / "train-images-idx3-ubyte", idxImages(n, 1, 1));
        writeRaw(d / "train-labels-idx1-ubyte", idxLabels(labels));
        const std::string indexes = "SELECT count(*) FROM sqlite_master WHERE type='index' AND tbl_name='samples'";

        auto c = Project::create(dir("many-cancel.winnow"));
        const int64_t before = c->db().queryInt64(indexes);
        QVERIFY(before >= 3);  // UNIQUE(path, ...), label, split
        CancelToken token;
        ImportReport r = importDataset(*c, {"idx", d, {}, VerifyMode::Header, 8},
                                       [&](const Progress& p) { if (p.fraction > 0.95) token.cancel(); }, &token);
        QVERIFY(r.cancelled);
        QCOMPARE(c->db().queryInt64(indexes), before);
        QCOMPARE(c->db().queryInt64("SELECT count(*) FROM samples"), int64_t(0));

        auto p = Project::create(dir("many.winnow"));
        QCOMPARE(importDataset(*p, {"idx", d, {}, VerifyMode::Header, 8}).imported, int64_t(n));
        QCOMPARE(p->db().queryInt64(indexes), before);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples INDEXED BY samples_label WHERE label IS NOT NULL"),
                 int64_t(n));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE item_index=59999 AND split=0"), int64_t(1));
    }

    void cifar10BatchesWithMeta() {
        fs::path d = dir("cifar-10-batches-bin");
        // Record r: label r % 3, planar pixels R = r, G = 100 + p % 50, B = 255 - r.
        auto batch = [](int n, int offset) {
            std::string s;
            for (int i = 0; i < n; ++i) {
                int r = i + offset;
                s += char(r % 3);
                for (int p = 0; p < 1024; ++p) s += char(r);
                for (int p = 0; p < 1024; ++p) s += char(100 + p % 50);
                for (int p = 0; p < 1024; ++p) s += char(255 - r);
            }
            return s;
        };
        writeRaw(d / "data_batch_1.bin", batch(4, 0));
        writeRaw(d / "test_batch.bin", batch(2, 10));
        writeRaw(d / "batches.meta.txt", "airplane\nautomobile\nbird\ncat\n\n");
        auto p = Project::create(dir("cifar.winnow"));
        ImportReport r = importDataset(*p, {"cifar", d, {}, VerifyMode::Header, 8});
        QCOMPARE(r.imported, int64_t(6));
        QCOMPARE(labelsInOrder(*p), (std::vector<std::string>{"airplane", "automobile", "bird", "airplane",
                                                              "automobile", "bird"}));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE split=2"), int64_t(2));
        ImageLoader loader(p->db());
        auto s = SampleStore(p->db()).sample(p->db().queryInt64("SELECT id FROM samples WHERE item_index=1 AND split=2"));
        Image img = loader.load(*s);
        QCOMPARE(img.width, 32);
        QCOMPARE(img.channels, 3);
        const int px = 5 * 32 + 7;  // any pixel
        QCOMPARE(int(img.pixels[size_t(px * 3 + 0)]), 11);
        QCOMPARE(int(img.pixels[size_t(px * 3 + 1)]), 100 + px % 50);
        QCOMPARE(int(img.pixels[size_t(px * 3 + 2)]), 255 - 11);
    }

    void cifar100FineLabelsAndMissingNames() {
        fs::path d = dir("cifar100");
        std::string s;
        for (int i = 0; i < 3; ++i) {
            s += char(i);           // coarse
            s += char(40 + i);      // fine
            s += std::string(3072, char(i));
        }
        writeRaw(d / "train.bin", s);
        auto p = Project::create(dir("c100.winnow"));
        ImportReport r = importDataset(*p, {"cifar", d / "train.bin", {}, VerifyMode::Header, 8});
        QCOMPARE(r.imported, int64_t(3));
        QCOMPARE(labelsInOrder(*p), (std::vector<std::string>{"40", "41", "42"}));
        writeRaw(d / "fine_label_names.txt", "apple\nfish\n");
        writeRaw(d / "other" / "test.bin", s.substr(0, 3074 + 100));  // one record plus junk
        auto q = Project::create(dir("c100b.winnow"));
        std::ofstream(d / "other" / "fine_label_names.txt") << "apple\nfish\n";
        ImportReport r2 = importDataset(*q, {"cifar", d / "other" / "test.bin", {}, VerifyMode::Header, 8});
        QCOMPARE(r2.imported, int64_t(1));
        QVERIFY(r2.issueCount == 1 && r2.issues[0].reason.find("truncated") != std::string::npos);
        QCOMPARE(labelsInOrder(*q), (std::vector<std::string>{"40"}));
        QCOMPARE(q->db().queryInt64("SELECT split FROM samples"), int64_t(Split::Test));
    }

    void demoNeedsThePackage() {
        qputenv("WINNOW_FASHION_MNIST_DIR", QByteArray::fromStdString(dir("absent").string()));
        try {
            buildFashionMnistDemo(dir("demo-absent.winnow"));
            QFAIL("no exception");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("apt-get install dataset-fashion-mnist"));
        }
        QVERIFY(!fs::exists(dir("demo-absent.winnow")));
        qunsetenv("WINNOW_FASHION_MNIST_DIR");
    }

    void demoFromDebianPackage() {
        if (!fashionMnistAvailable()) QSKIP("dataset-fashion-mnist is not installed");
        ImportReport r = buildFashionMnistDemo(dir("demo.winnow"));
        QCOMPARE(r.imported, int64_t(70000));
        auto p = Project::open(dir("demo.winnow"));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM samples WHERE split=2"), int64_t(10000));
        QCOMPARE(p->db().queryText("SELECT name FROM classes WHERE idx=9"), std::string("Ankle boot"));
        // Fashion-MNIST is balanced: 7,000 per class.
        QCOMPARE(p->db().queryInt64("SELECT min(n) FROM (SELECT count(*) n FROM samples GROUP BY label)"), int64_t(7000));
        QCOMPARE(p->db().queryInt64("SELECT max(n) FROM (SELECT count(*) n FROM samples GROUP BY label)"), int64_t(7000));
    }
};

QTEST_GUILESS_MAIN(TestImportArrays)
#include "tst_import_arrays.moc"
