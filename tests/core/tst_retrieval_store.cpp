// Retrieval storage: migration 007 on an older project, round trips of sets, encoders, runs,
// results and per-query outcome files, and the import of the released RoCOCO files.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/retrieval/retrieval_import.h"
#include "core/retrieval/retrieval_store.h"
#include "core/store/database.h"
#include "core/store/migrations.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "retrieval_fixture.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {
const fs::path kRococo = fs::path(WINNOW_SHARED_DATA) / "rococo";
}

class TestRetrievalStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir() const { return fs::path(m_tmp.path().toStdString()); }

private Q_SLOTS:
    void olderProjectGetsTheRetrievalTables() {
        const fs::path f = dir() / "old.winnow";
        {
            // A schema-6 file, as the Winnow before retrieval left it.
            Database db(f, Database::Mode::ReadWriteCreate);
            db.exec("PRAGMA application_id=1466527309");
            for (const Migration& m : migrations())
                if (m.version <= 6) db.exec(m.sql);
            db.exec("PRAGMA user_version=6");
        }
        auto p = Project::open(f);
        QCOMPARE(p->schemaVersion(), latestSchemaVersion());
        QVERIFY(latestSchemaVersion() >= 7);
        for (const char* t : {"retrieval_sets", "retrieval_images", "retrieval_captions", "retrieval_encoders",
                              "retrieval_runs", "retrieval_results", "retrieval_issues"})
            QCOMPARE(p->db().queryInt64(std::string("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='") +
                                        t + "'"),
                     int64_t(1));
        QVERIFY(fs::exists(dir() / "old.winnow.v6.bak"));
        // And the tables work.
        QCOMPARE(listCaptionSets(p->db()).size(), size_t(0));
    }

    void captionSetRoundTrip() {
        auto p = Project::create(dir() / "rt.winnow");
        CaptionSet s;
        s.file = dir() / "some_attack.json";
        s.rococoAttack = true;
        CaptionedImage a;
        a.image = "x/1.jpg";
        a.path = "/data/x/1.jpg";
        a.status = ImageStatus::Found;
        a.captions.push_back({"A woman holds an umbrella.", false, -1, {}});
        CaptionEntry adv{"A wocriminal holds an umbrella.", true, 0, diffCaptions("A woman holds an umbrella.",
                                                                                  "A wocriminal holds an umbrella.")};
        a.captions.push_back(adv);
        CaptionedImage b;
        b.image = "x/2.jpg";
        b.path = "/data/x/2.jpg";
        b.status = ImageStatus::Missing;
        b.captions.push_back({"Two dogs.", false, -1, {}});
        s.images = {a, b};
        s.issues.push_back({"x/2.jpg", "image not found: /data/x/2.jpg"});
        const int64_t id = saveCaptionSet(p->db(), s, "/data");
        const auto info = findCaptionSet(p->db(), id);
        QVERIFY(info);
        QCOMPARE(info->name, std::string("some_attack"));
        QCOMPARE(info->attackName(), std::string("some-attack"));
        QCOMPARE(info->images, int64_t(2));
        QCOMPARE(info->groundTruthCaptions, int64_t(2));
        QCOMPARE(info->adversarialCaptions, int64_t(1));
        QCOMPARE(info->missingImages, int64_t(1));
        QVERIFY(info->rococo);
        QCOMPARE(p->db().queryText("SELECT swapped FROM retrieval_captions WHERE adversarial = 1"),
                 std::string("man>criminal"));
        const CaptionSet back = loadStoredCaptionSet(p->db(), id);
        QCOMPARE(back.images.size(), size_t(2));
        QCOMPARE(back.images[0].path, fs::path("/data/x/1.jpg"));
        QCOMPARE(back.images[1].status, ImageStatus::Missing);
        QCOMPARE(back.images[0].captions[1].text, std::string("A wocriminal holds an umbrella."));
        QVERIFY(back.images[0].captions[1].adversarial);
        QCOMPARE(back.images[0].captions[1].source, 0);
        QCOMPARE(back.images[0].captions[1].swaps.size(), size_t(1));
        QCOMPARE(back.images[0].captions[1].swaps[0].targetCore, std::string("criminal"));
        QCOMPARE(back.issues.size(), size_t(1));
        QVERIFY(back.rococoAttack);
    }

    void encodersRunsResultsRoundTrip() {
        auto p = Project::create(dir() / "runs.winnow");
        Database& db = p->db();
        CaptionSet s;
        s.file = dir() / "set.json";
        s.images.push_back({"1.jpg", "1.jpg", ImageStatus::Unchecked, {{"a cat", false, -1, {}}}});
        const int64_t set = saveCaptionSet(db, s, {});
        const int64_t e1 = saveEncoder(db, {0, "sha256:" + std::string(64, '1'), "m1.pt", 512, "pre-a"});
        const int64_t e2 = saveEncoder(db, {0, "sha256:" + std::string(64, '1'), "m1.pt", 512, "pre-b"});
        QCOMPARE(saveEncoder(db, {0, "sha256:" + std::string(64, '1'), "again", 512, "pre-a"}), e1);
        QVERIFY(e2 != e1);  // same weights, other preprocessing: another encoder
        RetrievalRun run;
        run.setId = set;
        run.encoderId = e1;
        run.lambda = 0.9;
        run.seeds = {1, 10, 100};
        run.pairing = "paper";
        const int64_t id = beginRun(db, run);
        QCOMPARE(findRun(db, id)->status, std::string("running"));
        RetrievalResultRow r;
        r.runId = id;
        r.attack = "mix";
        r.attackKind = "mix";
        r.direction = "t2i";
        r.seed = 10;
        r.lambda = 0.9;
        r.scores = {25010, 0.25, 0.5, 0.75, 0.125};
        r.drop = {0.1, 0.2};
        r.outcomesFile = "retrieval/x.tsv";
        addResult(db, r);
        finishRun(db, id, "completed", "", 5000, 2, 3);
        const auto back = findRun(db, id);
        QCOMPARE(back->status, std::string("completed"));
        QCOMPARE(back->seeds, (std::vector<int64_t>{1, 10, 100}));
        QCOMPARE(back->pairing, std::string("paper"));
        QCOMPARE(back->imagesExcluded, int64_t(2));
        QCOMPARE(back->truncated, int64_t(3));
        QVERIFY(!back->finishedAt.empty());
        const auto rows = listResults(db, id);
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(rows[0].seed, std::optional<int64_t>(10));
        QCOMPARE(rows[0].scores.queries, int64_t(25010));
        QCOMPARE(rows[0].scores.fr1, 0.125);
        QCOMPARE(rows[0].drop.rate, 0.2);
        QCOMPARE(rows[0].outcomesFile, std::string("retrieval/x.tsv"));
        QVERIFY(!rows[0].attackSetId);
        addRunIssue(db, id, "2.jpg", "gone");
        QCOMPARE(runIssues(db, id).size(), size_t(1));
        QCOMPARE(captionSetIssues(db, set).size(), size_t(0));  // run issues are not the set's
    }

    void outcomeFileRoundTrip() {
        const fs::path f = dir() / "o.tsv";
        QueryOutcome a;
        a.queryImage = 3;
        a.queryCaption = -1;
        a.rank = 7;
        a.cleanRank = 2;
        a.top1 = {'a', 12, 4};
        a.top1Score = 0.1f + 0.2f;
        a.truthScore = -0.3333333f;
        a.bestAttack = {'a', 12, 4};
        a.bestAttackScore = 0.30000001f;
        QueryOutcome b;
        b.top1 = {'g', 0, 1};
        b.bestAttackScore = std::nanf("");
        writeQueryOutcomes(f, {a, b});
        const auto back = readQueryOutcomes(f);
        QCOMPARE(back.size(), size_t(2));
        QCOMPARE(back[0].queryImage, 3);
        QCOMPARE(back[0].rank, 7);
        QCOMPARE(back[0].cleanRank, 2);
        QCOMPARE(back[0].top1, (ItemRef{'a', 12, 4}));
        QCOMPARE(back[0].top1Score, a.top1Score);  // bit-exact
        QCOMPARE(back[0].truthScore, a.truthScore);
        QVERIFY(std::isnan(back[1].bestAttackScore));
        QCOMPARE(back[1].bestAttack, (ItemRef{}));
        // A damaged file names itself and the line.
        std::ofstream(f, std::ios::app) << "1\t2\tthree\n";
        try {
            readQueryOutcomes(f);
            QFAIL("a damaged outcomes file was read");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("line 4") != std::string::npos);
            QVERIFY(std::string(e.what()).find(f.string()) != std::string::npos);
        }
    }

    void releasedRococoFilesImport() {
        if (!fs::exists(kRococo / "same_concept.json"))
            QSKIP(qPrintable("RoCOCO data missing: " + QString::fromStdString(kRococo.string())));
        auto p = Project::create(dir() / "rococo.winnow");
        const auto clean = importCaptionSet(*p, kRococo / "coco_karpathy_test.json");
        QVERIFY(!clean.set.rococoAttack);
        const auto info = findCaptionSet(p->db(), clean.setId);
        QCOMPARE(info->images, int64_t(5000));
        QCOMPARE(info->groundTruthCaptions, int64_t(25010));  // 4990 x 5 + 10 x 6
        QCOMPARE(info->adversarialCaptions, int64_t(0));
        for (const char* name : {"same_concept", "diff_concept", "rand_voca", "danger"}) {
            const auto r = importCaptionSet(*p, kRococo / (std::string(name) + ".json"));
            const auto a = findCaptionSet(p->db(), r.setId);
            QVERIFY2(a->rococo, name);
            QCOMPARE(a->format, std::string("karpathy"));
            QCOMPARE(a->images, int64_t(5000));
            QCOMPARE(a->groundTruthCaptions, int64_t(25010));
            QCOMPARE(a->adversarialCaptions, int64_t(25000));
            QCOMPARE(p->db().queryInt64("SELECT count(*) FROM retrieval_captions WHERE set_id = " +
                                        std::to_string(r.setId) + " AND adversarial = 1 AND source BETWEEN 0 AND 4"),
                     int64_t(25000));
            QVERIFY(findCaptionSetByFile(p->db(), kRococo / (std::string(name) + ".json")));
        }
        QCOMPARE(findCaptionSet(p->db(), 3)->attackName(), std::string("diff-concept"));
    }

    void missingImagesArePerFileIssues() {
        if (!fs::exists(kRococo / "same_concept.json"))
            QSKIP(qPrintable("RoCOCO data missing: " + QString::fromStdString(kRococo.string())));
        // A folder with only the first two images of the file (and one corrupt third).
        const fs::path images = dir() / "coco";
        const CaptionSet probe = loadCaptionSet(kRococo / "same_concept.json");
        winnow::test::writeGreyPng(images / probe.images[0].image, 10);
        winnow::test::writeGreyPng(images / probe.images[1].image, 20);
        std::ofstream(images / probe.images[2].image, std::ios::binary) << "garbage";
        auto p = Project::create(dir() / "missing.winnow");
        CaptionImportOptions o;
        o.imageFolder = images;
        const auto r = importCaptionSet(*p, kRococo / "same_concept.json", o);
        const auto info = findCaptionSet(p->db(), r.setId);
        QCOMPARE(info->images, int64_t(5000));
        QCOMPARE(info->missingImages, int64_t(4998));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM retrieval_images WHERE status = 'found'"), int64_t(2));
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM retrieval_images WHERE status = 'corrupt'"), int64_t(1));
        QCOMPARE(int64_t(captionSetIssues(p->db(), r.setId).size()), int64_t(4998));
        bool namesCorrupt = false;
        for (const auto& i : captionSetIssues(p->db(), r.setId))
            namesCorrupt |= i.item == probe.images[2].image && i.message.find("unusable image") != std::string::npos;
        QVERIFY(namesCorrupt);
    }

    void unusableImportsAreRefused() {
        auto p = Project::create(dir() / "bad.winnow");
        const fs::path notCaptions = dir() / "bad.json";
        std::ofstream(notCaptions) << "{\"hello\": 1}";
        try {
            importCaptionSet(*p, notCaptions);
            QFAIL("a file in no caption format was imported");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find(notCaptions.string()) != std::string::npos);
        }
        const fs::path list = dir() / "list.json";
        std::ofstream(list) << "[{\"image\": \"a.png\", \"caption\": [\"a cat\"]}]";
        CaptionImportOptions o;
        o.imageFolder = dir() / "no-such-folder";
        QVERIFY_THROWS_EXCEPTION(Error, importCaptionSet(*p, list, o));
        o.imageFolder = dir();  // a.png is not there: nothing usable
        QVERIFY_THROWS_EXCEPTION(Error, importCaptionSet(*p, list, o));
        CaptionImportOptions csv;
        csv.format = "csv";
        QVERIFY_THROWS_EXCEPTION(Error, importCaptionSet(*p, list, csv));  // it is a Karpathy list
        QCOMPARE(listCaptionSets(p->db()).size(), size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestRetrievalStore)
#include "tst_retrieval_store.moc"
