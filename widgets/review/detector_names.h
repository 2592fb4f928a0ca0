#pragma once
#include <QCoreApplication>
#include <QString>

namespace winnow::widgets {

// What the GUI calls each detector. Scorings store a stable identifier ("influential-rank",
// "small-loss", …, written by core and the CLI); every view shows this translated name instead.
// An identifier this table does not know is shown as stored.
class DetectorNames {
    Q_DECLARE_TR_FUNCTIONS(DetectorNames)
public:
    static QString displayName(const QString& detector);
    // "Influential Rank · run 3 (scoring 12)": one entry of the detector switch.
    static QString scoringLabel(const QString& detector, qint64 runId, qint64 scoringId);
};

}  // namespace winnow::widgets
