// Review decisions: audit log, undo/redo, durability under kill -9, label versions, exports.
#include <QtTest>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include "core/dataset/sample_store.h"
#include "core/review/exporters.h"
#include "core/review/label_versions.h"
#include "core/review/review_log.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

// Three classes, `n` image samples with label i % 3 pointing at files under `mediaDir`.
std::unique_ptr<Project> makeProject(const fs::path& file, const fs::path& mediaDir, int n) {
    auto p = Project::create(file);
    auto& db = p->db();
    db.exec("INSERT INTO classes(idx,name) VALUES(0,'cat'),(1,'dog'),(2,'../evil/bird')");
    fs::create_directories(mediaDir);
    Transaction tx(db);
    auto st = db.prepare(
        "INSERT INTO samples(media_kind,path,split,label) VALUES(0,?,0,"
        "(SELECT id FROM classes WHERE idx=?))");
    for (int i = 0; i < n; ++i) {
        fs::path f = mediaDir / ("img" + std::to_string(i) + ".png");
        std::ofstream(f) << "png bytes " << i;
        st.bind(1, f.string()).bind(2, i % 3).run();
    }
    tx.commit();
    return p;
}

Decision relabel(int64_t sample, int from, int to) {
    Decision d;
    d.reviewer = "ann";
    d.sampleId = sample;
    d.action = ReviewAction::Relabel;
    d.oldLabel = from;
    d.newLabel = to;
    d.detector = "influential-rank";
    d.score = 2.5;
    return d;
}

std::vector<std::string> readLines(const fs::path& f) {
    std::ifstream in(f);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

}  // namespace

class TestReview : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;
    fs::path dir() { return fs::path(m_tmp.path().toStdString()); }
    std::unique_ptr<Project> fresh(int n = 9) {
        ++m_n;
        return makeProject(dir() / ("p" + std::to_string(m_n) + ".winnow"),
                           dir() / ("media" + std::to_string(m_n)), n);
    }

private Q_SLOTS:
    void recordUndoRedo() {
        auto p = fresh();
        ReviewLog log(*p);
        auto a = log.record(relabel(1, 0, 1));
        auto b = log.record(relabel(1, 1, 2));
        QCOMPARE(log.effective(1)->newLabel, 2);
        QCOMPARE(log.undo("ann")->id, b.id);
        QCOMPARE(log.effective(1)->id, a.id);  // the earlier decision is effective again
        QCOMPARE(log.undo("ann")->id, a.id);
        QVERIFY(!log.effective(1).has_value());
        QVERIFY(!log.undo("ann").has_value());
        auto again = log.redo("ann");
        QVERIFY(again && again->newLabel == 1 && again->id > b.id);
        QCOMPARE(log.effective(1)->newLabel, 1);
        // History is append-only: 2 decisions + 2 undos + 1 redo.
        auto h = log.history(1);
        QCOMPARE(int(h.size()), 5);
        QVERIFY(h[2].isUndo && h[2].reverts == b.id);
        QCOMPARE(h[0].newLabel, 1);  // the first row was never rewritten
        QCOMPARE(h[0].detector, std::string("influential-rank"));
        // A new decision clears the redo stack.
        log.undo("ann");
        log.record(relabel(2, 2, 0));
        QVERIFY(!log.canRedo());
    }

    void trustIsImmediateAndUndoable() {
        auto p = fresh();
        ReviewLog log(*p);
        Decision d;
        d.reviewer = "ann";
        d.sampleId = 3;
        d.action = ReviewAction::Trust;
        log.record(d);
        QCOMPARE(p->db().queryInt64("SELECT trusted FROM samples WHERE id=3"), 1);
        log.undo("ann");
        QCOMPARE(p->db().queryInt64("SELECT trusted FROM samples WHERE id=3"), 0);
    }

    void trustDoesNotSupersedeRelabel() {
        auto p = fresh();
        ReviewLog log(*p);
        log.record(relabel(4, 0, 1));
        Decision t;
        t.reviewer = "ann";
        t.sampleId = 4;
        t.action = ReviewAction::Trust;
        log.record(t);
        QCOMPARE(int(log.effective(4)->action), int(ReviewAction::Relabel));
        QCOMPARE(applyReviewDecisions(*p, "v").relabelled, 1);
        QCOMPARE(p->db().queryInt64("SELECT trusted FROM samples WHERE id=4"), 1);
    }

    void rejectsUnknownSample() {
        auto p = fresh();
        ReviewLog log(*p);
        QVERIFY_THROWS_EXCEPTION(Error, log.record(relabel(999, 0, 1)));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM review_decisions"), 0);
    }

    void killDuringDecisionsLosesNothingAcknowledged() {
        fs::path file = dir() / "kill.winnow";
        { makeProject(file, dir() / "killmedia", 50); }
        for (int trial = 0; trial < 5; ++trial) {
            int64_t before = Project::open(file)->db().queryInt64(
                "SELECT count(*) FROM review_decisions");
            int fds[2];
            QVERIFY(pipe(fds) == 0);
            pid_t pid = fork();
            if (pid == 0) {
                close(fds[0]);
                auto p = Project::open(file);
                ReviewLog log(*p);
                for (int i = 0;; ++i) {
                    log.record(relabel(1 + i % 50, 0, (i % 3)));
                    char ack = 'a';
                    if (write(fds[1], &ack, 1) != 1) _exit(1);
                }
            }
            close(fds[1]);
            // Kill at a varying moment after the first acknowledgement (a fixed delay from the
            // fork would race the child's start-up on a loaded machine).
            char buf[256];
            int acked = int(std::max<ssize_t>(0, read(fds[0], buf, 1)));
            usleep(useconds_t(5000 + trial * 15000));
            kill(pid, SIGKILL);
            for (ssize_t r; (r = read(fds[0], buf, sizeof buf)) > 0;) acked += int(r);
            close(fds[0]);
            waitpid(pid, nullptr, 0);
            auto p = Project::open(file);
            int64_t after = p->db().queryInt64("SELECT count(*) FROM review_decisions");
            QVERIFY2(acked > 0, "child recorded nothing before the kill");
            QVERIFY2(after - before >= acked,
                     qPrintable(QString("acknowledged %1, found %2").arg(acked).arg(after - before)));
            QCOMPARE(p->db().queryText("PRAGMA integrity_check"), std::string("ok"));
        }
    }

    void applyCreatesVersionAndKeepsOriginal() {
        auto p = fresh();
        ReviewLog log(*p);
        log.record(relabel(1, 0, 2));  // sample 1: label 0 -> 2
        Decision ex;
        ex.reviewer = "ann";
        ex.sampleId = 2;
        ex.action = ReviewAction::Exclude;
        log.record(ex);
        Decision keep = ex;
        keep.sampleId = 3;
        keep.action = ReviewAction::Keep;
        log.record(keep);
        auto r = applyReviewDecisions(*p, "review 1");
        QVERIFY(r.versionId > 1);
        QCOMPARE(r.relabelled, 1);
        QCOMPARE(r.excluded, 1);
        QCOMPARE(currentLabelVersion(*p), r.versionId);
        QCOMPARE(p->db().queryInt64(
                     "SELECT c.idx FROM samples s JOIN classes c ON c.id=s.label WHERE s.id=1"),
                 2);
        QCOMPARE(p->db().queryInt64("SELECT excluded FROM samples WHERE id=2"), 1);
        auto original = labelsAtVersion(*p, 1);
        QCOMPARE(original[0], 0);  // sample 1 as imported
        QCOMPARE(labelsAtVersion(*p, r.versionId)[0], 2);
        // Applying again changes nothing and creates no version.
        QCOMPARE(applyReviewDecisions(*p, "again").versionId, 0);
        // Keeping an excluded sample includes it again in the next version.
        keep.sampleId = 2;
        log.record(keep);
        auto r2 = applyReviewDecisions(*p, "review 2");
        QCOMPARE(r2.included, 1);
        QCOMPARE(p->db().queryInt64("SELECT excluded FROM samples WHERE id=2"), 0);
    }

    void exportLabelsCsvAndJson() {
        auto p = fresh(3);
        ReviewLog log(*p);
        log.record(relabel(2, 1, 0));
        applyReviewDecisions(*p, "v2");
        fs::path csv = dir() / "labels.csv";
        exportLabelsCsv(*p, csv);
        auto lines = readLines(csv);
        QCOMPARE(int(lines.size()), 4);
        QCOMPARE(lines[0], std::string("sample_id,path,split,original_label,final_label,action,"
                                       "reviewer,time"));
        QVERIFY(QString::fromStdString(lines[2]).contains(",train,dog,cat,relabel,ann,"));
        QVERIFY(QString::fromStdString(lines[1]).endsWith(",train,cat,cat,,,"));
        fs::path js = dir() / "labels.json";
        exportLabelsJson(*p, js);
        std::ifstream in(js);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        auto j = parseJson(text, js.string());
        QCOMPARE(int(j.size()), 3);
        QCOMPARE(jsonString(jsonField(jsonItem(j, size_t(1)), "final_label")), std::string("cat"));
        QCOMPARE(jsonString(jsonField(jsonItem(j, size_t(1)), "original_label")), std::string("dog"));
    }

    void imageFolderStaysInsideAndRefusesNonEmpty() {
        auto p = fresh(6);
        fs::path out = dir() / "export";
        auto r = exportImageFolder(*p, out, {});
        QCOMPARE(r.written, 6);
        // The class "../evil/bird" became one safe folder inside the target.
        int found = 0;
        for (auto& e : fs::recursive_directory_iterator(out)) {
            if (!fs::is_symlink(e.symlink_status())) continue;
            ++found;
            auto rel = e.path().lexically_relative(out).string();
            QVERIFY2(rel.find("..") != 0, rel.c_str());
        }
        QCOMPARE(found, 6);
        QVERIFY(!fs::exists(dir() / "evil"));
        // Its folder name was changed, so it carries a hash of the full name (unique).
        const std::string evil = classFolderNames({"cat", "dog", "../evil/bird"})[2];
        QVERIFY2(evil.rfind(".._evil_bird~", 0) == 0, evil.c_str());
        QVERIFY(fs::exists(out / "train" / evil));
        QVERIFY_THROWS_EXCEPTION(Error, exportImageFolder(*p, out, {}));
        ImageFolderOptions force;
        force.force = true;
        force.copy = true;
        QCOMPARE(exportImageFolder(*p, out, force).written, 6);
        QVERIFY(!fs::is_symlink(out / "train" / "cat" / "1.png"));
    }

    void sampleTablePrefix() {
        auto p = fresh(9);
        SampleStore store(p->db());
        auto first = store.loadTable(4);
        QCOMPARE(int(first.size()), 4);
        QCOMPARE(first.ids.back(), int64_t(4));
        QCOMPARE(first.label[2], 2);  // sample 3 has label 2 % 3
        QCOMPARE(int(store.loadTable().size()), 9);
        QCOMPARE(int(store.loadTable(0).size()), 0);
    }

    void csvQuoting() {
        QCOMPARE(csvField("plain"), std::string("plain"));
        QCOMPARE(csvField("a,b"), std::string("\"a,b\""));
        QCOMPARE(csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
        QCOMPARE(safePathComponent(".."), std::string("_.._"));
        QCOMPARE(safePathComponent("a/b"), std::string("a_b"));
    }
};

QTEST_GUILESS_MAIN(TestReview)
#include "tst_review.moc"
