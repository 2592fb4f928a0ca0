// Duplicate groups reviewed as groups (issue 14): keep one member and exclude the others, or mark
// the group as not duplicates; each decision is one review step (migration 9) that undo and redo
// treat as one unit, persisted and audited like label review.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/curation/curation.h"
#include "core/curation/duplicate_group_review.h"
#include "core/review/label_versions.h"
#include "core/review/review_log.h"
#include "core/review/review_steps.h"
#include "core/store/migrations.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

// Samples 1..7, label (i % 2), split train except sample 5 (test). Groups of result:
//   group 1 = {1, 2, 3} near duplicates, group 2 = {4, 5} exact duplicates leaking into test,
//   sample 6 an outlier, sample 7 in no issue.
std::unique_ptr<Project> makeProject(const fs::path& file, int64_t& resultId) {
    auto p = Project::create(file);
    p->db().exec("INSERT INTO classes(idx,name) VALUES(0,'cat'),(1,'dog')");
    for (int i = 1; i <= 7; ++i)
        p->db().exec("INSERT INTO samples(id,media_kind,path,split,label) VALUES(" + std::to_string(i) + ",0,'/x/" +
                     std::to_string(i) + ".png'," + (i == 5 ? "2" : "0") + ",(SELECT id FROM classes WHERE idx=" +
                     std::to_string(i % 2) + "))");
    CurationResult r;
    r.features = "thumbnail-grey16";
    r.params = {{"k", 10}};
    r.summary = {{"groups", 2}};
    r.issues = {{"exact-duplicate", 4, 2, 0},        {"exact-duplicate", 5, 2, 0},
                {"near-duplicate", 1, 1, 0.01},      {"near-duplicate", 2, 1, 0.01},
                {"near-duplicate", 3, 1, 0.01},      {"leakage", 4, 2, 0},
                {"leakage", 5, 2, 2},                {"outlier", 6, -1, 3.5}};
    resultId = storeCuration(*p, r);
    return p;
}

std::optional<ReviewAction> effectiveAction(Project& p, int64_t sample) {
    auto d = ReviewLog(p).effective(sample);
    if (!d) return std::nullopt;
    return d->action;
}

Decision decision(int64_t sample, ReviewAction action, int newLabel = -1) {
    Decision d;
    d.reviewer = "ann";
    d.sampleId = sample;
    d.action = action;
    d.newLabel = newLabel;
    return d;
}

int64_t excludedFlag(Project& p, int64_t sample) {
    return p.db().queryInt64("SELECT excluded FROM samples WHERE id=" + std::to_string(sample));
}

}  // namespace

class TestDuplicateGroupReview : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path file(const char* name) const { return fs::path(m_tmp.path().toStdString()) / name; }

private Q_SLOTS:
    void groupsComeFromTheStoredResult() {
        int64_t result = 0;
        auto p = makeProject(file("groups.winnow"), result);
        const auto all = duplicateGroups(*p, result);
        QCOMPARE(int(all.size()), 2);
        QCOMPARE(all[0].id, int64_t(1));
        QCOMPARE(all[0].members, (std::vector<int64_t>{1, 2, 3}));
        QCOMPARE(all[0].issues, (std::vector<std::string>{"near-duplicate"}));
        QCOMPARE(all[1].members, (std::vector<int64_t>{4, 5}));
        QCOMPARE(all[1].issues, (std::vector<std::string>{"exact-duplicate", "leakage"}));
        const auto leaks = duplicateGroups(*p, result, "leakage");
        QCOMPARE(int(leaks.size()), 1);
        QCOMPARE(leaks[0].id, int64_t(2));
        QVERIFY(duplicateGroups(*p, result, "duplicate-label-conflict").empty());
        QVERIFY_THROWS_EXCEPTION(Error, duplicateGroups(*p, result, "outlier"));
    }

    void keepOneExcludesExactlyTheOthers() {
        int64_t result = 0;
        auto p = makeProject(file("keep.winnow"), result);
        DuplicateGroupReview review(*p, result);
        QCOMPARE(review.decidedCount(), 0);
        const ReviewStep step = review.keepOne(1, 2, "ann");
        QCOMPARE(step.keeper, int64_t(2));
        QCOMPARE(step.groupId, int64_t(1));
        QCOMPARE(step.curationResult, result);

        QCOMPARE(effectiveAction(*p, 1), std::optional(ReviewAction::Exclude));
        QCOMPARE(effectiveAction(*p, 2), std::optional(ReviewAction::Keep));
        QCOMPARE(effectiveAction(*p, 3), std::optional(ReviewAction::Exclude));
        for (int64_t other : {4, 5, 6, 7}) QVERIFY(!effectiveAction(*p, other).has_value());
        QCOMPARE(review.state(1).verdict, GroupVerdict::KeptOne);
        QCOMPARE(review.state(1).keeper, int64_t(2));
        QCOMPARE(review.state(1).reviewer, std::string("ann"));
        QCOMPARE(review.state(2).verdict, GroupVerdict::Open);
        QCOMPARE(review.decidedCount(), 1);

        // Honoured exactly like an Exclude decision: applying the decisions excludes 1 and 3.
        const ApplyResult applied = applyReviewDecisions(*p, "after duplicates");
        QCOMPARE(applied.excluded, int64_t(2));
        QCOMPARE(excludedFlag(*p, 1), int64_t(1));
        QCOMPARE(excludedFlag(*p, 2), int64_t(0));
        QCOMPARE(excludedFlag(*p, 3), int64_t(1));
        QCOMPARE(excludedFlag(*p, 4), int64_t(0));

        // A keeper that is not a member is refused and changes nothing.
        QVERIFY_THROWS_EXCEPTION(Error, review.keepOne(2, 1, "ann"));
        QCOMPARE(review.state(2).verdict, GroupVerdict::Open);
        QVERIFY(!effectiveAction(*p, 4).has_value());
    }

    void undoRestoresEveryMembersPreviousDecision() {
        int64_t result = 0;
        auto p = makeProject(file("undo.winnow"), result);
        {
            ReviewLog log(*p);
            log.record(decision(1, ReviewAction::Relabel, 0));  // 1 was 'dog', relabelled 'cat'
            log.record(decision(3, ReviewAction::Ambiguous));
        }
        DuplicateGroupReview review(*p, result);
        review.keepOne(1, 2, "bob");
        QCOMPARE(effectiveAction(*p, 1), std::optional(ReviewAction::Exclude));
        QCOMPARE(effectiveAction(*p, 3), std::optional(ReviewAction::Exclude));
        QVERIFY(review.canUndo());

        const auto undone = review.undo("bob");
        QVERIFY(undone.has_value());
        QCOMPARE(undone->groupId, int64_t(1));
        const auto d1 = ReviewLog(*p).effective(1);
        QVERIFY(d1.has_value());
        QCOMPARE(d1->action, ReviewAction::Relabel);
        QCOMPARE(d1->newLabel, 0);
        QCOMPARE(effectiveAction(*p, 3), std::optional(ReviewAction::Ambiguous));
        QVERIFY(!effectiveAction(*p, 2).has_value());
        QCOMPARE(review.state(1).verdict, GroupVerdict::Open);
        QCOMPARE(review.decidedCount(), 0);
        QVERIFY(!review.canUndo());
        QVERIFY(review.canRedo());

        const auto redone = review.redo("bob");
        QVERIFY(redone.has_value());
        QCOMPARE(effectiveAction(*p, 1), std::optional(ReviewAction::Exclude));
        QCOMPARE(effectiveAction(*p, 2), std::optional(ReviewAction::Keep));
        QCOMPARE(effectiveAction(*p, 3), std::optional(ReviewAction::Exclude));
        QCOMPARE(review.state(1).verdict, GroupVerdict::KeptOne);
        QCOMPARE(review.state(1).keeper, int64_t(2));
        QVERIFY(!review.canRedo());

        // Keeping the relabelled member keeps its relabel (a keep row would drop it).
        review.undo("bob");
        review.keepOne(1, 1, "bob");
        const auto kept = ReviewLog(*p).effective(1);
        QCOMPARE(kept->action, ReviewAction::Relabel);
        QCOMPARE(kept->newLabel, 0);
        QCOMPARE(effectiveAction(*p, 2), std::optional(ReviewAction::Exclude));
        QVERIFY(!review.canRedo());  // a new decision clears the redo stack
    }

    void twoGroupStepsUndoOneAtATime() {
        int64_t result = 0;
        auto p = makeProject(file("two.winnow"), result);
        DuplicateGroupReview review(*p, result);
        review.keepOne(1, 3, "ann");
        review.keepOne(2, 5, "ann");
        QCOMPARE(review.decidedCount(), 2);
        review.undo("ann");
        QCOMPARE(review.state(2).verdict, GroupVerdict::Open);
        QVERIFY(!effectiveAction(*p, 4).has_value());
        QCOMPARE(review.state(1).verdict, GroupVerdict::KeptOne);
        QCOMPARE(effectiveAction(*p, 1), std::optional(ReviewAction::Exclude));
        QCOMPARE(review.decidedCount(), 1);
    }

    void notDuplicatesMarksTheGroupOnly() {
        int64_t result = 0;
        auto p = makeProject(file("notdup.winnow"), result);
        DuplicateGroupReview review(*p, result);
        QVERIFY(pairsJudgedNotDuplicates(*p).empty());
        review.notDuplicates(2, "ann");
        QCOMPARE(review.state(2).verdict, GroupVerdict::NotDuplicates);
        QCOMPARE(review.decidedCount(), 1);
        QVERIFY(!effectiveAction(*p, 4).has_value());
        QVERIFY(!effectiveAction(*p, 5).has_value());
        QCOMPARE(pairsJudgedNotDuplicates(*p), (std::set<std::pair<int64_t, int64_t>>{{4, 5}}));
        // A later decision on the same group replaces it.
        review.keepOne(2, 4, "ann");
        QCOMPARE(review.state(2).verdict, GroupVerdict::KeptOne);
        review.undo("ann");
        QCOMPARE(review.state(2).verdict, GroupVerdict::NotDuplicates);
        review.undo("ann");
        QCOMPARE(review.state(2).verdict, GroupVerdict::Open);
        QVERIFY(pairsJudgedNotDuplicates(*p).empty());
    }

    void aRescanKnowsThePairsJudgedNotDuplicates() {
        int64_t first = 0;
        auto p = makeProject(file("rescan.winnow"), first);
        DuplicateGroupReview review(*p, first);
        review.notDuplicates(2, "ann");  // {4, 5}
        QVERIFY(review.groups()[1].judgedNotDuplicates == false);  // read before the decision
        // A later scan finds {4, 5} again and {5, 6}, {1, 2}.
        CurationResult r;
        r.features = "thumbnail-grey16";
        r.params = {{"k", 10}};
        r.summary = {{"groups", 3}};
        r.issues = {{"near-duplicate", 4, 1, 0.01}, {"near-duplicate", 5, 1, 0.01}, {"near-duplicate", 5, 2, 0.01},
                    {"near-duplicate", 6, 2, 0.01}, {"near-duplicate", 1, 3, 0.01}, {"near-duplicate", 2, 3, 0.01}};
        const int64_t second = storeCuration(*p, r);
        const auto groups = duplicateGroups(*p, second);
        QCOMPARE(int(groups.size()), 3);
        QVERIFY(groups[0].judgedNotDuplicates);   // {4, 5}
        QVERIFY(!groups[1].judgedNotDuplicates);  // {5, 6}: never judged
        QVERIFY(!groups[2].judgedNotDuplicates);  // {1, 2}
        // Open in the new result all the same: its decisions are per result.
        QVERIFY(groupDecisions(*p, second).empty());
        // A group that adds a member to the judged pair is not judged as a whole.
        r.issues = {{"near-duplicate", 4, 1, 0.01}, {"near-duplicate", 5, 1, 0.01}, {"near-duplicate", 6, 1, 0.01}};
        const int64_t third = storeCuration(*p, r);
        QCOMPARE(duplicateGroups(*p, third)[0].members, (std::vector<int64_t>{4, 5, 6}));
        QVERIFY(!duplicateGroups(*p, third)[0].judgedNotDuplicates);
        review.undo("ann");
        QVERIFY(!duplicateGroups(*p, second)[0].judgedNotDuplicates);
    }

    void decisionsAndAuditPersistAcrossReopening() {
        const fs::path f = file("persist.winnow");
        int64_t result = 0;
        {
            auto p = makeProject(f, result);
            DuplicateGroupReview review(*p, result);
            review.keepOne(1, 2, "ann");
            review.notDuplicates(2, "ann");
            review.undo("ann");
            review.notDuplicates(2, "cho");
        }
        auto p = Project::open(f);
        DuplicateGroupReview review(*p, result);
        QVERIFY(!review.canUndo());  // the session's stack is not persisted, the decisions are
        QCOMPARE(review.decidedCount(), 2);
        QCOMPARE(review.state(1).verdict, GroupVerdict::KeptOne);
        QCOMPARE(review.state(1).keeper, int64_t(2));
        QCOMPARE(review.state(2).verdict, GroupVerdict::NotDuplicates);
        QCOMPARE(review.state(2).reviewer, std::string("cho"));
        QCOMPARE(effectiveAction(*p, 1), std::optional(ReviewAction::Exclude));
        QCOMPARE(effectiveAction(*p, 2), std::optional(ReviewAction::Keep));

        // The audit trail: every step with group, keeper and reviewer; the undo and what it undid.
        const auto history = ReviewStepLog(*p).history();
        QCOMPARE(int(history.size()), 4);
        QCOMPARE(history[0].action, std::string("keep-one"));
        QCOMPARE(history[0].groupId, int64_t(1));
        QCOMPARE(history[0].keeper, int64_t(2));
        QCOMPARE(history[0].reviewer, std::string("ann"));
        QCOMPARE(history[0].members, (std::vector<int64_t>{1, 2, 3}));
        QCOMPARE(int(history[0].decisions.size()), 3);
        QVERIFY(!history[0].undone);
        QVERIFY(history[1].undone);
        QCOMPARE(history[2].action, std::string("undo"));
        QCOMPARE(history[2].reverts, history[1].id);
        QCOMPARE(history[3].reviewer, std::string("cho"));
        // Each member's own history names the step.
        const auto h1 = ReviewLog(*p).history(1);
        QCOMPARE(int(h1.size()), 1);
        QCOMPARE(h1[0].stepId, history[0].id);

        const fs::path csv = file("steps.csv");
        QCOMPARE(exportReviewStepsCsv(*p, csv), int64_t(4));
        std::ifstream in(csv);
        std::vector<std::string> lines;
        for (std::string l; std::getline(in, l);) lines.push_back(l);
        QCOMPARE(int(lines.size()), 5);
        QCOMPARE(lines[0], std::string("step_id,time,reviewer,action,curation_result,group,keeper,members,decisions,"
                                       "reverts,undone"));
        const std::string first = lines[1];
        QVERIFY2(first.find(",ann,keep-one," + std::to_string(result) + ",1,2,1 2 3,exclude:1 keep:2 exclude:3,,0") !=
                     std::string::npos,
                 first.c_str());
    }

    void aStepIsRecordedWholeOrNotAtAll() {
        int64_t result = 0;
        auto p = makeProject(file("atomic.winnow"), result);
        ReviewStepLog log(*p);
        ReviewStep step;
        step.reviewer = "ann";
        step.action = kKeepOneStep;
        step.members = {1, 2, 999};
        step.decisions = {decision(1, ReviewAction::Keep), decision(999, ReviewAction::Exclude)};
        QVERIFY_THROWS_EXCEPTION(Error, log.record(step));  // sample 999 does not exist
        QVERIFY(log.history().empty());
        QVERIFY(!effectiveAction(*p, 1).has_value());
        QVERIFY(!log.canUndo());
        step.members = {1, 2};
        step.decisions = {decision(3, ReviewAction::Exclude)};  // not a member
        QVERIFY_THROWS_EXCEPTION(Error, log.record(step));
        step.decisions = {decision(1, ReviewAction::Trust)};    // not a label decision
        QVERIFY_THROWS_EXCEPTION(Error, log.record(step));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM review_decisions"), int64_t(0));
    }

    void olderProjectGetsTheReviewStepTables() {
        const fs::path f = file("old.winnow");
        {
            // A schema-8 file with one label decision, as the Winnow before review steps left it.
            Database db(f, Database::Mode::ReadWriteCreate);
            db.exec("PRAGMA application_id=1466527309");
            for (const Migration& m : migrations())
                if (m.version <= 8) db.exec(m.sql);
            db.exec("PRAGMA user_version=8");
            db.exec("INSERT INTO samples(id,media_kind,path,split) VALUES(1,0,'/x/1.png',0)");
            db.exec("INSERT INTO review_decisions(created_at,reviewer,sample_id,action) "
                    "VALUES('2026-01-01T00:00:00Z','ann',1,'exclude')");
        }
        auto p = Project::open(f);
        QCOMPARE(p->schemaVersion(), latestSchemaVersion());
        QVERIFY(latestSchemaVersion() >= 9);
        const auto d = ReviewLog(*p).effective(1);
        QVERIFY(d.has_value());
        QCOMPARE(d->action, ReviewAction::Exclude);
        QCOMPARE(d->stepId, int64_t(0));
        QVERIFY(ReviewStepLog(*p).history().empty());
    }
};

QTEST_APPLESS_MAIN(TestDuplicateGroupReview)
#include "tst_duplicate_group_review.moc"
