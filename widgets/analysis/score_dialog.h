#pragma once
#include <QDialog>
#include <QStringList>
#include <filesystem>

#include "core/influence/project_scoring.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace winnow::widgets {

// Options of a scoring (what `winnow-cli score` takes): the run (latest by default), the
// detector (core's registry, in its order: the combined ranking first) and the settings the
// chosen detector reads (DetectorInfo::settings).
class ScoreDialog : public QDialog {
    Q_OBJECT
public:
    explicit ScoreDialog(const std::filesystem::path& projectFile, QWidget* parent = nullptr);
    core::ScoreRequest request() const;
    // Runs offered (newest first); empty when the project has none (the dialog says so).
    int runCount() const;

private:
    void updateOptions();
    // When the chosen combining detector (the combined ranking) finds none of its default sets
    // complete among the chosen run's scorings: each set, as "A and B" in display names; else
    // (and for other detectors) empty.
    QStringList missingForCombined() const;
    // Index of the first default set the run has complete (core DetectorInfo::combines), -1
    // none, -2 the project could not be read.
    int usableCombination() const;
    // Display names of the set the chosen detector will combine (the first set when none is complete).
    QStringList combinedNames() const;

    std::filesystem::path m_file;
    QPushButton* m_ok = nullptr;
    QComboBox* m_run;
    QComboBox* m_detector;
    QSpinBox* m_gamma;
    QDoubleSpinBox* m_rate;
    QLabel* m_note;
};

}  // namespace winnow::widgets
