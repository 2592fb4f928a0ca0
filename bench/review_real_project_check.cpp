// Manual check of the review loader on a real scored project the user names
// (WINNOW_REVIEW_REAL_PROJECT=<copy of a .winnow>): the loaded data against its score file
// read directly; screenshots when WINNOW_REVIEW_SHOTS=<folder>. Moved out of tests/: it needs a
// project trained on real data that CI does not have, and a test skipped in every run proves
// nothing. Build with -DWINNOW_BUILD_BENCH=ON; run build/bench/review_real_project_check.
#include <QSignalSpy>
#include <QtTest>
#include <algorithm>
#include <cstdio>

#include "core/influence/score_file.h"
#include "core/store/project.h"
#include "widgets/review/influence_dashboard.h"
#include "widgets/review/review_data_loader.h"
#include "widgets/review/review_panel.h"
#include "widgets/review/review_widget.h"

using namespace winnow;
using namespace winnow::widgets;

class ReviewRealProjectCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Optional: a real scored project (WINNOW_REVIEW_REAL_PROJECT=<copy of a .winnow>), checked
    // against its score file read directly; screenshots when WINNOW_REVIEW_SHOTS=<folder>.
    void realProjectIfGiven() {
        const QString file = qEnvironmentVariable("WINNOW_REVIEW_REAL_PROJECT");
        if (file.isEmpty()) QFAIL("set WINNOW_REVIEW_REAL_PROJECT to a copy of a scored .winnow project");
        const auto list = listScorings(file.toStdString());
        QVERIFY(!list.empty());
        auto d = loadReviewData(file.toStdString());
        QVERIFY(d);
        auto p = core::Project::openReadOnly(file.toStdString());
        const auto sf = core::ScoreFile::read(
            p->cacheDir() / p->db().queryText("SELECT result_file FROM scorings ORDER BY id DESC LIMIT 1"));
        QCOMPARE(d->n, sf.n());
        int64_t flagged = 0;
        for (auto f : sf.flag) flagged += f;
        int64_t got = 0;
        for (auto f : d->flag) got += f;
        QCOMPARE(got, flagged);
        QCOMPARE(d->ids[size_t(d->byScore[0])], sf.sampleIds[size_t(std::max_element(sf.score.begin(), sf.score.end()) - sf.score.begin())]);
        QVERIFY(d->features != nullptr);
        std::printf("real project: %s, %lld scored, %lld flagged, %d classes, self-test %d, gamma %d\n",
                    qPrintable(d->detector), static_cast<long long>(d->n), static_cast<long long>(got),
                    d->classes, int(d->isSelfTest()), d->gamma);
        const QString shots = qEnvironmentVariable("WINNOW_REVIEW_SHOTS");
        if (!shots.isEmpty()) {
            InfluenceDashboard dash;
            dash.resize(1300, 950);
            dash.setReviewData(d);
            dash.grab().save(shots + QStringLiteral("/dashboard.png"));
            QCOMPARE(dash.flaggedCount(), flagged);  // re-thresholding at the fitted cuts reproduces the scorer
            std::printf("dashboard: %s\n", qPrintable(dash.summaryText()));
            ReviewWidget w;  // writes nothing until a decision; the position only on close
            w.resize(1400, 900);
            w.open(file.toStdString(), d, QStringLiteral("check"));
            w.show();
            QSignalSpy similar(w.panel(), &ReviewPanel::similarShown);
            QTRY_VERIFY_WITH_TIMEOUT(w.panel()->imageShown() && !similar.isEmpty(), 20000);
            QTest::qWait(300);
            w.grab().save(shots + QStringLiteral("/review.png"));
        }
    }
};

QTEST_MAIN(ReviewRealProjectCheck)
#include "review_real_project_check.moc"
