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
    // Detectors (display names) whose scoring of the chosen run the chosen combining detector
    // (the combined ranking) lacks; empty for other detectors.
    QStringList missingForCombined() const;
    // Display names of the detectors the chosen detector combines (core DetectorInfo::combines).
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
