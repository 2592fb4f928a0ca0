// The failure browser's top-k list, EI heat strip, two runs side by side and keys, under the
// offscreen platform, on the hand-built set of tests/core/retrieval_fixture.h evaluated through
// the project's embedding cache. Known answers (from the fixture's vectors, by hand):
//  * run A (the fixture's encoder): failures B (margin 0.5), C (0, zebra ties horse), D (0.5,
//    B's "a red plane sings" ties D's truth). Query B's top-k: "A red plane sings." 1.0
//    (adversarial, swap bird > plane), "A red bird sings." 0.5 (ground truth), then 0.
//  * run B (another encoder: "a red plane sings" -> e5, "a cat runs on grass" -> e1 + e4):
//    failures A (the cat caption ties A's "a dog runs on grass" at 1) and C. So A only = {B, D},
//    B only = {A}, both = {C}. Attacked image -> text FR@1: 3/4 in A, 2/4 in B.
//  * EI: a details file beside the set gives B's "a red bird sings" EI 0.25 0.5 0.125 0.75,
//    swapped word "bird" (position 2); C's caption has no record: "not available".
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <fstream>

#include <nlohmann/json.hpp>

#include "../core/retrieval_fixture.h"
#include "core/retrieval/embedding_cache.h"
#include "core/retrieval/retrieval_evaluation.h"
#include "core/retrieval/retrieval_import.h"
#include "core/retrieval/retrieval_request.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "widgets/retrieval/retrieval_browser.h"
#include "widgets/retrieval/retrieval_comparison_view.h"
#include "widgets/retrieval/retrieval_ei_strip.h"
#include "widgets/retrieval/retrieval_failure_model.h"
#include "widgets/retrieval/retrieval_results_view.h"
#include "widgets/retrieval/retrieval_topk_view.h"
#include "widgets/review/key_help_overlay.h"

using namespace winnow;
namespace fs = std::filesystem;

namespace {

class OtherEncoder : public test::FakeEncoder {
public:
    std::string identity() const override { return "sha256:" + std::string(64, 'b'); }
    std::string description() const override { return "other.pt, D=5"; }
};

int64_t evaluateCached(core::Project& project, core::DualEncoder& encoder, int64_t setId) {
    const core::CaptionSet set = core::loadStoredCaptionSet(project.db(), setId);
    core::RetrievalEvalInput in;
    in.setId = setId;
    in.set = &set;
    in.setAttackName = "handbuilt";
    core::EmbeddingCache cache(project.cacheDir() / "retrieval" / "embeddings", encoder);
    core::RetrievalEvalOptions options;
    core::useEmbeddingCache(options, cache);
    const int64_t run = core::runRetrievalEvaluation(project, encoder, in, options).runId;
    cache.flush();
    return run;
}

}  // namespace

class TestRetrievalTopKBrowser : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_project;
    int64_t m_runA = 0, m_runB = 0;

    void waitLoaded(widgets::RetrievalBrowser& b) {
        if (b.isLoading()) {
            QSignalSpy spy(&b, &widgets::RetrievalBrowser::loaded);
            QVERIFY(spy.wait(20000));
        }
    }
    void waitTopK(widgets::RetrievalBrowser& b) {
        QTRY_VERIFY_WITH_TIMEOUT(!b.isComputingTopK(), 20000);
    }
    void waitCompared(widgets::RetrievalBrowser& b) {
        QTRY_VERIFY_WITH_TIMEOUT(!b.isLoadingComparison(), 20000);
        QCoreApplication::processEvents();
    }

private Q_SLOTS:
    void initTestCase() {
        const fs::path d = m_tmp.path().toStdString();
        test::FakeEncoder a;
        test::writeHandBuiltSet(d, a);
        OtherEncoder b;
        test::writeHandBuiltSet(d, b);
        b.texts["a red plane sings"] = test::e5;
        b.texts["a cat runs on grass"] = {1, 0, 0, 1, 0};
        m_project = d / "p.winnow";
        auto project = core::Project::create(m_project);
        core::CaptionImportOptions o;
        o.imageFolder = d / "images";
        o.attacks = core::AttackLayout::Rococo;
        const int64_t setId = core::importCaptionSet(*project, d / "handbuilt.json", o).setId;
        m_runA = evaluateCached(*project, a, setId);
        m_runB = evaluateCached(*project, b, setId);
        // EI of B's attacked ground truth, as a caption attack writes it beside its captions.
        const nlohmann::json record = {{"image", "b.png"},
                                       {"caption", 2},
                                       {"normalised", "a red bird sings"},
                                       {"words", {"a", "red", "bird", "sings"}},
                                       {"ei", {{0.25, 0.5, 0.125, 0.75}}},
                                       {"source_index", 2}};
        const nlohmann::json details = {{"format", "winnow-caption-attack"},
                                        {"version", 1},
                                        {"encoders", {a.identity()}},
                                        {"captions", nlohmann::json::array({record})}};
        std::ofstream(d / "handbuilt.attack.json") << details.dump();
    }

    void topKOfTheKnownFailure() {
        widgets::RetrievalBrowser b;
        b.resize(1400, 900);
        b.open(m_project, m_runA);
        waitLoaded(b);
        QVERIFY2(b.errorText().isEmpty(), qPrintable(b.errorText()));
        QVERIFY(b.failureModel()->failureAt(0)->query.endsWith("b.png"));
        waitTopK(b);
        auto* view = b.topKView();
        QTableWidget* t = view->table();
        QCOMPARE(view->k(), 10);
        QCOMPARE(t->rowCount(), 10);
        QCOMPARE(t->item(0, widgets::RetrievalTopKView::Score)->text(), QStringLiteral("1.0000"));
        QVERIFY(t->item(0, widgets::RetrievalTopKView::Item)->text().contains("A red plane sings."));
        QVERIFY(t->item(0, widgets::RetrievalTopKView::Item)->text().contains("bird→plane"));
        QCOMPARE(view->markText(0), QStringLiteral("adversarial"));
        QCOMPARE(t->item(1, widgets::RetrievalTopKView::Score)->text(), QStringLiteral("0.5000"));
        QVERIFY(t->item(1, widgets::RetrievalTopKView::Item)->text().contains("A red bird sings."));
        QCOMPARE(view->markText(1), QStringLiteral("ground truth"));
        // The rest score 0; the first of them is an attack item (ties count against the truth).
        QCOMPARE(t->item(2, widgets::RetrievalTopKView::Score)->text(), QStringLiteral("0.0000"));
        QCOMPARE(view->markText(2), QStringLiteral("adversarial"));
        // Picking the adversarial row shows the word diff: plane highlighted, bird struck.
        t->selectRow(0);
        const QString item = view->itemLabel()->text();
        QVERIFY2(item.contains("<b>plane</b>"), qPrintable(item));
        QVERIFY2(item.contains("<s>bird</s>"), qPrintable(item));

        // k is adjustable.
        view->setK(3);
        waitTopK(b);
        QCOMPARE(t->rowCount(), 3);
    }

    void eiStripOfTheAttackedCaption() {
        widgets::RetrievalBrowser b;
        b.open(m_project, m_runA);
        waitLoaded(b);
        waitTopK(b);
        widgets::RetrievalEiStrip* strip = b.topKView()->eiStrip();
        QVERIFY2(strip->available(), qPrintable(strip->message()));
        QCOMPARE(strip->cellCount(), 4);
        QCOMPARE(strip->chosenCell(), 2);
        QCOMPARE(strip->cellText(2), QStringLiteral("bird"));
        QCOMPARE(strip->cellValue(2), 0.125);
        QVERIFY2(strip->cellToolTip(2).contains("0.1250"), qPrintable(strip->cellToolTip(2)));
        // Colour by EI: the highest ("sings", 0.75) reddest, the lowest ("bird") white.
        QCOMPARE(strip->cellColor(2), QColor(255, 255, 255));
        QVERIFY(strip->cellColor(3).green() < strip->cellColor(1).green());
        QVERIFY(strip->cellColor(1).green() < strip->cellColor(0).green());
        // C's caption has no EI record: "not available".
        b.step(1);
        waitTopK(b);
        QVERIFY(b.failureModel()->failureAt(1)->query.endsWith("c.png"));
        QVERIFY(!strip->available());
        QVERIFY2(strip->message().contains("not available"), qPrintable(strip->message()));
        QCOMPARE(strip->cellCount(), 0);
    }

    void twoRunsSideBySide() {
        widgets::RetrievalBrowser b;
        b.resize(1400, 900);
        b.open(m_project, m_runA);
        waitLoaded(b);
        QCOMPARE(b.failureModel()->rowCount(), 3);
        // Only the other run of the same set is offered.
        QCOMPARE(b.compareRuns()->count(), 2);
        QCOMPARE(b.compareRuns()->itemData(1).toLongLong(), m_runB);
        b.compareWith(m_runB);
        waitCompared(b);
        QVERIFY(b.isComparing());
        using C = widgets::RetrievalFailureModel::Filter::Compare;
        auto* model = b.failureModel();
        QCOMPARE(model->compareCount(C::AOnly), 2);
        QCOMPARE(model->compareCount(C::BOnly), 1);
        QCOMPARE(model->compareCount(C::Both), 1);
        QComboBox* filter = b.compareFilter();
        filter->setCurrentIndex(filter->findData(int(C::AOnly)));
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(model->failureAt(0)->query.endsWith("b.png"));
        QVERIFY(model->failureAt(1)->query.endsWith("d.png"));
        filter->setCurrentIndex(filter->findData(int(C::BOnly)));
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(model->failureAt(0)->query.endsWith("a.png"));
        QCOMPARE(model->failureAt(0)->runId, m_runB);
        filter->setCurrentIndex(filter->findData(int(C::Both)));
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(model->failureAt(0)->query.endsWith("c.png"));
        QVERIFY(filter->itemText(filter->findData(int(C::AOnly))).contains("(2)"));
        // The B-only row's top-k comes from run B's cached embeddings: A's own "a dog runs on
        // grass" and the cat caption both score 1 for image A, the attack item first.
        filter->setCurrentIndex(filter->findData(int(C::BOnly)));
        waitTopK(b);
        QTableWidget* t = b.topKView()->table();
        QVERIFY(t->rowCount() >= 2);
        QVERIFY(t->item(0, widgets::RetrievalTopKView::Item)->text().contains("A cat runs on grass."));
        QCOMPARE(t->item(0, widgets::RetrievalTopKView::Score)->text(), QStringLiteral("1.0000"));
        QCOMPARE(b.topKView()->markText(1), QStringLiteral("ground truth"));

        // Results side by side: B's own table and bars, and the differences B - A.
        auto* cmp = b.comparisonView();
        QVERIFY(!cmp->isHidden());
        QCOMPARE(cmp->otherResults()->cleanBars().value(0), b.results()->cleanBars().value(0));
        QTableWidget* diff = cmp->differences();
        int attackedRow = -1;
        for (int r = 0; r < diff->rowCount(); ++r)
            if (diff->item(r, widgets::RetrievalComparisonView::Attack)->text() == "handbuilt" &&
                diff->item(r, widgets::RetrievalComparisonView::Direction)->text() == b.tr("image → text"))
                attackedRow = r;
        QVERIFY(attackedRow >= 0);
        // Attacked i2t: R@1 1/4 in both (D ties with A's caption even clean); FR@1: the top-1 is
        // an attack item for B, C, D in A (75 %), for A and C in B (50 %).
        QCOMPARE(diff->item(attackedRow, widgets::RetrievalComparisonView::R1A)->text(), QStringLiteral("25.00"));
        QCOMPARE(diff->item(attackedRow, widgets::RetrievalComparisonView::R1B)->text(), QStringLiteral("25.00"));
        QCOMPARE(diff->item(attackedRow, widgets::RetrievalComparisonView::Fr1A)->text(), QStringLiteral("75.00"));
        QCOMPARE(diff->item(attackedRow, widgets::RetrievalComparisonView::Fr1B)->text(), QStringLiteral("50.00"));
        QCOMPARE(diff->item(attackedRow, widgets::RetrievalComparisonView::Fr1Diff)->text(), QStringLiteral("-25.00"));

        b.compareWith(0);
        waitCompared(b);
        QVERIFY(!b.isComparing());
        QCOMPARE(model->rowCount(), 3);
    }

    void keysLikeTheReviewQueue() {
        widgets::RetrievalBrowser b;
        b.resize(1400, 900);
        b.show();
        QVERIFY(QTest::qWaitForWindowExposed(&b));
        b.open(m_project, m_runA);
        waitLoaded(b);
        waitTopK(b);
        QTableView* list = b.failureView();
        list->setFocus();
        QCOMPARE(list->currentIndex().row(), 0);
        QTest::keyClick(list, Qt::Key_L);
        QCOMPARE(list->currentIndex().row(), 1);
        QTest::keyClick(list, Qt::Key_L);
        QCOMPARE(list->currentIndex().row(), 2);
        QTest::keyClick(list, Qt::Key_J);
        QCOMPARE(list->currentIndex().row(), 1);
        QTest::keyClick(list, Qt::Key_J);
        QCOMPARE(list->currentIndex().row(), 0);
        waitTopK(b);
        // Enter goes into the top-k list; L moves there; Enter comes back.
        QTest::keyClick(list, Qt::Key_Return);
        QTableWidget* t = b.topKView()->table();
        QTRY_VERIFY(t->hasFocus());
        QCOMPARE(t->currentRow(), 0);
        QTest::keyClick(t, Qt::Key_L);
        QCOMPARE(t->currentRow(), 1);
        QCOMPARE(list->currentIndex().row(), 0);  // the query stays
        QTest::keyClick(t, Qt::Key_Return);
        QTRY_VERIFY(list->hasFocus());
        // + lengthens the list by 5.
        QTest::keyClick(list, Qt::Key_Plus);
        QCOMPARE(b.topKView()->k(), 15);
        waitTopK(b);
        // ? opens the help, written from the same key table.
        QTest::keyClick(list, Qt::Key_Question, Qt::ShiftModifier);
        QVERIFY(b.keyHelpOverlay()->isVisible());
        QVERIFY2(b.keyHelpOverlay()->text().contains("next query"), qPrintable(b.keyHelpOverlay()->text()));
    }
};

QTEST_MAIN(TestRetrievalTopKBrowser)
#include "tst_retrieval_topk.moc"
