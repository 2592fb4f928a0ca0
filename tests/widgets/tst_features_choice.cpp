// The features combos' "Image encoder…" entry (issue 14) in the Issues and Map docks: with the
// model set as the question would set it (hash-demo), the scan and the map run on encoder
// features (the stored result's and the map's features are "encoder:…"); the model is kept
// per project in QSettings, offered again for that project and not for another.
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "core/curation/curation_read.h"
#include "core/store/project.h"
#include "grid_fixture.h"
#include "widgets/curation/features_choice.h"
#include "widgets/curation/issues_panel.h"
#include "widgets/curation/map_panel.h"
#include "widgets/job_runner.h"

using namespace winnow;
using namespace winnow::widgets;

class TestFeaturesChoice : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::filesystem::path m_file, m_other;

    static EncoderFeaturesChoice* choiceOf(QComboBox* combo) { return combo->findChild<EncoderFeaturesChoice*>(); }

    static void makeProject(const QString& dir) {
        std::vector<testing::FixtureSample> samples;
        for (int i = 0; i < 12; ++i) samples.push_back({Qt::gray, QSize(32, 32), i % 2, 0});
        testing::makeImageProject(dir, samples, 2);
        for (int i = 0; i < 12; ++i) {  // a different pattern per image
            QImage img(32, 32, QImage::Format_RGB32);
            for (int y = 0; y < 32; ++y)
                for (int x = 0; x < 32; ++x) {
                    const int v = (x * (i + 1) + y * 3 * i + (x / 8) * 40 * (i % 3)) % 256;
                    img.setPixel(x, y, qRgb(v, v, v));
                }
            QVERIFY(img.save(QStringLiteral("%1/img/s%2.png").arg(dir).arg(i), "PNG"));
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_tmp.filePath(QStringLiteral("settings")));
        QCoreApplication::setOrganizationName(QStringLiteral("winnow-test"));
        QDir().mkpath(m_tmp.filePath(QStringLiteral("a")));
        QDir().mkpath(m_tmp.filePath(QStringLiteral("b")));
        makeProject(m_tmp.filePath(QStringLiteral("a")));
        makeProject(m_tmp.filePath(QStringLiteral("b")));
        m_file = testing::projectFile(m_tmp.filePath(QStringLiteral("a")));
        m_other = testing::projectFile(m_tmp.filePath(QStringLiteral("b")));
    }

    void issuesScanUsesTheEncoder() {
        JobRunner runner;
        IssuesPanel panel(&runner);
        panel.setProject(m_file);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.loading(), 20000);
        QComboBox* combo = panel.featuresChoice();
        EncoderFeaturesChoice* choice = choiceOf(combo);
        QVERIFY(choice);
        QVERIFY(choice->model().isEmpty());
        QCOMPARE(combo->currentData().toString(), QStringLiteral("thumbnail"));
        choice->setModel(QStringLiteral("hash-demo"));
        QCOMPARE(combo->currentData().toString(), QStringLiteral("encoder:hash-demo"));

        QSignalSpy done(&panel, &IssuesPanel::scanFinished);
        QVERIFY(panel.startScan() > 0);
        QVERIFY(done.wait(120000));
        QVERIFY2(done.front().at(0).toBool(), qPrintable(done.front().at(1).toString()));
        auto p = core::Project::openReadOnly(m_file);
        const auto latest = core::latestCuration(*p);
        QVERIFY(latest);
        QVERIFY2(latest->features.rfind("encoder:", 0) == 0, latest->features.c_str());
    }

    void modelIsRememberedPerProject() {
        QCOMPARE(EncoderFeaturesChoice::rememberedModel(m_file), QStringLiteral("hash-demo"));
        QVERIFY(EncoderFeaturesChoice::rememberedModel(m_other).isEmpty());
        JobRunner runner;
        IssuesPanel panel(&runner);
        panel.setProject(m_file);
        QComboBox* combo = panel.featuresChoice();
        QVERIFY(combo->findData(QStringLiteral("encoder:hash-demo")) >= 0);
        panel.setProject(m_other);
        QCOMPARE(combo->findData(QStringLiteral("encoder:hash-demo")), -1);
        QVERIFY(choiceOf(combo)->model().isEmpty());
    }

    void mapUsesTheEncoder() {
        JobRunner runner;
        MapPanel panel(&runner);
        panel.setProject(m_other, nullptr);
        auto* combo = panel.findChild<QComboBox*>(QStringLiteral("mapFeatures"));
        QVERIFY(combo);
        EncoderFeaturesChoice* choice = choiceOf(combo);
        QVERIFY(choice);
        choice->setModel(QStringLiteral("hash-demo"));
        QCOMPARE(combo->currentData().toString(), QStringLiteral("encoder:hash-demo"));
        QSignalSpy shown(&panel, &MapPanel::mapShown);
        QVERIFY(panel.compute() > 0);
        QVERIFY(shown.wait(120000));
        QCOMPARE(shown.front().at(0).toInt(), 12);
        const QString status = panel.findChild<QLabel*>(QStringLiteral("mapStatus"))->text();
        QVERIFY2(status.contains(QStringLiteral("encoder:")), qPrintable(status));
        QCOMPARE(EncoderFeaturesChoice::rememberedModel(m_other), QStringLiteral("hash-demo"));
    }
};

QTEST_MAIN(TestFeaturesChoice)
#include "tst_features_choice.moc"
