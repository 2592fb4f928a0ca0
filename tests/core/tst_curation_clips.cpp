// Curation over video clips (issue 14): small videos written by the test, cut into clips by a
// video-csv manifest. Checks, against frame numbers and pixel values chosen here: a clip of
// black frames is dark per clip with all its sampled frames listed; a clip with half dark
// frames flags exactly its dark frames and is dark per clip at 4 of 8 dark frames but not at
// 3 of 8; two clips over the same frames (one video and its byte copy) share a content hash
// and form an exact-duplicate group, and a clip shifted by one frame joins them as a near
// duplicate; a clip whose video is damaged after import is counted and named while the
// others are scanned; the scan cache is rebuilt when the descriptor version differs.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/curation/clip_scan.h"
#include "core/curation/curation.h"
#include "core/curation/curation_arrays.h"
#include "core/curation/curation_read.h"
#include "core/curation/sample_scan.h"
#include "core/dataset/importer.h"
#include "core/store/project.h"
#include "core/util/json_text.h"
#include "tst_video_fixtures.h"

namespace fs = std::filesystem;
using namespace winnow::core;

#ifdef WINNOW_HAVE_FFMPEG
namespace {

constexpr double kPi = 3.14159265358979323846;

void fillChroma(AVFrame* f) {
    for (int p = 1; p <= 2; ++p)
        for (int y = 0; y < (f->height + 1) / 2; ++y)
            for (int x = 0; x < (f->width + 1) / 2; ++x) f->data[p][y * f->linesize[p] + x] = 128;
}

void black(AVFrame* f, int64_t) {
    for (int y = 0; y < f->height; ++y)
        for (int x = 0; x < f->width; ++x) f->data[0][y * f->linesize[0] + x] = 16;  // video black
    fillChroma(f);
}

// Mid-grey texture (mean luma ~140): far from dark, not flat.
void textured(AVFrame* f, int64_t) {
    for (int y = 0; y < f->height; ++y)
        for (int x = 0; x < f->width; ++x)
            f->data[0][y * f->linesize[0] + x] = uint8_t(90 + ((x / 16 + y / 12) % 2) * 100);
    fillChroma(f);
}

// Frames 0..49 black, 50.. textured.
void halfDark(AVFrame* f, int64_t index) { index < 50 ? black(f, index) : textured(f, index); }

// A smooth pattern drifting half a pixel per frame: neighbouring frames look almost the same.
void drifting(AVFrame* f, int64_t index) {
    for (int y = 0; y < f->height; ++y)
        for (int x = 0; x < f->width; ++x) {
            const double v = std::sin(2 * kPi * (x + 0.5 * double(index)) / 64.0) * std::cos(2 * kPi * y / 96.0);
            f->data[0][y * f->linesize[0] + x] = uint8_t(128 + 80 * v);
        }
    fillChroma(f);
}

// Fine diagonal stripes: unlike every other clip here.
void stripes(AVFrame* f, int64_t index) {
    for (int y = 0; y < f->height; ++y)
        for (int x = 0; x < f->width; ++x)
            f->data[0][y * f->linesize[0] + x] = uint8_t(((x + 2 * y + int(index)) / 12) % 2 ? 220 : 40);
    fillChroma(f);
}

void writeVideo(const fs::path& path, int frames, std::function<void(AVFrame*, int64_t)> painter) {
    fixture::Spec s = fixture::make(path.string(), "mpeg4", 64, 48, frames, {25, 1}, 12);
    s.painter = std::move(painter);
    fixture::writeVideo(s);
}

uint8_t bit(QualityFlag f) { return uint8_t(f); }

}  // namespace

class TestCurationClips : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_root;
    std::unique_ptr<Project> m_project;
    std::map<std::string, int64_t> m_id;  // "black", "half", "half25", "long", "copy", "shifted", "other", "broken"

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_root = fs::path(m_tmp.path().toStdString());
        const fs::path media = m_root / "media";
        fs::create_directories(media);
        writeVideo(media / "black.avi", 50, black);
        writeVideo(media / "half.avi", 100, halfDark);
        writeVideo(media / "long.avi", 100, drifting);
        fs::copy_file(media / "long.avi", media / "copy.avi");
        writeVideo(media / "other.avi", 50, stripes);
        writeVideo(media / "broken.avi", 50, stripes);
        {
            std::ofstream csv(m_root / "clips.csv");
            csv << "path,label,split,start,end\n"
                << "media/black.avi,a,train,0,2\n"       // [0, 50)
                << "media/half.avi,a,train,0,4\n"        // [0, 100)
                << "media/half.avi,b,train,1,4\n"        // [25, 100)
                << "media/long.avi,a,train,0,2\n"        // [0, 50)
                << "media/copy.avi,a,train,0,2\n"        // [0, 50) of a byte copy
                << "media/long.avi,a,train,0.04,2.04\n"  // [1, 51)
                << "media/other.avi,b,train,0,2\n"
                << "media/broken.avi,b,train,0,2\n";
        }
        m_project = Project::create(m_root / "p.winnow");
        ImportOptions o;
        o.format = "video-csv";
        o.source = m_root / "clips.csv";
        const ImportReport rep = importDataset(*m_project, o);
        QCOMPARE(rep.imported, int64_t(8));
        auto st = m_project->db().prepare("SELECT id, path, frame_start FROM samples ORDER BY id");
        const char* names[] = {"black", "half", "half25", "long", "copy", "shifted", "other", "broken"};
        size_t i = 0;
        while (st.step() && i < 8) m_id[names[i++]] = st.int64(0);
        QCOMPARE(i, size_t(8));
        QCOMPARE(m_project->db().queryInt64("SELECT frame_start FROM samples WHERE id=" + std::to_string(m_id["half25"])),
                 int64_t(25));
        QCOMPARE(m_project->db().queryInt64("SELECT frame_end FROM samples WHERE id=" + std::to_string(m_id["shifted"])),
                 int64_t(51));
        // Damaged after import: the sample is still "ok" in the project, the file no longer decodes.
        std::ofstream(media / "broken.avi", std::ios::trunc) << "this is no longer a video";
    }

    void sampledFramesAreTheSegmentCentres() {
        // Eval sampling: frame start + floor((2k+1) n / 16), worked out by hand.
        QCOMPARE(clipScanFrames(0, 50), (std::vector<int64_t>{3, 9, 15, 21, 28, 34, 40, 46}));
        QCOMPARE(clipScanFrames(25, 100), (std::vector<int64_t>{29, 39, 48, 57, 67, 76, 85, 95}));
        QCOMPARE(clipScanFrames(10, 13), (std::vector<int64_t>{10, 11, 12}));  // short clip: every frame
    }

    void clipsAreScannedAndABrokenOneIsNamed() {
        const SampleScan scan = scanSamples(*m_project, {}, nullptr, 2);
        QCOMPARE(scan.clips, int64_t(7));
        QCOMPARE(scan.n(), int64_t(7));
        QCOMPARE(scan.failed, int64_t(1));
        QCOMPARE(int(scan.problems.size()), 1);
        qInfo("%s", scan.problems[0].c_str());
        QVERIFY2(scan.problems[0].find("broken.avi (frames 0-50): ") != std::string::npos, scan.problems[0].c_str());
        QVERIFY(std::find(scan.ids.begin(), scan.ids.end(), m_id["broken"]) == scan.ids.end());
        QCOMPARE(scan.frameIndex.size(), size_t(7 * kClipScanFrames));
        QCOMPARE(scan.frameQuality.size(), scan.frameIndex.size());
        // Per-clip quality is the median of the frames: black frames decode to RGB 0.
        const size_t blackRow = size_t(std::find(scan.ids.begin(), scan.ids.end(), m_id["black"]) - scan.ids.begin());
        QVERIFY(scan.quality[blackRow].brightness < 0.02f);
        QCOMPARE(scan.quality[blackRow].width, 64.0f);
        // Descriptor rows are unit length (or zero for the flat black clip).
        for (size_t r = 0; r < size_t(scan.n()); ++r) {
            double s = 0;
            for (int j = 0; j < scan.dim; ++j) s += double(scan.thumbs->data()[r * size_t(scan.dim) + size_t(j)]) * scan.thumbs->data()[r * size_t(scan.dim) + size_t(j)];
            QVERIFY2(std::abs(s - (r == blackRow ? 0.0 : 1.0)) < 1e-4,
                     ("sample " + std::to_string(scan.ids[r]) + ": " + std::to_string(s)).c_str());
        }
    }

    void darkClipsAndFrames() {
        CurationOptions o;
        o.k = 3;
        o.threads = 2;
        CurationResult r = runCuration(*m_project, o);
        QCOMPARE(jsonInt(r.summary["clips_scanned"]), int64_t(7));
        QCOMPARE(jsonInt(r.summary["clip_frames_scanned"]), int64_t(56));
        QCOMPARE(jsonInt(r.summary["scan_failed"]), int64_t(1));
        QVERIFY(!r.summary.contains("clips_not_scanned"));

        std::set<int64_t> dark;
        for (const auto& is : r.issues)
            if (is.type == "dark") dark.insert(is.sampleId);
        // Black: 8 of 8 dark; half [0,100): 4 of 8 (frames 6 18 31 43); half [25,100): 3 of 8.
        QCOMPARE(dark, (std::set<int64_t>{m_id["black"], m_id["half"]}));
        QCOMPARE(clipFramesOfIssue(r, m_id["black"], "dark"), (std::vector<int64_t>{3, 9, 15, 21, 28, 34, 40, 46}));
        QCOMPARE(clipFramesOfIssue(r, m_id["half"], "dark"), (std::vector<int64_t>{6, 18, 31, 43}));
        QCOMPARE(clipFramesOfIssue(r, m_id["half25"], "dark"), (std::vector<int64_t>{29, 39, 48}));
        QVERIFY(clipFramesOfIssue(r, m_id["half"], "outlier").empty());
        // Every frame of the half-dark video: dark exactly when its index is below 50.
        int halfFrames = 0;
        for (size_t k = 0; k < r.frameIds.size(); ++k) {
            if (r.frameIds[k] != m_id["half"] && r.frameIds[k] != m_id["half25"]) continue;
            ++halfFrames;
            QCOMPARE(bool(r.frameFlags[k] & bit(QualityFlag::Dark)), r.frameIndex[k] < 50);
        }
        QCOMPARE(halfFrames, 16);
        // The summary lists the worst frames per flagged clip.
        bool listed = false;
        for (const auto& e : r.summary["clip_flagged_frames"])
            if (jsonInt(e["sample_id"]) == m_id["black"] && jsonString(e["flag"]) == "dark") {
                listed = true;
                QCOMPARE(e["frames"].get<std::vector<int64_t>>(), (std::vector<int64_t>{3, 9, 15, 21, 28, 34, 40, 46}));
            }
        QVERIFY(listed);

        // Export: the frames column names the dark frames of the black clip.
        const fs::path csv = m_root / "issues.csv";
        QVERIFY(exportCurationIssues(*m_project, r, csv) > 0);
        std::ifstream in(csv);
        std::string line, header;
        std::getline(in, header);
        QCOMPARE(header, std::string("issue,sample_id,group,score,path,frames"));
        bool found = false;
        while (std::getline(in, line))
            if (line.rfind("dark," + std::to_string(m_id["black"]) + ",", 0) == 0) {
                found = true;
                const std::string tail = ",3 9 15 21 28 34 40 46";
                QVERIFY2(line.size() > tail.size() && line.substr(line.size() - tail.size()) == tail, line.c_str());
            }
        QVERIFY(found);

        // Stored: the frames table beside the per-sample arrays.
        const int64_t id = storeCuration(*m_project, r);
        const fs::path dir = m_project->cacheDir() / "curation" / "results" / std::to_string(id);
        QCOMPARE(fs::file_size(dir / "frame_flags.u8"), uintmax_t(56));
        QCOMPARE(fs::file_size(dir / "frame_index.i64"), uintmax_t(56 * 8));
        // Read back: a clip's flagged frames from the stored result, as in the run.
        StoredCuration stored;
        for (const auto& c : listCurations(*m_project))
            if (c.id == id) stored = c;
        const CurationArrays a = loadCurationArrays(*m_project, stored);
        QCOMPARE(a.frameIds.size(), size_t(56));
        QCOMPARE(storedClipFrames(a, m_id["black"], "dark"), (std::vector<int64_t>{3, 9, 15, 21, 28, 34, 40, 46}));
        QCOMPARE(storedClipFrames(a, m_id["half"], "dark"), (std::vector<int64_t>{6, 18, 31, 43}));
        QVERIFY(storedClipFrames(a, m_id["half"], "near-duplicate").empty());
    }

    void sameFramesAreDuplicates() {
        const SampleScan scan = scanSamples(*m_project);
        auto row = [&](const char* name) {
            return size_t(std::find(scan.ids.begin(), scan.ids.end(), m_id[name]) - scan.ids.begin());
        };
        QVERIFY(scan.hash[row("long")] == scan.hash[row("copy")]);
        QVERIFY(scan.hash[row("long")] != scan.hash[row("shifted")]);

        CurationOptions o;
        o.k = 3;
        o.threads = 2;
        o.nearThreshold = 0;  // exact copies only
        auto members = [&](const CurationResult& r, int64_t id) {
            std::set<int64_t> out;
            bool exact = false;
            for (const auto& g : r.groups) {
                std::set<int64_t> m;
                for (int64_t row : g.rows) m.insert(r.featureIds[size_t(row)]);
                if (m.count(id)) {
                    out = m;
                    exact = g.exact;
                }
            }
            return std::make_pair(out, exact);
        };
        const auto exact = members(runCuration(*m_project, o), m_id["long"]);
        QCOMPARE(exact.first, (std::set<int64_t>{m_id["long"], m_id["copy"]}));
        QVERIFY(exact.second);

        o.nearThreshold = 0.02;  // the one-frame shift is a near duplicate, the stripes are not
        const auto near = members(runCuration(*m_project, o), m_id["long"]);
        QCOMPARE(near.first, (std::set<int64_t>{m_id["long"], m_id["copy"], m_id["shifted"]}));
        QVERIFY(!near.second);
    }

    void cacheRebuiltWhenTheDescriptorVersionDiffers() {
        const fs::path meta = m_project->cacheDir() / "curation" / "scan" / "meta.json";
        const SampleScan first = scanSamples(*m_project);
        QVERIFY(first.fromCache);  // scanned by the cases above
        QCOMPARE(first.frameIndex.size(), size_t(56));
        // A cache written by an older descriptor version (same samples) is not used.
        nlohmann::json j = readJsonFile(meta);
        QCOMPARE(jsonInt(j["descriptor_version"]), int64_t(SampleScan::kDescriptorVersion));
        j["descriptor_version"] = SampleScan::kDescriptorVersion - 1;
        std::ofstream(meta, std::ios::trunc) << dumpJson(j);
        const SampleScan rebuilt = scanSamples(*m_project);
        QVERIFY(!rebuilt.fromCache);
        QCOMPARE(rebuilt.clips, int64_t(7));
        QCOMPARE(rebuilt.frameIndex, first.frameIndex);
        QVERIFY(scanSamples(*m_project).fromCache);
    }

    void cleanupTestCase() { m_project.reset(); }
};

#else
class TestCurationClips : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void skipped() { QSKIP("built without FFmpeg: no video clips"); }
};
#endif

QTEST_GUILESS_MAIN(TestCurationClips)
#include "tst_curation_clips.moc"
