// The CLI and the GUI on one project at once: `winnow-cli score` runs as a separate process
// while the review widget records decisions in a loop (each one committed before the UI
// advances). Neither side may fail with "database is locked", every acknowledged decision
// must be in the audit table, the CLI must succeed, and the GUI's scoring watcher must
// report the new scoring, which then loads.
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include "../core/array_project_fixture.h"
#include "core/influence/project_scoring.h"
#include "core/store/project.h"
#include "core/train/trainer.h"
#include "widgets/review/review_data_loader.h"
#include "widgets/review/review_queue_model.h"
#include "widgets/review/review_widget.h"
#include "widgets/review/scoring_watcher.h"

using namespace winnow;
using namespace winnow::widgets;
namespace fs = std::filesystem;

class TestReviewCliConcurrency : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void cliScoresWhileGuiReviews() {
        const fs::path file = fs::path(m_tmp.path().toStdString()) / "both.winnow";
        array_fixture::makeArrayProject(file, 150);
        const qint64 first = array_fixture::trainAndScore(file, "small-loss");
        ReviewWidget w;
        w.open(file, loadReviewData(file), QStringLiteral("tester"));
        ScoringWatcher watcher;
        watcher.setInterval(50);  // the window's 5 s poll, shortened for the test
        QCOMPARE(watcher.interval(), 50);
        QSignalSpy seen(&watcher, &ScoringWatcher::newScoring);
        watcher.watch(file, first);

        QProcess cli;
        cli.start(QStringLiteral(WINNOW_CLI),
                  {QStringLiteral("score"), QStringLiteral("--project"), QString::fromStdString(file.string()),
                   QStringLiteral("--method"), QStringLiteral("influential-rank"), QStringLiteral("--json")});
        QVERIFY(cli.waitForStarted(10000));
        // Decisions in a loop for as long as the CLI runs (and at least 40 of them): keep /
        // ambiguous alternate over the whole train split, so every one writes a row.
        const int n = w.model()->rowCount();
        QVERIFY(n > 0);
        int made = 0, whileRunning = 0;
        QStringList errors;
        QElapsedTimer guard;
        guard.start();
        while ((cli.state() != QProcess::NotRunning || made < 40) && guard.elapsed() < 100000) {
            w.setCurrentRow(made % n);
            const auto action = made % 2 ? core::ReviewAction::Ambiguous : core::ReviewAction::Keep;
            const bool running = cli.state() != QProcess::NotRunning;
            if (w.decide(action)) {
                ++made;
                whileRunning += running;
            }
            else errors << w.lastError();
            QCoreApplication::processEvents();
        }
        if (cli.state() != QProcess::NotRunning) QVERIFY(cli.waitForFinished(100000));
        const QByteArray err = cli.readAllStandardError();
        const QByteArray out = cli.readAllStandardOutput();
        QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0, err.constData());
        QVERIFY2(!err.contains("locked") && !out.contains("locked"), err.constData());
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(made >= 40);
        QVERIFY2(whileRunning >= 5, qPrintable(QString::number(whileRunning)));  // they did overlap
        qInfo("%d decisions, %d of them while the CLI ran", made, whileRunning);

        // Every acknowledged decision is a row, read through a separate connection.
        auto p = core::Project::openReadOnly(file);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM review_decisions WHERE reviewer='tester'"), made);
        const QJsonObject summary = QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
        const qint64 cliScoring = summary.value(QStringLiteral("scoring_id")).toInteger();
        QVERIFY(cliScoring > first);
        QCOMPARE(p->db().queryInt64("SELECT count(*) FROM scorings"), 2);

        // The GUI side notices it within a few polls and can load it.
        QTRY_VERIFY_WITH_TIMEOUT(seen.count() >= 1, 10000);
        QCOMPARE(seen.first().at(0).toLongLong(), cliScoring);
        QCOMPARE(seen.first().at(2).toString(), QStringLiteral("influential-rank"));
        QCOMPARE(watcher.newestSeen(), cliScoring);
        QVERIFY(!watcher.poll());  // reported once
        auto fresh = loadReviewData(file, cliScoring);
        QVERIFY(fresh);
        QCOMPARE(fresh->detector, QStringLiteral("influential-rank"));
        QVERIFY(fresh->hasOsd());
    }
};

QTEST_MAIN(TestReviewCliConcurrency)
#include "tst_review_cli_concurrency.moc"
