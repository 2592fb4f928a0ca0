// Manual check of clip review on a real scored clip project (WINNOW_CLIP_PROJECT names one,
// e.g. the project bench/video_realdata.sh leaves in its work
// folder): for the first clips of the queue, the strip shows exactly the frames of the
// scoring's per-frame breakdown (read back here with readClipFrameBreakdown from the folder
// the scorings table names), each decoded at that frame number (compared with a separate
// VideoDecoder), and the player shows the exact frame it is sent to.
// WINNOW_CLIP_SCORING=<id> picks a scoring (default: the newest); WINNOW_CLIP_SCREENSHOT=<png>
// saves the window for a visual check. Moved out of tests/: CI has no scored real clip project,
// and a test skipped in every run proves nothing. Build with -DWINNOW_BUILD_BENCH=ON; run
// build/bench/clip_review_project_check.
#include <QElapsedTimer>
#include <QtTest>
#include <algorithm>
#include <cmath>

#include "core/dataset/sample_store.h"
#include "core/influence/clip_contributions.h"
#include "core/media/frame_sampler.h"
#include "core/media/video_decoder.h"
#include "core/store/project.h"
#include "widgets/review/clip_detail.h"
#include "widgets/review/clip_frame_loader.h"
#include "widgets/review/clip_frame_strip.h"
#include "widgets/review/clip_player.h"
#include "widgets/review/review_data_loader.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

namespace {

// Mean absolute difference per channel of two RGB32 images of the same size.
double meanAbsDiff(const QImage& a, const QImage& b) {
    if (a.size() != b.size()) return 1e9;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q));
        }
    return sum / (3.0 * a.width() * a.height());
}

}  // namespace

class TestClipReviewProject : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void realProjectStripAndPlayer() {
        const QString env = qEnvironmentVariable("WINNOW_CLIP_PROJECT");
        if (env.isEmpty()) QFAIL("set WINNOW_CLIP_PROJECT to a scored clip project");
        const fs::path file = env.toStdString();
        auto data = loadReviewData(file, qEnvironmentVariableIntValue("WINNOW_CLIP_SCORING"));  // 0: newest
        QVERIFY(data);
        fs::path scoringDir;
        {
            auto p = core::Project::openReadOnly(file);
            auto st = p->db().prepare("SELECT result_file FROM scorings WHERE id=?");
            st.bind(1, int64_t(data->scoringId));
            QVERIFY(st.step());
            scoringDir = p->cacheDir() / st.text(0);
        }
        ReviewWidget w;
        w.resize(1300, 900);
        w.open(file, data, QStringLiteral("tester"));
        w.show();
        ClipDetail* detail = w.panel()->clipDetail();
        int checked = 0, withBreakdown = 0;
        for (int row = 0; row < w.model()->rowCount() && checked < 4; ++row) {
            const qint64 id = w.model()->sampleIdAt(row);
            const ClipSource* clip = w.clipFrames()->clip(id);
            if (!clip) continue;
            w.setCurrentRow(row);
            QVERIFY(detail->isVisible());
            const auto b = core::readClipFrameBreakdown(scoringDir, id);
            const auto expected = b.empty() ? core::sampleSegmentFrames({clip->frameStart, clip->frameEnd}, 8,
                                                                        core::SamplingMode::Eval)
                                            : b.frameNumbers;
            ClipFrameStrip* strip = detail->strip();
            QCOMPARE(strip->frames(), expected);
            // Bars only where the detector split the score (NaN: no split for this clip).
            const bool anyValue = std::any_of(b.contributions.begin(), b.contributions.end(),
                                              [](float v) { return std::isfinite(v); });
            QCOMPARE(strip->hasContributions(), anyValue);
            withBreakdown += anyValue ? 1 : 0;
            QTRY_VERIFY_WITH_TIMEOUT(strip->allFramesLoaded(), 30000);
            QVERIFY(!w.clipFrames()->failed(id));
            core::DecoderOptions opt;
            opt.maxSide = 256;
            core::VideoDecoder reference(clip->video, opt);
            for (int64_t f : expected) {
                // The strip's frames went through a JPEG file: close to the exact decode, and
                // closer to it than to a frame a second away.
                const QImage exact = toRgb32(reference.frame(f));
                const QImage shown = w.clipFrames()->frame(id, f);
                const double d = meanAbsDiff(shown, exact);
                QVERIFY2(d < 6.0, qPrintable(QStringLiteral("sample %1 frame %2: off by %3").arg(id).arg(f).arg(d)));
            }
            ClipPlayer* player = detail->player();
            const int64_t target = expected[expected.size() / 2];
            player->seek(target);
            QTRY_COMPARE_WITH_TIMEOUT(player->shownFrame(), target, 30000);
            core::DecoderOptions big;
            big.maxSide = 640;
            core::VideoDecoder exact(clip->video, big);
            QCOMPARE(player->shownImage(), toRgb32(exact.frame(target)));
            ++checked;
        }
        QVERIFY2(checked > 0, "no clips in the queue");
        qInfo("checked %d clips, %d with per-frame contributions", checked, withBreakdown);
        // Figures only (no timing asserts): from moving to the next clip until its strip
        // frames and the player's first frame are on screen.
        QList<double> ms;
        int stripReady = 0;
        w.setCurrentRow(0);
        for (int row = 1; row < std::min(w.model()->rowCount(), 12); ++row) {
            QTest::qWait(150);  // a reviewer's glance: prefetch gets its chance
            const ClipSource* clip = w.clipFrames()->clip(w.model()->sampleIdAt(row));
            QElapsedTimer t;
            t.start();
            w.moveBy(1);
            if (!clip) continue;
            const bool stripAtOnce = detail->strip()->allFramesLoaded();
            stripReady += stripAtOnce ? 1 : 0;
            QTRY_VERIFY_WITH_TIMEOUT(detail->strip()->allFramesLoaded() &&
                                         detail->player()->shownFrame() == clip->frameStart, 30000);
            ms << double(t.nsecsElapsed()) / 1e6;
        }
        std::sort(ms.begin(), ms.end());
        if (!ms.isEmpty())
            qInfo("next clip fully shown (strip + player frame): %d moves, median %.1f ms, max %.1f ms;"
                  " strip complete at once (prefetched) in %d",
                  int(ms.size()), ms[ms.size() / 2], ms.last(), stripReady);
        if (qEnvironmentVariableIsSet("WINNOW_CLIP_SCREENSHOT"))
            w.grab().save(qEnvironmentVariable("WINNOW_CLIP_SCREENSHOT"));
    }
};

QTEST_MAIN(TestClipReviewProject)
#include "clip_review_project_check.moc"
