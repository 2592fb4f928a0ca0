// CsvReader: RFC 4180 quoting, CRLF, BOM, line numbers; strict errors (issue 13): a quoted
// field followed by junk, an unterminated quote and every kind of malformed UTF-8 name the file,
// the line and the column (1-based, in characters).
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

    // --- issue 13: strict like a library ------------------------------------------------------

    // The file name of the n-th file written (the error must name it).
    std::string lastFile() const { return QString("f%1.csv").arg(m_n - 1).toStdString(); }

    void quotedFieldFollowedByJunkIsAnError() {
        auto rows = readAll("\"a\"b,c\nx,y\n\"d\"  ,e\n");
        QCOMPARE(rows.size(), size_t(3));
        QVERIFY2(rows[0].error.find(lastFile() + ", line 1, column 4: text after the closing quote") != std::string::npos,
                 rows[0].error.c_str());
        QVERIFY(rows[1].error.empty());  // the next record reads normally
        QCOMPARE(rows[1].fields, (std::vector<std::string>{"x", "y"}));
        QVERIFY2(rows[2].error.empty(), rows[2].error.c_str());  // spaces after the quote are allowed
        QCOMPARE(rows[2].fields, (std::vector<std::string>{"d", "e"}));
        // Junk after a non-ASCII quoted value: the column counts characters, not bytes.
        rows = readAll("ok,1\n\"\xEA\xB3\xA0\xEC\x96\x91\" x,2\n");
        QVERIFY2(rows[1].error.find(", line 2, column 6: text after the closing quote") != std::string::npos,
                 rows[1].error.c_str());
    }

    void unterminatedQuoteNamesFileLineAndColumn() {
        auto rows = readAll("ok,1\nx,\"never closed");  // at the end of the file
        QCOMPARE(rows.size(), size_t(2));
        QVERIFY2(rows[1].error.find(lastFile() + ", line 2, column 3: quoted field is never closed") != std::string::npos,
                 rows[1].error.c_str());
        rows = readAll("ok,1\n\"never closed,2\nz,3\n");  // swallowing the next line: resynced
        QVERIFY2(rows[1].error.find(lastFile() + ", line 2, column 1: quoted field opened on line 2 is never closed") !=
                     std::string::npos,
                 rows[1].error.c_str());
        QCOMPARE(rows.back().fields, (std::vector<std::string>{"z", "3"}));
    }

    void invalidUtf8IsAnErrorWithLineAndColumn_data() {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QString>("reason");
        QTest::newRow("surrogate D800") << QByteArray("\xED\xA0\x80") << "UTF-16 surrogate encoded as UTF-8 (bytes ED A0 80)";
        QTest::newRow("surrogate DFFF") << QByteArray("\xED\xBF\xBF") << "UTF-16 surrogate encoded as UTF-8 (bytes ED BF BF)";
        QTest::newRow("overlong C0 80") << QByteArray("\xC0\x80") << "overlong encoding (bytes C0 80)";
        QTest::newRow("overlong C1 BF") << QByteArray("\xC1\xBF") << "overlong encoding (bytes C1 BF)";
        QTest::newRow("overlong E0 80 80") << QByteArray("\xE0\x80\x80") << "overlong encoding (bytes E0 80 80)";
        QTest::newRow("overlong E0 9F BF") << QByteArray("\xE0\x9F\xBF") << "overlong encoding (bytes E0 9F BF)";
        QTest::newRow("overlong F0 80 80 80") << QByteArray("\xF0\x80\x80\x80") << "overlong encoding (bytes F0 80 80 80)";
        QTest::newRow("above 10FFFF F4 90") << QByteArray("\xF4\x90\x80\x80") << "code point above U+10FFFF (bytes F4 90 80 80)";
        QTest::newRow("above 10FFFF F5") << QByteArray("\xF5\x80\x80\x80") << "code point above U+10FFFF (bytes F5 80 80 80)";
        QTest::newRow("above 10FFFF F7") << QByteArray("\xF7\xBF\xBF\xBF") << "code point above U+10FFFF (bytes F7 BF BF BF)";
        QTest::newRow("truncated 3-byte") << QByteArray("\xE4\xB8") << "truncated sequence (bytes E4 B8)";
        QTest::newRow("truncated 4-byte") << QByteArray("\xF0\x9F\x98") << "truncated sequence (bytes F0 9F 98)";
        QTest::newRow("truncated 2-byte") << QByteArray("\xC3") << "truncated sequence (bytes C3)";
        QTest::newRow("lone continuation") << QByteArray("\x80") << "byte 80 is a continuation byte";
        QTest::newRow("byte FE") << QByteArray("\xFE") << "byte FE never occurs in UTF-8";
        QTest::newRow("byte FF") << QByteArray("\xFF") << "byte FF never occurs in UTF-8";
    }

    void invalidUtf8IsAnErrorWithLineAndColumn() {
        QFETCH(QByteArray, bad);
        QFETCH(QString, reason);
        const std::string b = bad.toStdString();
        const std::string expect = ", line 2, column 5: not valid UTF-8: " + reason.toStdString();
        // Unquoted, quoted, and as the last bytes of the file (the sequence cut by EOF).
        for (const std::string& text : {"ok,1\n\xEA\xB3\xA0\xEC\x96\x91\xEC\x9D\xB4," + b + "x,2\nnext,3\n",
                                        "ok,1\n\xEA\xB3\xA0\xEC\x96\x91,\"" + b + "\"\nnext,3\n",
                                        "ok,1\nabc," + b}) {
            auto rows = readAll(text);
            QVERIFY(rows.size() >= 2);
            QVERIFY(rows[0].error.empty());
            QVERIFY2(rows[1].error.find(lastFile() + expect) != std::string::npos, rows[1].error.c_str());
            QCOMPARE(rows[1].line, int64_t(2));
            if (rows.size() == 3) {  // the record after it reads normally
                QVERIFY(rows[2].error.empty());
                QCOMPARE(rows[2].fields, (std::vector<std::string>{"next", "3"}));
            }
        }
    }

    void wellFormedEdgesOfUtf8AreAccepted() {
        // U+007F, U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFD, U+10000, U+10FFFF, an emoji.
        const std::string edges =
            "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBD\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"
            "\xF0\x9F\x90\x88";
        auto rows = readAll("a," + edges + "\n\"" + edges + "\",b\n");
        QCOMPARE(rows.size(), size_t(2));
        QVERIFY2(rows[0].error.empty(), rows[0].error.c_str());
        QVERIFY2(rows[1].error.empty(), rows[1].error.c_str());
        QCOMPARE(rows[0].fields[1], edges);
        QCOMPARE(rows[1].fields[0], edges);
    }

    void columnsAfterBomCrlfAndQuotedNewlines() {
        // The BOM takes no column; CRLF ends a line; a quoted newline starts a new line's count.
        auto rows = readAll("\xEF\xBB\xBF\"a\"x,1\r\nok,\"two\r\nlines\"\r\nq,\xFF\r\n");
        QCOMPARE(rows.size(), size_t(3));
        QVERIFY2(rows[0].error.find(", line 1, column 4: text after") != std::string::npos, rows[0].error.c_str());
        QVERIFY(rows[1].error.empty());
        QCOMPARE(rows[1].fields, (std::vector<std::string>{"ok", "two\r\nlines"}));
        QCOMPARE(rows[2].line, int64_t(4));
        QVERIFY2(rows[2].error.find(", line 4, column 3: not valid UTF-8") != std::string::npos, rows[2].error.c_str());
    }

    void utf8ProblemsAreNamed() {
        QCOMPARE(utf8ProblemAt("a\xED\xA0\x80", 1), std::string("UTF-16 surrogate encoded as UTF-8 (bytes ED A0 80)"));
        QCOMPARE(utf8ProblemAt("\xE4\xB8\xAD", 0), std::string());  // well-formed
        QCOMPARE(utf8ProblemAt("\xC3(", 0), std::string("truncated sequence (bytes C3): the lead byte needs 2 bytes"));
    }

    void missingFileThrows() {
        QVERIFY_THROWS_EXCEPTION(Error, CsvReader(fs::path(m_tmp.path().toStdString()) / "none.csv"));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csv_reader.moc"
