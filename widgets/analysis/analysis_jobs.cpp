#include "widgets/analysis/analysis_jobs.h"

#include <QCoreApplication>
#include <QLocale>
#include <memory>

#include "core/influence/detector_registry.h"
#include "core/influence/self_test.h"
#include "core/store/project.h"
#include "core/util/json_text.h"
#include "widgets/job_runner.h"
#include "widgets/review/detector_names.h"

namespace winnow::widgets {
namespace {

// Translation context of these jobs' texts.
class AnalysisJobs {
    Q_DECLARE_TR_FUNCTIONS(AnalysisJobs)
};

QString percent(double v) { return QLocale().toString(100.0 * v, 'f', 1) + QStringLiteral(" %"); }

}  // namespace

QStringList scoringDetectors() {
    QStringList ids;
    for (const std::string& id : core::detectorIds()) ids << QString::fromStdString(id);
    return ids;
}

QString detectorDisplayName(const QString& detector) { return DetectorNames::displayName(detector); }

int startNoiseInjection(JobRunner& runner, const std::filesystem::path& projectFile,
                        const NoiseRequest& request,
                        std::function<void(const JobResult&, const QString&)> onDone) {
    auto summary = std::make_shared<QString>();
    return runner.start(
        AnalysisJobs::tr("Inject %1 % label noise")
            .arg(QLocale().toString(100.0 * request.spec.rate, 'g', 3)),
        [projectFile, request, summary](const core::ProgressFn& progress, const core::CancelToken& cancel) {
            progress({0.0, ""});
            cancel.throwIfCancelled();
            auto project = core::Project::open(projectFile);
            const nlohmann::json j = core::injectProjectNoise(*project, request.spec, request.trustedPerClass);
            QString text = AnalysisJobs::tr("Flipped %1 of %2 training labels.")
                               .arg(QLocale().toString(core::jsonInt(core::jsonField(j, "flipped"))),
                                    QLocale().toString(core::jsonInt(core::jsonField(j, "eligible"))));
            if (j.contains("warning"))
                text += QLatin1Char(' ') + AnalysisJobs::tr("Some classes have fewer clean training samples than asked to keep trusted.");
            *summary = text;
            progress({1.0, ""});
        },
        [summary, onDone](const JobResult& r) {
            if (onDone) onDone(r, r.ok ? *summary : QString());
        });
}

int startScoring(JobRunner& runner, const std::filesystem::path& projectFile, const core::ScoreRequest& request,
                 std::function<void(const JobResult&, qint64, const QString&)> onDone) {
    struct Out {
        qint64 scoringId = 0;
        QString summary;
    };
    auto out = std::make_shared<Out>();
    const QString detector = QString::fromStdString(request.detector);
    const QString title = request.runId > 0
                              ? AnalysisJobs::tr("Score run %1: %2")
                                    .arg(request.runId)
                                    .arg(detectorDisplayName(detector))
                              : AnalysisJobs::tr("Score the latest run: %1")
                                    .arg(detectorDisplayName(detector));
    return runner.start(
        title,
        [projectFile, request, out](const core::ProgressFn& progress, const core::CancelToken& cancel) {
            progress({0.0, ""});
            auto project = core::Project::open(projectFile);
            core::ScoreRequest req = request;
            // A combination without a run combines the latest run's scorings.
            const auto info = core::findDetector(req.detector);
            if (info && (info->needs & core::kNeedsStoredScorings) && req.runId <= 0) req.runId = core::latestRun(*project);
            const core::ScoringOutcome o = core::scoreProject(*project, req, progress, &cancel);
            out->scoringId = o.scoringId;
            out->summary = AnalysisJobs::tr("Scoring %1 of run %2 flagged %3 of %4 training samples.")
                               .arg(o.scoringId)
                               .arg(o.runId)
                               .arg(QLocale().toString(core::jsonInt(core::jsonField(o.summary, "flagged"))),
                                    QLocale().toString(core::jsonInt(core::jsonField(o.summary, "n"))));
            progress({1.0, ""});
        },
        [out, onDone](const JobResult& r) {
            if (onDone) onDone(r, r.ok ? out->scoringId : 0, r.ok ? out->summary : QString());
        });
}

int startSelfTestEvaluation(JobRunner& runner, const std::filesystem::path& projectFile,
                            std::function<void(const JobResult&, const QString&)> onDone) {
    auto report = std::make_shared<QString>();
    return runner.start(
        AnalysisJobs::tr("Evaluate the self-test"),
        [projectFile, report](const core::ProgressFn& progress, const core::CancelToken&) {
            progress({0.0, ""});
            auto project = core::Project::openReadOnly(projectFile);
            const nlohmann::json j = core::evaluateProject(*project);
            QStringList lines;
            for (const nlohmann::json& d : core::jsonArray(core::jsonField(j, "detectors"))) {
                const QString ap = core::jsonField(d, "average_precision").is_null()
                                       ? QStringLiteral("–")
                                       : QLocale().toString(core::jsonDouble(core::jsonField(d, "average_precision")), 'f', 3);
                lines << AnalysisJobs::tr("Scoring %1 (%2, run %3): average precision %4, precision %5, recall %6")
                             .arg(core::jsonInt(core::jsonField(d, "scoring_id")))
                             .arg(detectorDisplayName(QString::fromStdString(core::jsonString(core::jsonField(d, "detector")))))
                             .arg(core::jsonInt(core::jsonField(d, "run_id")))
                             .arg(ap, percent(core::jsonDouble(core::jsonField(d, "precision"))), percent(core::jsonDouble(core::jsonField(d, "recall"))));
            }
            if (lines.isEmpty()) lines << AnalysisJobs::tr("No scoring yet: train and score a run first.");
            QStringList notScored;
            for (const nlohmann::json& id : core::jsonArray(core::jsonField(j, "not_scored")))
                notScored << detectorDisplayName(QString::fromStdString(core::jsonString(id)));
            if (!notScored.isEmpty())
                lines << AnalysisJobs::tr("Not scored yet: %1").arg(notScored.join(QStringLiteral(", ")));
            *report = lines.join(QLatin1Char('\n'));
            progress({1.0, ""});
        },
        [report, onDone](const JobResult& r) {
            if (onDone) onDone(r, r.ok ? *report : QString());
        });
}

}  // namespace winnow::widgets
