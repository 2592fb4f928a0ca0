// Image quality in a stored result: the per-sample properties read back, the samples beyond a
// cut (worst first, strict like the flags), the default cuts from QualityOptions and the
// histogram bins (linear and logarithmic), all against hand-made values.
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <filesystem>

#include "core/curation/curation.h"
#include "core/curation/curation_arrays.h"
#include "core/curation/curation_read.h"
#include "core/curation/quality_cut.h"
#include "core/store/project.h"
#include "core/util/error.h"

namespace fs = std::filesystem;
using namespace winnow::core;

class TestCurationQualityCut : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void beyondBelowIsStrictAndWorstFirst() {
        const std::vector<int64_t> ids = {1, 2, 3, 4, 5, 6, 7};
        const std::vector<float> v = {0.3f, 0.1f, 0.2f, 0.1f, NAN, 0.25f, 0.5f};
        // 0.25 is at the cut: not beyond. Ties (0.1) by id.
        QCOMPARE(samplesBeyondCut(ids, v, 0.25, CutDirection::Below), (std::vector<int64_t>{2, 4, 3}));
        QCOMPARE(countBeyondCut(v, 0.25, CutDirection::Below), int64_t(3));
        QCOMPARE(samplesBeyondCut(ids, v, 0.25, CutDirection::Above), (std::vector<int64_t>{7, 1}));
        QCOMPARE(countBeyondCut(v, 0.25, CutDirection::Above), int64_t(2));
        QVERIFY(samplesBeyondCut(ids, v, 0.1, CutDirection::Below).empty());
        QCOMPARE(samplesBeyondCut(ids, v, -1, CutDirection::Above).size(), size_t(6));  // NaN never
    }

    void valuesPerProperty() {
        std::vector<ImageQuality> q(2);
        q[0].brightness = 0.5f;
        q[0].width = 30, q[0].height = 10;
        q[1].blur = 123.f;
        q[1].width = 8, q[1].height = 64;
        QCOMPARE(qualityValues(q, QualityProperty::MinSide), (std::vector<float>{10, 8}));
        QCOMPARE(qualityValues(q, QualityProperty::Brightness), (std::vector<float>{0.5f, 0}));
        QCOMPARE(qualityValues(q, QualityProperty::Blur), (std::vector<float>{0, 123.f}));
        QCOMPARE(int(allQualityProperties().size()), 7);
        QVERIFY(qualityPropertyLogScale(QualityProperty::Blur));
        QVERIFY(!qualityPropertyLogScale(QualityProperty::Entropy));
    }

    void defaultCutsAreTheScanOptions() {
        QualityOptions o;
        o.darkBelow = 0.2f;
        o.overexposedAbove = 0.9f;
        o.blurFractionOfMedian = 0.25f;
        o.tinySideBelow = 20;
        o.extremeAspectAbove = 3.f;
        QCOMPARE(defaultQualityCut(QualityProperty::Brightness, CutDirection::Below, o, 0), double(0.2f));
        QCOMPARE(defaultQualityCut(QualityProperty::Brightness, CutDirection::Above, o, 0), double(0.9f));
        QCOMPARE(defaultQualityCut(QualityProperty::Blur, CutDirection::Below, o, 400.0), 100.0);
        QCOMPARE(defaultQualityCut(QualityProperty::MinSide, CutDirection::Below, o, 0), 20.0);
        QCOMPARE(defaultQualityCut(QualityProperty::Aspect, CutDirection::Above, o, 0), 3.0);
        QVERIFY(defaultCutDirection(QualityProperty::Aspect) == CutDirection::Above);
        QVERIFY(defaultCutDirection(QualityProperty::Blur) == CutDirection::Below);
    }

    void linearBins() {
        const auto h = qualityHistogram({0, 1, 2, 3, 4, NAN}, 4, false);
        QVERIFY(!h.logBins);
        QCOMPARE(h.edges, (std::vector<double>{0, 1, 2, 3, 4}));
        QCOMPARE(h.counts, (std::vector<int64_t>{1, 1, 1, 2}));  // the largest joins the last bin
        const auto one = qualityHistogram({5, 5}, 2, false);
        QCOMPARE(one.edges, (std::vector<double>{4.5, 5, 5.5}));
        QCOMPARE(one.counts, (std::vector<int64_t>{0, 2}));
    }

    void logBins() {
        const auto h = qualityHistogram({0, 1, 2, 20, 200, 1000}, 3, true);
        QVERIFY(h.logBins);
        QCOMPARE(h.nonPositive, int64_t(1));
        QCOMPARE(int(h.edges.size()), 4);
        QCOMPARE(h.edges.front(), 1.0);
        QVERIFY(std::abs(h.edges[1] - 10) < 1e-9 && std::abs(h.edges[2] - 100) < 1e-9);
        QCOMPARE(h.edges.back(), 1000.0);
        QCOMPARE(h.counts, (std::vector<int64_t>{2, 1, 2}));
        // Nothing positive: linear bins.
        QVERIFY(!qualityHistogram({0, 0}, 2, true).logBins);
    }

    void storedQualityComesBack() {
        auto p = Project::create(fs::path(m_tmp.path().toStdString()) / "q.winnow");
        CurationResult r;
        r.features = "thumbnail-grey16";
        r.qualityIds = {3, 7};
        r.quality.resize(2);
        r.quality[0].brightness = 0.05f;
        r.quality[1].blur = 42.f;
        r.quality[1].width = 12;
        r.qualityFlags = {uint8_t(QualityFlag::Dark), uint8_t(QualityFlag::Tiny)};
        storeCuration(*p, r);
        const auto stored = latestCuration(*p);
        QVERIFY(stored);
        const CurationArrays a = loadCurationArrays(*p, *stored);
        QCOMPARE(a.qualityIds, (std::vector<int64_t>{3, 7}));
        QCOMPARE(int(a.quality.size()), 2);
        QCOMPARE(a.quality[0].brightness, 0.05f);
        QCOMPARE(a.quality[1].blur, 42.f);
        QCOMPARE(a.quality[1].width, 12.f);
        QCOMPARE(a.qualityFlags, (std::vector<uint8_t>{1, 64}));

        // A truncated quality file is named.
        const fs::path qf = p->cacheDir() / stored->resultDir / "quality.f32";
        fs::resize_file(qf, 12);
        try {
            loadCurationArrays(*p, *stored);
            QFAIL("a damaged quality file loaded");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(qf.string()) != std::string::npos, e.what());
        }
        // A result stored without quality files (older scans) loads with none.
        fs::remove(qf);
        fs::remove(p->cacheDir() / stored->resultDir / "quality_ids.i64");
        fs::remove(p->cacheDir() / stored->resultDir / "quality_flags.u8");
        QVERIFY(loadCurationArrays(*p, *stored).quality.empty());
    }
};

QTEST_APPLESS_MAIN(TestCurationQualityCut)
#include "tst_curation_quality_cut.moc"
