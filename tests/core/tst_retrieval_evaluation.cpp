// RoCOCO evaluation end to end on a hand-built set (retrieval_fixture.h): every number below
// is worked out by hand from the fixture's vectors, not from the code.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/dataset/csv_reader.h"
#include "core/retrieval/retrieval_evaluation.h"
#include "core/retrieval/retrieval_export.h"
#include "core/retrieval/retrieval_failures.h"
#include "core/retrieval/retrieval_import.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "retrieval_fixture.h"

namespace fs = std::filesystem;
using namespace winnow::core;
using namespace winnow::test;

namespace {

const RetrievalResultRow* find(const std::vector<RetrievalResultRow>& rows, const std::string& dir,
                               const std::string& attack, std::optional<int64_t> seed) {
    for (const auto& r : rows)
        if (r.direction == dir && r.attack == attack && r.seed == seed) return &r;
    return nullptr;
}

bool near(double a, double b) { return std::abs(a - b) < 1e-9; }

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Image pixel(int v) { return Image{1, 1, 1, {uint8_t(v)}}; }

}  // namespace

class TestRetrievalEvaluation : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir() const { return fs::path(m_tmp.path().toStdString()); }

    struct Setup {
        std::unique_ptr<Project> project;
        FakeEncoder encoder;
        CaptionSet set, attack2;
        int64_t setId = 0, attack2Id = 0;
    };

    void prepare(Setup& s, const std::string& name) {
        const fs::path d = dir() / name;
        fs::create_directories(d);
        writeHandBuiltSet(d, s.encoder);
        s.project = Project::create(d / "p.winnow");
        CaptionImportOptions o;
        o.imageFolder = d / "images";
        o.attacks = AttackLayout::Rococo;
        auto r = importCaptionSet(*s.project, d / "handbuilt.json", o);
        s.set = loadStoredCaptionSet(s.project->db(), r.setId);
        s.setId = r.setId;
        CaptionImportOptions o2;
        o2.attacks = AttackLayout::Rococo;
        auto r2 = importCaptionSet(*s.project, d / "attack2.json", o2);
        s.attack2 = r2.set;
        s.attack2Id = r2.setId;
    }

    // Seed 1: altered copies that beat B's and C's winning captions and tie with D's;
    // seed 10: altered copies that never win (-e5).
    static std::vector<ImageAttackInput> mixAttacks(FakeEncoder& enc) {
        enc.images[11] = {0.5f, 0.5f, 0.5f, 0, -0.5f};   // A'
        enc.images[21] = {0.5f, 0.5f, -0.5f, 0, -0.5f};  // B': hB . B' = 0.75
        enc.images[31] = {0.5f, -0.5f, 0.5f, 0, -0.5f};  // C': hC . C' = 0.75
        enc.images[41] = {0.5f, 0.5f, 0, -0.5f, -0.5f};  // D': -e4 . D' = 0.5 (tie)
        enc.images[99] = minusE5;
        ImageAttackInput s1{"mix", "mix", 0.9, 1, [](size_t i) { return pixel(int(i) * 10 + 11); },
                            [](size_t i) { return int32_t((i + 1) % 4); }};
        ImageAttackInput s10{"mix", "mix", 0.9, 10, [](size_t) { return pixel(99); }, {}};
        return {s1, s10};
    }

    RetrievalEvalResult runAll(Setup& s, RetrievalEvalOptions o = {}) {
        RetrievalEvalInput in;
        in.setId = s.setId;
        in.set = &s.set;
        in.setAttackName = "handbuilt";
        in.captionAttacks = {{"attack2", &s.attack2, s.attack2Id}};
        in.imageAttacks = mixAttacks(s.encoder);
        o.batchSize = 3;  // several batches, one partial
        return runRetrievalEvaluation(*s.project, s.encoder, in, o);
    }

private Q_SLOTS:
    void imageToTextByHand() {
        Setup s;
        prepare(s, "i2t");
        const auto r = runAll(s);
        // e.png is missing: left out with its captions; 4 images used.
        QCOMPARE(r.imagesUsed, int64_t(4));
        QCOMPARE(r.imagesExcluded, int64_t(1));
        QVERIFY(std::any_of(r.issues.begin(), r.issues.end(),
                            [](const CaptionSetIssue& i) { return i.item == "e.png"; }));
        // Clean I2T, images A=e1, B=e2, C=e3, D=hD:
        //  A: best truth e1.e1 = 1, nothing else >= 1 -> rank 0.
        //  B: best truth hB.e2 = 0.5; others: e1 0, hC -0.5, -e4 0, e5 0 -> rank 0.
        //  C: best truth hC.e3 = 0.5; others: e1 0, hB -0.5 -> rank 0.
        //  D: best truth -e4.hD = 0.5; A's "a dog runs on grass" e1.hD = 0.5 ties -> rank 1.
        // R@1 = 3/4, R@5 = R@10 = 1, FR@1 = 0.
        const auto* clean = find(r.results, "i2t", "clean", std::nullopt);
        QVERIFY(clean);
        QCOMPARE(clean->scores.queries, int64_t(4));
        QVERIFY(near(clean->scores.r1, 0.75));
        QVERIFY(near(clean->scores.r5, 1.0));
        QVERIFY(near(clean->scores.fr1, 0.0));
        // The set's own adversarial captions ("handbuilt"): "a red plane sings" = e2,
        // "a man rides a zebra" = hC, the rest e5.
        //  A: attack max hC.e1 = 0.5 < 1 -> rank 0, not fooled.
        //  B: e2.e2 = 1 >= 0.5 -> rank 1, top-1 adversarial.
        //  C: hC.e3 = 0.5 ties the truth -> rank 1, top-1 adversarial (ties count against).
        //  D: e2.hD = 0.5 >= top-1 score 0.5 -> rank 2, top-1 adversarial.
        // R@1 = 1/4, FR@1 = 3/4, drop 0.5 absolute, 0.5 / 0.75 = 2/3 rate.
        const auto* own = find(r.results, "i2t", "handbuilt", std::nullopt);
        QVERIFY(own);
        QCOMPARE(own->attackKind, std::string("caption"));
        QVERIFY(near(own->scores.r1, 0.25));
        QVERIFY(near(own->scores.r5, 1.0));
        QVERIFY(near(own->scores.fr1, 0.75));
        QVERIFY(near(own->drop.absolute, 0.5));
        QVERIFY(near(own->drop.rate, 2.0 / 3.0));
        // attack2: only A's "the one that wins" = e1 matters: ties A's truth (1) and D's (0.5).
        // A rank 1 fooled, D rank 2 fooled -> R@1 = 2/4, FR@1 = 2/4, drop 0.25, rate 1/3.
        const auto* a2 = find(r.results, "i2t", "attack2", std::nullopt);
        QVERIFY(a2);
        QCOMPARE(a2->attackSetId, std::optional<int64_t>(s.attack2Id));
        QVERIFY(near(a2->scores.r1, 0.5));
        QVERIFY(near(a2->scores.fr1, 0.5));
        QVERIFY(near(a2->drop.absolute, 0.25));
        QVERIFY(near(a2->drop.rate, 1.0 / 3.0));
        // Captions reached the encoder normalised (RoCOCO), never as written.
        QVERIFY(s.encoder.seen.count("a red bird sings"));
        QVERIFY(!s.encoder.seen.count("A red bird sings."));
        // The run is stored as completed, with the notes.
        const auto run = findRun(s.project->db(), r.runId);
        QVERIFY(run);
        QCOMPARE(run->status, std::string("completed"));
        QCOMPARE(run->imagesExcluded, int64_t(1));
        QCOMPARE(run->ties, std::string(kTiesNote));
        QCOMPARE(run->seeds, (std::vector<int64_t>{1, 10}));
        QCOMPARE(listResults(s.project->db(), r.runId).size(), r.results.size());
    }

    void textToImageByHand() {
        Setup s;
        prepare(s, "t2i");
        const auto r = runAll(s);
        // 21 caption queries (A 5, B 6, C 5, D 5). Clean: only "a dog runs on grass" (A 1 vs
        // D 0.5) and "two cups on a table" (D 0.5, others 0) rank first; "a red bird sings"
        // and "a man rides a horse" tie with A (0.5) -> rank 1; the 17 e5 captions score 0
        // on every image -> rank 3. R@1 = 2/21, R@5 = R@10 = 1.
        const auto* clean = find(r.results, "t2i", "clean", std::nullopt);
        QVERIFY(clean);
        QCOMPARE(clean->scores.queries, int64_t(21));
        QVERIFY(near(clean->scores.r1, 2.0 / 21));
        QVERIFY(near(clean->scores.r5, 1.0));
        // Seed 1: B' beats "a red bird sings" (0.75), C' beats "a man rides a horse" (0.75),
        // D' ties "two cups on a table" (0.5): 3 fooled, only A's caption still first.
        // R@1 = 1/21, FR@1 = 3/21; drop 1/21, rate 1/2.
        const auto* s1 = find(r.results, "t2i", "mix", 1);
        QVERIFY(s1);
        QVERIFY(near(s1->scores.r1, 1.0 / 21));
        QVERIFY(near(s1->scores.fr1, 3.0 / 21));
        QVERIFY(near(s1->drop.absolute, 1.0 / 21));
        QVERIFY(near(s1->drop.rate, 0.5));
        QVERIFY(s1->lambda && near(*s1->lambda, 0.9));
        // Seed 10: every altered copy is -e5: nothing changes. R@1 = 2/21, FR@1 = 0.
        const auto* s10 = find(r.results, "t2i", "mix", 10);
        QVERIFY(s10);
        QVERIFY(near(s10->scores.r1, 2.0 / 21));
        QVERIFY(near(s10->scores.fr1, 0.0));
        // Mean over seeds, kept beside them: R@1 = 1.5/21, FR@1 = 1.5/21, drop 0.5/21, rate 1/4.
        const auto* mean = find(r.results, "t2i", "mix", std::nullopt);
        QVERIFY(mean);
        QVERIFY(mean->outcomesFile.empty());
        QVERIFY(near(mean->scores.r1, 1.5 / 21));
        QVERIFY(near(mean->scores.fr1, 1.5 / 21));
        QVERIFY(near(mean->drop.absolute, 0.5 / 21));
        QVERIFY(near(mean->drop.rate, 0.25));
        // Per-query outcomes of seed 1: the query "a red bird sings" (image 1, caption 2) is
        // beaten by B' (base image 1, partner 2) scoring 0.75 over its truth 0.5.
        const auto out = loadResultOutcomes(*s.project, *s1);
        QCOMPARE(out.size(), size_t(21));
        auto it = std::find_if(out.begin(), out.end(),
                               [](const QueryOutcome& o) { return o.queryImage == 1 && o.queryCaption == 2; });
        QVERIFY(it != out.end());
        QCOMPARE(it->rank, 2);
        QCOMPARE(it->cleanRank, 1);
        QCOMPARE(it->top1, (ItemRef{'a', 1, 2}));
        QCOMPARE(it->top1Score, 0.75f);
        QCOMPARE(it->truthScore, 0.5f);
    }

    void failuresSortedByMarginAndLeaderboards() {
        Setup s;
        prepare(s, "fail");
        const auto r = runAll(s);
        RetrievalRunView view(*s.project, r.runId);
        const auto f = view.failures();
        // By hand: i2t own B (margin 1 - 0.5 = 0.5); t2i seed 1 B and C (0.75 - 0.5 = 0.25);
        // then margin 0: i2t own C and D, attack2 A and D, t2i seed 1 D. Seed 10: none.
        QCOMPARE(f.size(), size_t(8));
        QCOMPARE(f[0].direction, std::string("i2t"));
        QCOMPARE(f[0].margin, 0.5f);
        QCOMPARE(f[0].outcome.queryImage, 1);
        QCOMPARE(f[0].kinds, unsigned(kAdversarialAboveTruth | kAdversarialTop1 | kLostFromTopK));
        QCOMPARE(f[0].lostFromTop, 1);
        QCOMPARE(view.queryText(f[0]), (dir() / "fail" / "images" / "b.png").string());
        QCOMPARE(view.itemText(f[0], f[0].outcome.top1), std::string("A red plane sings."));
        QCOMPARE(view.swappedWords(f[0], f[0].outcome.top1), std::string("bird>plane"));
        QCOMPARE(f[1].margin, 0.25f);
        QCOMPARE(f[2].margin, 0.25f);
        QCOMPARE(f[1].direction, std::string("t2i"));
        QCOMPARE(view.queryText(f[1]), std::string("A red bird sings."));
        QCOMPARE(view.itemText(f[1], f[1].outcome.top1),
                 "mix of " + (dir() / "fail" / "images" / "b.png").string() + " with " +
                     (dir() / "fail" / "images" / "c.png").string());
        // Lost from top-1 is not claimed when the truth was not first before.
        QCOMPARE(f[1].lostFromTop, 0);
        for (size_t i = 3; i < f.size(); ++i) QCOMPARE(f[i].margin, 0.0f);
        // Ties count against the truth: C's zebra caption ties C's truth (0.5 = 0.5), so it is
        // "above" it, the top-1, and C lost its top-1 place; D's truth tied before the attack
        // (rank 1), so nothing is lost from the top 1/5/10 (rank 2).
        auto byQuery = [&](const char* attack, int image) {
            return std::find_if(f.begin(), f.end(), [&](const RetrievalFailure& x) {
                return x.direction == "i2t" && x.attack == attack && x.outcome.queryImage == image;
            });
        };
        const auto c = byQuery("handbuilt", 2), d = byQuery("handbuilt", 3);
        QVERIFY(c != f.end() && d != f.end());
        QCOMPARE(c->kinds, unsigned(kAdversarialAboveTruth | kAdversarialTop1 | kLostFromTopK));
        QCOMPARE(d->kinds, unsigned(kAdversarialAboveTruth | kAdversarialTop1));
        QCOMPARE(failureKindText(c->kinds, c->lostFromTop),
                 std::string("adversarial above truth, adversarial top-1, lost from top-1"));
        for (size_t i = 1; i < f.size(); ++i) QVERIFY(f[i - 1].margin >= f[i].margin);
        // The swap "bird>plane" wins top-1 twice (B and D), "horse>zebra" once (C).
        const auto swaps = swapLeaderboard(view, f);
        QVERIFY(swaps.size() >= 2);
        QCOMPARE(swaps[0].item, std::string("bird>plane"));
        QCOMPARE(swaps[0].wins, int64_t(2));
        auto hz = std::find_if(swaps.begin(), swaps.end(), [](const LeaderboardEntry& e) { return e.item == "horse>zebra"; });
        QVERIFY(hz != swaps.end());
        QCOMPARE(hz->wins, int64_t(1));
        const auto items = galleryLeaderboard(view, f);
        QVERIFY(!items.empty());
        QVERIFY(items[0].item == "handbuilt: A red plane sings." || items[0].item == "attack2: The one that wins.");
        QCOMPARE(items[0].wins, int64_t(2));
    }

    void exportsNameModelAndTies() {
        Setup s;
        prepare(s, "exp");
        const auto r = runAll(s);
        const fs::path table = dir() / "exp" / "table.csv";
        QCOMPARE(exportRetrievalTable(*s.project, table), int64_t(r.results.size()));
        const std::string t = readAll(table);
        QVERIFY(t.rfind("run,status,set,", 0) == 0);
        QVERIFY(t.find("sha256:" + std::string(64, 'a')) != std::string::npos);
        QVERIFY(t.find("merges sha256:" + std::string(64, 'c')) != std::string::npos);
        QVERIFY(t.find("ties count against the ground truth") != std::string::npos);
        QVERIFY(t.find(",handbuilt,caption,i2t,,1 10,,default,4,0.25,1,1,0.75,0.5,") != std::string::npos);
        QVERIFY(t.find(",mix,mix,t2i,mean,1 10,0.9,") != std::string::npos);

        const fs::path failures = dir() / "exp" / "failures.csv";
        QCOMPARE(exportRetrievalFailures(*s.project, failures), int64_t(8));
        const std::string fc = readAll(failures);
        QVERIFY(fc.find("A red plane sings.") != std::string::npos);
        QVERIFY(fc.find("bird>plane") != std::string::npos);
        QVERIFY(fc.find(",0.5,adversarial above truth, adversarial top-1, lost from top-1") == std::string::npos);
        QVERIFY(fc.find("\"adversarial above truth, adversarial top-1, lost from top-1\"") != std::string::npos);

        const fs::path html = dir() / "exp" / "report.html";
        QCOMPARE(writeRetrievalReport(*s.project, html), int64_t(1));
        const std::string h = readAll(html);
        QVERIFY(h.find("sha256:" + std::string(64, 'a')) != std::string::npos);
        QVERIFY(h.find("merges sha256:" + std::string(64, 'c')) != std::string::npos);
        QVERIFY(h.find("seeds 1 10") != std::string::npos);
        QVERIFY(h.find("ties count against the ground truth") != std::string::npos);
        QVERIFY(h.find("first 30 words") != std::string::npos);
        QVERIFY(h.find("<svg") != std::string::npos);

        // Issue 13: both exports go through the one CSV writer and read back through the strict
        // reader, every row as wide as the header, whatever the set's name holds.
        const std::string awkward = "=set,\"x\"\n고양이 ";
        s.project->db().prepare("UPDATE retrieval_sets SET name=?").bind(1, awkward).run();
        QCOMPARE(exportRetrievalTable(*s.project, table), int64_t(r.results.size()));
        for (const fs::path& f : {table, failures}) {
            CsvReader reader(f);
            std::vector<std::string> fields;
            int64_t line = 0;
            std::string error;
            size_t width = 0, rows = 0;
            while (reader.next(fields, line, error)) {
                QVERIFY2(error.empty(), error.c_str());
                if (rows++ == 0) width = fields.size();
                QCOMPARE(fields.size(), width);
                if (f == table && rows > 1) QCOMPARE(fields[2], "'" + awkward);
                if (f == failures && rows > 1) QVERIFY(fields[18].rfind("ties count against the ground truth", 0) == 0);
            }
            QVERIFY(rows > 1);
        }
        QVERIFY(readAll(table).find(",\"'=set,\"\"x\"\"\n고양이 \",") != std::string::npos);

        // The project's own files are refused.
        QVERIFY_THROWS_EXCEPTION(Error, exportRetrievalTable(*s.project, s.project->file()));
        QVERIFY_THROWS_EXCEPTION(Error, exportRetrievalFailures(*s.project, s.project->cacheDir() / "x.csv"));
    }

    void twoModelsSideBySide() {
        Setup s;
        prepare(s, "two");
        runAll(s);
        struct Other : FakeEncoder {
            std::string identity() const override { return "builtin:" + std::string(64, 'b'); }
        } other;
        other.images = s.encoder.images;
        other.texts = s.encoder.texts;
        other.texts["a red plane sings"] = e5;  // this model is not fooled by B's attack
        RetrievalEvalInput in;
        in.setId = s.setId;
        in.set = &s.set;
        in.setAttackName = "handbuilt";
        runRetrievalEvaluation(*s.project, other, in);
        const ComparisonTable t = compareRetrievalRuns(s.project->db());
        QCOMPARE(t.columns.size(), size_t(2));
        auto row = std::find_if(t.rows.begin(), t.rows.end(), [](const ComparisonTable::Row& r) {
            return r.direction == "i2t" && r.attack == "handbuilt";
        });
        QVERIFY(row != t.rows.end());
        QVERIFY(row->cells[0] && row->cells[1]);
        // Model 1 as above (R@1 1/4). Model 2 ("a red plane sings" = e5): B's attack max is
        // e5.e2 = 0 < 0.5, so B stays first; A stays first; C still ties its zebra caption
        // (rank 1); D keeps rank 1 from the clean tie (hC.hD = 0 < 0.5). R@1 = 2/4.
        QVERIFY(near(row->cells[0]->scores.r1, 0.25));
        QVERIFY(near(row->cells[1]->scores.r1, 0.5));
        QCOMPARE(t.rows.front().attack, std::string("clean"));
    }

    void cancelRecordsTheRun() {
        Setup s;
        prepare(s, "cancel");
        CancelToken cancel;
        cancel.cancel();
        RetrievalEvalOptions o;
        o.cancel = &cancel;
        int64_t before = s.project->db().queryInt64("SELECT count(*) FROM retrieval_runs");
        QVERIFY_THROWS_EXCEPTION(Cancelled, runAll(s, o));
        auto runs = listRuns(s.project->db());
        QCOMPARE(int64_t(runs.size()), before + 1);
        QCOMPARE(runs.back().status, std::string("cancelled"));
        QCOMPARE(listResults(s.project->db(), runs.back().id).size(), size_t(0));
    }

    void undecodableImageIsLeftOut() {
        Setup s;
        prepare(s, "corrupt");
        // c.png becomes garbage after the import: decoding fails at evaluation time.
        std::ofstream(s.set.images[2].path, std::ios::binary | std::ios::trunc) << "not a png";
        RetrievalEvalInput in;
        in.setId = s.setId;
        in.set = &s.set;
        const auto r = runRetrievalEvaluation(*s.project, s.encoder, in);
        QCOMPARE(r.imagesUsed, int64_t(3));
        QCOMPARE(r.imagesExcluded, int64_t(2));
        QVERIFY(std::any_of(r.issues.begin(), r.issues.end(), [](const CaptionSetIssue& i) { return i.item == "c.png"; }));
        // Without C and its captions: i2t clean over A, B, D = ranks 0, 0, 1 -> R@1 2/3.
        const auto* clean = find(r.results, "i2t", "clean", std::nullopt);
        QVERIFY(clean && near(clean->scores.r1, 2.0 / 3.0));
        QCOMPARE(runIssues(s.project->db(), r.runId).size(), r.issues.size());
    }

    void encoderWithWrongDimensionFails() {
        Setup s;
        prepare(s, "dim");
        struct Wrong : FakeEncoder {
            int64_t dim() const override { return 7; }
        } wrong;
        wrong.images = s.encoder.images;
        RetrievalEvalInput in;
        in.setId = s.setId;
        in.set = &s.set;
        QVERIFY_THROWS_EXCEPTION(Error, runRetrievalEvaluation(*s.project, wrong, in));
        QCOMPARE(listRuns(s.project->db()).back().status, std::string("failed"));
    }
};

QTEST_GUILESS_MAIN(TestRetrievalEvaluation)
#include "tst_retrieval_evaluation.moc"
