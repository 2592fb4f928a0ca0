// Features streamed from memory-mapped files (issue 14): a run's penultimate features become a
// normalised copy in the cache that is memory-mapped, equal to the rows normalised here in double
// precision; the copy is reused while the run's file is unchanged and rebuilt when it changes or
// the copy is damaged; a value that is not finite names the file and the row and leaves no key;
// a cache folder that cannot be written keeps the rows in memory and says why. The scan's
// thumbnails are mapped from its cache and shared with the thumbnail features, and the neighbour
// graph built on mapped rows equals the one built on the same rows held in memory. A scan cache
// damaged in any of its files is scanned again whole (no rows of the damaged cache kept).
#include <QtTest>

#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

#include "array_project_fixture.h"
#include "core/curation/features.h"
#include "core/curation/neighbours.h"
#include "core/curation/sample_scan.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

constexpr int kDim = 12;

ino_t inodeOf(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

}  // namespace

class TestCurationFeatureFiles : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<Project> m_project;
    std::vector<int64_t> m_ids;
    int64_t m_run = 0;

    fs::path copyFile() const { return m_project->cacheDir() / "curation" / "features" / ("run-" + std::to_string(m_run) + ".f32"); }
    fs::path keyFile() const { return m_project->cacheDir() / "curation" / "features" / ("run-" + std::to_string(m_run) + ".json"); }

    // Rewrites the run's outputs with features drawn from `seed`; row 2 is all zero (stays zero).
    std::vector<float> writeRun(unsigned seed, float poison = 0.0f) {
        std::mt19937 rng(seed);
        std::normal_distribution<float> g(0.0f, 3.0f);
        const int64_t n = int64_t(m_ids.size());
        std::vector<float> h(size_t(n) * kDim), logits(size_t(n) * 3, 0.0f), loss(size_t(n), 0.0f);
        for (auto& v : h) v = g(rng);
        std::fill_n(h.begin() + 2 * kDim, kDim, 0.0f);
        if (poison != 0.0f) h[size_t(3 * kDim + 5)] = poison;
        const fs::path dir = m_project->cacheDir() / "runs" / "1";
        fs::remove_all(dir);
        RunOutputsWriter w(dir, {n, 3, kDim, "test"});
        w.append(m_ids.data(), logits.data(), h.data(), loss.data(), n);
        w.finish();
        return h;
    }

    static std::vector<double> normalisedHere(const std::vector<float>& h) {
        std::vector<double> out(h.begin(), h.end());
        for (size_t r = 0; r < out.size(); r += kDim) {
            double s = 0;
            for (int j = 0; j < kDim; ++j) s += out[r + size_t(j)] * out[r + size_t(j)];
            if (s > 0)
                for (int j = 0; j < kDim; ++j) out[r + size_t(j)] /= std::sqrt(s);
        }
        return out;
    }

    static void compareRows(const FeatureMatrix& f, const std::vector<double>& expect) {
        QCOMPARE(f.rows->size(), expect.size());
        for (size_t i = 0; i < expect.size(); ++i)
            QVERIFY2(std::fabs(f.data()[i] - expect[i]) < 1e-6, qPrintable(QString("value %1").arg(i)));
    }

private Q_SLOTS:
    void initTestCase() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "p.winnow";
        array_fixture::makeArrayProject(file, 20);
        m_project = Project::open(file);
        auto st = m_project->db().prepare("SELECT id FROM samples ORDER BY id");
        while (st.step()) m_ids.push_back(st.int64(0));
        QVERIFY(m_ids.size() > 50);
        m_project->db().exec(
            "INSERT INTO runs(created_at, state, kind, config_json, outputs_dir) VALUES('t','done','train','{}','runs/1')");
        m_run = m_project->db().lastInsertId();
    }

    void runFeaturesAreAMappedNormalisedCopy() {
        const std::vector<float> h = writeRun(1);
        const FeatureMatrix f = runFeatures(*m_project, m_run);
        QCOMPARE(f.ids, m_ids);
        QCOMPARE(f.dim, kDim);
        QVERIFY(f.rows->isMapped());
        QVERIFY(f.cacheWarning.empty());
        compareRows(f, normalisedHere(h));
        QCOMPARE(int64_t(fs::file_size(copyFile())), int64_t(m_ids.size() * kDim * sizeof(float)));
        QVERIFY(fs::exists(keyFile()));
    }

    void copyReusedUntilTheRunChanges() {
        const std::vector<float> h = writeRun(1);
        runFeatures(*m_project, m_run);
        const ino_t first = inodeOf(copyFile());
        QVERIFY(first != 0);
        const FeatureMatrix again = runFeatures(*m_project, m_run);
        QCOMPARE(inodeOf(copyFile()), first);  // the same file: not rewritten
        compareRows(again, normalisedHere(h));

        const std::vector<float> other = writeRun(2);
        const FeatureMatrix changed = runFeatures(*m_project, m_run);
        QVERIFY(inodeOf(copyFile()) != first);  // rebuilt (AtomicFile renames a new file in)
        QVERIFY(changed.fingerprint != again.fingerprint);
        compareRows(changed, normalisedHere(other));
        // `again` still reads the rows it mapped: the old file lives on while mapped.
        compareRows(again, normalisedHere(h));
    }

    void damagedCopyIsRebuilt() {
        const std::vector<float> h = writeRun(3);
        runFeatures(*m_project, m_run);
        fs::resize_file(copyFile(), fs::file_size(copyFile()) - 4);  // one float short
        compareRows(runFeatures(*m_project, m_run), normalisedHere(h));
        std::ofstream(copyFile(), std::ios::binary | std::ios::in | std::ios::out).write("\xff\xff\xff\xff", 4);
        std::ofstream(keyFile(), std::ios::trunc) << "{ not json";  // and the key damaged too
        compareRows(runFeatures(*m_project, m_run), normalisedHere(h));
    }

    void notFiniteNamesFileAndRow() {
        writeRun(4, std::numeric_limits<float>::quiet_NaN());
        QVERIFY(fs::exists(keyFile()));  // the previous run's copy: its key must go
        try {
            runFeatures(*m_project, m_run);
            QFAIL("no error");
        } catch (const Error& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("features.f32 holds a value that is not finite (row 3)") != std::string::npos, e.what());
        }
        QVERIFY(!fs::exists(keyFile()));  // nothing half-made is taken for a copy later
    }

    void unwritableCacheKeepsRowsInMemory() {
        const std::vector<float> h = writeRun(5);
        const fs::path dir = m_project->cacheDir() / "curation" / "features";
        fs::remove_all(dir);
        std::ofstream(dir) << "a file where the folder should be";  // even root cannot write there
        const FeatureMatrix f = runFeatures(*m_project, m_run);
        QVERIFY(!f.rows->isMapped());
        QVERIFY2(f.cacheWarning.find("could not be cached") != std::string::npos, f.cacheWarning.c_str());
        compareRows(f, normalisedHere(h));
        fs::remove(dir);
    }

    void graphOnMappedRowsEqualsHeldRows() {
        writeRun(6);
        const FeatureMatrix mapped = runFeatures(*m_project, m_run);
        QVERIFY(mapped.rows->isMapped());
        FeatureMatrix held = mapped;
        held.rows = FloatRows::held(std::vector<float>(mapped.data(), mapped.data() + mapped.rows->size()));
        for (int64_t exactUpTo : {int64_t(1000), int64_t(10)}) {  // exact search, then the IVF join
            NeighbourOptions o;
            o.k = 5;
            o.exactUpTo = exactUpTo;
            o.threads = 1;
            const NeighbourGraph a = buildNeighbourGraph(mapped.view(), o);
            const NeighbourGraph b = buildNeighbourGraph(held.view(), o);
            QCOMPARE(a.exact, exactUpTo == 1000);
            QCOMPARE(a.nbr, b.nbr);
            QCOMPARE(a.dist, b.dist);
        }
    }

    void scanThumbnailsMappedAndShared() {
        const fs::path scanDir = m_project->cacheDir() / "curation" / "scan";
        fs::remove_all(scanDir);
        const SampleScan fresh = scanSamples(*m_project, {}, nullptr, 1);
        QVERIFY(!fresh.fromCache);
        QVERIFY(fresh.thumbs->isMapped());  // written, then read from the page cache
        QCOMPARE(fresh.thumbs->size(), size_t(fresh.n() * fresh.dim));
        const SampleScan cached = scanSamples(*m_project, {}, nullptr, 1);
        QVERIFY(cached.fromCache);
        QVERIFY(cached.thumbs->isMapped());
        QCOMPARE(std::vector<float>(cached.thumbs->data(), cached.thumbs->data() + cached.thumbs->size()),
                 std::vector<float>(fresh.thumbs->data(), fresh.thumbs->data() + fresh.thumbs->size()));
        const FeatureMatrix f = thumbnailFeatures(cached);
        QCOMPARE(f.data(), cached.thumbs->data());  // shared, not copied
        QCOMPARE(f.ids, cached.ids);

        // No cache folder to write: the scan's rows stay in memory, equal, and it says why.
        fs::remove_all(scanDir);
        std::ofstream(scanDir) << "a file where the folder should be";
        const SampleScan uncached = scanSamples(*m_project, {}, nullptr, 1);
        QVERIFY(!uncached.thumbs->isMapped());
        QVERIFY(!uncached.cacheWarning.empty());
        QCOMPARE(std::vector<float>(uncached.thumbs->data(), uncached.thumbs->data() + uncached.thumbs->size()),
                 std::vector<float>(fresh.thumbs->data(), fresh.thumbs->data() + fresh.thumbs->size()));
        fs::remove(scanDir);
    }

    void damagedScanCacheIsRescannedWhole() {
        const fs::path scanDir = m_project->cacheDir() / "curation" / "scan";
        fs::remove_all(scanDir);
        std::vector<int64_t> ids;
        std::vector<float> thumbs;
        {
            const SampleScan fresh = scanSamples(*m_project, {}, nullptr, 1);
            ids = fresh.ids;
            thumbs.assign(fresh.thumbs->data(), fresh.thumbs->data() + fresh.thumbs->size());
        }  // no mapping of the cache is left when it is cut short below
        for (const char* file : {"thumb.f32", "hash.bin", "frame_quality.f32"}) {
            fs::resize_file(scanDir / file, fs::file_size(scanDir / file) == 0 ? 0 : fs::file_size(scanDir / file) - 4);
            if (fs::file_size(scanDir / file) == 0 && std::string(file) == "frame_quality.f32")
                std::ofstream(scanDir / file, std::ios::app) << "x";  // no clips here: one byte too many
            const SampleScan again = scanSamples(*m_project, {}, nullptr, 1);
            QVERIFY2(!again.fromCache, file);
            QCOMPARE(again.ids, ids);  // once each: nothing of the damaged cache is kept
            QCOMPARE(std::vector<float>(again.thumbs->data(), again.thumbs->data() + again.thumbs->size()), thumbs);
        }
    }
};

QTEST_GUILESS_MAIN(TestCurationFeatureFiles)
#include "tst_curation_feature_files.moc"
