#include "widgets/review/detector_names.h"

#include "core/influence/detector_registry.h"
#include "widgets/curation/issue_names.h"

namespace winnow::widgets {

QString DetectorNames::displayName(const QString& detector) {
    if (detector == QLatin1String("influential-rank")) return tr("Influential Rank");
    if (detector == QLatin1String("small-loss")) return tr("Small loss");
    if (detector == QLatin1String("confident-learning")) return tr("Confident learning");
    if (detector == QLatin1String("self-confidence")) return tr("Self-confidence");
    if (detector == QLatin1String("combined")) return tr("Combined ranking");
    if (detector == QLatin1String("aum")) return tr("Area under the margin");
    if (detector == QLatin1String("early-loss")) return tr("Early loss");
    if (detector == QLatin1String("cl-early")) return tr("Confident learning (early epoch)");
    if (detector == QLatin1String("map-selection")) return tr("Selection on the map");
    if (detector == QLatin1String("quality-cut")) return tr("Beyond an image-quality cut");
    if (detector == QLatin1String("disagreement")) return tr("Model disagreement (no scoring yet)");
    if (const QString issue = IssueNames::issueOfDetector(detector); !issue.isEmpty())
        return tr("Issue: %1").arg(IssueNames::displayName(issue));
    // A registered detector without a translation here: core's English name; else as stored.
    if (const auto info = core::findDetector(detector.toStdString())) return QString::fromStdString(info->displayName);
    return detector;
}

QString DetectorNames::scoringLabel(const QString& detector, qint64 runId, qint64 scoringId) {
    return tr("%1 · run %2 (scoring %3)").arg(displayName(detector)).arg(runId).arg(scoringId);
}

}  // namespace winnow::widgets
