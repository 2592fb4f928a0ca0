// Clip training (issue 6, METHODS §7): a tiny two-class video dataset encoded by the test,
// imported as a video folder and trained with a frame backbone. Checks: full training
// accuracy on a separable set; features.f32 = mean of the clip's per-frame h and logits =
// mean of the per-frame logits (recomputed from the checkpoint's last layer); eval frames are
// the segment centres computed by hand; train frames fall in their segments and change
// between epochs; the same run with 1 or 3 loader threads; progress and cancel; a clip corrupted after import is skipped by name; a
// project mixing images and clips is refused.
// torch before Qt: Qt's `slots` keyword macro breaks LibTorch headers.
#include <torch/torch.h>

#include <QtTest>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/dataset/importer.h"
#include "core/media/frame_sampler.h"
#include "core/store/project.h"
#include "train_private/batch_loader.h"
#include "core/train/clip_outputs.h"
#include "core/train/run_outputs.h"
#include "core/train/train_data.h"
#include "core/train/trainer.h"
#include "core/util/error.h"
#include "tst_video_fixtures.h"

namespace fs = std::filesystem;
using namespace winnow::core;

#ifdef WINNOW_HAVE_FFMPEG
namespace {

constexpr int kFrames = 4;  // F
constexpr int kSide = 32;

// Class 0: dark frames, reddish, with a bright vertical bar moving right; class 1: light
// frames, bluish, with a dark horizontal bar moving down. `phase` shifts the bar per video.
void paintClass(AVFrame* f, int cls, int index, int phase) {
    const int w = f->width, h = f->height;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int v;
            if (cls == 0) v = ((x - (index + phase)) % w + w) % w < 6 ? 230 : 50;
            else v = ((y - (index + phase)) % h + h) % h < 6 ? 40 : 190;
            f->data[0][y * f->linesize[0] + x] = uint8_t(v);
        }
    for (int y = 0; y < h / 2; ++y)
        for (int x = 0; x < w / 2; ++x) {
            f->data[1][y * f->linesize[1] + x] = uint8_t(cls == 0 ? 90 : 200);   // U
            f->data[2][y * f->linesize[2] + x] = uint8_t(cls == 0 ? 200 : 90);   // V
        }
}

void writeClassVideo(const std::string& path, int cls, int frames, int phase) {
    using fixture::check;
    AVFormatContext* oc = nullptr;
    check(avformat_alloc_output_context2(&oc, nullptr, nullptr, path.c_str()), "muxer");
    const AVCodec* codec = avcodec_find_encoder_by_name("mpeg4");
    if (!codec) throw std::runtime_error("no mpeg4 encoder");
    AVStream* st = avformat_new_stream(oc, nullptr);
    AVCodecContext* ctx = avcodec_alloc_context3(codec);
    ctx->width = kSide;
    ctx->height = kSide;
    ctx->pix_fmt = AV_PIX_FMT_YUV420P;
    ctx->time_base = AVRational{1, 25};
    ctx->framerate = AVRational{25, 1};
    ctx->gop_size = 6;
    ctx->max_b_frames = 0;
    ctx->flags |= AV_CODEC_FLAG_QSCALE;
    ctx->global_quality = FF_QP2LAMBDA * 2;
    ctx->thread_count = 1;
    if (oc->oformat->flags & AVFMT_GLOBALHEADER) ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    check(avcodec_open2(ctx, codec, nullptr), "encoder open");
    check(avcodec_parameters_from_context(st->codecpar, ctx), "parameters");
    st->time_base = ctx->time_base;
    st->avg_frame_rate = ctx->framerate;
    check(avio_open(&oc->pb, path.c_str(), AVIO_FLAG_WRITE), "open output");
    check(avformat_write_header(oc, nullptr), "header");
    AVFrame* f = av_frame_alloc();
    f->format = ctx->pix_fmt;
    f->width = kSide;
    f->height = kSide;
    check(av_frame_get_buffer(f, 0), "frame buffer");
    AVPacket* pkt = av_packet_alloc();
    for (int i = 0; i < frames; ++i) {
        check(av_frame_make_writable(f), "writable");
        paintClass(f, cls, i, phase);
        f->pts = i;
        f->quality = ctx->global_quality;
        check(avcodec_send_frame(ctx, f), "encode");
        fixture::drain(ctx, oc, st, pkt);
    }
    avcodec_send_frame(ctx, nullptr);
    fixture::drain(ctx, oc, st, pkt);
    check(av_write_trailer(oc), "trailer");
    av_packet_free(&pkt);
    av_frame_free(&f);
    avcodec_free_context(&ctx);
    avio_closep(&oc->pb);
    avformat_free_context(oc);
}

TrainConfig clipConfig() {
    TrainConfig c;
    c.epochs = 10;
    // Whole-set batches: a batch holding clips of one class only would let batch norm remove
    // the colour that separates the classes (a small-batch effect, not the pipeline's).
    c.batchSize = 12;
    c.evalBatchSize = 5;
    c.lr = 0.05;
    c.threads = 1;
    c.seed = 11;
    c.inputSize = 16;
    c.framesPerClip = kFrames;
    c.loaderThreads = 2;
    return c;
}

}  // namespace
#endif

class TestTrainClips : public QObject {
    Q_OBJECT
#ifdef WINNOW_HAVE_FFMPEG
    QTemporaryDir m_tmp;
    fs::path path(const std::string& n) { return fs::path(m_tmp.path().toStdString()) / n; }

    // Train: 2 classes x 6 clips (frame counts 19..24, so segments differ in length);
    // test: 2 x 2 clips.
    std::unique_ptr<Project> makeProject(const std::string& name) {
        auto p = Project::create(path(name + ".winnow"));
        for (int split = 0; split < 2; ++split) {
            const fs::path root = path(name + (split == 0 ? "-train" : "-test"));
            for (int cls = 0; cls < 2; ++cls) {
                fs::create_directories(root / ("class" + std::to_string(cls)));
                for (int i = 0; i < (split == 0 ? 6 : 2); ++i)
                    writeClassVideo((root / ("class" + std::to_string(cls)) / ("v" + std::to_string(i) + ".avi")).string(),
                                    cls, 19 + i, 3 * i + 7 * split);
            }
            ImportOptions o;
            o.format = "video-folder";
            o.source = root;
            if (split == 1) o.split = Split::Test;
            auto r = importDataset(*p, o);
            if (r.imported != (split == 0 ? 12 : 4) || r.unreadable != 0) qFatal("clip fixture import failed");
        }
        return p;
    }

    std::unique_ptr<Project> m_trained;
    TrainResult m_run;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_trained = makeProject("clips");
        std::vector<std::string> warnings;
        TrainCallbacks cb;
        cb.onWarning = [&](const std::string& m) { warnings.push_back(m); };
        m_run = trainRun(*m_trained, clipConfig(), cb);
        QVERIFY(warnings.empty());
    }

    void separableClipsReachFullTrainingAccuracy() {
        const nlohmann::json& m = m_run.finalMetrics;
        QCOMPARE(QString::fromStdString(jsonString(jsonField(m, "samples"))), QString("clips"));
        QCOMPARE(jsonInt(jsonField(m, "frames_per_clip")), int64_t(kFrames));
        QCOMPARE(jsonDouble(jsonField(m, "acc_train")), 1.0);  // last epoch, augmented train-mode frames
        QCOMPARE(jsonDouble(jsonField(m, "acc_test")), 1.0);
        auto out = RunOutputs::open(m_run.outputsDir);
        QCOMPARE(out->meta().n, int64_t(16));
        // Eval-mode outputs: every clip's argmax is its label.
        auto st = m_trained->db().prepare(
            "SELECT s.id, c.idx FROM samples s JOIN classes c ON c.id=s.label ORDER BY s.id");
        int n = 0;
        while (st.step()) {
            const float* z = out->logits() + out->rowOf(st.int64(0)) * 2;
            QCOMPARE(int(z[1] > z[0]), st.int32(1));
            ++n;
        }
        QCOMPARE(n, 16);
    }

    void clipOutputsAreMeansOfFrameOutputs() {
        auto out = RunOutputs::open(m_run.outputsDir);
        auto frames = ClipFrameOutputs::open(m_run.outputsDir);
        QVERIFY(frames);
        const int L = out->meta().features;
        QCOMPARE(frames->frames(), kFrames);
        QCOMPARE(frames->features(), L);
        QCOMPARE(frames->rows(), out->meta().n);
        // The last linear layer from the checkpoint: z_f = W h_f + b for each frame.
        torch::serialize::InputArchive a;
        a.load_from((fs::path(m_run.outputsDir) / "checkpoint.pt").string());
        torch::Tensor W, b;
        QVERIFY(a.try_read("model.head.0.weight", W));
        QVERIFY(a.try_read("model.head.0.bias", b));
        W = W.contiguous();
        QCOMPARE(W.size(1), int64_t(L));
        const float* w = W.data_ptr<float>();
        const float* bias = b.data_ptr<float>();
        for (int64_t r = 0; r < out->meta().n; ++r) {
            QVERIFY(frames->isClip(r));
            const float* fh = frames->frameFeatures(r);
            double hdiff = 0, hscale = 0;
            for (int l = 0; l < L; ++l) {
                double mean = 0;
                for (int f = 0; f < kFrames; ++f) mean += fh[f * L + l];
                mean /= kFrames;
                hdiff = std::max(hdiff, std::abs(mean - out->features()[r * L + l]));
                hscale = std::max(hscale, std::abs(mean));
            }
            QVERIFY2(hdiff <= 1e-5 * std::max(1.0, hscale), std::to_string(hdiff).c_str());
            for (int k = 0; k < 2; ++k) {
                double z = 0;
                for (int f = 0; f < kFrames; ++f) {
                    double zf = bias[k];
                    for (int l = 0; l < L; ++l) zf += double(w[k * L + l]) * fh[f * L + l];
                    z += zf / kFrames;
                }
                QVERIFY2(std::abs(z - out->logits()[r * 2 + k]) <= 1e-4 * std::max(1.0, std::abs(z)),
                         (std::to_string(z) + " vs " + std::to_string(out->logits()[r * 2 + k])).c_str());
            }
            // Per-frame features differ (the bar moves), so the mean is not a copy of one frame.
            double spread = 0;
            for (int l = 0; l < L; ++l) spread += std::abs(fh[l] - fh[(kFrames - 1) * L + l]);
            double norm = 0;
            for (int l = 0; l < L; ++l) norm += std::abs(fh[l]);
            QVERIFY2(spread > 0, (std::to_string(r) + " norm " + std::to_string(norm)).c_str());
        }
    }

    void evalFramesAreSegmentCentres() {
        auto out = RunOutputs::open(m_run.outputsDir);
        auto frames = ClipFrameOutputs::open(m_run.outputsDir);
        auto st = m_trained->db().prepare("SELECT id, frame_start, frame_end FROM samples ORDER BY id");
        int checked = 0;
        while (st.step()) {
            const int64_t row = out->rowOf(st.int64(0));
            const int64_t start = st.int64(1), n = st.int64(2) - start;
            QVERIFY(n >= 19 && n <= 24);
            const int64_t* idx = frames->frameIndex(row);
            // Segment k of n frames spans [k n / F, (k+1) n / F); its centre is (2k+1) n / (2F).
            for (int k = 0; k < kFrames; ++k) QCOMPARE(idx[k], start + (2 * k + 1) * n / (2 * kFrames));
            ++checked;
        }
        QCOMPARE(checked, 16);
        // One written out: a 19-frame clip with F = 4 takes frames 2, 7, 11, 16.
        auto s19 = m_trained->db().prepare("SELECT id FROM samples WHERE frame_end - frame_start = 19 LIMIT 1");
        QVERIFY(s19.step());
        const int64_t* idx = frames->frameIndex(out->rowOf(s19.int64(0)));
        QCOMPARE(std::vector<int64_t>(idx, idx + 4), (std::vector<int64_t>{2, 7, 11, 16}));
    }

    void trainFramesAreRandomWithinSegments() {
        // The loader in train mode with the trainer's seeds: each frame lies in its segment,
        // the draw repeats for the same (seed, epoch, sample) and changes with the epoch.
        TrainData d = loadTrainData(m_trained->db(), 16, kFrames);
        QVERIFY(d.clips);
        const std::vector<float> mean(3, 0.f), sd(3, 1.f);
        auto frameDraws = [&](int epoch) {
            auto planner = [&](size_t b) {
                BatchPlan p;
                p.train = true;
                for (size_t r = b * 4; r < std::min(d.rows(), b * 4 + 4); ++r)
                    p.items.push_back({int64_t(r), 0, 0, false, clipSeed(11, epoch, d.ids[r])});
                return p;
            };
            BatchLoader loader(d, mean, sd, (d.rows() + 3) / 4, planner, 2, 2, nullptr, nullptr);
            std::vector<int64_t> all;
            while (auto bt = loader.next()) all.insert(all.end(), bt->frameIndex.begin(), bt->frameIndex.end());
            return all;
        };
        auto e0 = frameDraws(0), e0again = frameDraws(0), e1 = frameDraws(1);
        QCOMPARE(e0.size(), d.rows() * kFrames);
        QCOMPARE(e0, e0again);
        QVERIFY(e0 != e1);
        for (size_t r = 0; r < d.rows(); ++r) {
            const int64_t n = d.frameEnd[r] - d.frameStart[r];
            for (int k = 0; k < kFrames; ++k) {
                const int64_t lo = d.frameStart[r] + k * n / kFrames, hi = d.frameStart[r] + (k + 1) * n / kFrames;
                QVERIFY(e0[r * kFrames + size_t(k)] >= lo && e0[r * kFrames + size_t(k)] < hi);
                QVERIFY(e1[r * kFrames + size_t(k)] >= lo && e1[r * kFrames + size_t(k)] < hi);
            }
        }
    }

    void sameClipRunWithOneOrThreeLoaderThreads() {
        // Random frames and crops are planned in batch order: the thread count changes nothing.
        TrainConfig c = clipConfig();
        c.epochs = 2;
        c.deterministic = true;
        c.loaderThreads = 1;
        TrainResult one = trainRun(*m_trained, c, {});
        c.loaderThreads = 3;
        TrainResult three = trainRun(*m_trained, c, {});
        auto a = RunOutputs::open(one.outputsDir), b = RunOutputs::open(three.outputsDir);
        QCOMPARE(a->meta().n, b->meta().n);
        QVERIFY(std::memcmp(a->logits(), b->logits(), size_t(a->meta().n) * 2 * 4) == 0);
        QVERIFY(std::memcmp(a->features(), b->features(), size_t(a->meta().n) * size_t(a->meta().features) * 4) == 0);
    }

    void progressIsRecordedAndCancelStops() {
        CancelToken cancel;
        int epochReports = 0, afterCancel = 0;
        TrainCallbacks cb;
        cb.cancel = &cancel;
        cb.progress = [&](const Progress& pr) {
            if (pr.message.rfind("epoch", 0) != 0) return;
            if (cancel.cancelled()) ++afterCancel;
            if (++epochReports == 3) cancel.cancel();  // reports come at batch 1 and the last of each epoch
        };
        TrainConfig c = clipConfig();
        c.batchSize = 4;  // 3 batches an epoch
        QVERIFY_THROWS_EXCEPTION(Cancelled, trainRun(*m_trained, c, cb));
        QCOMPARE(epochReports, 3);
        QCOMPARE(afterCancel, 0);
        QCOMPARE(loaderStats().liveRows, int64_t(0));
        const int64_t id = m_trained->db().queryInt64("SELECT max(id) FROM runs");
        QCOMPARE(QString::fromStdString(m_trained->db().queryText("SELECT state FROM runs WHERE id=" + std::to_string(id))),
                 QString("cancelled"));
        // Epoch 1 finished before the cancel and was recorded; nothing after it.
        QCOMPARE(m_trained->db().queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(id)),
                 int64_t(1));
        QVERIFY(!fs::exists(m_trained->cacheDir() / "runs" / std::to_string(id) / "meta.json"));
    }

    void corruptClipIsSkippedByName() {
        auto p = makeProject("corrupt");
        const fs::path bad = path("corrupt-train") / "class1" / "v2.avi";
        fixture::truncateCopy(bad.string(), path("cut.avi").string(), 0.05);
        fs::copy_file(path("cut.avi"), bad, fs::copy_options::overwrite_existing);
        std::vector<std::string> warnings;
        TrainCallbacks cb;
        cb.onWarning = [&](const std::string& m) { warnings.push_back(m); };
        TrainConfig c = clipConfig();
        c.epochs = 2;
        TrainResult r = trainRun(*p, c, cb);
        QCOMPARE(warnings.size(), size_t(1));
        QVERIFY2(warnings[0].find(bad.string()) != std::string::npos, warnings[0].c_str());
        QCOMPARE(jsonInt(jsonField(r.finalMetrics, "skipped_samples")), int64_t(1));
        auto out = RunOutputs::open(r.outputsDir);
        QCOMPARE(out->meta().n, int64_t(15));
        QCOMPARE(ClipFrameOutputs::open(r.outputsDir)->rows(), int64_t(15));
    }

    void mixedProjectIsRefused() {
        auto p = makeProject("mixed");
        p->db().exec("INSERT INTO samples(media_kind, path, split, width, height) VALUES(0, '/x/a.png', 0, 8, 8)");
        try {
            trainRun(*p, clipConfig(), {});
            QFAIL("a project mixing images and clips trained");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("mixes 1 image samples with 16 video clips") != std::string::npos,
                     e.what());
        }
    }
#else
private Q_SLOTS:
    void skipped() { QSKIP("built without FFmpeg"); }
#endif
};

QTEST_GUILESS_MAIN(TestTrainClips)
#include "tst_train_clips.moc"
