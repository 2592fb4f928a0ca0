// The Issues view over a small image project the test writes (random-noise images, one exact
// copy in the test split, one near copy with another label): the scan runs through the panel's
// job, the counts shown are the stored ones, the threshold slider's live groups are core's,
// an issue type opens a queue of exactly its samples by score (also in the review window, with
// undo), and "More like this" returns the stored neighbours (the planted copies first).
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSettings>
#include <QComboBox>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "app/gui/mainwindow.h"
#include "app/gui/review_window.h"
#include "core/curation/curation_arrays.h"
#include "core/curation/curation_read.h"
#include "core/review/decision.h"
#include "core/store/project.h"
#include "core/train/run_outputs.h"
#include "grid_fixture.h"
#include "gui_fixture.h"
#include "widgets/curation/curation_review_data.h"
#include "widgets/curation/issue_names.h"
#include "widgets/curation/issues_panel.h"
#include "widgets/curation/quality_section.h"
#include "widgets/detail_pane.h"
#include "widgets/job_runner.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

QImage noiseImage(uint32_t seed, int shift = 0) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> v(20, 235);
    QImage img(32, 32, QImage::Format_RGB32);
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x) {
            const int g = std::clamp(v(rng) + shift, 0, 255);
            img.setPixel(x, y, qRgb(g, g, g));
        }
    return img;
}

// A base noise image mixed with `alpha` of another: the further from the base, the larger
// alpha (squared distance of the unit descriptors about 2 - 2 / sqrt(1 + alpha^2)).
QImage mixedImage(uint32_t base, uint32_t other, double alpha) {
    std::mt19937 a(base), b(other);
    std::uniform_int_distribution<int> v(20, 235);
    QImage img(32, 32, QImage::Format_RGB32);
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x) {
            const double g = 127 + 0.6 * (v(a) - 127) + alpha * 0.6 * (v(b) - 127);
            const int c = std::clamp(int(std::lround(g)), 0, 255);
            img.setPixel(x, y, qRgb(c, c, c));
        }
    return img;
}

std::vector<std::vector<int64_t>> exactGroups(core::Project& p, int64_t resultId) {
    std::map<int64_t, std::vector<int64_t>> g;
    for (const auto& is : core::curationIssues(p, resultId, "exact-duplicate")) g[is.group].push_back(is.sampleId);
    std::vector<std::vector<int64_t>> out;
    for (auto& [id, ids] : g) out.push_back(ids);
    return out;
}

}  // namespace

class TestIssuesPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_file;
    std::vector<int64_t> m_ids;
    static constexpr int kRandom = 12;
    // Planted: sample kRandom is a byte copy of sample 0 (test split), kRandom + 1 a brightened
    // copy of sample 1 carrying the other label (its original label is sample 1's: the
    // self-test's one mislabelled sample).
    int64_t exactCopy() const { return m_ids[kRandom]; }
    int64_t nearCopy() const { return m_ids[kRandom + 1]; }
    // Then a family of three at graded distances above the automatic threshold (0.05 here):
    // the threshold slider has something to join between 0.05 and 0.2.
    static constexpr int kFamily = 3;

    void scan(widgets::IssuesPanel& panel) {
        QSignalSpy done(&panel, &widgets::IssuesPanel::scanFinished);
        QVERIFY(panel.startScan() > 0);
        QVERIFY(panel.scanning());
        QVERIFY(done.wait(120000));
        QVERIFY2(done.front().at(0).toBool(), qPrintable(done.front().at(1).toString()));
        QVERIFY(!panel.scanning());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);  // the new result is read on a worker
    }

private Q_SLOTS:
    void initTestCase() {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("winnow-test"));
        QSettings().setValue(QStringLiteral("review/reviewer"), QStringLiteral("tester"));
        std::vector<testing::FixtureSample> samples;
        for (int i = 0; i < kRandom + 2 + kFamily; ++i) samples.push_back({Qt::gray, QSize(32, 32), i % 2, 0});
        samples[kRandom].split = 2;
        samples[kRandom].classIdx = 0;      // same label as sample 0
        samples[kRandom + 1].classIdx = 0;  // sample 1 is c1
        m_ids = testing::makeImageProject(m_tmp.path(), samples, 2);
        m_file = testing::projectFile(m_tmp.path());
        const QString img = m_tmp.path() + QStringLiteral("/img/s%1.png");
        for (int i = 0; i < kRandom; ++i) QVERIFY(noiseImage(uint32_t(100 + i)).save(img.arg(i), "PNG"));
        QFile::remove(img.arg(kRandom));
        QVERIFY(QFile::copy(img.arg(0), img.arg(kRandom)));
        QVERIFY(noiseImage(101, 3).save(img.arg(kRandom + 1), "PNG"));
        QVERIFY(mixedImage(300, 301, 0.0).save(img.arg(kRandom + 2), "PNG"));
        QVERIFY(mixedImage(300, 302, 0.29).save(img.arg(kRandom + 3), "PNG"));
        QVERIFY(mixedImage(300, 303, 0.39).save(img.arg(kRandom + 4), "PNG"));
        // Self-test truth: every sample's original label is its label, but the near copy's.
        auto p = core::Project::open(m_file);
        p->db().exec("UPDATE samples SET original_label = label");
        p->db().exec("UPDATE samples SET original_label = (SELECT id FROM classes WHERE idx=1) WHERE id=" +
                     std::to_string(nearCopy()));
    }

    void scanShowsTheStoredCounts() {
        widgets::JobRunner runner;
        widgets::IssuesPanel panel(&runner);
        panel.setProject(m_file);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);  // read on a worker
        QVERIFY(!panel.result().has_value());
        panel.kChoice()->setValue(5);
        scan(panel);
        QVERIFY(panel.result().has_value());
        auto p = core::Project::openReadOnly(m_file);
        const auto latest = core::latestCuration(*p);
        QVERIFY(latest);
        QCOMPARE(panel.result()->id, latest->id);
        QCOMPARE(latest->params.value("k", 0), 5);
        const auto counts = core::curationIssueCounts(*p, latest->id);
        QCOMPARE(panel.issueList()->topLevelItemCount(), int(counts.size()));
        for (const auto& [type, count] : counts)
            QCOMPARE(panel.countShown(QString::fromStdString(type)), qint64(count));
        // The planted copies: one exact pair leaking into test, one near pair with two labels.
        QCOMPARE(panel.countShown(QStringLiteral("exact-duplicate")), qint64(2));
        QCOMPARE(panel.countShown(QStringLiteral("leakage")), qint64(2));
        QCOMPARE(panel.countShown(QStringLiteral("near-duplicate")), qint64(2));
        QCOMPARE(panel.countShown(QStringLiteral("duplicate-label-conflict")), qint64(2));
        // Self-test: of the two flagged conflict samples one is the mislabelled near copy.
        for (int i = 0; i < panel.issueList()->topLevelItemCount(); ++i) {
            const auto* item = panel.issueList()->topLevelItem(i);
            if (item->data(0, Qt::UserRole).toString() != QLatin1String("duplicate-label-conflict")) continue;
            QCOMPARE(item->text(2), QLocale().toString(50.0, 'f', 1) + QLatin1Char('%'));
            QCOMPARE(item->text(3), QLocale().toString(100.0, 'f', 1) + QLatin1Char('%'));
        }
        QVERIFY2(panel.summaryText().contains(QStringLiteral("thumbnail")), qPrintable(panel.summaryText()));
    }

    // A finished run with outputs is offered as features (runs are stored "done"); a failed
    // run and one without outputs are not.
    void finishedRunsAreOfferedAsFeatures() {
        QTemporaryDir dir;
        const auto ids = testing::makeImageProject(dir.path(), {{Qt::gray, QSize(8, 8), 0, 0}}, 1);
        QCOMPARE(ids.size(), size_t(1));
        const auto file = testing::projectFile(dir.path());
        {
            auto p = core::Project::open(file);
            p->db().exec("INSERT INTO runs(id, created_at, state, kind, config_json, outputs_dir) VALUES"
                         "(1, 't', 'done', 'train', '{}', 'runs/1'), (2, 't', 'failed', 'train', '{}', 'runs/2'),"
                         "(3, 't', 'done', 'train', '{}', NULL)");
        }
        widgets::JobRunner runner;
        widgets::IssuesPanel panel(&runner);
        panel.setProject(file);
        QVERIFY(panel.featuresChoice()->findData(QStringLiteral("run:1")) >= 0);
        QCOMPARE(panel.featuresChoice()->findData(QStringLiteral("run:2")), -1);
        QCOMPARE(panel.featuresChoice()->findData(QStringLiteral("run:3")), -1);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);
    }

    // A sample whose file no longer matches the hash its import took is named in the summary's
    // warnings (the fixture writes its rows by SQL, so the test plants that import hash).
    void summaryNamesSamplesChangedSinceImport() {
        QTemporaryDir dir;
        const auto ids = testing::makeImageProject(
            dir.path(), {{Qt::gray, QSize(8, 8), 0, 0}, {Qt::red, QSize(8, 8), 0, 0}, {Qt::blue, QSize(8, 8), 0, 0}}, 1);
        QCOMPARE(ids.size(), size_t(3));
        const auto file = testing::projectFile(dir.path());
        {
            auto p = core::Project::open(file);
            p->db().exec("UPDATE samples SET content_sha256 = zeroblob(32) WHERE id = " + std::to_string(ids[1]));
        }
        widgets::JobRunner runner;
        widgets::IssuesPanel panel(&runner);
        panel.setProject(file);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);
        panel.kChoice()->setValue(2);
        scan(panel);
        QVERIFY2(panel.summaryText().contains(QStringLiteral("1 sample(s) changed since their import")),
                 qPrintable(panel.summaryText()));
        QVERIFY2(panel.summaryText().contains(QStringLiteral("content differs from its import")),
                 qPrintable(panel.summaryText()));
    }

    // A run's features that cannot be cached (the cache's features folder is a file) are held in
    // memory; the summary's warnings say so, naming why.
    void summaryNamesFeaturesHeldInMemory() {
        QTemporaryDir dir;
        const auto ids = testing::makeImageProject(
            dir.path(), {{Qt::gray, QSize(8, 8), 0, 0}, {Qt::red, QSize(8, 8), 0, 0}, {Qt::blue, QSize(8, 8), 1, 0}}, 2);
        QCOMPARE(ids.size(), size_t(3));
        const auto file = testing::projectFile(dir.path());
        {
            auto p = core::Project::open(file);
            p->db().exec("INSERT INTO runs(id, created_at, state, kind, config_json, outputs_dir) VALUES"
                         "(1, 't', 'done', 'train', '{}', 'runs/1')");
            const std::vector<float> h = {1, 0, 0, 0, 1, 0, 0, 0, 1}, logits(6, 0.f), loss(3, 0.f);
            core::RunOutputsWriter w(p->cacheDir() / "runs" / "1", {3, 2, 3, "test"});
            w.append(ids.data(), logits.data(), h.data(), loss.data(), 3);
            w.finish();
            std::filesystem::create_directories(p->cacheDir() / "curation");
            std::ofstream(p->cacheDir() / "curation" / "features") << "a file where the folder should be";
        }
        widgets::JobRunner runner;
        widgets::IssuesPanel panel(&runner);
        panel.setProject(file);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);
        const int run = panel.featuresChoice()->findData(QStringLiteral("run:1"));
        QVERIFY(run >= 0);
        panel.featuresChoice()->setCurrentIndex(run);
        panel.kChoice()->setValue(2);
        scan(panel);
        QVERIFY2(panel.summaryText().contains(QStringLiteral("could not be cached (held in memory)")),
                 qPrintable(panel.summaryText()));
    }

    void sliderCountsGroupsLive() {
        widgets::JobRunner runner;
        widgets::IssuesPanel panel(&runner);
        panel.setProject(m_file);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);  // read on a worker
        QVERIFY(panel.result().has_value());
        QVERIFY(panel.thresholdSlider()->isEnabled());
        auto p = core::Project::openReadOnly(m_file);
        const auto arrays = core::loadCurationArrays(*p, *panel.result());
        const auto exact = exactGroups(*p, panel.result()->id);
        // At the threshold the scan used, the groups it stored.
        const auto& groups = core::jsonField(panel.result()->summary, "groups");
        QCOMPARE(panel.liveGroups().groups,
                 core::jsonInt(core::jsonField(groups, "exact")) + core::jsonInt(core::jsonField(groups, "near")));
        for (const int64_t id : {m_ids[kRandom + 3], m_ids[kRandom + 4]}) {  // the fixture's grading
            const float d = core::storedNeighbours(arrays, id, 1).front().second;
            QVERIFY2(d > 0.05f && d < 0.2f, qPrintable(QString::number(double(d))));
        }
        for (int step : {0, 1, 20, 100, 150, 200, 300, 400}) {
            panel.thresholdSlider()->setValue(step);  // as the user drags it
            const double t = step * widgets::IssuesPanel::kSliderStep;
            QCOMPARE(panel.sliderThreshold(), t);
            const auto expected = core::nearDuplicateGroupsAt(arrays, t, exact);
            QCOMPARE(panel.liveGroups().groups, expected.groups);
            QCOMPARE(panel.liveGroups().samples, expected.samples);
            QVERIFY(panel.liveText().contains(QLocale().toString(qint64(expected.groups))));
        }
        // The graded family joins as the slider moves past its distances.
        panel.thresholdSlider()->setValue(widgets::IssuesPanel::kSliderSteps);
        QVERIFY(panel.liveGroups().samples >= 7);
        // Threshold 0 keeps the exact pair and the near pair apart from the rest: exact only.
        panel.thresholdSlider()->setValue(0);
        QCOMPARE(panel.liveGroups().groups, int64_t(1));
        QCOMPARE(panel.liveGroups().samples, int64_t(2));
        // Dragging the handle: the count follows the handle (coalesced), not the old value.
        QSlider* slider = panel.thresholdSlider();
        slider->setSliderDown(true);
        slider->setSliderPosition(widgets::IssuesPanel::kSliderSteps);
        QCOMPARE(slider->value(), 0);  // not applied until released
        const auto atEnd = core::nearDuplicateGroupsAt(arrays, widgets::IssuesPanel::kSliderSteps *
                                                                   widgets::IssuesPanel::kSliderStep, exact);
        QTRY_COMPARE(panel.liveGroups().samples, atEnd.samples);
        slider->setSliderDown(false);
        QCOMPARE(slider->value(), widgets::IssuesPanel::kSliderSteps);
        QCOMPARE(panel.liveGroups().samples, atEnd.samples);
    }

    void issueOpensItsQueue() {
        widgets::JobRunner runner;
        widgets::IssuesPanel panel(&runner);
        panel.setProject(m_file);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);  // read on a worker
        QVERIFY(panel.result().has_value());
        const qint64 id = panel.result()->id;
        QSignalSpy issue(&panel, &widgets::IssuesPanel::reviewIssueRequested);
        QSignalSpy groups(&panel, &widgets::IssuesPanel::reviewGroupsRequested);
        panel.openIssue(QStringLiteral("near-duplicate"));
        QCOMPARE(issue.count(), 1);
        QCOMPARE(issue.front().at(0).toLongLong(), id);
        QCOMPARE(issue.front().at(1).toString(), QStringLiteral("near-duplicate"));
        QCOMPARE(groups.count(), 1);
        QCOMPARE(groups.front().at(1).toString(), QStringLiteral("near-duplicate"));
        panel.openIssue(QStringLiteral("neighbour-label-conflict"));
        QCOMPARE(issue.count(), 2);
        QCOMPARE(groups.count(), 1);  // not a duplicate type

        auto p = core::Project::openReadOnly(m_file);
        for (const auto& [type, count] : core::curationIssueCounts(*p, id)) {
            auto expected = core::curationIssues(*p, id, type);
            std::stable_sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
                return a.score != b.score ? a.score > b.score : a.sampleId < b.sampleId;
            });
            const auto data = widgets::loadCurationReviewData(m_file, id, QString::fromStdString(type));
            QVERIFY(data);
            widgets::ReviewQueueModel model;
            model.setReviewData(data);
            QCOMPARE(model.rowCount(), int(expected.size()));
            for (int r = 0; r < model.rowCount(); ++r) {
                QCOMPARE(model.sampleIdAt(r), qint64(expected[size_t(r)].sampleId));
                QCOMPARE(model.data(model.index(r), widgets::ReviewQueueModel::ScoreRole).toFloat(),
                         float(expected[size_t(r)].score));
            }
        }
        QVERIFY(!widgets::loadCurationReviewData(m_file, id, QStringLiteral("tiny")));
    }

    void reviewWindowShowsAnIssueQueue() {
        auto p = core::Project::openReadOnly(m_file);
        const auto latest = core::latestCuration(*p);
        QVERIFY(latest);
        const auto expected = core::curationIssues(*p, latest->id, "exact-duplicate");
        p.reset();
        // Asked for while the window still loads its first queue: the request is not dropped.
        auto* w = new gui::ReviewWindow(m_file);
        w->showCurationIssue(latest->id, QStringLiteral("exact-duplicate"));
        QTRY_COMPARE_WITH_TIMEOUT(w->review()->model()->rowCount(), int(expected.size()), 20000);
        const auto data = w->review()->model()->reviewData();
        QCOMPARE(data->detector, widgets::IssueNames::detectorOf(QStringLiteral("exact-duplicate")));
        QTRY_VERIFY_WITH_TIMEOUT(w->bannerText().contains(QStringLiteral("scan %1").arg(latest->id)), 20000);
        QVERIFY(!data->reason.empty());
        w->review()->setCurrentRow(0);
        const qint64 first = w->review()->currentSampleId();
        QVERIFY(w->review()->decide(core::ReviewAction::Exclude));
        QCOMPARE(w->review()->model()->decision(first), widgets::DecisionState::Exclude);
        QVERIFY(w->review()->canUndo());
        QVERIFY(w->review()->undo());
        QCOMPARE(w->review()->model()->decision(first), widgets::DecisionState::None);
        // Review ▸ More like this asks for the current sample's neighbours.
        QSignalSpy more(w, &gui::ReviewWindow::moreLikeThisRequested);
        auto* action = w->findChild<QAction*>(QStringLiteral("moreLikeThis"));
        QVERIFY(action);
        action->trigger();
        QCOMPARE(more.count(), 1);
        QCOMPARE(more.front().at(0).toLongLong(), first);
        delete w;
    }

    void moreLikeThisUsesTheStoredNeighbours() {
        widgets::JobRunner runner;
        widgets::IssuesPanel panel(&runner);
        panel.setProject(m_file);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);  // read on a worker
        QVERIFY(panel.result().has_value());
        auto p = core::Project::openReadOnly(m_file);
        const auto arrays = core::loadCurationArrays(*p, *panel.result());
        QVERIFY(panel.showMoreLikeThis(m_ids[1], 3));
        const auto stored = core::storedNeighbours(arrays, m_ids[1], 3);
        QCOMPARE(panel.similarShown().size(), qsizetype(stored.size()));
        QCOMPARE(int(stored.size()), 3);
        for (size_t i = 0; i < stored.size(); ++i) {
            QCOMPARE(panel.similarShown()[qsizetype(i)].first, qint64(stored[i].first));
            QCOMPARE(panel.similarShown()[qsizetype(i)].second, stored[i].second);
        }
        // The planted copies come first: the near copy of sample 1, the byte copy of sample 0.
        QCOMPARE(panel.similarShown().front().first, nearCopy());
        QVERIFY(panel.showMoreLikeThis(m_ids[0], 1));
        QCOMPARE(panel.similarShown().front().first, exactCopy());
        QCOMPARE(panel.similarShown().front().second, 0.0f);
        QVERIFY(panel.moreLikeThisText().contains(QStringLiteral("thumbnail")));
        QSignalSpy activated(&panel, &widgets::IssuesPanel::sampleActivated);
        Q_EMIT panel.similarList()->itemActivated(panel.similarList()->item(0));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.front().at(0).toLongLong(), exactCopy());
        QVERIFY(!panel.showMoreLikeThis(999999));
    }

    void detailPaneAsksForMoreLikeThis() {
        widgets::DetailPane pane;
        QVERIFY(!pane.moreLikeThisButton()->isEnabled());
        pane.setProject(m_file);
        pane.showSample(m_ids[2]);
        QTRY_COMPARE_WITH_TIMEOUT(pane.current().id, qint64(m_ids[2]), 20000);
        QVERIFY(pane.moreLikeThisButton()->isEnabled());
        QSignalSpy asked(&pane, &widgets::DetailPane::moreLikeThisRequested);
        pane.moreLikeThisButton()->click();
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.front().at(0).toLongLong(), qint64(m_ids[2]));
    }

    // The main window's wiring: Review ▸ Issues… shows the dock with the newest scan, the
    // detail pane's "More like this" fills it, an issue type opens its queue in the Review window.
    void mainWindowWiresTheIssuesDock() {
        gui::MainWindow mw;
        QVERIFY(gui_fixture::openProject(mw, m_file));
        auto* dock = mw.findChild<QDockWidget*>(QStringLiteral("issuesDock"));
        QVERIFY(dock);
        QVERIFY(!dock->isVisible());
        mw.show();
        auto* issues = mw.findChild<QAction*>(QStringLiteral("actionIssues"));
        QVERIFY(issues);
        issues->trigger();
        QVERIFY(dock->isVisible());
        widgets::IssuesPanel* panel = mw.issuesPanel();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->loading(), 20000);
        QVERIFY(panel->result().has_value());
        QCOMPARE(panel->countShown(QStringLiteral("exact-duplicate")), qint64(2));

        auto* detail = mw.findChild<widgets::DetailPane*>();
        QVERIFY(detail);
        QVERIFY(mw.selectSample(m_ids[0]));
        QTRY_VERIFY_WITH_TIMEOUT(detail->moreLikeThisButton()->isEnabled() && detail->current().id == m_ids[0], 20000);
        detail->moreLikeThisButton()->click();
        QVERIFY(!panel->similarShown().isEmpty());
        QCOMPARE(panel->similarShown().front().first, exactCopy());

        panel->openIssue(QStringLiteral("exact-duplicate"));
        gui::ReviewWindow* rw = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((rw = gui_fixture::topLevel<gui::ReviewWindow>()) != nullptr, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(rw->review()->model()->rowCount(), 2, 20000);
        QCOMPARE(rw->review()->model()->reviewData()->detector, QStringLiteral("curation:exact-duplicate"));

        // "Review these" in the quality section: the samples beyond the cut, in its order.
        widgets::QualitySection* quality = panel->qualitySection();
        quality->cutBox()->setValue(0.9);  // brightness below 0.9: every noise image
        const QVector<qint64> beyond = quality->idsBeyond();
        QVERIFY(beyond.size() > 2);
        QCOMPARE(quality->countBeyond(), qint64(beyond.size()));
        quality->reviewButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(rw->review()->model()->reviewData()->detector, QStringLiteral("quality-cut"), 20000);
        QCOMPARE(rw->review()->model()->rowCount(), int(beyond.size()));
        for (int r = 0; r < rw->review()->model()->rowCount(); ++r)
            QCOMPARE(rw->review()->model()->sampleIdAt(r), beyond[r]);
        rw->close();
    }

    void moreLikeThisWithoutScanOffersOne() {
        QTemporaryDir dir;
        testing::makeImageProject(dir.path(), {{Qt::red, QSize(8, 8), 0, 0}, {Qt::blue, QSize(8, 8), 1, 0}}, 2);
        widgets::JobRunner runner;
        widgets::IssuesPanel panel(&runner);
        panel.setProject(testing::projectFile(dir.path()));
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);
        QVERIFY(!panel.showMoreLikeThis(1));
        QVERIFY(panel.similarShown().isEmpty());
        QVERIFY(panel.moreLikeThisText().contains(QStringLiteral("scan"), Qt::CaseInsensitive));
    }
};

QTEST_MAIN(TestIssuesPanel)
#include "tst_issues_panel.moc"
