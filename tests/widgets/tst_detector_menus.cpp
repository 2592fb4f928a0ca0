// The GUI's detector lists come from core's registry: the score dialog offers every registered
// detector under its shown name and enables only the settings it reads; a detector that only
// this test registers appears there under core's English name (no translation for it in
// widgets), and an id nobody registers (an older Winnow's scoring) shows as stored.
#include <QtTest>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>

#include <filesystem>

#include "core/influence/detector_compute.h"
#include "core/influence/detector_registry.h"
#include "core/store/project.h"
#include "widgets/analysis/analysis_jobs.h"
#include "widgets/analysis/score_dialog.h"
#include "widgets/review/detector_names.h"

namespace fs = std::filesystem;
using namespace winnow;

namespace {

core::DetectorInfo fakeDetector() {
    core::DetectorInfo d;
    d.id = "test-fake";
    d.displayName = "Test fake";
    d.description = "a detector only this test registers";
    d.settings = {"rate"};
    d.compute = [](core::DetectorInput& in) {
        core::DetectorOutput out;
        out.result.score.assign(size_t(in.work.n), 0.0f);
        out.result.flag.assign(size_t(in.work.n), 0);
        return out;
    };
    return d;
}

QStringList itemData(const QComboBox* box) {
    QStringList out;
    for (int i = 0; i < box->count(); ++i) out << box->itemData(i).toString();
    return out;
}

}  // namespace

class TestDetectorMenus : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_file;

private Q_SLOTS:
    void initTestCase() {
        m_file = fs::path(m_tmp.path().toStdString()) / "p.winnow";
        auto p = core::Project::create(m_file);
    }

    void builtInsUnderTheirNames() {
        const QStringList ids{"combined",        "influential-rank", "confident-learning", "small-loss",
                              "self-confidence", "aum",              "early-loss",         "cl-early"};
        QCOMPARE(widgets::scoringDetectors(), ids);
        const QStringList names{"Combined ranking", "Influential Rank",      "Confident learning",
                                "Small loss",       "Self-confidence",       "Area under the margin",
                                "Early loss",       "Confident learning (early epoch)"};
        widgets::ScoreDialog dlg(m_file);
        auto* box = dlg.findChild<QComboBox*>(QStringLiteral("scoreDetector"));
        QVERIFY(box);
        QCOMPARE(itemData(box), ids);
        for (int i = 0; i < ids.size(); ++i) {
            QCOMPARE(box->itemText(i), names[i]);
            QCOMPARE(widgets::detectorDisplayName(ids[i]), names[i]);
        }
        // The settings each detector reads.
        auto* gamma = dlg.findChild<QSpinBox*>(QStringLiteral("scoreGamma"));
        auto* rate = dlg.findChild<QDoubleSpinBox*>(QStringLiteral("scoreRate"));
        box->setCurrentIndex(ids.indexOf(QStringLiteral("influential-rank")));
        QVERIFY(gamma->isEnabled() && !rate->isEnabled());
        box->setCurrentIndex(ids.indexOf(QStringLiteral("self-confidence")));
        QVERIFY(!gamma->isEnabled() && rate->isEnabled());
        box->setCurrentIndex(ids.indexOf(QStringLiteral("small-loss")));
        QVERIFY(!gamma->isEnabled() && !rate->isEnabled());
        // A scoring an older or newer Winnow stored under an id nobody registers.
        QCOMPARE(widgets::DetectorNames::displayName(QStringLiteral("gone-detector")), QStringLiteral("gone-detector"));
        QCOMPARE(widgets::DetectorNames::scoringLabel(QStringLiteral("gone-detector"), 2, 7),
                 QStringLiteral("gone-detector · run 2 (scoring 7)"));
    }

    void aTestRegisteredDetectorIsOffered() {
        const core::ScopedDetectorRegistration reg(fakeDetector());
        QCOMPARE(widgets::scoringDetectors().last(), QStringLiteral("test-fake"));
        QCOMPARE(widgets::DetectorNames::displayName(QStringLiteral("test-fake")), QStringLiteral("Test fake"));
        widgets::ScoreDialog dlg(m_file);
        auto* box = dlg.findChild<QComboBox*>(QStringLiteral("scoreDetector"));
        const int at = box->findData(QStringLiteral("test-fake"));
        QVERIFY(at >= 0);
        QCOMPARE(box->itemText(at), QStringLiteral("Test fake"));
        box->setCurrentIndex(at);
        QVERIFY(dlg.findChild<QDoubleSpinBox*>(QStringLiteral("scoreRate"))->isEnabled());
        QVERIFY(!dlg.findChild<QSpinBox*>(QStringLiteral("scoreGamma"))->isEnabled());
        QCOMPARE(dlg.request().detector, std::string("test-fake"));
    }
};

QTEST_MAIN(TestDetectorMenus)
#include "tst_detector_menus.moc"
