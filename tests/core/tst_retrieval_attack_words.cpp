// The caption attacks' word lists: the shipped files load, a user's files parse, and every kind
// of bad line is an error naming the file and the line.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/retrieval/attack_words.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

const fs::path kShipped = fs::path(WINNOW_SOURCE_DIR) / "resources" / "retrieval";

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

class TestRetrievalAttackWords : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    fs::path write(const std::string& name, const std::string& bytes) {
        const fs::path dir = fs::path(m_tmp.path().toStdString()) / std::to_string(m_n++);
        fs::create_directories(dir);
        std::ofstream(dir / name, std::ios::binary) << bytes;
        return dir / name;
    }
    template <typename F>
    std::string errorOf(F f) {
        try {
            f();
        } catch (const Error& e) {
            return e.what();
        }
        return {};
    }
    // The error for a concept_groups.txt holding `text`, which must name file:line.
    void expectGroupsError(const std::string& text, int line, const std::string& reason) {
        const fs::path f = write("concept_groups.txt", text);
        const std::string e = errorOf([&] { readConceptGroups(f); });
        QVERIFY2(contains(e, f.string() + ":" + std::to_string(line) + ": "), e.c_str());
        QVERIFY2(contains(e, reason), e.c_str());
    }
    std::vector<ConceptGroup> groups() {
        return readConceptGroups(write("concept_groups.txt", "person: man, woman\nplace: street\n"));
    }
    void expectDangerError(const std::string& text, int line, const std::string& reason) {
        const fs::path f = write("danger_words.txt", text);
        std::unordered_map<int, std::vector<std::string>> d;
        std::vector<std::string> def;
        const auto g = groups();
        const std::string e = errorOf([&] { readDangerWords(f, g, d, def); });
        if (line > 0) QVERIFY2(contains(e, f.string() + ":" + std::to_string(line) + ": "), e.c_str());
        else QVERIFY2(contains(e, f.string() + ": "), e.c_str());
        QVERIFY2(contains(e, reason), e.c_str());
    }

private Q_SLOTS:
    void shippedListsLoad() {
        const AttackWords w = loadAttackWords(kShipped);
        QVERIFY(w.groups.size() >= 20);
        QVERIFY(w.isStopWord("the") && w.isStopWord("a") && w.isStopWord("with"));
        QVERIFY(!w.isStopWord("dog"));
        QCOMPARE(w.groups[size_t(w.groupOf("woman"))].name, std::string("person"));
        QCOMPARE(w.groups[size_t(w.groupOf("giraffe"))].name, std::string("animal"));
        QCOMPARE(w.groups[size_t(w.groupOf("pizza"))].name, std::string("food"));
        QCOMPARE(w.groupOf("the"), -1);
        const auto& person = w.dangerWordsFor(w.groupOf("man"));
        QVERIFY(std::find(person.begin(), person.end(), "criminal") != person.end());
        const auto& place = w.dangerWordsFor(w.groupOf("street"));
        QVERIFY(std::find(place.begin(), place.end(), "minefield") != place.end());
        QVERIFY(std::find(w.dangerDefault.begin(), w.dangerDefault.end(), "weapon") != w.dangerDefault.end());
        QCOMPARE(&w.dangerWordsFor(-1), &w.dangerDefault);
        QVERIFY(w.vocabulary.size() > 20000);
        for (const std::string& v : w.vocabulary)
            for (char c : v) QVERIFY2(c >= 'a' && c <= 'z', v.c_str());
    }

    void goodFilesWithCommentsAndCase() {
        const fs::path s = write("stop_words.txt", "\xEF\xBB\xBF# stop words\nThe  \n\n  a # article\r\n");
        const auto stop = readStopWords(s);
        QCOMPARE(stop.size(), size_t(2));
        QVERIFY(stop.count("the") && stop.count("a"));
        const fs::path g = write("concept_groups.txt",
                                 "# groups\nperson: Man, woman , Élève  # comment\n\nplace_2:street,park\n");
        const auto gs = readConceptGroups(g);
        QCOMPARE(gs.size(), size_t(2));
        QCOMPARE(gs[0].name, std::string("person"));
        QCOMPARE(gs[0].words, (std::vector<std::string>{"man", "woman", "élève"}));
        QCOMPARE(gs[1].words, (std::vector<std::string>{"street", "park"}));
        std::unordered_map<int, std::vector<std::string>> d;
        std::vector<std::string> def;
        readDangerWords(write("danger_words.txt", "person: criminal, thief\n*: weapon\n"), gs, d, def);
        QCOMPARE(d.at(0), (std::vector<std::string>{"criminal", "thief"}));
        QVERIFY(!d.count(1));
        QCOMPARE(def, std::vector<std::string>{"weapon"});
        const auto v = readVocabulary(write("vocabulary.txt", "# v\nZebra\nzebra\nkite\n"));
        QCOMPARE(v, (std::vector<std::string>{"zebra", "kite"}));
    }

    void badConceptGroupLines() {
        expectGroupsError("person: man\nplace street\n", 2, "no ':'");
        expectGroupsError("# c\n: man, woman\n", 2, "no name");
        expectGroupsError("per son: man\n", 1, "may hold only letters");
        expectGroupsError("person: man\nperson: woman\n", 2, "already defined on line 1");
        expectGroupsError("person:   \n", 1, "lists no words");
        expectGroupsError("person: man,, woman\n", 1, "empty word");
        expectGroupsError("person: man,\n", 1, "empty word");
        expectGroupsError("food: hot dog\n", 1, "'hot dog' is not one word of letters");
        expectGroupsError("food: b4\n", 1, "'b4' is not one word of letters");
        expectGroupsError("person: man\nplace: street, Man\n", 2, "'man' is already in group 'person' (line 1)");
        expectGroupsError("person: man, woman, man\n", 1, "already earlier on this line");
        expectGroupsError("person: man\nplace: caf\xC3\n", 2, "not valid UTF-8");
        const std::string empty = errorOf([&] { readConceptGroups(write("concept_groups.txt", "# only\n\n")); });
        QVERIFY2(contains(empty, "defines no concept group"), empty.c_str());
    }

    void badDangerLines() {
        expectDangerError("person criminal\n*: weapon\n", 1, "no ':'");
        expectDangerError("*: weapon\n: gun\n", 2, "no group before ':'");
        expectDangerError("*: weapon\nanimal: gun\n", 2, "'animal' is not a group");
        expectDangerError("person: criminal\nperson: thief\n*: weapon\n", 2, "already has danger words on line 1");
        expectDangerError("person:\n*: weapon\n", 1, "has no danger word");
        expectDangerError("person: bad guy\n*: weapon\n", 1, "'bad guy' is not one word of letters");
        expectDangerError("person: criminal\n", 0, "no default line '*: word'");
    }

    void badStopWordAndVocabularyLines() {
        const fs::path s = write("stop_words.txt", "the\nof the\n");
        std::string e = errorOf([&] { readStopWords(s); });
        QVERIFY2(contains(e, s.string() + ":2: 'of the' is not one word of letters"), e.c_str());
        const fs::path v = write("vocabulary.txt", "zebra\nkite\ncaf\xC3\xA9\n");
        e = errorOf([&] { readVocabulary(v); });
        QVERIFY2(contains(e, v.string() + ":3: ") && contains(e, "English letters a-z"), e.c_str());
        const fs::path v2 = write("vocabulary.txt", "zebra\nx-ray\n");
        e = errorOf([&] { readVocabulary(v2); });
        QVERIFY2(contains(e, v2.string() + ":2: "), e.c_str());
        e = errorOf([&] { readVocabulary(fs::path(m_tmp.path().toStdString()) / "none.txt"); });
        QVERIFY2(contains(e, "none.txt: no such file"), e.c_str());
    }

    void folderLookup() {
        QCOMPARE(findAttackWordsFolder(kShipped), kShipped);
        // Without an override the source tree's copy is found from a build tree.
        QVERIFY(fs::is_regular_file(findAttackWordsFolder() / kConceptGroupsFile));
        const fs::path empty = fs::path(m_tmp.path().toStdString()) / "emptydir";
        fs::create_directories(empty);
        const std::string e = errorOf([&] { findAttackWordsFolder(empty); });
        QVERIFY2(contains(e, empty.string()) && contains(e, "concept_groups.txt"), e.c_str());
        // A folder whose lists have a bad line names that file and line.
        for (const char* f : {kStopWordsFile, kDangerWordsFile, kVocabularyFile})
            fs::copy_file(kShipped / f, empty / f);
        std::ofstream(empty / kConceptGroupsFile) << "person: man\nbroken line\n";
        const std::string e2 = errorOf([&] { loadAttackWords(empty); });
        QVERIFY2(contains(e2, (empty / kConceptGroupsFile).string() + ":2:"), e2.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRetrievalAttackWords)
#include "tst_retrieval_attack_words.moc"
