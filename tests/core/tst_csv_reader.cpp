// CsvReader: RFC 4180 quoting, CRLF, BOM, line numbers.
#include <QtTest>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/dataset/csv_reader.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestCsvReader : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    int m_n = 0;

    fs::path write(const std::string& bytes) {
        fs::path p = fs::path(m_tmp.path().toStdString()) / QString("f%1.csv").arg(m_n++).toStdString();
        std::ofstream(p, std::ios::binary) << bytes;
        return p;
    }

    struct Rec {
        std::vector<std::string> fields;
        int64_t line;
        std::string error;
    };
    std::vector<Rec> readAll(const std::string& bytes) {
        CsvReader r(write(bytes));
        std::vector<Rec> out;
        Rec rec;
        while (r.next(rec.fields, rec.line, rec.error)) out.push_back(rec);
        return out;
    }

private Q_SLOTS:
    void plainRowsAndLineNumbers() {
        auto rows = readAll("a,b\nc,d\n\ne,f");
        QCOMPARE(rows.size(), size_t(3));
        QCOMPARE(rows[0].fields, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(rows[2].fields, (std::vector<std::string>{"e", "f"}));
        QCOMPARE(rows[0].line, int64_t(1));
        QCOMPARE(rows[1].line, int64_t(2));
        QCOMPARE(rows[2].line, int64_t(4));  // the blank line 3 is skipped but counted
    }

    void quotedFieldsWithCommasQuotesAndNewlines() {
        auto rows = readAll("\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",z\r\nnext,1\r\n");
        QCOMPARE(rows.size(), size_t(3));
        QCOMPARE(rows[0].fields, (std::vector<std::string>{"x, y", "say \"hi\""}));
        QCOMPARE(rows[1].fields, (std::vector<std::string>{"multi\nline", "z"}));
        QCOMPARE(rows[1].line, int64_t(2));
        QCOMPARE(rows[2].line, int64_t(4));  // the quoted newline took a line
        QCOMPARE(rows[2].fields, (std::vector<std::string>{"next", "1"}));
    }

    void bomIsSkippedAndUtf8Kept() {
        auto rows = readAll("\xEF\xBB\xBFpath,label\r\nimg.png,\xEA\xB3\xA0\xEC\x96\x91\xEC\x9D\xB4\r\n");
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0].fields[0], std::string("path"));
        QCOMPARE(rows[1].fields[1], std::string("고양이"));
    }

    void unquotedFieldsAreTrimmedQuotedKept() {
        auto rows = readAll(" a , \" b \" ,c\t\n");
        QCOMPARE(rows[0].fields, (std::vector<std::string>{"a", " b ", "c"}));
    }

    void emptyFieldsAndTrailingComma() {
        auto rows = readAll("a,,\n,b\n");
        QCOMPARE(rows[0].fields, (std::vector<std::string>{"a", "", ""}));
        QCOMPARE(rows[1].fields, (std::vector<std::string>{"", "b"}));
    }

    void unterminatedQuoteIsReported() {
        auto rows = readAll("ok,1\n\"never closed,2\n");
        QCOMPARE(rows.size(), size_t(2));
        QVERIFY(rows[0].error.empty());
        QVERIFY(!rows[1].error.empty());
    }

    void unclosedQuoteCostsOneRowNotTheRestOfTheFile() {
        // Issue 16: one stray quote used to swallow every following row into one field.
        auto rows = readAll("a.png,1\n\"b.png,2\r\nc.png,3\nd.png,\"4\"\ne.png,5\n");
        QCOMPARE(rows.size(), size_t(5));
        QVERIFY(rows[0].error.empty());
        QCOMPARE(rows[1].line, int64_t(2));
        // Its quote paired with the one of line 4 (`"4"`): the text after it gives it away.
        QVERIFY2(rows[1].error.find("opened on line 2 does not end cleanly") != std::string::npos, rows[1].error.c_str());
        QCOMPARE(rows[1].fields, (std::vector<std::string>{"b.png,2"}));
        QCOMPARE(rows[2].fields, (std::vector<std::string>{"c.png", "3"}));
        QCOMPARE(rows[2].line, int64_t(3));
        QVERIFY(rows[2].error.empty());
        QCOMPARE(rows[3].fields, (std::vector<std::string>{"d.png", "4"}));
        QCOMPARE(rows[4].fields, (std::vector<std::string>{"e.png", "5"}));
        QCOMPARE(rows[4].line, int64_t(5));
    }

    void unclosedQuoteResyncsAcrossBufferRefills() {
        // The reader's buffer is 1 MB: a stray quote near the start, 300k rows after it.
        std::string s = "x,\"stray\n";
        for (int i = 0; i < 300000; ++i) s += "f" + std::to_string(i) + ".png,l\n";
        auto rows = readAll(s);
        QCOMPARE(rows.size(), size_t(300001));
        QVERIFY2(rows[0].error.find("opened on line 1 is never closed") != std::string::npos, rows[0].error.c_str());
        QCOMPARE(rows[0].fields, (std::vector<std::string>{"x", "stray"}));
        QCOMPARE(rows[300000].fields[0], std::string("f299999.png"));
        QCOMPARE(rows[300000].line, int64_t(300001));
    }

    void fifoIsRefusedNotWaitedOn() {
        fs::path p = fs::path(m_tmp.path().toStdString()) / "pipe.csv";
        QCOMPARE(::mkfifo(p.c_str(), 0644), 0);
        try {
            CsvReader r(p);
            QFAIL("opened a FIFO");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("not a regular file (a FIFO)") != std::string::npos, e.what());
        }
    }

    void largeFileCrossesBufferBoundaries() {
        std::string s;
        for (int i = 0; i < 200000; ++i) {
            s.append("\"dir/file_").append(std::to_string(i)).append(".png\",\"l, ");
            s.append(std::to_string(i % 7)).append("\"\n");
        }
        auto rows = readAll(s);
        QCOMPARE(rows.size(), size_t(200000));
        QCOMPARE(rows[123456].fields[0], std::string("dir/file_123456.png"));
        QCOMPARE(rows[123456].fields[1], std::string("l, ") + std::to_string(123456 % 7));
        QCOMPARE(rows[199999].line, int64_t(200000));
    }

    void utf8Validation() {
        QVERIFY(isValidUtf8("plain"));
        QVERIFY(isValidUtf8("고양이"));
        QVERIFY(!isValidUtf8("\xC3"));
        QVERIFY(!isValidUtf8("\xFF\xFE"));
        QVERIFY(!isValidUtf8("\xC0\xAF"));  // overlong '/'
    }

    void missingFileThrows() {
        QVERIFY_THROWS_EXCEPTION(Error, CsvReader(fs::path(m_tmp.path().toStdString()) / "none.csv"));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csv_reader.moc"
