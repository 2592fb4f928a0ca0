#pragma once
#include <QString>
#include <filesystem>
#include <functional>

#include "core/influence/noise_injection.h"
#include "core/influence/project_scoring.h"

namespace winnow::widgets {

class JobRunner;
struct JobResult;

// The reviewer's loop without the CLI (issue 16): what `winnow-cli noise`, `score` and
// `eval` do, as JobRunner jobs. Each worker opens its own Project connection; `onDone` runs
// on the runner's (GUI) thread with one line of readable outcome (empty when the job failed
// or was cancelled; the JobResult then says why).
struct NoiseRequest {
    core::NoiseSpec spec;
    int trustedPerClass = 10;
};

// Injects label noise for a self-test (original labels kept, so it can be measured).
int startNoiseInjection(JobRunner& runner, const std::filesystem::path& projectFile,
                        const NoiseRequest& request,
                        std::function<void(const JobResult&, const QString& summary)> onDone = {});

// Scores a run with one registered detector (core::scoreProject; "combined" is the rank average
// of the run's latest Influential Rank and confident-learning scorings, of the latest run when
// the request names none). `scoringId` is the new scoring's id.
int startScoring(JobRunner& runner, const std::filesystem::path& projectFile,
                 const core::ScoreRequest& request,
                 std::function<void(const JobResult&, qint64 scoringId, const QString& summary)> onDone = {});

// The self-test's evaluation: each stored scoring against the injected truth, one line
// per detector (average precision, precision and recall of its flags), then the registered
// detectors not scored yet.
int startSelfTestEvaluation(JobRunner& runner, const std::filesystem::path& projectFile,
                            std::function<void(const JobResult&, const QString& report)> onDone = {});

// The detectors `startScoring` accepts, in menu order (core's registry), and their names as
// shown (DetectorNames::displayName).
QStringList scoringDetectors();
QString detectorDisplayName(const QString& detector);

}  // namespace winnow::widgets
