// Winnow's JSON entry point (core/util/json_text.h) and number text (number_text.h) on the
// inputs a hand-written parser got wrong: expectations are the RFC 8259 grammar and exact
// integers, written out by hand here.
#include <QtTest>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>

#include "core/util/error.h"
#include "core/util/json_text.h"
#include "core/util/number_text.h"

using namespace winnow::core;
namespace fs = std::filesystem;

namespace {

// The message of the Error parseJson throws for `text`, or "" when it parses.
std::string parseError(const std::string& text, const std::string& origin = "input.json") {
    try {
        (void)parseJson(text, origin);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

}  // namespace

class TestJsonText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void megabyteOfOpenBracketsIsAClearError() {
        const std::string msg = parseError(std::string(1 << 20, '['), "/data/evil.json");
        QVERIFY2(msg.find("/data/evil.json: invalid JSON: nested deeper than 512 levels") == 0, msg.c_str());
        QVERIFY2(msg.find("at byte 512") != std::string::npos, msg.c_str());
    }

    // Balanced, so the grammar alone accepts it; copying or writing such a value recurses once
    // per level and overflowed the stack (a crash, not an error).
    void deepButBalancedNestingIsRefused() {
        const int deep = 200000;
        const std::string text = std::string(size_t(deep), '[') + std::string(size_t(deep), ']');
        QVERIFY(parseError(text).find("nested deeper than 512 levels") != std::string::npos);
        QVERIFY(parseJsonOrNull(text).is_null());
        std::string nested;
        for (int i = 0; i < 600; ++i) nested += "{\"a\":";
        nested += "1" + std::string(600, '}');
        QVERIFY(parseError(nested).find("nested deeper") != std::string::npos);
        // The limit itself is fine; brackets inside strings do not count.
        const std::string atLimit = std::string(512, '[') + std::string(512, ']');
        QVERIFY(parseError(atLimit).empty());
        QVERIFY(parseError(std::string(513, '[') + std::string(513, ']')).find("nested deeper") != std::string::npos);
        QVERIFY(parseError("[\"" + std::string(5000, '[') + "\\\"\"]").empty());
    }

    void integersRoundTripExactly() {
        const std::string max = "9223372036854775807", min = "-9223372036854775808";
        const nlohmann::json a = parseJson("[" + max + "," + min + ",9007199254740993,18446744073709551615]", "ints");
        QCOMPARE(a[0].get<int64_t>(), std::numeric_limits<int64_t>::max());
        QCOMPARE(a[1].get<int64_t>(), std::numeric_limits<int64_t>::min());
        QCOMPARE(a[2].get<int64_t>(), int64_t(9007199254740993LL));  // 2^53 + 1: no double in between
        QCOMPARE(a[3].get<uint64_t>(), std::numeric_limits<uint64_t>::max());
        QCOMPARE(dumpJson(a), "[" + max + "," + min + ",9007199254740993,18446744073709551615]");
        QCOMPARE(jsonInt(a[0]), std::numeric_limits<int64_t>::max());
        QCOMPARE(jsonInt(a[3], -1), int64_t(-1));  // 2^64 - 1 does not fit: the fallback
        QCOMPARE(jsonInt(parseJson("1e300", "x"), -1), int64_t(-1));
        QCOMPARE(jsonInt(parseJson("2.5", "x")), int64_t(3));  // rounded like before
    }

    void nonJsonNumbersAndStringsAreRejected() {
        struct Case { const char* text; const char* why; };
        const Case cases[] = {
            {"+1", "leading plus"},
            {"01", "leading zero"},
            {"-01", "leading zero"},
            {"1.", "no fraction digits"},
            {".5", "no integer part"},
            {"0,05", "decimal comma"},
            {"{\"lr\":0,05}", "decimal comma in an object"},
            {"\"\\ud800\"", "lone high surrogate"},
            {"\"\\udc00\"", "lone low surrogate"},
            {"\"\\ud800\\u0041\"", "high surrogate + non-surrogate"},
            {"[1,]", "trailing comma"},
            {"{\"a\":1,}", "trailing comma in an object"},
            {"NaN", "not a JSON literal"},
            {"1e400", "overflows a double"},
            {"\"a\tb\"", "raw control character in a string"},
            {"\"\xC0\xAF\"", "overlong UTF-8"},
            {"[1] x", "trailing characters"},
            {"", "empty"},
        };
        for (const Case& c : cases) {
            const std::string msg = parseError(c.text, "/p/meta.json");
            QVERIFY2(msg.find("/p/meta.json: invalid JSON: ") == 0,
                     qPrintable(QStringLiteral("%1 (%2) gave '%3'").arg(QString::fromUtf8(c.text), QLatin1String(c.why),
                                                                       QString::fromStdString(msg))));
            QVERIFY(parseJsonOrNull(c.text).is_null());
        }
        // A valid pair is one code point.
        QCOMPARE(parseJson("\"\\ud83d\\ude00\"", "x").get<std::string>(), std::string("\xF0\x9F\x98\x80"));
    }

    void readJsonFileNamesTheFile() {
        const fs::path f = fs::temp_directory_path() / "winnow-tst-json-text.json";
        std::ofstream(f) << "{\"a\": +1}";
        try {
            (void)readJsonFile(f);
            QFAIL("accepted +1");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(f.string() + ": invalid JSON") == 0, e.what());
        }
        fs::remove(f);
        try {
            (void)readJsonFile(f);
            QFAIL("read a missing file");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(f.string()) != std::string::npos, e.what());
        }
    }

    // Bytes that are not UTF-8 (a file name from an old Latin-1 disk) must not abort a write.
    void dumpReplacesInvalidUtf8() {
        nlohmann::json j;
        j["path"] = std::string("caf\xE9.png");
        QCOMPARE(dumpJson(j), std::string("{\"path\":\"caf\xEF\xBF\xBD.png\"}"));
    }

    void lenientAccessKeepsFallbacks() {
        const nlohmann::json j = parseJson(R"({"n":3,"s":"x","b":true,"z":null,"a":[1,2]})", "x");
        QCOMPARE(jsonInt(jsonField(j, "n")), int64_t(3));
        QCOMPARE(jsonInt(jsonField(j, "missing"), 7), int64_t(7));
        QCOMPARE(jsonDouble(jsonField(j, "z"), 0.5), 0.5);  // null: the fallback, no exception
        QCOMPARE(jsonString(jsonField(j, "n"), "d"), std::string("d"));
        QCOMPARE(jsonBool(jsonField(j, "b")), true);
        QCOMPARE(jsonInt(jsonItem(jsonField(j, "a"), 1)), int64_t(2));
        QVERIFY(jsonItem(jsonField(j, "a"), 9).is_null());
        QCOMPARE(jsonArray(jsonField(j, "s")).size(), size_t(0));
        QVERIFY(jsonField(jsonField(j, "n"), "x").is_null());
    }

    void numberTextIsLocaleFreeAndStrict() {
        QCOMPARE(formatNumber(0.05), std::string("0.05"));
        QCOMPARE(formatNumber(0.1 + 0.2), std::string("0.30000000000000004"));
        QCOMPARE(formatNumber(3.0), std::string("3"));
        QCOMPARE(formatNumber(0.05, 3), std::string("0.050"));
        QCOMPARE(formatNumber(-2.5, 0), std::string("-2"));  // round half to even, like printf
        QCOMPARE(formatSignificant(0.123456789, 6), std::string("0.123457"));
        QCOMPARE(formatSignificant(1.5e-05, 4), std::string("1.5e-05"));
        QCOMPARE(formatNumber(std::numeric_limits<double>::quiet_NaN()), std::string("nan"));
        QCOMPARE(formatNumber(-std::numeric_limits<double>::infinity(), 2), std::string("-inf"));
        QCOMPARE(parseNumber("1.5").value_or(-1), 1.5);
        QCOMPARE(parseNumber(".5").value_or(-1), 0.5);
        QCOMPARE(parseNumber("-2e-3").value_or(-1), -0.002);
        for (const char* bad : {"", "1,5", "+1", " 1", "1 ", "0x10", "inf", "nan", "1e", "-", ".", "1e999", "1.5s"})
            QVERIFY2(!parseNumber(bad), bad);
        const double v = 0.1 * 3;
        QCOMPARE(parseNumber(formatNumber(v)).value_or(-1), v);  // shortest text reads back exactly
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_json_text.moc"
