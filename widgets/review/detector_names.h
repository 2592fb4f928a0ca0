#pragma once
#include <QCoreApplication>
#include <QString>

namespace winnow::widgets {

// What the GUI calls each detector. Scorings store a stable identifier ("influential-rank",
// "small-loss", …, written by core and the CLI); every view shows this translated name instead.
// The ids come from core's registry (core/influence/detector_registry.h); one this table does
// not translate shows core's English name, and one nobody knows (an older Winnow's) as stored.
class DetectorNames {
    Q_DECLARE_TR_FUNCTIONS(DetectorNames)
public:
    static QString displayName(const QString& detector);
    // "Influential Rank · run 3 (scoring 12)": one entry of the detector switch.
    static QString scoringLabel(const QString& detector, qint64 runId, qint64 scoringId);
};

}  // namespace winnow::widgets
