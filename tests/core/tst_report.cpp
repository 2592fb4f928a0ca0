// HTML report: detector metrics computed against injected truth, charts, escaping.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/influence/score_file.h"
#include "core/report/html_report.h"
#include "core/report/svg_chart.h"
#include "core/store/project.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestReport : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void reportHasMetricsChartsAndEscapes() {
        fs::path dir = m_tmp.path().toStdString();
        auto p = Project::create(dir / "r.winnow");
        auto& db = p->db();
        db.exec("INSERT INTO classes(idx,name) VALUES(0,'cat'),(1,'<dog>')");
        // Six train samples; samples 1, 2, 3 have a flipped label (original differs).
        for (int i = 1; i <= 6; ++i) {
            int given = i % 2, original = i <= 3 ? 1 - given : given;
            db.exec("INSERT INTO samples(id,media_kind,path,split,label,original_label) VALUES(" +
                    std::to_string(i) + ",0,'/x/" + std::to_string(i) + ".png',0," +
                    "(SELECT id FROM classes WHERE idx=" + std::to_string(given) + ")," +
                    "(SELECT id FROM classes WHERE idx=" + std::to_string(original) + "))");
        }
        db.exec("INSERT INTO runs(id, created_at, config_json) VALUES(1, 'now', '{}')");
        // A detector that flags 1, 2 and 5: precision 2/3, recall 2/3.
        ScoreFile f;
        f.meta["format"] = 1;
        f.meta["detector"] = "small-loss";
        f.meta["classes"] = 2;
        f.meta["n"] = 6;
        for (int i = 1; i <= 6; ++i) {
            f.sampleIds.push_back(i);
            f.givenLabel.push_back(i % 2);
            f.suggestedLabel.push_back(0);
            f.suggestedProb.push_back(0.9f);
            f.score.push_back(i == 1 || i == 2 || i == 5 ? 1.0f : 0.0f);
            f.flag.push_back(i == 1 || i == 2 || i == 5 ? 1 : 0);
        }
        f.write(p->cacheDir() / "scorings" / "1");
        db.exec("INSERT INTO scorings(id, run_id, detector, created_at, params_json, result_file)"
                " VALUES(1, 1, 'small-loss', 'now', '{}', 'scorings/1')");
        fs::path out = dir / "report.html";
        nlohmann::json s = writeHtmlReport(*p, out);
        QCOMPARE(jsonInt(jsonField(s, "samples")), 6);
        const nlohmann::json& d = jsonItem(jsonField(s, "detectors"), size_t(0));
        QCOMPARE(jsonInt(jsonField(d, "flagged")), 3);
        QVERIFY(std::abs(jsonDouble(jsonField(d, "precision")) - 2.0 / 3.0) < 1e-9);
        QVERIFY(std::abs(jsonDouble(jsonField(d, "recall")) - 2.0 / 3.0) < 1e-9);
        std::ifstream in(out);
        std::string html((std::istreambuf_iterator<char>(in)), {});
        QVERIFY(html.find("<svg") != std::string::npos);
        QVERIFY(html.find("&lt;dog&gt;") != std::string::npos);
        QVERIFY(html.find("<dog>") == std::string::npos);
        QVERIFY(html.find("0.667") != std::string::npos);
    }

    void histogramCountsEveryFiniteValue() {
        std::vector<float> v = {0.f, 0.1f, 0.9f, 1.f, NAN};
        std::string svg = svgHistogram("h", v, 2);
        // Two bins: [0,0.5) holds 2, [0.5,1] holds 2 (the maximum falls in the last bin).
        QVERIFY(svg.find("samples: 2</title>") != std::string::npos);
        QVERIFY(svg.find("samples: 1</title>") == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
