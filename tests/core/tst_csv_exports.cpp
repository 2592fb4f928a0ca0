// One CSV writer for every export (issue 13): CsvRow's cells read back exactly through the
// strict CsvReader, whatever they hold (comma, quote, line breaks, a formula, non-ASCII, padding,
// NaN and infinities), and the labels, issues and predictions exports quote one awkward class
// name byte for byte alike.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "array_project_fixture.h"
#include "core/dataset/csv_reader.h"
#include "core/influence/exports.h"
#include "core/review/exporters.h"
#include "core/store/project.h"
#include "core/util/csv.h"
#include "core/util/number_text.h"

namespace fs = std::filesystem;
using namespace winnow::core;

namespace {

std::string readAll(const fs::path& f) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Record {
    std::vector<std::string> fields;
    int64_t line = 0;
};

// Every record of `file` through the strict reader; a malformed one fails the test.
std::vector<Record> readStrict(const fs::path& file) {
    CsvReader r(file);
    std::vector<Record> out;
    Record rec;
    std::string error;
    while (r.next(rec.fields, rec.line, error)) {
        if (!error.empty()) qWarning("%s", error.c_str());
        out.push_back(rec);
        if (!error.empty()) out.back().fields = {"<malformed>"};
    }
    return out;
}

// Values a user can put into a class name, a path or a caption.
const std::vector<std::string>& awkward() {
    static const std::vector<std::string> v = {
        "a,b", "say \"hi\"", "\"", "two\nlines", "cr\r\nlf", "=1+2", "+x", "-3", "@SUM(A1)", "\tlead",
        " padded ", "trail\t", "고양이", "🐈 cat", "", "'quoted'", "x;y|z"};
    return v;
}

// What a spreadsheet-safe export writes for `v`: a formula start gets a leading single quote.
std::string neutralised(const std::string& v) {
    return !v.empty() && std::string("=+-@\t\r").find(v[0]) != std::string::npos ? "'" + v : v;
}

}  // namespace

class TestCsvExports : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    fs::path dir() const { return fs::path(m_tmp.path().toStdString()); }

private Q_SLOTS:
    void csvRowRoundTripsThroughTheStrictReader() {
        const double inf = std::numeric_limits<double>::infinity();
        const std::vector<double> numbers = {0.1, -2.5e-300, 1e308, -0.0, 3, std::nan(""), inf, -inf};
        std::string text = csvHeader({"value", "n", "x"});
        for (const std::string& v : awkward())
            for (double x : numbers) text += CsvRow().text(v).integer(INT64_MIN).number(x).line();
        const fs::path f = dir() / "round.csv";
        std::ofstream(f, std::ios::binary) << text;
        const auto rows = readStrict(f);
        QCOMPARE(rows.size(), 1 + awkward().size() * numbers.size());
        QCOMPARE(rows[0].fields, (std::vector<std::string>{"value", "n", "x"}));
        size_t k = 1;
        for (const std::string& v : awkward())
            for (double x : numbers) {
                const Record& r = rows[k++];
                QCOMPARE(r.fields.size(), size_t(3));
                QCOMPARE(r.fields[0], neutralised(v));
                QCOMPARE(r.fields[1], std::string("-9223372036854775808"));
                if (std::isnan(x)) QCOMPARE(r.fields[2], std::string("nan"));
                else if (std::isinf(x)) QCOMPARE(r.fields[2], std::string(x > 0 ? "inf" : "-inf"));
                else {
                    const auto back = parseNumber(r.fields[2]);
                    QVERIFY2(back && *back == x && std::signbit(*back) == std::signbit(x), r.fields[2].c_str());
                }
            }
    }

    void quotingIsRfc4180() {
        // Independent expectations, written out by hand.
        QCOMPARE(CsvRow().text("plain").text("a,b").text("say \"hi\"").text("").line(),
                 std::string("plain,\"a,b\",\"say \"\"hi\"\"\",\n"));
        QCOMPARE(CsvRow().text("two\nlines").text("=cmd|' /C calc'!A0").text(" pad").line(),
                 std::string("\"two\nlines\",'=cmd|' /C calc'!A0,\" pad\"\n"));
        QCOMPARE(CsvRow().integer(-7).number(0.05).significant(0.1234567, 3).empty().line(),
                 std::string("-7,0.05,0.123,\n"));
    }

    void everyExportQuotesAlike() {
        const fs::path file = dir() / "p.winnow";
        array_fixture::makeArrayProject(file, 20);
        array_fixture::trainAndScore(file, "small-loss");
        auto p = Project::open(file);
        // Awkward class names and one awkward path, as an import could have stored them.
        const std::string name0 = "=cmd,\"x\"\n고양이", name1 = " padded, 🐈 ";
        p->db().prepare("UPDATE classes SET name=? WHERE idx=0").bind(1, name0).run();
        p->db().prepare("UPDATE classes SET name=? WHERE idx=1").bind(1, name1).run();
        p->db().prepare("UPDATE samples SET path=? WHERE id=1").bind(1, std::string("/data/a,\"b\"\n.png")).run();
        const fs::path out = dir() / "out";
        fs::create_directories(out);
        exportLabelsCsv(*p, out / "labels.csv");
        (void)exportIssues(*p, "", out / "issues.csv");
        (void)exportPredictions(*p, 0, out / "probs.npy");
        // The same bytes for the same name in every export (written out by hand).
        const std::string quoted0 = "\"'=cmd,\"\"x\"\"\n고양이\"", quoted1 = "\" padded, 🐈 \"";
        for (const char* name : {"labels.csv", "issues.csv", "probs.npy.csv"}) {
            const std::string text = readAll(out / name);
            QVERIFY2(text.find(quoted0) != std::string::npos, name);
            QVERIFY2(text.find(quoted1) != std::string::npos, name);
        }
        // And each reads back through the strict reader with its header's width on every row.
        struct Expect {
            const char* file;
            size_t nameColumn;
        };
        for (const Expect& e : {Expect{"labels.csv", 3}, Expect{"issues.csv", 1}, Expect{"probs.npy.csv", 3}}) {
            const auto rows = readStrict(out / e.file);
            QVERIFY2(rows.size() > 10, e.file);
            std::set<std::string> names;
            for (const Record& r : rows) {
                QVERIFY2(r.fields.size() == rows[0].fields.size(), e.file);
                names.insert(r.fields[e.nameColumn]);
            }
            QVERIFY2(names.count("'" + name0) == 1, e.file);
            QVERIFY2(names.count(name1) == 1, e.file);
        }
        const auto labels = readStrict(out / "labels.csv");
        QCOMPARE(labels[1].fields[1], std::string("/data/a,\"b\"\n.png#0"));  // an array record: path#index
    }
};

QTEST_GUILESS_MAIN(TestCsvExports)
#include "tst_csv_exports.moc"
