// Duplicates, leakage, label conflicts and outliers on a project this test builds: two families
// of synthetic images (class a: horizontal gradient + a disc; class b: vertical gradient + a
// box), with planted byte copies, near copies (resized, re-encoded JPEG, 4% crop), copies in
// the test split, a copy under the other class, and three noise images (out of distribution).
// Every planted group must be found, and nothing else.
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/curation/curation.h"
#include "core/curation/sample_scan.h"
#include "core/dataset/importer.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

// A smooth random background (a 4x4 grid of random values, upsampled) over the family's
// gradient, plus a disc (a) or a box (b): images of one family look alike, none is a copy.
cv::Mat familyImage(char family, std::mt19937& rng) {
    std::uniform_int_distribution<int> u(0, 255), pos(14, 50), size(6, 12);
    cv::Mat grid(4, 4, CV_32FC3);
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 4; ++x) grid.at<cv::Vec3f>(y, x) = cv::Vec3f(float(u(rng)), float(u(rng)), float(u(rng))) * 0.35f;
    cv::Mat background;
    cv::resize(grid, background, {64, 64}, 0, 0, cv::INTER_CUBIC);
    cv::Mat m(64, 64, CV_8UC3);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) {
            const float g = float(family == 'a' ? x : y) * 2.2f;
            const cv::Vec3f b = background.at<cv::Vec3f>(y, x);
            m.at<cv::Vec3b>(y, x) = cv::Vec3b(cv::saturate_cast<uint8_t>(b[0] + g), cv::saturate_cast<uint8_t>(b[1] + g * 0.5f + 20),
                                              cv::saturate_cast<uint8_t>(b[2] + 30));
        }
    const cv::Scalar colour(u(rng), u(rng), u(rng));
    if (family == 'a') cv::circle(m, {pos(rng), pos(rng)}, size(rng), colour, cv::FILLED);
    else {
        const int x = pos(rng), y = pos(rng), s = size(rng);
        cv::rectangle(m, {x - s, y - s}, {x + s, y + s}, colour, cv::FILLED);
    }
    return m;
}

cv::Mat noiseImage(std::mt19937& rng) {
    cv::Mat m(64, 64, CV_8UC3);
    std::uniform_int_distribution<int> u(0, 255);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) m.at<cv::Vec3b>(y, x) = cv::Vec3b(uint8_t(u(rng)), uint8_t(u(rng)), uint8_t(u(rng)));
    return m;
}

std::string show(const std::set<std::set<std::string>>& groups) {
    std::string s;
    for (const auto& g : groups) {
        s += "{";
        for (const auto& m : g) s += m + " ";
        s += "} ";
    }
    return s;
}

void write(const fs::path& p, const cv::Mat& m, std::vector<int> params = {}) {
    fs::create_directories(p.parent_path());
    QVERIFY(cv::imwrite(p.string(), m, params));
}

}  // namespace

class TestCurationDuplicates : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_root;
    std::unique_ptr<Project> m_project;
    std::map<int64_t, std::string> m_name;  // sample id -> path relative to the root
    std::set<std::set<std::string>> m_planted;
    std::set<std::set<std::string>> m_exact, m_leak, m_conflict;
    std::set<std::string> m_noise;

    std::string rel(const std::string& path) { return fs::relative(path, m_root).generic_string(); }

private Q_SLOTS:
    void initTestCase() {
        m_root = fs::path(m_tmp.path().toStdString()) / "data";
        std::mt19937 rng(42);
        for (int i = 0; i < 30; ++i) {
            char name[32];
            std::snprintf(name, sizeof name, "a%02d.png", i);
            write(m_root / "train" / "a" / name, familyImage('a', rng));
            std::snprintf(name, sizeof name, "b%02d.png", i);
            write(m_root / "train" / "b" / name, familyImage('b', rng));
        }
        for (int i = 0; i < 6; ++i) {
            char name[32];
            std::snprintf(name, sizeof name, "ta%02d.png", i);
            write(m_root / "test" / "a" / name, familyImage('a', rng));
            std::snprintf(name, sizeof name, "tb%02d.png", i);
            write(m_root / "test" / "b" / name, familyImage('b', rng));
        }
        const fs::path tr = m_root / "train";
        auto load = [&](const fs::path& p) { return cv::imread(p.string(), cv::IMREAD_COLOR); };
        // Exact copy in the same class.
        fs::copy_file(tr / "a/a03.png", tr / "a/a03_copy.png");
        m_planted.insert({"train/a/a03.png", "train/a/a03_copy.png"});
        m_exact.insert({"train/a/a03.png", "train/a/a03_copy.png"});
        // Resized.
        cv::Mat small;
        cv::resize(load(tr / "b/b05.png"), small, {48, 48}, 0, 0, cv::INTER_AREA);
        write(tr / "b/b05_small.png", small);
        m_planted.insert({"train/b/b05.png", "train/b/b05_small.png"});
        // Re-encoded JPEG.
        write(tr / "a/a07.jpg", load(tr / "a/a07.png"), {cv::IMWRITE_JPEG_QUALITY, 70});
        m_planted.insert({"train/a/a07.png", "train/a/a07.jpg"});
        // Slight crop (about 4%: 2 px each side of 64).
        write(tr / "b/b11_crop.png", load(tr / "b/b11.png")(cv::Rect(2, 2, 60, 60)).clone());
        m_planted.insert({"train/b/b11.png", "train/b/b11_crop.png"});
        // Cross-split leaks: a byte copy and a JPEG in the test split.
        fs::copy_file(tr / "a/a13.png", m_root / "test/a/a13.png");
        m_planted.insert({"train/a/a13.png", "test/a/a13.png"});
        m_exact.insert({"train/a/a13.png", "test/a/a13.png"});
        m_leak.insert({"train/a/a13.png", "test/a/a13.png"});
        write(m_root / "test/b/b17.jpg", load(tr / "b/b17.png"), {cv::IMWRITE_JPEG_QUALITY, 80});
        m_planted.insert({"train/b/b17.png", "test/b/b17.jpg"});
        m_leak.insert({"train/b/b17.png", "test/b/b17.jpg"});
        // The same image under the other class.
        fs::copy_file(tr / "a/a19.png", tr / "b/a19_as_b.png");
        m_planted.insert({"train/a/a19.png", "train/b/a19_as_b.png"});
        m_exact.insert({"train/a/a19.png", "train/b/a19_as_b.png"});
        m_conflict.insert({"train/a/a19.png", "train/b/a19_as_b.png"});
        // Out of distribution.
        for (int i = 0; i < 3; ++i) {
            const std::string name = "noise" + std::to_string(i) + ".png";
            write(tr / "a" / name, noiseImage(rng));
            m_noise.insert("train/a/" + name);
        }

        m_project = Project::create(fs::path(m_tmp.path().toStdString()) / "p.winnow");
        ImportOptions o;
        o.format = "imagefolder";
        o.source = m_root / "train";
        o.split = Split::Train;
        QVERIFY(!importDataset(*m_project, o).nothingUsable());
        o.source = m_root / "test";
        o.split = Split::Test;
        QVERIFY(!importDataset(*m_project, o).nothingUsable());
        auto st = m_project->db().prepare("SELECT id, path FROM samples");
        while (st.step()) m_name[st.int64(0)] = rel(st.text(1));
        QCOMPARE(int(m_name.size()), 60 + 12 + 7 + 3);
    }

    void plantedGroupsFoundExactly() {
        CurationOptions o;
        o.k = 5;
        const CurationResult r = runCuration(*m_project, o);
        QCOMPARE(r.features, std::string("thumbnail-grey16"));
        QVERIFY(r.graph.exact);
        // How far the planted copies and the nearest distinct images are (for the threshold).
        float worstCopy = 0, closestDistinct = 4;
        for (size_t i = 0; i < r.featureIds.size(); ++i) {
            const float d = r.graph.dist[i * size_t(r.graph.k)];
            bool inGroup = false;
            for (const auto& g : m_planted) inGroup |= g.count(m_name[r.featureIds[i]]) > 0;
            if (inGroup) worstCopy = std::max(worstCopy, d);
            else closestDistinct = std::min(closestDistinct, d);
        }
        qInfo("planted copies: nearest distance <= %.4f; other images: nearest >= %.4f", worstCopy, closestDistinct);

        std::set<std::set<std::string>> found, exact, leak, conflict;
        for (const auto& g : r.groups) {
            std::set<std::string> members;
            for (int64_t row : g.rows) members.insert(m_name[r.featureIds[size_t(row)]]);
            found.insert(members);
            if (g.exact) exact.insert(members);
            if (g.leakage) leak.insert(members);
            if (g.labelConflict) conflict.insert(members);
        }
        QVERIFY2(found == m_planted, show(found).c_str());
        QVERIFY2(exact == m_exact, show(exact).c_str());
        QVERIFY2(leak == m_leak, show(leak).c_str());
        QVERIFY2(conflict == m_conflict, show(conflict).c_str());

        // Outliers: the three noise images first.
        std::vector<size_t> order(r.featureIds.size());
        std::iota(order.begin(), order.end(), size_t(0));
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return r.outlierScore[a] > r.outlierScore[b]; });
        std::set<std::string> top;
        for (int i = 0; i < 3; ++i) top.insert(m_name[r.featureIds[order[size_t(i)]]]);
        QCOMPARE(top, m_noise);
        std::set<std::string> flaggedOutliers;
        for (const auto& is : r.issues)
            if (is.type == "outlier") flaggedOutliers.insert(m_name[is.sampleId]);
        for (const auto& n : m_noise) QVERIFY2(flaggedOutliers.count(n), n.c_str());

        // Neighbour label conflict: the copy filed under b sits among a's (all its neighbours);
        // apart from the noise images, whose neighbours are arbitrary, nothing else comes close.
        std::set<std::string> conflicted;
        for (size_t i = 0; i < r.featureIds.size(); ++i)
            if (r.neighbourConflict[i] >= 0.8 && !m_noise.count(m_name[r.featureIds[i]])) conflicted.insert(m_name[r.featureIds[i]]);
        QCOMPARE(conflicted, (std::set<std::string>{"train/b/a19_as_b.png"}));
        bool flagged = false;
        for (const auto& is : r.issues)
            flagged |= is.type == "neighbour-label-conflict" && m_name[is.sampleId] == "train/b/a19_as_b.png" && is.score == 1.0;
        QVERIFY(flagged);

        // Leakage issues name both members of each leaking group.
        std::set<std::string> leaking;
        for (const auto& is : r.issues)
            if (is.type == "leakage") leaking.insert(m_name[is.sampleId]);
        QCOMPARE(leaking, (std::set<std::string>{"train/a/a13.png", "test/a/a13.png", "train/b/b17.png", "test/b/b17.jpg"}));
    }

    void thresholdZeroKeepsOnlyExactCopies() {
        CurationOptions o;
        o.k = 5;
        o.nearThreshold = 0;
        const CurationResult r = runCuration(*m_project, o);
        std::set<std::set<std::string>> found;
        for (const auto& g : r.groups) {
            std::set<std::string> members;
            for (int64_t row : g.rows) members.insert(m_name[r.featureIds[size_t(row)]]);
            found.insert(members);
            QVERIFY(g.exact);
        }
        QVERIFY2(found == m_exact, show(found).c_str());
    }

    void automaticThresholdIsAClampedShareOfTheMedianNearestDistance() {
        NeighbourGraph g;
        g.n = 4;
        g.k = 2;
        g.nbr = {1, 2, 0, 2, 0, 1, -1, -1};              // row 3 has no neighbour and is left out
        g.dist = {0.3f, 0.9f, 0.1f, 0.5f, 0.2f, 0.4f, 0.f, 0.f};
        double median = -1;
        QCOMPARE(automaticNearThreshold(g, median), 0.13 * double(0.2f));  // nearest: 0.3, 0.1, 0.2
        QCOMPARE(median, double(0.2f));
        g.dist = {0.001f, 1, 0.001f, 1, 0.001f, 1, 0, 0};  // 0.13 x 0.001 is below the floor
        QCOMPARE(automaticNearThreshold(g, median), 0.002);
        g.dist = {1.5f, 2, 1.5f, 2, 1.5f, 2, 0, 0};        // above the ceiling
        QCOMPARE(automaticNearThreshold(g, median), 0.05);
        QCOMPARE(automaticNearThreshold(NeighbourGraph{}, median), 0.002);
        QCOMPARE(median, 0.0);
    }

    void storedAndScanCached() {
        CurationOptions o;
        o.k = 5;
        CurationResult r = runCuration(*m_project, o);
        const int64_t id = storeCuration(*m_project, r);
        QVERIFY(id > 0);
        QCOMPARE(m_project->db().queryInt64("SELECT count(*) FROM curation_issues WHERE result_id=" + std::to_string(id)),
                 int64_t(r.issues.size()));
        QCOMPARE(m_project->db().queryText("SELECT features FROM curation_results WHERE id=" + std::to_string(id)),
                 std::string("thumbnail-grey16"));
        QVERIFY(fs::exists(m_project->cacheDir() / "curation/results" / std::to_string(id) / "meta.json"));
        QVERIFY(scanSamples(*m_project).fromCache);
        // A new sample changes the signature: the scan is redone and sees it.
        write(m_root / "more" / "a" / "new.png", noiseImage(*std::make_unique<std::mt19937>(9)));
        ImportOptions io;
        io.format = "imagefolder";
        io.source = m_root / "more";
        QVERIFY(!importDataset(*m_project, io).nothingUsable());
        const SampleScan again = scanSamples(*m_project);
        QVERIFY(!again.fromCache);
        QCOMPARE(again.n(), int64_t(m_name.size()) + 1);
    }
};

QTEST_GUILESS_MAIN(TestCurationDuplicates)
#include "tst_curation_duplicates.moc"
