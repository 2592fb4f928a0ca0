// winnow-cli retrieval attack: writes the adversarial caption set and its details, the same
// bytes for the same seed, and refuses bad input without touching the user's files.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.h"

namespace fs = std::filesystem;

namespace {

using winnow::test::runCli;

const QString kWords = QString::fromStdString((fs::path(WINNOW_SOURCE_DIR) / "resources" / "retrieval").string());

std::string slurp(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

class TestCliRetrievalAttack : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name) { return fs::path(m_tmp.path().toStdString()) / name; }
    QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }
    fs::path m_captions;

private Q_SLOTS:
    void initTestCase() {
        m_captions = dir("captions.json");
        std::ofstream(m_captions) << R"([
 {"image": "a.jpg", "caption": ["A man riding a horse on the beach.", "A person on a horse near the sea.",
   "Someone rides a brown horse along the shore.", "A rider and a horse at the beach.",
   "A man on horseback by the water."]},
 {"image": "b.jpg", "caption": ["Two dogs play with a frisbee in a park.", "Dogs chasing a frisbee on grass.",
   "A pair of dogs running in a field.", "Two puppies and a toy in the park.", "Dogs at play on a lawn."]}
])";
    }

    void writesRococoFileAndDetails() {
        const fs::path out = dir("same.json");
        const auto r = runCli({"retrieval", "attack", "--captions", qs(m_captions), "--policy", "same-concept",
                               "--model", "builtin-hash", "--seed", "3", "--out", qs(out), "--words-dir", kWords,
                               "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject done = winnow::test::lastJson(r.out);
        QCOMPARE(done["event"].toString(), QString("done"));
        QCOMPARE(done["ground_truth"].toInt(), 10);
        QCOMPARE(done["attacked"].toInt() + done["skipped"].toObject()["no_words"].toInt() +
                     done["skipped"].toObject()["no_source_word"].toInt() +
                     done["skipped"].toObject()["no_target"].toInt(),
                 10);
        QVERIFY(done["attacked"].toInt() >= 8);
        QCOMPARE(done["model"].toString(), QString("demo:hash-demo-v2"));
        const nlohmann::json j = nlohmann::json::parse(slurp(out));
        QCOMPARE(j.size(), size_t(2));
        QCOMPARE(j[0]["image"].get<std::string>(), std::string("a.jpg"));
        size_t adversarial = 0;
        for (const auto& e : j) adversarial += e["adversarial_source"].size();
        QCOMPARE(adversarial, size_t(done["attacked"].toInt()));
        QCOMPARE(j[0]["caption"][0].get<std::string>(), std::string("A man riding a horse on the beach."));
        const nlohmann::json d = nlohmann::json::parse(slurp(dir("same.attack.json")));
        QCOMPARE(d["policy"].get<std::string>(), std::string("same-concept"));
        QCOMPARE(d["captions"].size(), size_t(10));
        // Same seed, same bytes; the default word folder (source tree) is found without --words-dir.
        const fs::path again = dir("again.json");
        const auto r2 = runCli({"retrieval", "attack", "--captions", qs(m_captions), "--policy", "same-concept",
                                "--model", "builtin-hash", "--seed", "3", "--out", qs(again)});
        QVERIFY2(r2.code == 0, r2.err.constData());
        QVERIFY(r2.out.contains("attacked"));
        QCOMPARE(slurp(again), slurp(out));
    }

    void badInputIsRefused() {
        const std::string before = slurp(m_captions);
        // --out naming the caption file: usage error, the file untouched.
        auto r = runCli({"retrieval", "attack", "--captions", qs(m_captions), "--policy", "danger", "--model",
                         "builtin-hash", "--out", qs(m_captions), "--words-dir", kWords});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("would overwrite the caption file"), r.err.constData());
        QCOMPARE(slurp(m_captions), before);
        // An unknown policy: usage error listing the choices.
        r = runCli({"retrieval", "attack", "--captions", qs(m_captions), "--policy", "synonym", "--model",
                    "builtin-hash", "--out", qs(dir("x.json"))});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("same-concept"), r.err.constData());
        // A model file that does not exist: failure naming it.
        r = runCli({"retrieval", "attack", "--captions", qs(m_captions), "--policy", "danger", "--model",
                    qs(dir("missing.pt")), "--out", qs(dir("x.json")), "--words-dir", kWords});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("missing.pt: no such model file"), r.err.constData());
        QVERIFY(!fs::exists(dir("x.json")));
        // A word list with a bad line: failure naming file and line, nothing written.
        const fs::path words = dir("words");
        fs::create_directories(words);
        for (const char* f : {"stop_words.txt", "danger_words.txt", "vocabulary.txt"})
            fs::copy_file(fs::path(kWords.toStdString()) / f, words / f);
        std::ofstream(words / "concept_groups.txt") << "person: man, woman\nanimal horse\n";
        r = runCli({"retrieval", "attack", "--captions", qs(m_captions), "--policy", "danger", "--model",
                    "builtin-hash", "--out", qs(dir("y.json")), "--words-dir", qs(words)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(qs(words / "concept_groups.txt").toUtf8() + ":2:"), r.err.constData());
        QVERIFY(!fs::exists(dir("y.json")));
        // A caption file in no known format.
        std::ofstream(dir("bad.json")) << R"({"hello": 1})";
        r = runCli({"retrieval", "attack", "--captions", qs(dir("bad.json")), "--policy", "danger", "--model",
                    "builtin-hash", "--out", qs(dir("z.json")), "--words-dir", kWords});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("bad.json"), r.err.constData());
    }

    void groupHelpListsAttack() {
        const auto r = runCli({"retrieval", "--help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("attack"));
    }
};

QTEST_GUILESS_MAIN(TestCliRetrievalAttack)
#include "tst_cli_retrieval_attack.moc"
