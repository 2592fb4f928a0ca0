#pragma once
#include <QGroupBox>

#include "core/train/train_config.h"

class QCheckBox;
class QDoubleSpinBox;
class QSpinBox;

namespace winnow::widgets {

// The less common training settings, collapsed by default under "Advanced": warm-up,
// momentum/Nesterov, when IB, DRW and CMO switch on, input size and frames per clip, mixed
// precision, determinism and loader threads. Like TrainDialog, each widget's objectName is
// its TrainConfig field. "Automatic" (-1 / 0) values map to the engine's own defaults.
class TrainAdvancedBox : public QGroupBox {
    Q_OBJECT
public:
    explicit TrainAdvancedBox(QWidget* parent = nullptr);

    void setConfig(const core::TrainConfig& c);
    // Writes this box's fields into `c`, leaving every other field alone.
    void apply(core::TrainConfig& c) const;
    // Enables the fields that matter for the given loss / class weights / CMO choice.
    void updateEnabled(const core::TrainConfig& c);

protected:
    void paintEvent(QPaintEvent* e) override;

private:
    void showFields(bool on);
    QSpinBox* m_warmup;
    QDoubleSpinBox* m_momentum;
    QCheckBox* m_nesterov;
    QSpinBox* m_ibStart;
    QDoubleSpinBox* m_ibAlpha;
    QSpinBox* m_drwStart;
    QSpinBox* m_cmoStart;
    QSpinBox* m_cmoEndMargin;
    QSpinBox* m_inputSize;
    QSpinBox* m_frames;
    QCheckBox* m_amp;
    QCheckBox* m_deterministic;
    QSpinBox* m_loaderThreads;
};

}  // namespace winnow::widgets
