// Duplicate groups reviewed as groups from the keyboard (issue 14): 1–9 keep that member and
// exclude the others, N not duplicates, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y undo and redo one whole
// group decision, ←/→ J/K move. After every key the project is read back through a separate
// connection, as a crash-restart would see it.
#include <QImage>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>
#include <filesystem>

#include "core/curation/curation.h"
#include "core/curation/duplicate_group_review.h"
#include "core/review/review_log.h"
#include "core/review/review_steps.h"
#include "core/store/project.h"
#include "widgets/curation/duplicate_group_review.h"

using namespace winnow;
using widgets::DuplicateGroupReviewWidget;
namespace fs = std::filesystem;

namespace {

// Sample id -> effective action name ("" = none), through a fresh connection.
QString action(const fs::path& file, int64_t sample) {
    auto p = core::Project::open(file);
    const auto d = core::ReviewLog(*p).effective(sample);
    return d ? QString::fromLatin1(core::reviewActionName(d->action)) : QString();
}

core::GroupVerdict verdict(const fs::path& file, int64_t result, int64_t group, int64_t* keeper = nullptr) {
    auto p = core::Project::open(file);
    for (const auto& [id, st] : core::groupDecisions(*p, result))
        if (id == group) {
            if (keeper) *keeper = st.keeper;
            return st.verdict;
        }
    return core::GroupVerdict::Open;
}

}  // namespace

class TestDuplicateGroupReviewWidget : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path m_file;
    int64_t m_result = 0;

    // Samples 1..6 with real PNG files; group 1 = {1, 2, 3} near duplicates (train), group 2 =
    // {4, 5} exact duplicates, 5 in test (leakage); 6 in no group.
    void makeProject(const char* name) {
        m_file = fs::path(m_tmp.path().toStdString()) / name;
        auto p = core::Project::create(m_file);
        p->db().exec("INSERT INTO classes(idx,name) VALUES(0,'cat'),(1,'dog')");
        for (int i = 1; i <= 6; ++i) {
            const fs::path img = fs::path(m_tmp.path().toStdString()) / (std::string(name) + std::to_string(i) + ".png");
            QImage im(24 + i, 20, QImage::Format_RGB32);
            im.fill(QColor(40 * i, 100, 200 - 20 * i));
            QVERIFY(im.save(QString::fromStdString(img.string())));
            p->db().exec("INSERT INTO samples(id,media_kind,path,split,label,width,height) VALUES(" + std::to_string(i) +
                         ",0,'" + img.string() + "'," + (i == 5 ? "2" : "0") +
                         ",(SELECT id FROM classes WHERE idx=" + std::to_string(i % 2) + ")," + std::to_string(24 + i) +
                         ",20)");
        }
        core::CurationResult r;
        r.features = "thumbnail-grey16";
        r.params = {{"k", 10}};
        r.summary = {{"groups", 2}};
        r.issues = {{"exact-duplicate", 4, 2, 0}, {"exact-duplicate", 5, 2, 0}, {"near-duplicate", 1, 1, 0.01},
                    {"near-duplicate", 2, 1, 0.01}, {"near-duplicate", 3, 1, 0.01}, {"leakage", 4, 2, 0},
                    {"leakage", 5, 2, 2}, {"outlier", 6, -1, 3}};
        m_result = core::storeCuration(*p, r);
    }

private Q_SLOTS:
    void keysDecideUndoAndRedoWholeGroups() {
        makeProject("keys.winnow");
        DuplicateGroupReviewWidget w(m_file, m_result, {}, QStringLiteral("tester"));
        w.show();
        QCOMPARE(w.groupCount(), 2);
        QCOMPARE(w.currentGroupId(), qint64(1));
        QCOMPARE(w.currentMembers(), (QList<qint64>{1, 2, 3}));
        QCOMPARE(w.progressText(), QStringLiteral("0 of 2 groups decided"));
        auto* member2 = w.findChild<QWidget*>(QStringLiteral("member2"));
        QVERIFY(member2);
        const QString card = member2->findChildren<QLabel*>().at(2)->text();
        QVERIFY2(card.contains(QStringLiteral("#2 · cat")) && card.contains(QStringLiteral("train")) &&
                     card.contains(QStringLiteral("keys.winnow2.png")) && card.contains(QStringLiteral("26 × 20 px")),
                 qPrintable(card));

        // 2: keep sample 2, exclude 1 and 3; the view moves on to the next open group.
        QTest::keyClick(&w, Qt::Key_2);
        QCOMPARE(action(m_file, 1), QStringLiteral("exclude"));
        QCOMPARE(action(m_file, 2), QStringLiteral("keep"));
        QCOMPARE(action(m_file, 3), QStringLiteral("exclude"));
        QCOMPARE(action(m_file, 4), QString());
        int64_t keeper = 0;
        QCOMPARE(verdict(m_file, m_result, 1, &keeper), core::GroupVerdict::KeptOne);
        QCOMPARE(keeper, int64_t(2));
        QCOMPARE(w.currentGroupId(), qint64(2));
        QCOMPARE(w.progressText(), QStringLiteral("1 of 2 groups decided"));

        // The leaking pair shows its splits.
        const QString card5 = w.findChild<QWidget*>(QStringLiteral("member2"))->findChildren<QLabel*>().at(2)->text();
        QVERIFY2(card5.contains(QStringLiteral("test")), qPrintable(card5));

        // N: not duplicates; no sample decision.
        QTest::keyClick(&w, Qt::Key_N);
        QCOMPARE(verdict(m_file, m_result, 2), core::GroupVerdict::NotDuplicates);
        QCOMPARE(action(m_file, 4), QString());
        QCOMPARE(action(m_file, 5), QString());
        QCOMPARE(w.progressText(), QStringLiteral("2 of 2 groups decided"));

        // Ctrl+Z undoes the group decision, then the one before it with all three members.
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(verdict(m_file, m_result, 2), core::GroupVerdict::Open);
        QCOMPARE(verdict(m_file, m_result, 1), core::GroupVerdict::KeptOne);
        QCOMPARE(w.currentGroupId(), qint64(2));
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(verdict(m_file, m_result, 1), core::GroupVerdict::Open);
        for (int64_t s : {1, 2, 3}) QCOMPARE(action(m_file, s), QString());
        QCOMPARE(w.currentGroupId(), qint64(1));
        QCOMPARE(w.progressText(), QStringLiteral("0 of 2 groups decided"));
        QVERIFY(!w.canUndo());

        // Ctrl+Shift+Z and Ctrl+Y redo, in order.
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(verdict(m_file, m_result, 1), core::GroupVerdict::KeptOne);
        QCOMPARE(action(m_file, 1), QStringLiteral("exclude"));
        QCOMPARE(action(m_file, 2), QStringLiteral("keep"));
        QTest::keyClick(&w, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(verdict(m_file, m_result, 2), core::GroupVerdict::NotDuplicates);
        QVERIFY(!w.canRedo());

        // Every step is in the audit trail with the group, the keeper and the reviewer.
        {
            auto p = core::Project::open(m_file);
            const auto history = core::ReviewStepLog(*p).history();
            QCOMPARE(int(history.size()), 6);  // keep, not-dup, undo, undo, keep, not-dup
            QCOMPARE(history[0].keeper, int64_t(2));
            QCOMPARE(history[0].groupId, int64_t(1));
            QCOMPARE(history[0].reviewer, std::string("tester"));
            QCOMPARE(history[2].action, std::string("undo"));
        }
    }

    void navigationAndPlainKeys() {
        makeProject("nav.winnow");
        DuplicateGroupReviewWidget w(m_file, m_result, {}, QStringLiteral("tester"));
        QCOMPARE(w.currentGroupId(), qint64(1));
        QTest::keyClick(&w, Qt::Key_J);
        QCOMPARE(w.currentGroupId(), qint64(2));
        QTest::keyClick(&w, Qt::Key_Right);  // stays on the last group
        QCOMPARE(w.currentGroupId(), qint64(2));
        QTest::keyClick(&w, Qt::Key_K);
        QCOMPARE(w.currentGroupId(), qint64(1));
        QTest::keyClick(&w, Qt::Key_Right);
        QCOMPARE(w.currentGroupId(), qint64(2));
        QTest::keyClick(&w, Qt::Key_Left);
        QCOMPARE(w.currentGroupId(), qint64(1));
        // A digit beyond the group's size does nothing.
        QTest::keyClick(&w, Qt::Key_4);
        QCOMPARE(verdict(m_file, m_result, 1), core::GroupVerdict::Open);
        // Plain Z / Shift+Z as in the review queue.
        QTest::keyClick(&w, Qt::Key_3);
        QCOMPARE(action(m_file, 3), QStringLiteral("keep"));
        QTest::keyClick(&w, Qt::Key_Z);
        QCOMPARE(action(m_file, 3), QString());
        QCOMPARE(action(m_file, 1), QString());
        QTest::keyClick(&w, Qt::Key_Z, Qt::ShiftModifier);
        QCOMPARE(action(m_file, 3), QStringLiteral("keep"));
        QCOMPARE(action(m_file, 1), QStringLiteral("exclude"));
        // The help lists the keys that work.
        QStringList keys;
        for (const auto& e : w.keyHelp()) keys << e.keys;
        QVERIFY(keys.contains(QStringLiteral("N")));
        QVERIFY(keys.contains(QStringLiteral("1 … 9")));
        QTest::keyClick(&w, Qt::Key_Question);
        auto* overlay = w.findChild<widgets::KeyHelpOverlay*>();
        QVERIFY(overlay);
        QVERIFY(overlay->text().contains(QStringLiteral("Not duplicates")));
    }

    void issueFilterShowsOnlyThoseGroups() {
        makeProject("leak.winnow");
        DuplicateGroupReviewWidget w(m_file, m_result, QStringLiteral("leakage"), QStringLiteral("tester"));
        QCOMPARE(w.groupCount(), 1);
        QCOMPARE(w.currentMembers(), (QList<qint64>{4, 5}));
        QTest::keyClick(&w, Qt::Key_1);
        QCOMPARE(action(m_file, 4), QStringLiteral("keep"));
        QCOMPARE(action(m_file, 5), QStringLiteral("exclude"));
        QCOMPARE(w.progressText(), QStringLiteral("1 of 1 groups decided"));
        QVERIFY(w.stateText().contains(QStringLiteral("#4")));
        // A decision made elsewhere (another window, its own connection) shows after reload().
        {
            auto p = core::Project::open(m_file);
            core::DuplicateGroupReview other(*p, m_result);
            other.notDuplicates(2, "someone else");
        }
        QVERIFY(w.stateText().contains(QStringLiteral("#4")));
        w.reload();
        QVERIFY2(w.stateText().contains(QStringLiteral("someone else")), qPrintable(w.stateText()));
    }

    void badProjectSaysWhyAndDecidesNothing() {
        const fs::path missing = fs::path(m_tmp.path().toStdString()) / "missing.winnow";
        DuplicateGroupReviewWidget w(missing, 1, {}, QStringLiteral("tester"));
        QCOMPARE(w.groupCount(), 0);
        QVERIFY2(w.statusText().contains(QString::fromStdString(missing.string())), qPrintable(w.statusText()));
        QTest::keyClick(&w, Qt::Key_1);
        QTest::keyClick(&w, Qt::Key_N);
        QTest::keyClick(&w, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!fs::exists(missing));
        makeProject("nogroups.winnow");
        DuplicateGroupReviewWidget bad(m_file, m_result, QStringLiteral("outlier"), QStringLiteral("tester"));
        QCOMPARE(bad.groupCount(), 0);
        QVERIFY2(bad.statusText().contains(QStringLiteral("outlier")), qPrintable(bad.statusText()));
    }
};

QTEST_MAIN(TestDuplicateGroupReviewWidget)
#include "tst_duplicate_group_review.moc"
