// Review ▸ Search by Text: the dialog runs the search as a job on an array project with
// hash-demo and hands on the ranked samples the core search gives; a missing model file ends
// the job with an error naming it; the Review queue of the result keeps the ranking (highest
// score first, ties by id).
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "../core/array_project_fixture.h"
#include "core/curation/similarity_search.h"
#include "widgets/curation/curation_review_data.h"
#include "widgets/curation/text_search_dialog.h"
#include "widgets/job_runner.h"
#include "widgets/review/review_data.h"

using namespace winnow;
using namespace winnow::widgets;

class TestTextSearchDialog : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path m_file;

private Q_SLOTS:
    void initTestCase() {
        m_file = std::filesystem::path(m_dir.path().toStdString()) / "p.winnow";
        array_fixture::makeArrayProject(m_file, 10);
    }

    void searchHandsOnTheRanking() {
        JobRunner runner;
        TextSearchDialog dlg(&runner, m_file);
        dlg.modelEdit()->setText(QStringLiteral("hash-demo"));
        dlg.queryEdit()->setText(QStringLiteral("a bright band"));
        dlg.countBox()->setValue(12);
        QSignalSpy results(&dlg, &TextSearchDialog::resultsReady);
        QSignalSpy finished(&dlg, &TextSearchDialog::searchFinished);
        QVERIFY(dlg.startSearch() > 0);
        QVERIFY(dlg.searching());
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(results.size(), 1);
        const auto ids = results.at(0).at(0).value<QVector<qint64>>();
        const auto scores = results.at(0).at(1).value<QVector<float>>();
        QVERIFY(results.at(0).at(2).toString().contains(QStringLiteral("a bright band")));

        auto project = core::Project::openReadOnly(m_file);
        core::SimilarityQuery q;
        q.features = "encoder:hash-demo";
        q.text = "a bright band";
        q.k = 12;
        const auto expect = core::projectSimilaritySearch(*project, q);
        QCOMPARE(ids.size(), qsizetype(12));
        QCOMPARE(scores.size(), qsizetype(12));
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(ids[i], qint64(expect.hits[size_t(i)].id));
            QCOMPARE(scores[i], expect.hits[size_t(i)].score);
        }

        // The Review queue of the result: highest score first, whatever order the ids come in.
        QVector<qint64> shuffled(ids.rbegin(), ids.rend());
        QVector<float> shuffledScores(scores.rbegin(), scores.rend());
        const auto data = loadSampleListReviewData(m_file, shuffled, QStringLiteral("search"), false, shuffledScores);
        QVERIFY(data);
        QCOMPARE(data->n, int64_t(12));
        for (int i = 0; i < 12; ++i) {
            const uint32_t row = data->byScore[size_t(i)];
            QCOMPARE(qint64(data->ids[row]), ids[i]);
        }
    }

    void missingModelFailsNamingIt() {
        JobRunner runner;
        TextSearchDialog dlg(&runner, m_file);
        const QString missing = m_dir.filePath(QStringLiteral("no-such-encoder.pt"));
        dlg.modelEdit()->setText(missing);
        dlg.queryEdit()->setText(QStringLiteral("a cat"));
        QSignalSpy results(&dlg, &TextSearchDialog::resultsReady);
        QSignalSpy finished(&dlg, &TextSearchDialog::searchFinished);
        QVERIFY(dlg.startSearch() > 0);
        QVERIFY(finished.wait(60000));
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("no-such-encoder.pt")),
                 qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(results.size(), 0);
        // An empty query starts nothing.
        dlg.queryEdit()->clear();
        QCOMPARE(dlg.startSearch(), 0);
    }
};

QTEST_MAIN(TestTextSearchDialog)
#include "tst_text_search_dialog.moc"
