// Video clips in the review workstation: a project of clips cut from tiny videos whose
// frames are solid colours from a known palette (so a decoded frame's identity is read back
// from its pixels), a hand-written scoring folder with per-frame breakdown files, and checks
// of the frame strip, its contribution bars, the player's exact frame steps, hover
// scrubbing on the queue tiles and the relabel keys with a clip selected.
#include <QListView>
#include <QMouseEvent>
#include <QSlider>
#include <QtTest>
#include <cmath>

#include "clip_fixture.h"
#include "core/dataset/sample_store.h"
#include "core/media/frame_cache.h"
#include "core/media/video_decoder.h"
#include "core/store/project.h"
#include "widgets/review/clip_detail.h"
#include "widgets/review/clip_frame_loader.h"
#include "widgets/review/clip_frame_strip.h"
#include "widgets/review/clip_hover_scrubber.h"
#include "widgets/review/clip_player.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/sample_grid_model.h"
#include "widgets/sample_grid_view.h"

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

using namespace clip_fixture;

namespace {

// Breakdown rows of the hand-written scoring (F = 4). Sample 3 and the image have none;
// sample 5's row has frames but NaN contributions (a detector without a per-frame split).
const std::vector<int64_t> kFrames1 = {2, 9, 15, 24};
const std::vector<float> kContrib1 = {0.1f, -0.3f, 0.5f, 0.2f};
const std::vector<int64_t> kFrames2 = {5, 9, 13, 17};
const std::vector<float> kContrib2 = {-0.2f, 0.05f, 0.4f, -0.6f};
// Eval-mode segment centres of a 27-frame clip in 8 segments: floor((2k+1) * 27 / 16).
const std::vector<int64_t> kEval27 = {1, 5, 8, 11, 15, 18, 21, 25};
const std::vector<int64_t> kFrames5 = {3, 10, 17, 24};

}  // namespace

class TestClipReview : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_file;
    std::shared_ptr<ReviewData> m_data;

    // Samples: 1 = A[0,27) class 0, 2 = A[4,20) class 1, 3 = B[0,27) class 0, 4 = image class 1,
    // 5 = B[2,26) class 1.
    void makeProject() {
        const fs::path dir(m_tmp.path().toStdString());
        const fs::path a = dir / "a.avi", b = dir / "b.avi", png = dir / "img.png";
        std::vector<int> ca, cb;
        for (int i = 0; i < kFrames; ++i) ca.push_back(colorIndexA(i)), cb.push_back(colorIndexB(i));
        writeSolidVideo(a.string(), ca);
        writeSolidVideo(b.string(), cb);
        QImage img(16, 16, QImage::Format_RGB32);
        img.fill(Qt::gray);
        img.save(QString::fromStdString(png.string()));
        m_file = dir / "clips.winnow";
        auto p = core::Project::create(m_file);
        auto& db = p->db();
        db.exec("INSERT INTO classes(idx,name) VALUES(0,'walk'),(1,'run')");
        auto st = db.prepare(
            "INSERT INTO samples(id,media_kind,path,frame_start,frame_end,split,label,width,height)"
            " VALUES(?,?,?,?,?,0,(SELECT id FROM classes WHERE idx=?),64,48)");
        st.bind(1, int64_t(1)).bind(2, 2).bind(3, a.string()).bind(4, int64_t(0)).bind(5, int64_t(27)).bind(6, 0).run();
        st.bind(1, int64_t(2)).bind(2, 2).bind(3, a.string()).bind(4, int64_t(4)).bind(5, int64_t(20)).bind(6, 1).run();
        st.bind(1, int64_t(3)).bind(2, 2).bind(3, b.string()).bind(4, int64_t(0)).bind(5, int64_t(27)).bind(6, 0).run();
        st.bind(1, int64_t(4)).bind(2, 0).bind(3, png.string()).bind(4, int64_t(-1)).bind(5, int64_t(-1)).bind(6, 1).run();
        st.bind(1, int64_t(5)).bind(2, 2).bind(3, b.string()).bind(4, int64_t(2)).bind(5, int64_t(26)).bind(6, 1).run();
        db.exec("INSERT INTO runs(id,created_at,state,config_json) VALUES(1,'2026-01-01T00:00:00Z','done','{}')");
        db.exec("INSERT INTO scorings(id,run_id,detector,created_at,params_json,result_file)"
                " VALUES(1,1,'influential-rank','2026-01-01T00:00:00Z','{}','scorings/1')");
        const fs::path sc = p->cacheSubdir("scorings") / "1";
        fs::create_directories(sc);
        writeRaw<int64_t>(sc / "sample_ids.i64", {1, 2, 3, 4, 5});
        std::vector<int64_t> idx;
        std::vector<float> contrib, norm;
        auto row = [&](const std::vector<int64_t>& f, const std::vector<float>& c) {
            for (size_t k = 0; k < 4; ++k) {
                idx.push_back(f.empty() ? -1 : f[k]);
                contrib.push_back(c.empty() ? 0.f : c[k]);
                norm.push_back(float(k + 1));
            }
        };
        row(kFrames1, kContrib1);
        row(kFrames2, kContrib2);
        row({}, {});
        row({}, {});
        row(kFrames5, std::vector<float>(4, NAN));
        writeRaw(sc / "clip_frame_index.i64", idx);
        writeRaw(sc / "clip_frame_contrib.f32", contrib);
        writeRaw(sc / "clip_frame_norm.f32", norm);

        m_data = std::make_shared<ReviewData>();
        auto& d = *m_data;
        d.resize(5, 2, false);
        d.detector = QStringLiteral("influential-rank");
        d.runId = 1;
        d.scoringId = 1;
        d.classNames = {QStringLiteral("walk"), QStringLiteral("run")};
        for (int r = 0; r < 5; ++r) {
            d.ids[size_t(r)] = r + 1;
            d.given[size_t(r)] = r == 0 || r == 2 ? 0 : 1;  // 0, 1, 0, 1, 1
            d.suggested[size_t(r)] = 1 - d.given[size_t(r)];
            d.suggestionProb[size_t(r)] = 0.8f;
            d.score[size_t(r)] = 0.9f - 0.1f * float(r);  // queue order = id order
            d.posterior[size_t(r)] = 0.5f;
            d.flag[size_t(r)] = 1;
        }
        d.sortByScore();
    }

    struct Decision {
        qint64 sample;
        QString action;
        int oldIdx, newIdx;
    };
    QList<Decision> decisions() const {
        auto p = core::Project::openReadOnly(m_file);
        auto st = p->db().prepare(
            "SELECT d.sample_id, d.action, coalesce(o.idx,-1), coalesce(n.idx,-1) FROM review_decisions d"
            " LEFT JOIN classes o ON o.id=d.old_label LEFT JOIN classes n ON n.id=d.new_label ORDER BY d.id");
        QList<Decision> out;
        while (st.step())
            out.push_back({st.int64(0), QString::fromStdString(st.text(1)), st.int32(2), st.int32(3)});
        return out;
    }

    std::unique_ptr<ReviewWidget> openWidget() {
        auto w = std::make_unique<ReviewWidget>();
        w->resize(1300, 900);
        w->open(m_file, m_data, QStringLiteral("tester"));
        w->show();
        return w;
    }

    // Waits for the player to show `frame` and returns the palette index of its centre.
    static int playerColor(ClipPlayer* player, int64_t frame) {
        if (!QTest::qWaitFor([&] { return player->shownFrame() == frame && player->targetFrame() == frame; }, 20000))
            return -100;
        const QImage& img = player->shownImage();
        int dist = 0;
        const int c = colorAt(img, {img.width() / 2, img.height() / 2}, &dist);
        return dist < 60 ? c : -1;
    }

private Q_SLOTS:
    void initTestCase() {
#ifndef WINNOW_HAVE_FFMPEG
        QSKIP("built without FFmpeg");
#else
        QVERIFY(m_tmp.isValid());
        makeProject();
#endif
    }

    void stripShowsBreakdownFramesAndBars() {
        auto w = openWidget();
        QVERIFY(w->clipFrames()->isClip(1) && w->clipFrames()->isClip(3));
        QVERIFY(!w->clipFrames()->isClip(4) && !w->clipFrames()->isClip(99));
        w->setCurrentRow(0);
        QCOMPARE(w->currentSampleId(), qint64(1));
        ClipDetail* detail = w->panel()->clipDetail();
        QVERIFY(detail->isVisible());
        ClipFrameStrip* strip = detail->strip();
        QCOMPARE(strip->frames(), kFrames1);
        QVERIFY(strip->hasContributions());
        QTRY_VERIFY_WITH_TIMEOUT(strip->allFramesLoaded(), 20000);
        const QImage shot = strip->grab().toImage();
        for (int i = 0; i < strip->count(); ++i) {
            int dist = 0;
            const int c = colorAt(shot, strip->frameRect(i).center(), &dist);
            QCOMPARE(c, colorIndexA(kFrames1[size_t(i)]));
            QVERIFY2(dist < 60, qPrintable(QStringLiteral("frame %1 colour off by %2").arg(i).arg(dist)));
        }
        // Bars measured in the pixels: signed height = red pixels above the baseline minus
        // blue pixels below it, down the band's centre column.
        auto near = [](QRgb px, const QColor& c) {
            return std::abs(qRed(px) - c.red()) + std::abs(qGreen(px) - c.green()) + std::abs(qBlue(px) - c.blue()) < 30;
        };
        QList<int> heights;
        for (int i = 0; i < strip->count(); ++i) {
            const QRect band = strip->barBand(i);
            int h = 0;
            for (int y = band.top(); y <= band.bottom(); ++y) {
                const QRgb px = shot.pixel(band.center().x(), y);
                if (near(px, ClipFrameStrip::positiveColor())) ++h;
                if (near(px, ClipFrameStrip::negativeColor())) --h;
            }
            heights << h;
        }
        // Signs follow the contributions and the order of heights is the order of values.
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(heights[i] > 0, kContrib1[size_t(i)] > 0);
            for (int j = 0; j < 4; ++j)
                if (kContrib1[size_t(i)] < kContrib1[size_t(j)]) QVERIFY(heights[i] < heights[j]);
        }
        // The largest magnitude (0.5) fills half the band; 0.1 is a fifth of it (±1 px).
        const int half = strip->barBand(2).height() / 2 - 1;
        QCOMPARE(heights[2], half);
        QVERIFY(std::abs(heights[0] - half / 5) <= 1);
        QVERIFY(std::abs(heights[1] + half * 3 / 5) <= 1);

        if (qEnvironmentVariableIsSet("WINNOW_CLIP_SCREENSHOT")) {  // for a visual check
            w->panel()->clipDetail()->player()->seek(15);
            QVERIFY(QTest::qWaitFor([&] { return w->panel()->clipDetail()->player()->shownFrame() == 15; }, 5000));
            QMouseEvent hover(QEvent::MouseMove, w->queueView()->visualRect(w->model()->index(2)).center(),
                              QPointF(), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(w->queueView()->viewport(), &hover);
            QTest::qWait(300);
            w->grab().save(qEnvironmentVariable("WINNOW_CLIP_SCREENSHOT"));
        }
        // Clip 2's row: another breakdown. Its strip frames were requested when clip 1 was
        // shown (prefetch), so they are on screen at once.
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(kFrames2.begin(), kFrames2.end(),
                                             [&](int64_t f) { return !w->clipFrames()->frame(2, f).isNull(); }),
                                 20000);
        w->setCurrentRow(1);
        QVERIFY(strip->allFramesLoaded());
        QCOMPARE(strip->frames(), kFrames2);
        QCOMPARE(strip->contributions(), kContrib2);
    }

    void stripFallsBackWithoutBreakdown() {
        auto w = openWidget();
        w->setCurrentRow(2);
        QCOMPARE(w->currentSampleId(), qint64(3));
        ClipFrameStrip* strip = w->panel()->clipDetail()->strip();
        QCOMPARE(strip->frames(), kEval27);
        QVERIFY(!strip->hasContributions());
        QTRY_VERIFY_WITH_TIMEOUT(strip->allFramesLoaded(), 20000);
        const QImage shot = strip->grab().toImage();
        for (int i = 0; i < strip->count(); ++i)
            QCOMPARE(colorAt(shot, strip->frameRect(i).center()), colorIndexB(kEval27[size_t(i)]));
        // The image sample: no clip detail, the image label is back.
        w->setCurrentRow(3);
        QVERIFY(!w->panel()->clipDetail()->isVisible());
        QCOMPARE(w->panel()->clipDetail()->sampleId(), qint64(-1));
        // Sample 5: a breakdown row whose contributions are all NaN shows the scorer's frames
        // without bars.
        w->setCurrentRow(4);
        QCOMPARE(w->currentSampleId(), qint64(5));
        QCOMPARE(strip->frames(), kFrames5);
        QVERIFY(!strip->hasContributions());
        QVERIFY(w->panel()->clipDetail()->noteText().contains(QStringLiteral("no per-frame contributions")));
        QTRY_VERIFY_WITH_TIMEOUT(strip->allFramesLoaded(), 20000);
        const QImage shot5 = strip->grab().toImage();
        for (int i = 0; i < strip->count(); ++i)
            QCOMPARE(colorAt(shot5, strip->frameRect(i).center()), colorIndexB(kFrames5[size_t(i)]));
    }

    void playerStepsToExactFrames() {
        auto w = openWidget();
        w->setCurrentRow(1);  // clip 2: frames [4, 20) of video A
        ClipPlayer* player = w->panel()->clipDetail()->player();
        QCOMPARE(player->frameStart(), int64_t(4));
        QCOMPARE(player->frameEnd(), int64_t(20));
        QCOMPARE(playerColor(player, 4), 4);  // starts at the clip's first frame
        player->seek(9);
        QCOMPARE(playerColor(player, 9), 9);
        QVERIFY(player->positionText().contains(QStringLiteral("frame 9")));
        QVERIFY(player->positionText().contains(QStringLiteral("0.360 s")));  // 9 / 25 fps
        player->stepBy(1);
        QCOMPARE(playerColor(player, 10), 10);
        // Back across a keyframe (every 6th frame): the decoder has to seek, not just go on.
        player->stepBy(-1);
        player->stepBy(-1);
        player->stepBy(-1);
        QCOMPARE(playerColor(player, 7), 7);
        player->stepBy(-1);
        QCOMPARE(playerColor(player, 6), 6);
        player->stepBy(-1);
        QCOMPARE(playerColor(player, 5), 5);
        // Steps stop at the clip's ends.
        player->seek(4);
        QCOMPARE(playerColor(player, 4), 4);
        player->stepBy(-1);
        QCOMPARE(playerColor(player, 4), 4);
        player->seek(19);
        QCOMPARE(playerColor(player, 19), 19);
        player->stepBy(1);
        QCOMPARE(playerColor(player, 19), 19);
        // The slider scrubs to exact frames too.
        player->slider()->setValue(14);
        QCOMPARE(playerColor(player, 14), 14);
        // Keys while the player has focus: "." forward, "," back, Space plays.
        QTest::keyClick(player, Qt::Key_Period);
        QCOMPARE(playerColor(player, 15), 15);
        QTest::keyClick(player, Qt::Key_Comma);
        QTest::keyClick(player, Qt::Key_Comma);
        QCOMPARE(playerColor(player, 13), 13);
        // Play at 4x to the end: playback stops on the last frame of the clip, and every
        // frame it showed was in order.
        player->setSpeed(4.0);
        QList<qint64> shown;
        connect(player, &ClipPlayer::frameShown, this, [&](qint64 f) { shown << f; });
        QTest::keyClick(player, Qt::Key_Space);
        QVERIFY(player->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(!player->isPlaying(), 20000);
        QCOMPARE(player->shownFrame(), int64_t(19));
        QCOMPARE(playerColor(player, 19), 19);
        QVERIFY(!shown.isEmpty());
        for (int i = 1; i < shown.size(); ++i) QVERIFY(shown[i] >= shown[i - 1]);
        // A click on a strip frame seeks there.
        ClipFrameStrip* strip = w->panel()->clipDetail()->strip();
        QTest::mouseClick(strip, Qt::LeftButton, {}, strip->frameRect(2).center());
        QCOMPARE(playerColor(player, kFrames2[2]), colorIndexA(kFrames2[2]));
        QCOMPARE(strip->currentCell(), 2);
    }

    void hoverScrubMapsXToFrame() {
        auto w = openWidget();
        w->setCurrentRow(3);  // the image: the tiles of the clips are not current
        QListView* view = w->queueView();
        auto* scrub = view->findChild<ClipHoverScrubber*>();
        QVERIFY(scrub);
        QCOMPARE(w->clipFrames()->framesPerClip(), 8);
        const QRect cell = view->visualRect(w->model()->index(0));  // clip 1: A[0,27)
        QVERIFY(cell.width() > 16);
        const QRect thumb(cell.left() + 4, cell.top() + 4, 96, 96);
        // Not hovered: the poster, the clip's middle frame (0 + 27) / 2 = 13, kept on disk in
        // the frame cache.
        QTRY_COMPARE_WITH_TIMEOUT(colorAt(view->viewport()->grab().toImage(), thumb.center()), colorIndexA(13), 20000);
        const fs::path video = w->clipFrames()->clip(1)->video;
        QVERIFY(fs::exists(core::FrameCache(w->clipFrames()->frameCacheDir(), 96).pathFor(video, 13)));
        auto move = [&](QPoint pos) {
            QMouseEvent e(QEvent::MouseMove, pos, view->viewport()->mapToGlobal(pos), Qt::NoButton,
                          Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(view->viewport(), &e);
        };
        for (int k = 0; k < 8; ++k) {
            // Middle of slice k of the tile's width, its first and its last pixel column.
            const int cw = cell.width();
            for (int x : {cell.left() + (2 * k + 1) * cw / 16, cell.left() + (k * cw + 7) / 8,
                          cell.left() + ((k + 1) * cw + 7) / 8 - 1}) {
                move({x, cell.center().y()});
                QCOMPARE(scrub->hoveredSample(), qint64(1));
                QCOMPARE(scrub->hoveredSlot(), k);
                QCOMPARE(scrub->hoveredFrame(), kEval27[size_t(k)]);
            }
            QTRY_VERIFY_WITH_TIMEOUT(!w->clipFrames()->frame(1, kEval27[size_t(k)]).isNull(), 20000);
            const QImage shot = view->viewport()->grab().toImage();
            const qreal dpr = shot.devicePixelRatio();
            QCOMPARE(colorAt(shot, (thumb.center() + QPoint(0, 0)) * dpr), colorIndexA(kEval27[size_t(k)]));
        }
        QCOMPARE(ClipHoverScrubber::slotForX(cell.width() - 1, cell.width(), 8), 7);
        // Off the clips (the image tile, then outside the view): no hover.
        const QRect imageCell = view->visualRect(w->model()->index(3));
        move(imageCell.center());
        QCOMPARE(scrub->hoveredSample(), qint64(-1));
        QEvent leave(QEvent::Leave);
        move(view->visualRect(w->model()->index(2)).center());
        QCOMPARE(scrub->hoveredSample(), qint64(3));
        QApplication::sendEvent(view->viewport(), &leave);
        QCOMPARE(scrub->hoveredSample(), qint64(-1));
    }

    void mainGridScrubsClips() {
        SampleGridModel model;
        {
            auto p = core::Project::openReadOnly(m_file);
            model.setTable(std::make_shared<const core::SampleTable>(core::SampleStore(p->db()).loadTable()),
                           {QStringLiteral("walk"), QStringLiteral("run")});
        }
        SampleGridView grid(96);
        grid.setGridModel(&model);
        grid.resize(800, 400);
        grid.setClipProject(m_file);
        grid.show();
        auto* scrub = grid.findChild<ClipHoverScrubber*>();
        QVERIFY(scrub);
        auto move = [&](QPoint pos) {
            QMouseEvent e(QEvent::MouseMove, pos, grid.viewport()->mapToGlobal(pos), Qt::NoButton,
                          Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(grid.viewport(), &e);
        };
        // Sample 3 (row 2): video B, colour 26 - frame; slice 6 of 8 is frame 21.
        const QRect cell = grid.visualRect(model.index(2));
        move({cell.left() + 13 * cell.width() / 16, cell.center().y()});
        QCOMPARE(scrub->hoveredSample(), qint64(3));
        QCOMPARE(scrub->hoveredFrame(), kEval27[6]);
        QTRY_VERIFY_WITH_TIMEOUT(!grid.clipFrames()->frame(3, kEval27[6]).isNull(), 20000);
        const QRect thumb(cell.left() + 4, cell.top() + 4, 96, 96);
        QCOMPARE(colorAt(grid.viewport()->grab().toImage(), thumb.center()), colorIndexB(kEval27[6]));
        // The image (row 3) is not scrubbed.
        move(grid.visualRect(model.index(3)).center());
        QCOMPARE(scrub->hoveredSample(), qint64(-1));
    }

    void missingVideoFailsCleanly() {
        // A clip whose video is gone: the loader marks it failed, the strip says so, the
        // player reports it; nothing blocks or throws.
        ClipFrameLoader loader;
        loader.open(m_file);
        const fs::path gone = fs::path(m_tmp.path().toStdString()) / "gone.avi";
        {
            auto p = core::Project::open(m_file);
            p->db().exec("INSERT OR REPLACE INTO samples(id,media_kind,path,frame_start,frame_end,split,label)"
                         " VALUES(50,2,'" + gone.string() + "',0,10,0,(SELECT id FROM classes WHERE idx=0))");
        }
        QVERIFY(loader.isClip(50));
        ClipDetail detail;
        detail.setLoader(&loader);
        QVERIFY(detail.showSample(50));
        QTRY_VERIFY_WITH_TIMEOUT(loader.failed(50), 20000);
        QVERIFY(detail.strip()->allFramesLoaded());
        QTRY_VERIFY_WITH_TIMEOUT(detail.player()->messageText().contains(QStringLiteral("cannot decode")), 20000);
        QVERIFY(detail.player()->messageText().contains(QStringLiteral("gone.avi")));
        QCOMPARE(detail.player()->shownFrame(), int64_t(-1));
        detail.player()->play();
        detail.player()->stepBy(1);
        QCOMPARE(detail.player()->shownFrame(), int64_t(-1));
        QVERIFY(!detail.showSample(4));  // the image
        {
            auto p = core::Project::open(m_file);
            p->db().exec("DELETE FROM samples WHERE id=50");
        }
    }

    void realVideoPlaysInOrder() {
        // Playback over a real video (Debian's opencv-doc): at 4x, frames arrive in order and
        // playback ends on the clip's last frame. Logs how many frames were shown.
        const QString video = QStringLiteral("/usr/share/doc/opencv-doc/examples/data/vtest.avi");
        if (!QFile::exists(video)) QSKIP("opencv-doc's vtest.avi is not installed");
        ClipPlayer player;
        player.resize(640, 520);
        player.show();
        player.setClip(video, 100, 200);
        QTRY_COMPARE_WITH_TIMEOUT(player.shownFrame(), int64_t(100), 20000);
        QList<qint64> shown;
        connect(&player, &ClipPlayer::frameShown, this, [&](qint64 f) { shown << f; });
        player.setSpeed(4.0);
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(!player.isPlaying(), 60000);
        QCOMPARE(player.shownFrame(), int64_t(199));
        for (int i = 1; i < shown.size(); ++i) QVERIFY(shown[i] > shown[i - 1]);
        qInfo("vtest.avi frames 100..199 at 4x (%.0f fps): %d of 100 frames shown",
              4.0 * player.fps(), int(shown.size()));
        // Stepping on a real codec lands on the exact frame: compare with a separate decoder.
        player.seek(150);
        QTRY_COMPARE_WITH_TIMEOUT(player.shownFrame(), int64_t(150), 20000);
        player.stepBy(-1);
        QTRY_COMPARE_WITH_TIMEOUT(player.shownFrame(), int64_t(149), 20000);
        core::DecoderOptions opt;
        opt.maxSide = 640;
        core::VideoDecoder reference(video.toStdString(), opt);
        QCOMPARE(player.shownImage(), toRgb32(reference.frame(149)));
        QVERIFY(player.shownImage() != toRgb32(reference.frame(150)));
    }

    void relabelKeysWorkWithClipSelected() {
        const int before = int(decisions().size());
        auto w = openWidget();
        w->setCurrentRow(0);
        ClipPlayer* player = w->panel()->clipDetail()->player();
        QVERIFY(player->isEnabled());
        // Keys sent to the player (as when it has focus): Space / "." belong to it and make
        // no decision; "2" relabels the clip to class 1 and the queue moves on.
        QTest::keyClick(player, Qt::Key_Space);
        QVERIFY(player->isPlaying());
        QTest::keyClick(player, Qt::Key_Space);
        QVERIFY(!player->isPlaying());
        QTest::keyClick(player, Qt::Key_Period);
        QCOMPARE(int(decisions().size()), before);
        QTest::keyClick(player, Qt::Key_2);
        auto rows = decisions();
        QCOMPARE(int(rows.size()), before + 1);
        QCOMPARE(rows.last().sample, qint64(1));
        QCOMPARE(rows.last().action, QStringLiteral("relabel"));
        QCOMPARE(rows.last().oldIdx, 0);
        QCOMPARE(rows.last().newIdx, 1);
        QCOMPARE(w->currentSampleId(), qint64(2));
        QCOMPARE(w->panel()->clipDetail()->sampleId(), qint64(2));
        // K on the player keeps clip 2; Z undoes it (a compensating row).
        QTest::keyClick(player, Qt::Key_K);
        rows = decisions();
        QCOMPARE(rows.last().sample, qint64(2));
        QCOMPARE(rows.last().action, QStringLiteral("keep"));
        QTest::keyClick(player, Qt::Key_Z);
        QCOMPARE(int(decisions().size()), before + 3);
        QCOMPARE(w->currentSampleId(), qint64(2));
        // From the queue with a clip current: X excludes it.
        QTest::keyClick(w->queueView(), Qt::Key_X);
        rows = decisions();
        QCOMPARE(rows.last().sample, qint64(2));
        QCOMPARE(rows.last().action, QStringLiteral("exclude"));
        // Enter accepts clip 3's suggestion (class 1).
        QCOMPARE(w->currentSampleId(), qint64(3));
        QTest::keyClick(w->queueView(), Qt::Key_Return);
        rows = decisions();
        QCOMPARE(rows.last().sample, qint64(3));
        QCOMPARE(rows.last().newIdx, 1);
        // With real focus in the player, moving on to an image hands the keyboard back to
        // the queue (not to some other widget that would swallow the relabel keys).
        // (The offscreen platform activates windows too, so this always runs.)
        w->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(w.get()));
        w->setCurrentRow(2);
        player->setFocus();
        QVERIFY(player->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);  // J/L/arrows pass too
        QCOMPARE(w->currentSampleId(), qint64(4));
        QVERIFY(w->queueView()->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_A);
        QCOMPARE(decisions().last().sample, qint64(4));
        QCOMPARE(decisions().last().action, QStringLiteral("ambiguous"));
    }
};

QTEST_MAIN(TestClipReview)
#include "tst_clip_review.moc"
