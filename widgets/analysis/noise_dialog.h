#pragma once
#include <QDialog>

#include "widgets/analysis/analysis_jobs.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace winnow::widgets {

// Options of a noise self-test (what `winnow-cli noise` takes): kind, rate, seed and the
// clean samples per class kept as the trusted set.
class NoiseDialog : public QDialog {
    Q_OBJECT
public:
    explicit NoiseDialog(QWidget* parent = nullptr);
    NoiseRequest request() const;
    void setRequest(const NoiseRequest& r);

private:
    QComboBox* m_kind;
    QDoubleSpinBox* m_rate;
    QSpinBox* m_seed;
    QSpinBox* m_trusted;
};

}  // namespace winnow::widgets
