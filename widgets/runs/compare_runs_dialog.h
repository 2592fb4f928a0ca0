#pragma once
#include <QDialog>
#include <QVector>
#include <filesystem>
#include <vector>

#include "widgets/runs/run_comparison.h"

class QComboBox;
class QTableWidget;

namespace winnow::widgets {

class PlotFrame;

// "Compare runs": every run of the project with its config (model, loss, epochs, label
// version) and final train/val/test accuracy; for two chosen runs their loss and accuracy
// curves overlaid (A solid, B dashed), per-class accuracy side by side, and for their
// scorings the flagged counts, the Jaccard overlap of the flagged sets, the Spearman rank
// correlation of the scores and, on a self-test project, precision/recall/F1 of each.
class CompareRunsDialog : public QDialog {
    Q_OBJECT
public:
    explicit CompareRunsDialog(const std::filesystem::path& projectFile, QWidget* parent = nullptr);

    // Rereads the runs table (a retrain may have added one). Throws core::Error.
    void reload();
    // Chooses the two runs compared (ids); false when either is unknown.
    bool setRuns(qint64 runA, qint64 runB);
    qint64 runA() const;
    qint64 runB() const;

    QTableWidget* runsTable() const { return m_runs; }
    QTableWidget* scoringTable() const { return m_scorings; }
    // Points drawn for a metrics key ("acc_val", "loss_train", ...) of run A (0) or B (1).
    QVector<double> curve(int slot, const QString& key) const;
    // Per-class accuracy bars of run A (0) or B (1), class order.
    QVector<double> perClass(int slot) const;
    PlotFrame* lossFrame() const { return m_lossPlot; }
    PlotFrame* accuracyFrame() const { return m_accPlot; }
    PlotFrame* perClassFrame() const { return m_perClassPlot; }

private:
    void fillRunsTable();
    void fitRunsTableHeight();
    void compare();
    void drawCurves(const RunInfo* a, const RunInfo* b);
    void drawPerClass(const RunInfo* a, const RunInfo* b);
    void fillScorings(const RunInfo* a, const RunInfo* b);
    const RunInfo* find(qint64 id) const;

    std::filesystem::path m_file;
    std::vector<RunInfo> m_runInfo;
    QStringList m_classNames;
    QTableWidget* m_runs;
    QComboBox* m_a;
    QComboBox* m_b;
    PlotFrame* m_lossPlot;
    PlotFrame* m_accPlot;
    PlotFrame* m_perClassPlot;
    QTableWidget* m_scorings;
    QVector<double> m_perClass[2];
};

}  // namespace winnow::widgets
