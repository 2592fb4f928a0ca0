// The video importers through a recording ImportContext: per-file results for good and bad
// files, the `videos` table, and a CSV cutting long videos into clips.
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/dataset/video_import.h"
#include "core/store/project.h"
#include "tst_video_fixtures.h"

using namespace winnow::core;
namespace fs = std::filesystem;

namespace {

// Records what an importer writes, the way the import driver would receive it.
class RecordingContext : public ImportContext {
public:
    RecordingContext(Project& p, ImportOptions o) : m_project(p), m_options(std::move(o)) {}
    const ImportOptions& options() const override { return m_options; }
    Project& project() override { return m_project; }
    bool addSample(const NewSample& s) override {
        samples.push_back(s);
        return true;
    }
    void addIssue(const ImportIssue& issue, bool skipped) override {
        issues.push_back({issue, skipped});
    }
    int64_t addArray(const std::string&, const std::string&, int64_t, int, int, int) override {
        return -1;
    }
    void progress(int64_t done, int64_t total, const std::string&) override {
        lastDone = done;
        lastTotal = total;
    }

    const NewSample* sample(const std::string& fileName) const {
        for (const auto& s : samples)
            if (fs::path(s.path).filename() == fileName) return &s;
        return nullptr;
    }
    // Issues about a file (by name) whose reason contains `text`.
    int issuesAbout(const std::string& fileName, const std::string& text, bool skipped) const {
        int n = 0;
        for (const auto& [i, sk] : issues)
            if (fs::path(i.path).filename() == fileName &&
                i.reason.find(text) != std::string::npos && sk == skipped)
                ++n;
        return n;
    }

    std::vector<NewSample> samples;
    std::vector<std::pair<ImportIssue, bool>> issues;
    int64_t lastDone = -1, lastTotal = -1;

private:
    Project& m_project;
    ImportOptions m_options;
};

}  // namespace

class TestVideoImport : public QObject {
    Q_OBJECT

#ifdef WINNOW_HAVE_FFMPEG
    QTemporaryDir m_dir;
    fs::path root() const { return fs::path(m_dir.path().toStdString()); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const fs::path v = root() / "videos";
        fs::create_directories(v / "cats");
        fs::create_directories(v / "dogs");
        fs::create_directories(v / "odd");
        fixture::writeVideo(fixture::make((v / "cats/a.avi").string(), "mpeg4", 64, 48, 50, {25, 1}, 10));
        fixture::writeVideo(fixture::make((v / "cats/b.mkv").string(), "ffv1", 64, 48, 30, {30, 1}, 1));
        fixture::writeVideo(fixture::make((v / "dogs/c.mp4").string(), "mpeg4", 64, 48, 40, {20, 1}, 8, 2));
        fixture::writeVideo(fixture::make((v / "odd/odd.mkv").string(), "ffv1", 33, 17, 12, {25, 1}, 1));
        fixture::Spec ten = fixture::make((v / "odd/ten.mkv").string(), "ffv1", 64, 48, 12, {25, 1}, 1);
        ten.pixFmt = AV_PIX_FMT_YUV420P10LE;
        fixture::writeVideo(ten);
        fixture::Spec rot = fixture::make((v / "odd/rot.mp4").string(), "mpeg4", 64, 48, 10, {25, 1}, 5);
        rot.rotationCw = 90.0;
        fixture::writeVideo(rot);
        fixture::Spec vfr = fixture::make((v / "odd/vfr.mkv").string(), "ffv1", 64, 48, 12, {25, 1}, 1);
        for (int i = 0; i < 12; ++i) vfr.ptsMs.push_back(i < 6 ? i * 40 : 200 + (i - 5) * 120);
        fixture::writeVideo(vfr);
        const std::string whole = (root() / "whole.avi").string();
        fixture::writeVideo(fixture::make(whole, "mpeg4", 64, 48, 100, {25, 1}, 12));
        fixture::truncateCopy(whole, (v / "dogs/trunc.avi").string(), 0.6);
        fixture::truncateCopy(whole, (v / "dogs/stub.avi").string(), 0.05);
        std::ofstream(v / "dogs/zero.mp4");
        {  // 3 KiB of noise over the middle of a whole file
            fs::copy_file(whole, v / "dogs/corrupt.avi");
            std::fstream f(v / "dogs/corrupt.avi", std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(std::streamoff(fs::file_size(whole) / 2));
            uint32_t x = 12345;
            for (int i = 0; i < 3072; ++i) {
                x = x * 1664525u + 1013904223u;
                f.put(char(x >> 24));
            }
        }
        std::ofstream(v / "dogs/text.mov") << "not a video at all";
        fixture::writeWav((v / "dogs/sound.mkv").string());  // WAV bytes behind a video name
        std::ofstream(v / "dogs/readme.txt") << "notes";
        std::ofstream(v / "stray.mp4") << "x";
    }

    void folderImportGivesPerFileResults() {
        auto project = Project::create(root() / "folder.winnow");
        ImportOptions o;
        o.format = "video-folder";
        o.source = root() / "videos";
        RecordingContext ctx(*project, o);
        importVideoFolder(ctx);

        // 13 video-named files become samples; readme.txt and the stray file do not.
        QCOMPARE(int(ctx.samples.size()), 13);
        QCOMPARE(ctx.issuesAbout("readme.txt", "not a video file", true), 1);
        QCOMPARE(ctx.issuesAbout("stray.mp4", "not inside a class folder", true), 1);
        QCOMPARE(ctx.lastDone, ctx.lastTotal);

        const NewSample* a = ctx.sample("a.avi");
        QVERIFY(a);
        QCOMPARE(a->kind, MediaKind::VideoClip);
        QCOMPARE(a->label, std::string("cats"));
        QCOMPARE(a->status, SampleStatus::Ok);
        QCOMPARE(a->frameStart, int64_t(0));
        QCOMPARE(a->frameEnd, int64_t(50));
        QCOMPARE(a->width, 64);
        QVERIFY(fs::path(a->path).is_absolute());
        QCOMPARE(ctx.sample("b.mkv")->frameEnd, int64_t(30));
        QCOMPARE(ctx.sample("c.mp4")->frameEnd, int64_t(40));
        QCOMPARE(ctx.sample("c.mp4")->label, std::string("dogs"));

        // Odd size, 10-bit and rotation import fine; rotation gives the upright size.
        QCOMPARE(ctx.sample("odd.mkv")->status, SampleStatus::Ok);
        QCOMPARE(ctx.sample("odd.mkv")->width, 33);
        QCOMPARE(ctx.sample("odd.mkv")->height, 17);
        QCOMPARE(ctx.sample("ten.mkv")->status, SampleStatus::Ok);
        QCOMPARE(ctx.sample("ten.mkv")->frameEnd, int64_t(12));
        QCOMPARE(ctx.sample("rot.mp4")->width, 48);
        QCOMPARE(ctx.sample("rot.mp4")->height, 64);
        QCOMPARE(ctx.issuesAbout("rot.mp4", "rotation metadata 90", false), 1);
        QCOMPARE(ctx.sample("vfr.mkv")->status, SampleStatus::Ok);
        QCOMPARE(ctx.issuesAbout("vfr.mkv", "variable frame rate", false), 1);

        // Truncated: imported with the frames that decode, and a note.
        const NewSample* t = ctx.sample("trunc.avi");
        QVERIFY2(t->status == SampleStatus::Ok, t->error.c_str());
        QVERIFY(t->frameEnd > 10 && t->frameEnd < 90);
        QCOMPARE(ctx.issuesAbout("trunc.avi", "truncated", false), 1);

        // Unreadable files are samples with status Unreadable and the reason (the driver
        // records it as an issue with the path, as for images).
        auto unreadable = [&](const char* name, const char* reason) {
            const NewSample* s = ctx.sample(name);
            QVERIFY(s);
            QCOMPARE(s->status, SampleStatus::Unreadable);
            QVERIFY2(s->error.find(reason) != std::string::npos, s->error.c_str());
            QVERIFY(s->error.find(name) == std::string::npos);
        };
        unreadable("zero.mp4", "empty file");
        unreadable("text.mov", "not a readable media file");
        unreadable("sound.mkv", "no video stream");
        // Cut inside its headers, a truncated file cannot even be opened.
        QCOMPARE(ctx.sample("stub.avi")->status, SampleStatus::Unreadable);
        // Noise in the middle: the file stays importable (damaged frames are concealed).
        QCOMPARE(ctx.sample("corrupt.avi")->status, SampleStatus::Ok);
        QVERIFY(ctx.sample("corrupt.avi")->frameEnd > 50);

        // The probe of every readable file is in `videos`.
        QCOMPARE(project->db().queryInt64("SELECT COUNT(*) FROM videos"), int64_t(9));
        Statement st = project->db().prepare(
            "SELECT duration, fps, frames, width, height, codec, pix_fmt, rotation FROM videos"
            " WHERE path = ?");
        st.bind(1, ctx.sample("ten.mkv")->path);
        QVERIFY(st.step());
        QVERIFY(std::abs(st.real(0) - 12 / 25.0) < 0.02);
        QCOMPARE(st.real(1), 25.0);
        QCOMPARE(st.int64(2), int64_t(12));
        QCOMPARE(st.text(5), std::string("ffv1"));
        QCOMPARE(st.text(6), std::string("yuv420p10le"));
        QCOMPARE(st.int32(7), 0);
    }

    void throughTheImportDriver() {
        // The driver registers the video formats itself and records unreadable files.
        const auto formats = importFormats();
        QVERIFY(std::find(formats.begin(), formats.end(), "video-folder") != formats.end());
        QVERIFY(std::find(formats.begin(), formats.end(), "video-csv") != formats.end());
        auto project = Project::create(root() / "driver.winnow");
        ImportOptions o;
        o.format = "video-folder";
        o.source = root() / "videos";
        const ImportReport r = importDataset(*project, o);
        QCOMPARE(r.imported, int64_t(13));
        QCOMPARE(r.unreadable, int64_t(4));  // zero, text, sound, stub
        QCOMPARE(project->db().queryInt64("SELECT COUNT(*) FROM samples WHERE media_kind = 2"),
                 int64_t(13));
        QCOMPARE(project->db().queryInt64("SELECT COUNT(*) FROM videos"), int64_t(9));
        QCOMPARE(project->db().queryInt64(
                     "SELECT frame_end FROM samples WHERE path LIKE '%/cats/a.avi'"),
                 int64_t(50));
    }

    void csvCutsLongVideosIntoClips() {
        // A 10 s video at 25 fps (250 frames) and a manifest with relative paths.
        const fs::path dir = root() / "csv";
        fs::create_directories(dir / "media");
        fixture::writeVideo(fixture::make((dir / "media/long.avi").string(), "mpeg4", 64, 48, 250, {25, 1}, 25));
        std::ofstream(dir / "media/empty.mp4");
        {
            std::ofstream csv(dir / "clips.csv");
            csv << "path,label,split,start,end\n"
                << "media/long.avi,walk,train,0,2\n"          // frames [0, 50)
                << "media/long.avi,run,val,2.5,4\n"           // [62.5 rounds to 63, 100)
                << "media/long.avi,walk,,8,\n"                // [200, 250): to the end
                << "media/long.avi,run,test,9,12\n"           // end past the video: cut
                << "media/long.avi,walk,train,5,5\n"          // empty clip: skipped
                << "media/long.avi,walk,train,abc,3\n"        // not a number: skipped
                << "media/long.avi,walk,holdout,1,2\n"        // unknown split: train + issue
                << "media/empty.mp4,walk,train,0,1\n"         // unreadable: one sample
                << "media/empty.mp4,run,train,1,2\n"          // ...then a skipped row
                << "media/missing.mp4,walk,train,0,1\n";
        }
        auto project = Project::create(root() / "csv.winnow");
        ImportOptions o;
        o.format = "video-csv";
        o.source = dir / "clips.csv";
        RecordingContext ctx(*project, o);
        importVideoCsv(ctx);

        auto clip = [&](size_t i, int64_t f0, int64_t f1, const char* label, Split split) {
            QVERIFY(i < ctx.samples.size());
            const NewSample& s = ctx.samples[i];
            QCOMPARE(s.frameStart, f0);
            QCOMPARE(s.frameEnd, f1);
            QCOMPARE(s.label, std::string(label));
            QCOMPARE(s.split, split);
            QCOMPARE(s.status, SampleStatus::Ok);
            QCOMPARE(fs::path(s.path), (dir / "media/long.avi").lexically_normal());
        };
        QCOMPARE(int(ctx.samples.size()), 7);
        clip(0, 0, 50, "walk", Split::Train);
        clip(1, 63, 100, "run", Split::Val);
        clip(2, 200, 250, "walk", Split::Train);
        clip(3, 225, 250, "run", Split::Test);
        clip(4, 25, 50, "walk", Split::Train);
        QCOMPARE(ctx.issuesAbout("long.avi", "past the video's end", false), 1);
        QCOMPARE(ctx.issuesAbout("long.avi", "empty clip", true), 1);
        QCOMPARE(ctx.issuesAbout("long.avi", "seconds >= 0", true), 1);
        QCOMPARE(ctx.issuesAbout("long.avi", "unknown split 'holdout'", false), 1);
        QCOMPARE(ctx.samples[5].status, SampleStatus::Unreadable);
        QCOMPARE(ctx.issuesAbout("empty.mp4", "empty file", true), 1);
        QCOMPARE(ctx.samples[6].status, SampleStatus::Unreadable);
        QVERIFY(ctx.samples[6].error.find("not found") != std::string::npos);
        // The long video is probed once and stored once.
        QCOMPARE(project->db().queryInt64("SELECT COUNT(*) FROM videos"), int64_t(1));
        QCOMPARE(project->db().queryInt64("SELECT frames FROM videos"), int64_t(250));
    }

    void csvWithoutHeaderAndStartEndAfterLabel() {
        const fs::path dir = root() / "csv2";
        fs::create_directories(dir);
        fixture::writeVideo(fixture::make((dir / "v.mkv").string(), "ffv1", 32, 32, 100, {50, 1}, 1));
        std::ofstream(dir / "m.csv") << "v.mkv,a,0.5,1.0\nv.mkv,b,1.0,2.0\n";
        auto project = Project::create(root() / "csv2.winnow");
        ImportOptions o;
        o.source = dir / "m.csv";
        o.split = Split::Test;
        RecordingContext ctx(*project, o);
        importVideoCsv(ctx);
        QCOMPARE(int(ctx.samples.size()), 2);
        QCOMPARE(ctx.samples[0].frameStart, int64_t(25));
        QCOMPARE(ctx.samples[0].frameEnd, int64_t(50));
        QCOMPARE(ctx.samples[1].frameStart, int64_t(50));
        QCOMPARE(ctx.samples[1].frameEnd, int64_t(100));
        QCOMPARE(ctx.samples[1].split, Split::Test);
    }
    void csvRefusesHexSecondsEmptyLabelsAndNamesTheLineOfAMissingFile() {
        // Issue 15 item 14: strtod read "0x10" as 16 s; an empty label became an unlabelled
        // clip without a word; a missing file's issue had no line number. And a FIFO listed
        // in the manifest blocked FFmpeg's open() forever.
        const fs::path dir = root() / "csv3";
        fs::create_directories(dir);
        fixture::writeVideo(fixture::make((dir / "v.mkv").string(), "ffv1", 32, 32, 100, {50, 1}, 1));
        QCOMPARE(::mkfifo((dir / "pipe.mp4").c_str(), 0644), 0);
        std::ofstream(dir / "m.csv") << "path,label,start,end\n"
                                     << "v.mkv,a,0x10,1\n"      // hex: refused
                                     << "v.mkv,a,1e0,1.5\n"     // exponent: refused
                                     << "v.mkv,a, inf,\n"       // not a number
                                     << "v.mkv,,0,1\n"          // no label
                                     << "v.mkv,b,.5,1.0\n"      // [25, 50)
                                     << "gone.mp4,a,0,1\n"      // missing: line 7
                                     << "pipe.mp4,a,0,1\n";     // a FIFO: line 8
        auto project = Project::create(root() / "csv3.winnow");
        ImportOptions o;
        o.source = dir / "m.csv";
        RecordingContext ctx(*project, o);
        importVideoCsv(ctx);
        QCOMPARE(ctx.issuesAbout("v.mkv", "seconds >= 0", true), 3);
        QCOMPARE(ctx.issuesAbout("v.mkv", "no label", true), 1);
        QCOMPARE(int(ctx.samples.size()), 3);
        QCOMPARE(ctx.samples[0].frameStart, int64_t(25));
        QCOMPARE(ctx.samples[0].frameEnd, int64_t(50));
        QCOMPARE(ctx.samples[0].label, std::string("b"));
        const NewSample* gone = ctx.sample("gone.mp4");
        QVERIFY(gone && gone->status == SampleStatus::Unreadable);
        QCOMPARE(gone->line, int64_t(7));
        const NewSample* pipe = ctx.sample("pipe.mp4");
        QVERIFY(pipe && pipe->status == SampleStatus::Unreadable);
        QCOMPARE(pipe->line, int64_t(8));
        QVERIFY2(pipe->error.find("not a regular file (a FIFO)") != std::string::npos, pipe->error.c_str());
    }
#else
private Q_SLOTS:
    void skipped() { QSKIP("built without FFmpeg"); }
#endif
};

QTEST_GUILESS_MAIN(TestVideoImport)
#include "tst_video_import.moc"
