// Key press → next item fully shown, measured through the real widget (a benchmark, moved out
// of tests/). By default a small project; bench/review_latency.sh sets WINNOW_REVIEW_BENCH_N=1000000 and reads the printed
// percentiles. The project is generated with direct SQL inserts: n samples pointing at
// 1,000 small PNG files (distinct record indices keep the rows unique, so every sample is
// decoded and cached separately, as with real media).
#include <QElapsedTimer>
#include <QImage>
#include <QListView>
#include <QtTest>
#include <algorithm>
#include <cstdio>

#include "core/store/project.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_widget.h"

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

namespace {

void makeBigProject(const fs::path& file, const fs::path& media, const ReviewData& d) {
    fs::create_directories(media);
    constexpr int kFiles = 1000;
    for (int f = 0; f < kFiles; ++f) {
        QImage img(64, 64, QImage::Format_RGB32);
        img.fill(QColor::fromHsv((f * 37) % 360, 180, 200));
        img.save(QString::fromStdString((media / ("f" + std::to_string(f) + ".png")).string()));
    }
    auto p = core::Project::create(file);
    auto& db = p->db();
    db.exec("PRAGMA synchronous=OFF");  // generation only; the review log turns FULL back on
    core::Transaction tx(db);
    auto cls = db.prepare("INSERT INTO classes(idx,name) VALUES(?,?)");
    for (int k = 0; k < d.classes; ++k) cls.bind(1, k).bind(2, d.classNames[k].toStdString()).run();
    auto st = db.prepare(
        "INSERT INTO samples(id,media_kind,path,item_index,split,label,original_label,width,height)"
        " VALUES(?,0,?,?,0,?,?,64,64)");
    std::vector<std::string> paths;
    for (int f = 0; f < kFiles; ++f) paths.push_back((media / ("f" + std::to_string(f) + ".png")).string());
    for (int64_t r = 0; r < d.n; ++r) {
        // classes.id = idx + 1 for a fresh table.
        st.bind(1, d.ids[size_t(r)]).bind(2, paths[size_t(r % kFiles)]).bind(3, r);
        st.bind(4, d.given[size_t(r)] + 1).bind(5, d.original[size_t(r)] + 1).run();
    }
    tx.commit();
}

double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

}  // namespace

class TestReviewLatency : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void keyToNextItemShown() {
        const int64_t n = qEnvironmentVariableIntValue("WINNOW_REVIEW_BENCH_N") > 0
                              ? qEnvironmentVariableIntValue("WINNOW_REVIEW_BENCH_N") : 20000;
        const int presses = qEnvironmentVariableIntValue("WINNOW_REVIEW_BENCH_PRESSES") > 0
                                ? qEnvironmentVariableIntValue("WINNOW_REVIEW_BENCH_PRESSES") : 60;
        const int thinkMs = qEnvironmentVariableIsSet("WINNOW_REVIEW_BENCH_THINK_MS")
                                ? qEnvironmentVariableIntValue("WINNOW_REVIEW_BENCH_THINK_MS") : 150;
        const QString keep = qEnvironmentVariable("WINNOW_REVIEW_BENCH_DIR");
        QTemporaryDir tmp;
        const fs::path dir = keep.isEmpty() ? fs::path(tmp.path().toStdString()) : fs::path(keep.toStdString());
        const fs::path file = dir / ("bench" + std::to_string(n) + ".winnow");
        QElapsedTimer t;
        t.start();
        auto data = makeSyntheticReviewData(n, 10, 0.2, 99);
        const double genData = double(t.restart());
        if (!fs::exists(file)) makeBigProject(file, dir / "media", *data);
        const double genProject = double(t.restart());

        ReviewWidget w;
        w.resize(1400, 900);
        w.open(file, data, QStringLiteral("bench"));
        w.show();
        const double openMs = double(t.restart());
        QTRY_VERIFY_WITH_TIMEOUT(w.panel()->imageShown(), 20000);
        if (qEnvironmentVariableIsSet("WINNOW_REVIEW_SCREENSHOT")) {  // for the docs / a visual check
            QTest::qWait(500);
            w.grab().save(qEnvironmentVariable("WINNOW_REVIEW_SCREENSHOT"));
        }

        std::vector<double> lat, commit;
        QElapsedTimer c;
        connect(&w, &ReviewWidget::decisionRecorded, this, [&] { commit.push_back(double(c.nsecsElapsed()) / 1e6); });
        const Qt::Key keys[] = {Qt::Key_K, Qt::Key_X, Qt::Key_A, Qt::Key_Return};
        int64_t before = 0;
        {
            auto p = core::Project::openReadOnly(file);
            before = p->db().queryInt64("SELECT count(*) FROM review_decisions");
        }
        for (int i = 0; i < presses; ++i) {
            // Reviewer think time: the prefetch of the next items happens here.
            QElapsedTimer idle;
            idle.start();
            while (idle.elapsed() < thinkMs) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            const int expectRow = w.currentRow() + 1;
            QElapsedTimer k;
            k.start();
            c.start();
            QTest::keyClick(w.queueView(), keys[i % 4]);
            // "Fully shown": the next item is current, its large image is on screen, and the
            // window has painted it.
            while (!(w.currentRow() == expectRow && w.panel()->imageShown() &&
                     w.panel()->currentSampleId() == w.currentSampleId()))
                QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
            w.repaint();
            lat.push_back(double(k.nsecsElapsed()) / 1e6);
        }
        auto p = core::Project::openReadOnly(file);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM review_decisions") - before, int64_t(presses));
        std::printf("review latency: n=%lld presses=%d think=%d ms | key->next shown p50 %.2f ms p95 %.2f ms max %.2f ms"
                    " | commit p50 %.2f ms p95 %.2f ms | open %.0f ms (data %.0f ms, project %.0f ms)\n",
                    static_cast<long long>(n), presses, thinkMs, pct(lat, 0.5), pct(lat, 0.95),
                    pct(lat, 1.0), pct(commit, 0.5), pct(commit, 0.95), openMs, genData, genProject);
        std::fflush(stdout);
    }
};

QTEST_MAIN(TestReviewLatency)
#include "review_latency_bench.moc"
