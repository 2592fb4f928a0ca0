// `winnow-cli export --format review-steps`: the audit trail of duplicate-group decisions (group,
// keeper, reviewer, the undo and what it cancelled) as CSV, read back here as text.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "cli_runner.h"
#include "core/curation/curation.h"
#include "core/curation/duplicate_group_review.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using winnow::test::runCli;

class TestCliReviewSteps : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir(const char* name) const { return fs::path(m_tmp.path().toStdString()) / name; }
    static QString qs(const fs::path& p) { return QString::fromStdString(p.string()); }

private Q_SLOTS:
    void groupDecisionsAreExported() {
        QCOMPARE(winnow::test::importThreeImages(dir("src"), dir("p.winnow")).code, 0);
        int64_t result = 0;
        {
            auto p = winnow::core::Project::open(dir("p.winnow"));
            winnow::core::CurationResult r;
            r.features = "thumbnail-grey16";
            r.params = {{"k", 10}};
            r.summary = {{"groups", 1}};
            r.issues = {{"exact-duplicate", 1, 1, 0}, {"exact-duplicate", 2, 1, 0}, {"exact-duplicate", 3, 1, 0}};
            result = winnow::core::storeCuration(*p, r);
            winnow::core::DuplicateGroupReview review(*p, result);
            review.keepOne(1, 3, "ann");
            review.notDuplicates(1, "ann");
            review.undo("ann");
        }
        const auto r = runCli({"export", "--project", qs(dir("p.winnow")), "--format", "review-steps", "--out",
                               qs(dir("steps.csv")), "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(winnow::test::lastJson(r.out).value("rows").toInt(), 3);
        std::ifstream in(dir("steps.csv"));
        std::vector<std::string> lines;
        for (std::string l; std::getline(in, l);) lines.push_back(l);
        QCOMPARE(int(lines.size()), 4);
        const std::string res = std::to_string(result);
        QVERIFY2(lines[1].find(",ann,keep-one," + res + ",1,3,1 2 3,exclude:1 exclude:2 keep:3,,0") != std::string::npos,
                 lines[1].c_str());
        QVERIFY2(lines[2].find(",ann,not-duplicates," + res + ",1,,1 2 3,,,1") != std::string::npos, lines[2].c_str());
        QVERIFY2(lines[3].find(",ann,undo," + res + ",1,,,,2,0") != std::string::npos, lines[3].c_str());
    }
};

QTEST_APPLESS_MAIN(TestCliReviewSteps)
#include "tst_cli_review_steps.moc"
